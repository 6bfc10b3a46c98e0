package scenarios

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// housingChangeConfig is a `housing` change: a new residential area (a new
// estate of the housing pipeline) with residents from its completion year.
// It becomes an area of the scenario's own copy of the city, with a
// completion_year, so the forecast gives it children by the housing rule
// (the district's per-resident rate, or the forecast block's yields).
type housingChangeConfig struct {
	Pos        strictyaml.Pos
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

// housingChanges picks the housing changes out of all changes.
func housingChanges(all []changeAt) []housingAt {
	var out []housingAt
	for _, c := range all {
		if h := c.cfg.Housing; h != nil {
			out = append(out, housingAt{c.file, c.index, h, len(c.cfg.blocks()) > 1})
		}
	}
	return out
}

func (hc *housingChangeConfig) line() int { return hc.Pos.Line }

// toChange is no engine.Change: a housing change changes the city before
// the run (applyHousing).
func (hc *housingChangeConfig) toChange(*engine.City) (engine.Change, error) { return nil, nil }

// applyHousing gives s its own copy of the city with the housing changes'
// areas added (s.City is left as it is without any). Every bad housing
// change is reported.
func (s *Scenario) applyHousing(hs []housingAt) error {
	if len(hs) == 0 {
		return nil
	}
	c := s.City
	ids := make(map[string]bool, len(c.Areas)+len(hs))
	for i := range c.Areas {
		ids[c.Areas[i].ID] = true
	}
	join := districtLocator(c)
	areas := slices.Clip(c.Areas)
	var errs geo.Errors
	for _, h := range hs {
		a, err := s.housingArea(h, ids, join)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids[a.ID] = true
		areas = append(areas, a)
	}
	if len(errs) > 0 {
		return errs
	}
	cc := *c
	cc.Areas = areas
	s.City = &cc
	return nil
}

// housingArea makes the area of one housing change (ids: the ids taken).
func (s *Scenario) housingArea(h housingAt, ids map[string]bool, join *geo.PolygonIndex) (engine.Area, error) {
	if h.other {
		return engine.Area{}, &Error{File: h.file, Line: h.cfg.line(), Key: fmt.Sprintf("changes[%d]", h.index), Err: errOneKind}
	}
	if err := h.check(ids, s.Last, s.City); err != nil {
		return engine.Area{}, err
	}
	return h.area(s.City, join)
}

// check checks the housing change's id, residents, year (up to last) and
// place, in that order.
func (h housingAt) check(ids map[string]bool, last engine.Year, c *engine.City) error {
	hc := h.cfg
	switch {
	case hc.ID == "":
		return h.fail("id: missing")
	case ids[hc.ID]:
		return h.fail("id: %q: an area with this id exists", hc.ID)
	}
	if err := h.checkResidents(); err != nil {
		return err
	}
	switch {
	case hc.Year == 0:
		return h.fail("year: missing (the completion year)")
	case hc.Year < 1900 || engine.Year(hc.Year) > last:
		return h.fail("year: %d: want a completion year up to the scenario's last year %d", hc.Year, last)
	case !validLonLat(hc.At):
		return h.fail("at: %v: want [lon, lat] in %s", hc.At, c.LonLatCRS())
	}
	return nil
}

// checkResidents checks the population and households.
func (h housingAt) checkResidents() error {
	hc := h.cfg
	switch {
	case math.IsNaN(hc.Population) || hc.Population <= 0 || hc.Population > engine.MaxAreaPopulation:
		return h.fail("population: %v: want residents above 0, at most %d", hc.Population, engine.MaxAreaPopulation)
	case math.IsNaN(hc.Households) || hc.Households < 0 || hc.Households > hc.Population:
		return h.fail("households: %v: want 0 (unknown) to the population", hc.Households)
	}
	return nil
}

// area makes the checked housing change's area, in the district it names
// or else the one it lies in.
func (h housingAt) area(c *engine.City, join *geo.PolygonIndex) (engine.Area, error) {
	hc := h.cfg
	p := c.LonLatToPlane(orb.Point{hc.At[0], hc.At[1]})
	a := engine.Area{ID: hc.ID, Name: hc.Name, Population: hc.Population, Households: hc.Households,
		Point: p, Geometry: p, CompletionYear: engine.Year(hc.Year), District: -1}
	if hc.District != "" {
		if a.District = c.DistrictIndex(hc.District); a.District < 0 {
			return engine.Area{}, h.fail("district: %q: unknown district", hc.District)
		}
	} else if a.District = join.Locate(p); a.District < 0 {
		return engine.Area{}, h.fail("at: %v lies outside every district of the city", hc.At)
	}
	return a, nil
}

// fail is a problem of one field of the housing change: the message reads
// "field: what is wrong".
func (h housingAt) fail(format string, args ...any) error {
	field, msg, _ := strings.Cut(fmt.Sprintf(format, args...), ": ")
	return &Error{File: h.file, Line: h.cfg.line(), Key: fmt.Sprintf("changes[%d].housing.%s", h.index, field), Err: errors.New(msg)}
}
