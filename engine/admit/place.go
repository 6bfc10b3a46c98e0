package admit

import (
	"math"

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
	var pts []orb.Point
	var ids []int32
	for s := range in.Seats {
		if r.free[s] > 0 {
			pts = append(pts, c.Schools[s].Point)
			ids = append(ids, int32(s))
		}
	}
	if len(ids) == 0 {
		return
	}
	ix := geo.NewPointIndex(pts)
	limit := float64(in.Policy.MaxDistanceFor(in.Stage))
	cross := in.Policy.PlacementCrossDistrict
	var ps []pair
	var buf []int
	for _, a := range areas {
		area := &c.Areas[a]
		keep := func(k int) bool { return cross || c.Schools[ids[k]].District == area.District }
		// Widen k until the k-th school is beyond the limit.
		for k := 8; ; k *= 4 {
			buf = ix.KNearest(buf[:0], area.Point, k, keep)
			if len(buf) < k || geo.Distance(area.Point, pts[buf[len(buf)-1]]) > geo.Meters(limit) {
				break
			}
		}
		for _, k := range buf {
			d := geo.Distance(area.Point, pts[k])
			if float64(d) > limit || math.IsNaN(float64(d)) {
				break
			}
			ps = append(ps, pair{a, ids[k], d})
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
