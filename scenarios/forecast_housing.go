package scenarios

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// housingChangeConfig is a `housing` change: a new residential area (a new
// estate of the housing pipeline) with residents from its completion year.
// It becomes an area of the scenario's own copy of the city, with a
// completion_year, so the forecast gives it children by the housing rule
// (the district's per-resident rate, or the forecast block's yields).
type housingChangeConfig struct {
	ID         string    `yaml:"id"`
	Name       string    `yaml:"name"`
	At         []float64 `yaml:"at" check:"lonlat" help:"at is [lon, lat]"`
	District   string    `yaml:"district"`
	Population float64   `yaml:"population" help:"residents"`
	Households float64   `yaml:"households" help:"households"`
	Year       int       `yaml:"year" check:"year" help:"a calendar year"`
}

// housingAt is a housing change with the file and index it came from.
type housingAt struct {
	file  string
	index int
	cfg   *housingChangeConfig
	other bool // the change also names another kind
}

// applyHousing gives s its own copy of the city with the housing changes'
// areas added (s.City is left as it is without any).
func (s *Scenario) applyHousing(hs []housingAt) error {
	if len(hs) == 0 {
		return nil
	}
	c := s.City
	ids := make(map[string]bool, len(c.Areas)+len(hs))
	for i := range c.Areas {
		ids[c.Areas[i].ID] = true
	}
	var join *geo.PolygonIndex
	areas := slices.Clip(c.Areas)
	for _, h := range hs {
		fail := func(format string, args ...any) error {
			return &Error{File: h.file, Key: fmt.Sprintf("changes[%d]", h.index), Err: fmt.Errorf("%w: housing."+format, append([]any{ErrScenario}, args...)...)}
		}
		hc := h.cfg
		switch {
		case h.other:
			return &Error{File: h.file, Key: fmt.Sprintf("changes[%d]", h.index), Err: fmt.Errorf("%w: a change is exactly one of new_school, expand, close, seat_swap, housing", ErrScenario)}
		case hc.ID == "":
			return fail("id: missing")
		case ids[hc.ID]:
			return fail("id: %q: an area with this id exists", hc.ID)
		case math.IsNaN(hc.Population) || hc.Population <= 0 || hc.Population > 1e7:
			return fail("population: %v: want residents > 0", hc.Population)
		case math.IsNaN(hc.Households) || hc.Households < 0 || hc.Households > hc.Population:
			return fail("households: %v: want 0 (unknown) to the population", hc.Households)
		case hc.Year == 0:
			return fail("year: missing (the completion year)")
		case hc.Year < 1900 || engine.Year(hc.Year) > s.Last:
			return fail("year: %d: want a completion year up to the scenario's last year %d", hc.Year, s.Last)
		case len(hc.At) != 2 || math.IsNaN(hc.At[0]) || math.IsNaN(hc.At[1]) || math.Abs(hc.At[0]) > 180 || math.Abs(hc.At[1]) > 90:
			return fail("at: %v: want [lon, lat] in the city's CRS (%s)", hc.At, c.CRS)
		}
		ids[hc.ID] = true
		p := c.ToPlane(orb.Point{hc.At[0], hc.At[1]})
		a := engine.Area{ID: hc.ID, Name: hc.Name, Population: hc.Population, Households: hc.Households,
			Point: p, Geometry: p, CompletionYear: engine.Year(hc.Year), District: -1}
		if hc.District != "" {
			if a.District = c.DistrictIndex(hc.District); a.District < 0 {
				return fail("district: %q: unknown district", hc.District)
			}
		} else {
			if join == nil {
				polys := make([]orb.MultiPolygon, len(c.Districts))
				for i := range c.Districts {
					polys[i] = c.Districts[i].Geometry
				}
				join = geo.NewPolygonIndex(polys)
			}
			if a.District = join.Locate(p); a.District < 0 {
				return fail("at: %v lies outside every district of the city", hc.At)
			}
		}
		areas = append(areas, a)
	}
	cc := *c
	cc.Areas = areas
	s.City = &cc
	return nil
}
