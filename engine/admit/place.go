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
	in := r.in
	c := in.City
	areas := r.pendingAreas()
	if len(areas) == 0 {
		return
	}
	// One index of the schools with seats left per district (or one for
	// the city when placement may cross), so queries need no filter.
	cross := in.Policy.PlacementCrossDistrict
	groups := 1
	if !cross {
		groups = len(c.Districts)
	}
	pts := make([][]orb.Point, groups)
	ids := make([][]int32, groups)
	for s := range in.Seats {
		if r.free[s] > 0 {
			g := 0
			if !cross {
				g = c.Schools[s].District
			}
			pts[g] = append(pts[g], c.Schools[s].Point)
			ids[g] = append(ids[g], int32(s))
		}
	}
	index := make([]*geo.PointIndex, groups)
	for g := range pts {
		if len(pts[g]) > 0 {
			index[g] = geo.NewPointIndex(pts[g])
		}
	}
	limit := in.Policy.MaxDistanceFor(in.Stage)
	var ps []pair
	var buf []int
	for _, a := range areas {
		area := &c.Areas[a]
		g := 0
		if !cross {
			g = area.District
		}
		ix := index[g]
		if ix == nil {
			continue
		}
		// Widen k until the k-th school is beyond the limit.
		for k := 8; ; k *= 4 {
			buf = ix.KNearest(buf[:0], area.Point, k, nil)
			if len(buf) < k || geo.Distance(area.Point, pts[g][buf[len(buf)-1]]) > limit {
				break
			}
		}
		for _, k := range buf {
			d := geo.Distance(area.Point, pts[g][k])
			if d > limit {
				break
			}
			ps = append(ps, pair{a, ids[g][k], d})
		}
	}
	sortPairs(ps)
	for _, p := range ps {
		if n := min(r.left[p.area], r.free[p.school]); n > 0 {
			r.take(p.area, p.school, RoutePlaced, n)
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
