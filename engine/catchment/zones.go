package catchment

import (
	"errors"
	"fmt"
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// ErrZone is wrapped by errors in zone catchments.
var ErrZone = errors.New("catchment: bad zone")

// Zones assigns each area to the school(s) of its zone for opt.Stage: the
// area's catchment property, else the catchment polygons containing its
// point (an area inside the zones of several schools, like one listed with
// several schools, belongs to a multi-school catchment). A zone school that
// is not open is replaced by its closure target (mergeInto[s], when given
// and open) or dropped; an area left with no school — or in no zone — goes
// to the nearest open school as in Nearest.
func Zones(c *engine.City, opt Options, mergeInto []int) (*engine.Assignment, error) {
	zone, err := ZoneSchools(c, opt.Stage)
	if err != nil {
		return nil, err
	}
	a := &engine.Assignment{School: make([]int32, len(c.Areas)), Dist: make([]engine.Meters, len(c.Areas))}
	var finder *Finder
	var list []int32
	for i := range c.Areas {
		area := &c.Areas[i]
		list = list[:0]
		for _, s := range zone[i] {
			for hops := 0; s >= 0 && !opt.Open[s] && hops < len(c.Schools); hops++ {
				if mergeInto == nil {
					s = -1
					break
				}
				s = mergeInto[s]
			}
			if s >= 0 && opt.Open[s] && !slices.Contains(list, int32(s)) {
				list = append(list, int32(s))
			}
		}
		if len(list) == 0 {
			if finder == nil {
				finder = NewFinder(c, opt)
			}
			n, d := finder.Nearest(area.District, area.Point)
			a.School[i], a.Dist[i] = int32(n), d
			continue
		}
		a.School[i] = list[0]
		a.Dist[i] = geo.Distance(area.Point, c.Schools[list[0]].Point)
		if len(list) > 1 {
			if a.Multi == nil {
				a.Multi = map[int32][]int32{}
			}
			a.Multi[int32(i)] = slices.Clone(list)
		}
	}
	a.Group(len(c.Schools))
	return a, nil
}

// ZoneSchools returns each area's zone schools for stage st (nil for an
// area in no zone), in the order listed, then by polygon.
func ZoneSchools(c *engine.City, st engine.Stage) ([][]int, error) {
	ids := make(map[string]int, len(c.Schools))
	for i := range c.Schools {
		ids[c.Schools[i].ID] = i
	}
	var polys []orb.MultiPolygon
	var owner [][]int
	for k := range c.Catchments {
		ct := &c.Catchments[k]
		if !ct.AllStage && ct.Stage != st {
			continue
		}
		var own []int
		for _, id := range ct.Schools {
			s, ok := ids[id]
			if !ok {
				return nil, fmt.Errorf("%w: catchment %d: school %q: %w", ErrZone, k, id, engine.ErrUnknownID)
			}
			if c.Schools[s].Kind.Serves(st) {
				own = append(own, s)
			}
		}
		if len(own) == 0 {
			continue // an all-stage polygon of schools without this stage
		}
		polys = append(polys, ct.Geometry)
		owner = append(owner, own)
	}
	var pix *geo.PolygonIndex
	if len(polys) > 0 {
		pix = geo.NewPolygonIndex(polys)
	}
	zone := make([][]int, len(c.Areas))
	var buf []int
	for i := range c.Areas {
		a := &c.Areas[i]
		if list := a.Catchment[st]; list != nil {
			for _, id := range list {
				s, ok := ids[id]
				if !ok {
					return nil, fmt.Errorf("%w: area %q: catchment_%s: school %q: %w", ErrZone, a.ID, st, id, engine.ErrUnknownID)
				}
				zone[i] = append(zone[i], s)
			}
			continue
		}
		if pix == nil {
			continue
		}
		buf = pix.LocateAll(buf[:0], a.Point)
		slices.Sort(buf)
		for _, k := range buf {
			for _, s := range owner[k] {
				if !slices.Contains(zone[i], s) {
					zone[i] = append(zone[i], s)
				}
			}
		}
	}
	return zone, nil
}
