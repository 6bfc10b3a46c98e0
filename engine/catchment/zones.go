package catchment

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// ErrZone is wrapped by errors in zone catchments.
var ErrZone = errors.New("catchment: bad zone")

// Zones assigns each area to the school of its zone for opt.Stage: the
// area's catchment property, else the catchment polygon containing its
// point. When the zone's school is not open, the area follows the school's
// closure (mergeInto[s], when given and open), else — and for an area in no
// zone — it goes to the nearest open school as in Nearest.
//
// Multi-school catchments (an area or polygon naming several schools) and
// overlapping zones of different schools are errors until multi-school
// admission is supported.
func Zones(c *engine.City, opt Options, mergeInto []int) (*Assignment, error) {
	zone, err := ZoneSchools(c, opt.Stage)
	if err != nil {
		return nil, err
	}
	a := &Assignment{School: make([]int32, len(c.Areas)), Dist: make([]engine.Meters, len(c.Areas))}
	var finder *Finder
	for i := range c.Areas {
		area := &c.Areas[i]
		s := zone[i]
		for hops := 0; s >= 0 && !opt.Open[s] && hops < len(c.Schools); hops++ {
			if mergeInto == nil {
				s = -1
				break
			}
			s = mergeInto[s]
		}
		if s >= 0 && !opt.Open[s] {
			s = -1
		}
		if s < 0 {
			if finder == nil {
				finder = NewFinder(c, opt)
			}
			n, d := finder.Nearest(area.District, area.Point)
			a.School[i], a.Dist[i] = int32(n), d
			continue
		}
		a.School[i] = int32(s)
		a.Dist[i] = geo.Distance(area.Point, c.Schools[s].Point)
	}
	a.group(len(c.Schools))
	return a, nil
}

// ZoneSchools returns each area's zone school for stage st, or -1 for an
// area in no zone.
func ZoneSchools(c *engine.City, st engine.Stage) ([]int, error) {
	ids := make(map[string]int, len(c.Schools))
	for i := range c.Schools {
		ids[c.Schools[i].ID] = i
	}
	var polys []orb.MultiPolygon
	var owner []int
	for k := range c.Catchments {
		ct := &c.Catchments[k]
		if !ct.AllStage && ct.Stage != st {
			continue
		}
		if len(ct.Schools) > 1 {
			return nil, fmt.Errorf("%w: catchment %d names %d schools: multi-school catchments are not supported yet", ErrZone, k, len(ct.Schools))
		}
		s, ok := ids[ct.Schools[0]]
		if !ok {
			return nil, fmt.Errorf("%w: catchment %d: school %q: %w", ErrZone, k, ct.Schools[0], engine.ErrUnknownID)
		}
		if !c.Schools[s].Kind.Serves(st) {
			continue // an all-stage polygon of a school without this stage
		}
		polys = append(polys, ct.Geometry)
		owner = append(owner, s)
	}
	var pix *geo.PolygonIndex
	if len(polys) > 0 {
		pix = geo.NewPolygonIndex(polys)
	}
	zone := make([]int, len(c.Areas))
	var buf []int
	for i := range c.Areas {
		a := &c.Areas[i]
		zone[i] = -1
		if ids := a.Catchment[st]; ids != nil {
			if len(ids) > 1 {
				return nil, fmt.Errorf("%w: area %q: catchment_%s names %d schools: multi-school catchments are not supported yet", ErrZone, a.ID, st, len(ids))
			}
			s, ok := c.SchoolIndexOK(ids[0])
			if !ok {
				return nil, fmt.Errorf("%w: area %q: catchment_%s: school %q: %w", ErrZone, a.ID, st, ids[0], engine.ErrUnknownID)
			}
			zone[i] = s
			continue
		}
		if pix == nil {
			continue
		}
		buf = pix.LocateAll(buf[:0], a.Point)
		for _, k := range buf {
			s := owner[k]
			if zone[i] >= 0 && zone[i] != s {
				return nil, fmt.Errorf("%w: area %q lies in the %s catchments of both %q and %q", ErrZone, a.ID, st, c.Schools[zone[i]].ID, c.Schools[s].ID)
			}
			zone[i] = s
		}
	}
	return zone, nil
}
