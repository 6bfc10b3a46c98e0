package catchment

import (
	"fmt"
	"math"
)

// The lower bound is the Lagrangian dual of the seat constraints: for any
// prices p ≥ 0,
//
//	LB(p) = Σ_i s_i · min(Unplaced, min_j (c_ij + p_j)) − Σ_j cap_j · p_j
//
// is at most the split optimum, when the inner minimum runs over all
// schools. The lists hold every school cheaper than complete[i] (the
// problem's contract), so a school outside them can only lower area i's
// minimum w_i when w_i − min_j p_j > complete[i]; only then is Widen
// asked.

// prices returns the dual prices p_j = max(0, q_j − φ); a school without
// seats gets +Inf, which the bound may use since its seats term is 0.
func (s *transportSolver) prices() []float64 {
	p := make([]float64, s.m)
	for j := range p {
		if s.capa[j] == 0 {
			p[j] = math.Inf(1)
			continue
		}
		p[j] = max(0, s.q[j]-s.phi)
	}
	return p
}

// bound returns LB(prices). With widen, it first asks Widen for every area
// whose minimum could come from a school outside its list and adds what
// it gets; violated then reports whether an added arc breaks
// ε-optimality, in which case the flow must be improved before the bound
// can be trusted as tight (it is valid regardless).
func (s *transportSolver) bound(widen bool) (lb float64, violated bool, err error) {
	p := s.prices()
	pmin := math.Inf(1)
	for _, x := range p {
		pmin = min(pmin, x)
	}
	if len(p) == 0 || math.IsInf(pmin, 1) {
		pmin = 0 // no school has seats: any school found is worthless
	}
	areaMin := func(i int) float64 {
		w := s.u
		for a := s.start[i]; a < s.start[i+1]; a++ {
			w = min(w, s.cost[a]+p[s.school[a]])
		}
		return w
	}
	var ask []int32
	var thr, ws []float64
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		w := areaMin(i)
		if widen && s.p.Widen != nil && w-pmin > s.complete[i] {
			ask = append(ask, int32(i))
			thr = append(thr, w-pmin)
			ws = append(ws, w)
		}
		lb += float64(s.supply[i]) * w
	}
	if len(ask) > 0 {
		var added bool
		if added, err = s.widen(ask, thr, ws, p); err != nil {
			return 0, false, err
		}
		if added {
			lb = 0
			for i := range s.n {
				if s.supply[i] > 0 {
					lb += float64(s.supply[i]) * areaMin(i)
				}
			}
			worst := 0.0
			for _, i := range ask {
				for a := s.start[i]; a < s.start[i+1]; a++ {
					worst = max(worst, s.v[i]-s.cost[a]-s.q[s.school[a]])
				}
			}
			if worst > s.eps {
				// The new arcs undercut the area values by up to worst:
				// the prices must move that far, in steps of ε, so ε
				// starts again from a matching size.
				violated = true
				s.eps = max(s.eps, worst/2)
			}
		}
	}
	for j, c := range s.capa {
		if c > 0 {
			lb -= float64(c) * p[j]
		}
	}
	return lb, violated, nil
}

// widen asks Widen for the areas ask (with thresholds thr), adds the
// schools it returns that beat the area's cheapest option w at prices p,
// and renumbers the arcs; it reports whether any arc was added. Schools
// that do not beat w are left out, to keep the lists short, so the lists
// are no more complete than before and a later bound asks again.
func (s *transportSolver) widen(ask []int32, thr, w, p []float64) (bool, error) {
	extra := make([][]Arc, len(ask))
	mark := make([]int32, s.m) // area+1 that last listed the school
	var buf []Arc
	n := 0
	for k, i := range ask {
		for a := s.start[i]; a < s.start[i+1]; a++ {
			mark[s.school[a]] = i + 1
		}
		buf = s.p.Widen(int(i), thr[k], buf[:0])
		for _, arc := range buf {
			j, c := arc.School, arc.Cost
			if j < 0 || int(j) >= s.m {
				return false, fmt.Errorf("%w: Widen(%d): school %d out of range [0, %d)", ErrBadTransport, i, j, s.m)
			}
			if math.IsNaN(c) || math.IsInf(c, 0) || c < 0 {
				return false, fmt.Errorf("%w: Widen(%d): school %d: cost %v, want a finite cost ≥ 0", ErrBadTransport, i, j, c)
			}
			if mark[j] == i+1 || !(c+p[j] < w[k]) {
				continue // already listed, or no better than the list
			}
			mark[j] = i + 1
			extra[k] = append(extra[k], arc)
			n++
		}
	}
	if n == 0 {
		return false, nil
	}
	nnz := len(s.school) + n
	start := make([]int32, s.n+1)
	school := make([]int32, 0, nnz)
	cost := make([]float64, 0, nnz)
	flow := make([]int32, 0, nnz)
	k := 0
	for i := range s.n {
		start[i] = int32(len(school))
		lo, hi := s.start[i], s.start[i+1]
		school = append(school, s.school[lo:hi]...)
		cost = append(cost, s.cost[lo:hi]...)
		flow = append(flow, s.flow[lo:hi]...)
		if k < len(ask) && ask[k] == int32(i) {
			for _, arc := range extra[k] {
				school = append(school, arc.School)
				cost = append(cost, arc.Cost)
				flow = append(flow, 0)
			}
			k++
		}
	}
	start[s.n] = int32(len(school))
	s.start, s.school, s.cost, s.flow = start, school, cost, flow
	s.inHeap = make([]bool, nnz)
	s.widened = true
	s.rebuildHeaps()
	return true, nil
}

// objective returns Σ cost × flow + Unplaced × unplaced.
func (s *transportSolver) objective() float64 {
	var z float64
	for i := range s.n {
		var zi float64
		for a := s.start[i]; a < s.start[i+1]; a++ {
			if f := s.flow[a]; f > 0 {
				zi += float64(f) * s.cost[a]
			}
		}
		z += zi + float64(s.unpl[i])*s.u
	}
	return z
}
