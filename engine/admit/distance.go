package admit

import (
	"math"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// walks reports whether the round measures walks along a network.
func (r *round) walks() bool {
	return r.in.Dist != nil && r.in.Dist.Kind() == engine.Network
}

// unreachable ranks a school an area cannot walk to after every school it
// can.
var unreachable = engine.Meters(math.Inf(1))

// dist is the distance from area a to school s: the straight line, or the
// walk (+Inf when none joins them, so that it comes last).
func (r *round) dist(c *engine.City, a, s int32) engine.Meters {
	if !r.walks() {
		return geo.Distance(c.Areas[a].Point, c.Schools[s].Point)
	}
	if d, ok := r.in.Dist.Area(int(a), int(s)); ok {
		return d
	}
	return unreachable
}

// walkPlacements lists, for each area, the schools with seats left that it
// walks to within the policy's maximum distance (in its district unless
// placement may cross), with their walks.
func (r *round) walkPlacements(areas []int32) []pair {
	c := r.in.City
	limit := r.in.Policy.MaxDistanceFor(r.in.Stage)
	cross := r.in.Policy.PlacementCrossDistrict
	var ps []pair
	var near []engine.Reach
	for _, a := range areas {
		d := c.Areas[a].District
		near = r.in.Dist.Near(near[:0], int(a), limit, func(s int) bool {
			return r.free[s] > 0 && (cross || c.Schools[s].District == d)
		})
		for _, n := range near {
			ps = append(ps, pair{a, n.School, n.Dist})
		}
	}
	return ps
}
