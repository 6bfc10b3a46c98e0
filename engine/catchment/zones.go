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
		list = openZoneSchools(list[:0], zone[i], opt.Open, mergeInto)
		if len(list) == 0 {
			if finder == nil {
				finder = NewFinder(c, opt)
			}
			n, d := finder.NearestArea(i)
			a.School[i], a.Dist[i] = int32(n), d
			continue
		}
		a.School[i] = list[0]
		a.Dist[i] = areaDist(c, &opt, i, int(list[0]))
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

// openZoneSchools appends to dst the open schools standing for the zone
// schools zone: each school, or the school it merged into when it is
// closed (following closures), each once, in order; a closed school with
// no open target is dropped.
func openZoneSchools(dst []int32, zone []int, open []bool, mergeInto []int) []int32 {
	for _, s := range zone {
		s = openTarget(s, open, mergeInto)
		if s >= 0 && !slices.Contains(dst, int32(s)) {
			dst = append(dst, int32(s))
		}
	}
	return dst
}

// openTarget follows school s's closures (mergeInto) to an open school,
// and returns it, or −1 when there is none.
func openTarget(s int, open []bool, mergeInto []int) int {
	for hops := 0; s >= 0 && !open[s] && hops < len(open); hops++ {
		if mergeInto == nil {
			return -1
		}
		s = mergeInto[s]
	}
	if s >= 0 && open[s] {
		return s
	}
	return -1
}

// ZoneSchools returns each area's zone schools for stage st (nil for an
// area in no zone), in the order listed, then by polygon.
func ZoneSchools(c *engine.City, st engine.Stage) ([][]int, error) {
	ids := make(map[string]int, len(c.Schools))
	for i := range c.Schools {
		ids[c.Schools[i].ID] = i
	}
	zp, err := stageZones(c, st, ids)
	if err != nil {
		return nil, err
	}
	zone := make([][]int, len(c.Areas))
	for i := range c.Areas {
		a := &c.Areas[i]
		if list := a.Catchment[st]; list != nil {
			if zone[i], err = listedSchools(a, st, list, ids); err != nil {
				return nil, err
			}
			continue
		}
		zone[i] = zp.schoolsAt(nil, a.Point)
	}
	return zone, nil
}

// listedSchools returns the schools of area a's catchment property for
// stage st, by index.
func listedSchools(a *engine.Area, st engine.Stage, list []string, ids map[string]int) ([]int, error) {
	var zone []int
	for _, id := range list {
		s, ok := ids[id]
		if !ok {
			return nil, fmt.Errorf("%w: area %q: catchment_%s: school %q: %w", ErrZone, a.ID, st, id, engine.ErrUnknownID)
		}
		zone = append(zone, s)
	}
	return zone, nil
}

// zonePolygons are the catchment polygons of a stage, indexed, with the
// schools of each that serve the stage.
type zonePolygons struct {
	index *geo.PolygonIndex // nil when there are none
	owner [][]int
	buf   []int
}

// stageZones indexes the catchment polygons of stage st that have a
// school of the stage.
func stageZones(c *engine.City, st engine.Stage, ids map[string]int) (*zonePolygons, error) {
	var polys []orb.MultiPolygon
	z := &zonePolygons{}
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
		z.owner = append(z.owner, own)
	}
	if len(polys) > 0 {
		z.index = geo.NewPolygonIndex(polys)
	}
	return z, nil
}

// schoolsAt appends to dst the schools of the polygons containing p, by
// polygon, each once.
func (z *zonePolygons) schoolsAt(dst []int, p orb.Point) []int {
	if z.index == nil {
		return dst
	}
	z.buf = z.index.LocateAll(z.buf[:0], p)
	slices.Sort(z.buf)
	for _, k := range z.buf {
		for _, s := range z.owner[k] {
			if !slices.Contains(dst, s) {
				dst = append(dst, s)
			}
		}
	}
	return dst
}
