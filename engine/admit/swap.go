package admit

import (
	"cmp"
	"slices"

	"github.com/schoolplan/schoolplan/geo"
)

// swaps gives each swap's reserved seats to children of the other district
// still without a seat, nearest to the school first; what is left goes
// back to the school's own catchment, nearest first.
func (r *round) swaps() {
	if len(r.in.Swaps) == 0 {
		return
	}
	c := r.in.City
	type cand struct {
		area int32
		d    geo.Meters
	}
	var cands []cand
	for _, sw := range r.in.Swaps {
		cands = cands[:0]
		for _, a := range r.pendingAreas() {
			if int32(c.Areas[a].District) == sw.District {
				if d := r.dist(c, a, sw.School); d != unreachable {
					cands = append(cands, cand{a, d})
				}
			}
		}
		slices.SortFunc(cands, func(x, y cand) int {
			if k := cmp.Compare(x.d, y.d); k != 0 {
				return k
			}
			return cmp.Compare(x.area, y.area)
		})
		seats := sw.Seats
		for _, cd := range cands {
			if seats == 0 {
				break
			}
			n := min(seats, r.left[cd.area])
			r.take(cd.area, sw.School, RouteBase, n)
			seats -= n
		}
		r.reserve[sw.School] -= sw.Seats
		r.room[sw.School] += seats
	}
	// Unused reservations: the schools' own catchments again.
	for _, sw := range r.in.Swaps {
		r.byDistance(sw.School, r.in.Assign.Members(int(sw.School)))
	}
}
