// Package citytest builds small cities in memory for tests, directly on the
// local metric plane, so that expected results can be worked out by hand.
package citytest

import (
	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
)

// Builder assembles a City. Coordinates are metres.
type Builder struct {
	c engine.City
}

// New starts a city whose forecast covers first..last and ages 0..15.
func New(first, last engine.Year) *Builder {
	b := &Builder{}
	b.c.Name = "test"
	b.c.Forecast = engine.Forecast{FirstYear: first, LastYear: last, MaxAge: 15,
		ByDistrict: map[int]*engine.AgeTable{}, ByArea: map[int]*engine.AgeTable{}}
	return b
}

// District adds a rectangular district and returns its index.
func (b *Builder) District(id string, minX, minY, maxX, maxY float64) int {
	ring := orb.Ring{{minX, minY}, {maxX, minY}, {maxX, maxY}, {minX, maxY}, {minX, minY}}
	b.c.Districts = append(b.c.Districts, engine.District{ID: id, Name: id, Geometry: orb.MultiPolygon{{ring}}})
	return len(b.c.Districts) - 1
}

// Area adds a point area and returns its index.
func (b *Builder) Area(id string, district int, x, y, pop float64) int {
	p := orb.Point{x, y}
	b.c.Areas = append(b.c.Areas, engine.Area{ID: id, District: district, Point: p, Geometry: p, Population: pop})
	return len(b.c.Areas) - 1
}

// School adds a school with the same streams in every stage it serves and
// returns a pointer to it for further settings (valid until the next add).
func (b *Builder) School(id string, kind engine.Kind, district int, x, y float64, streams int) *engine.School {
	s := engine.School{ID: id, Name: id, Kind: kind, District: district, Point: orb.Point{x, y}}
	for _, st := range engine.Stages {
		if kind.Serves(st) {
			s.Streams[st] = streams
		}
	}
	b.c.Schools = append(b.c.Schools, s)
	return &b.c.Schools[len(b.c.Schools)-1]
}

// DistrictChildren sets the district's forecast from fn for every year and age.
func (b *Builder) DistrictChildren(district int, fn func(y engine.Year, age int) float64) {
	b.c.Forecast.ByDistrict[district] = b.table(fn)
}

// AreaChildren sets an area's own forecast from fn.
func (b *Builder) AreaChildren(area int, fn func(y engine.Year, age int) float64) {
	b.c.Forecast.ByArea[area] = b.table(fn)
}

func (b *Builder) table(fn func(y engine.Year, age int) float64) *engine.AgeTable {
	f := &b.c.Forecast
	n := f.Years() * (f.MaxAge + 1)
	t := &engine.AgeTable{Count: make([]float64, n), Has: make([]bool, n)}
	for y := f.FirstYear; y <= f.LastYear; y++ {
		for age := 0; age <= f.MaxAge; age++ {
			k := f.Index(y, age)
			t.Count[k], t.Has[k] = fn(y, age), true
		}
	}
	return t
}

// System sets the city's school system (the default is 6+3).
func (b *Builder) System(s engine.SchoolSystem) { b.c.System = s }

// Stages makes the city run only the stages given.
func (b *Builder) Stages(sts ...engine.Stage) { b.c.RunStages = sts }

// City returns the city built so far.
func (b *Builder) City() *engine.City {
	c := b.c
	return &c
}

// Catchment adds a rectangular catchment polygon of the given schools for
// stage st.
func (b *Builder) Catchment(st engine.Stage, minX, minY, maxX, maxY float64, schools ...string) {
	ring := orb.Ring{{minX, minY}, {maxX, minY}, {maxX, maxY}, {minX, maxY}, {minX, minY}}
	b.c.Catchments = append(b.c.Catchments, engine.Catchment{Schools: schools, Stage: st, Geometry: orb.MultiPolygon{{ring}}})
}

// SetAreaCatchment sets an area's catchment property for stage st.
func (b *Builder) SetAreaCatchment(area int, st engine.Stage, schools ...string) {
	b.c.Areas[area].Catchment[st] = schools
}
