package admit

import (
	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// placeNearest places the children still without a seat in the nearest
// schools of the stage with seats left within the policy's maximum
// distance (in the area's district unless placement may cross), nearest
// (child, school) pairs first.
func (r *round) placeNearest() {
	areas := r.pendingAreas()
	if len(areas) == 0 {
		return
	}
	var ps []pair
	if r.walks() {
		ps = r.walkPlacements(areas)
	} else {
		x := r.freeSchools()
		ps = r.placements(areas, &x)
	}
	sortPairs(ps)
	for _, p := range ps {
		if n := min(r.left[p.area], r.free[p.school]); n > 0 {
			r.take(p.area, p.school, RoutePlaced, n)
		}
	}
}

// freeIndex holds the schools with seats left, one group per district (or
// one for the city when placement may cross), so that queries need no
// filter.
type freeIndex struct {
	cross bool
	pts   [][]orb.Point
	ids   [][]int32 // school index of each point
	index []*geo.PointIndex
}

// group is the group of district d.
func (x *freeIndex) group(d int) int {
	if x.cross {
		return 0
	}
	return d
}

// freeSchools indexes the schools with entry seats still free.
func (r *round) freeSchools() freeIndex {
	c := r.in.City
	x := freeIndex{cross: r.in.Policy.PlacementCrossDistrict}
	groups := 1
	if !x.cross {
		groups = len(c.Districts)
	}
	x.pts = make([][]orb.Point, groups)
	x.ids = make([][]int32, groups)
	for s := range r.in.Seats {
		if r.free[s] > 0 {
			g := x.group(c.Schools[s].District)
			x.pts[g] = append(x.pts[g], c.Schools[s].Point)
			x.ids[g] = append(x.ids[g], int32(s))
		}
	}
	x.index = make([]*geo.PointIndex, groups)
	for g := range x.pts {
		if len(x.pts[g]) > 0 {
			x.index[g] = geo.NewPointIndex(x.pts[g])
		}
	}
	return x
}

// placements lists, for each area, the free schools of its group within
// the policy's maximum distance, with their distances.
func (r *round) placements(areas []int32, x *freeIndex) []pair {
	limit := r.in.Policy.MaxDistanceFor(r.in.Stage)
	var ps []pair
	var buf []int
	for _, a := range areas {
		area := &r.in.City.Areas[a]
		g := x.group(area.District)
		if x.index[g] == nil {
			continue
		}
		buf = x.within(buf[:0], g, area.Point, limit)
		for _, k := range buf {
			d := geo.Distance(area.Point, x.pts[g][k])
			if d > limit {
				break
			}
			ps = append(ps, pair{a, x.ids[g][k], d})
		}
	}
	return ps
}

// within appends to buf the points of group g nearest p, nearest first,
// widening the search until the last is beyond limit or the group is
// exhausted; it may include points beyond limit.
func (x *freeIndex) within(buf []int, g int, p orb.Point, limit geo.Meters) []int {
	for k := 8; ; k *= 4 {
		buf = x.index[g].KNearest(buf[:0], p, k, nil)
		if len(buf) < k || geo.Distance(p, x.pts[g][buf[len(buf)-1]]) > limit {
			return buf
		}
	}
}

// placeOversize squeezes the children still without a seat into their
// base school: into seats it still has free (unused shared seats, placed),
// then into oversize classes up to its oversize room.
func (r *round) placeOversize() {
	over := make(map[int32]int32)
	for _, a := range r.pendingAreas() {
		s := r.in.Assign.School[a]
		if s < 0 {
			continue
		}
		if n := min(r.left[a], r.free[s]); n > 0 {
			r.take(a, s, RoutePlaced, n)
		}
		got, seen := over[s]
		if !seen {
			got = r.in.Oversize[s]
		}
		if n := min(r.left[a], got); n > 0 {
			r.take(a, s, RouteOversize, n)
			got -= n
		}
		over[s] = got
	}
}
