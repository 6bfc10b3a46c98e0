package catchment

// lowerBound is LB(π) = Σ_i s_i·w_i − Σ_j cap_j·π_j over every school: in
// the geometric form w_i is the least c_ij + π_j over all the schools with
// seats (capped at U), not only those area i lists.
func (s *sspSolver) lowerBound() float64 {
	var lb float64
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		lb += float64(s.supply[i]) * s.leastPriced(i)
	}
	for j, c := range s.capacity {
		if c > 0 {
			lb -= float64(c) * s.price[j]
		}
	}
	return lb
}

// leastPriced is w_i = min(U, min_j c_ij + π_j) over the schools with
// seats: those area i lists in the sparse form; in the geometric form
// every school, found on the grid unless the area's list shows it.
func (s *sspSolver) leastPriced(i int) float64 {
	if s.grid == nil {
		return s.leastListedSparse(i)
	}
	if w, ok := s.leastListed(i); ok {
		return w
	}
	w, _ := s.grid.minPriced(s.prob.Areas[i], s.unplacedCost)
	return w
}

// leastListedSparse is min(U, min_j c_ij + π_j) over the problem's arcs
// of area i to schools with seats (sparse form).
func (s *sspSolver) leastListedSparse(i int) float64 {
	w := s.unplacedCost
	for a := s.prob.Start[i]; a < s.prob.Start[i+1]; a++ {
		if j := s.prob.School[a]; s.capacity[j] > 0 {
			w = min(w, s.prob.Cost[a]+s.price[j])
		}
	}
	return w
}

// leastListed (geometric form) returns w = min(U, min_j c_ij + π_j) over
// the schools with seats that area i lists, and whether it is the grid's
// answer too: it is when w ≤ hid[i], the lower bound on c_ij + π_j over
// the schools it does not list. The value is then the very float the grid
// would return, since a listed school's cost is the distance the grid
// computes (every list is filled from grid scans: at the start, where
// prices are 0 and d + 0 − 0 = d, and on widening) and the minimum of the
// same floats does not depend on the order they are met in.
//
// hid[i] stays a lower bound (up to rounding: see hidSlack) to the end of a solve, interrupted or not:
// prices only rise, lists only grow (an arc whose flow falls to 0 stays
// listed), a deferred area's bound is set by the price update of its own
// augmenting path, and makeFeasible moves children only to unplaced.
func (s *sspSolver) leastListed(i int) (float64, bool) {
	w := s.unplacedCost
	for _, a := range s.arcs[i] {
		if s.capacity[a.school] > 0 {
			w = min(w, a.cost+s.price[a.school])
		}
	}
	return w, w+hidSlack*(1+w) <= s.hiddenBound[i]
}

// hidSlack is the relative margin by which w must lie below hid[i] for
// leastListed to trust it. A deferred bound low + D is rounded otherwise
// than the price update it foresees, so it may exceed the school's
// c_ij + π_j by a few units in the last place; within the margin (ties,
// in practice) the grid is asked.
const hidSlack = 1e-9
