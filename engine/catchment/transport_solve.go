package catchment

import (
	"context"
	"math"
	"time"
)

// optimalGap is the relative gap below which the split answer is called
// Optimal: the rounding of the sums themselves.
const optimalGap = 1e-12

// widenGap is the gap over the candidate lists below which each phase
// also widens them: early enough that the prices still move in coarse
// steps when a wider list changes them.
const widenGap = 1e-2

// solve runs ε-scaling phases until the certified gap is within tolerance.
func (s *transportSolver) solve(ctx context.Context) (*TransportResult, error) {
	s.ctx = ctx
	if s.opt.TimeLimit > 0 {
		s.deadline = time.Now().Add(s.opt.TimeLimit)
	}
	cmax := s.maxCost()
	s.eps = s.initialEps(cmax)
	floor := max(cmax, 1) * 1e-15

	var (
		lb, obj, gap float64
		status       = WithinTolerance
	)
	for {
		s.refine()
		s.drain()
		if s.ctxErr != nil {
			return nil, s.ctxErr
		}
		if s.stopped {
			s.makeFeasible()
			var err error
			if lb, _, err = s.bound(true); err != nil {
				return nil, err
			}
			obj, status = s.objective(), TimeLimit
			gap = relGap(obj, lb)
			break
		}
		obj = s.objective()
		lb, _, _ = s.bound(false)
		gap = relGap(obj, lb)
		if gap <= max(s.opt.Tolerance, widenGap) && s.p.Widen != nil {
			var violated bool
			var err error
			if lb, violated, err = s.bound(true); err != nil {
				return nil, err
			}
			gap = relGap(obj, lb)
			if violated {
				continue // widened arcs beat the flow: same ε again
			}
		}
		if gap <= optimalGap {
			status = Optimal
			break
		}
		if gap <= s.opt.Tolerance {
			break
		}
		if s.eps <= floor {
			break // rounding, not ε, limits the gap now
		}
		s.eps = max(s.eps/scalingFactor, floor)
	}
	res := &TransportResult{
		Start:      s.start,
		School:     s.school,
		Flow:       s.flow,
		Unplaced:   s.unpl,
		Objective:  obj,
		LowerBound: lb,
		Gap:        gap,
		Prices:     s.outPrices(),
		Status:     status,
		Iterations: s.iters,
	}
	return res, nil
}

func relGap(obj, lb float64) float64 {
	if obj <= 0 {
		return 0
	}
	return max(0, (obj-lb)/obj)
}

// maxCost is the largest useful cost: an arc dearer than Unplaced never
// carries flow.
func (s *transportSolver) maxCost() float64 {
	c := 0.0
	for _, x := range s.cost {
		c = max(c, x)
	}
	return min(c, s.u)
}

// initialEps is the first phase's ε. Cold, prices start at 0 and may have
// to rise by up to the largest cost, so the first phase works in coarse
// steps. Warm, the prices are taken to be about right: the first phase
// only has to settle the flow.
func (s *transportSolver) initialEps(cmax float64) float64 {
	if s.opt.Warm == nil {
		return max(cmax/scalingFactor, 1e-300)
	}
	// The mean cheapest-option cost scales the tolerance into an ε.
	var sum float64
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		w := s.u
		for a := s.start[i]; a < s.start[i+1]; a++ {
			w = min(w, s.cost[a]+s.q[s.school[a]])
		}
		sum += float64(s.supply[i]) * w
	}
	var seats int64
	for _, c := range s.capa {
		seats += c
	}
	eps := s.opt.Tolerance * sum / float64(2*(s.total+seats)+1)
	return max(eps*scalingFactor*scalingFactor, cmax*1e-12, 1e-300)
}

// makeFeasible turns the pseudoflow left by an interrupted phase into a
// feasible flow: overloaded schools shed their least-valued holders and
// children still to place go to the cheapest listed school with room, or
// stay unplaced.
func (s *transportSolver) makeFeasible() {
	for j := range s.m {
		for s.inflow[j] > s.capa[j] {
			h := s.top(int32(j))
			d := min(s.inflow[j]-s.capa[j], int64(s.flow[h.arc]))
			s.flow[h.arc] -= int32(d)
			s.inflow[j] -= d
			s.excess[h.area] += int32(d)
			if s.flow[h.arc] == 0 {
				s.inHeap[h.arc] = false
				s.heapPop(int32(j))
			}
		}
	}
	for i := range s.n {
		for s.excess[i] > 0 {
			best, bestArc := s.u, int32(-1)
			for a := s.start[i]; a < s.start[i+1]; a++ {
				if j := s.school[a]; s.inflow[j] < s.capa[j] && s.cost[a] < best {
					best, bestArc = s.cost[a], a
				}
			}
			if bestArc < 0 {
				s.unpl[i] += s.excess[i]
				s.excess[i] = 0
				break
			}
			j := s.school[bestArc]
			d := min(int64(s.excess[i]), s.capa[j]-s.inflow[j])
			s.flow[bestArc] += int32(d)
			s.inflow[j] += d
			s.excess[i] -= int32(d)
		}
	}
	for j := range s.m {
		s.y[j] = s.inflow[j]
	}
}

// outPrices returns the prices for TransportResult: p_j = max(0, q_j − φ),
// and for a school without seats the least price at which no listed area
// prefers it.
func (s *transportSolver) outPrices() []float64 {
	p := s.prices()
	var zero bool
	for j := range p {
		if math.IsInf(p[j], 1) {
			p[j], zero = 0, true
		}
	}
	if !zero {
		return p
	}
	for i := range s.n {
		w := s.u
		for a := s.start[i]; a < s.start[i+1]; a++ {
			if s.capa[s.school[a]] > 0 {
				w = min(w, s.cost[a]+p[s.school[a]])
			}
		}
		for a := s.start[i]; a < s.start[i+1]; a++ {
			if j := s.school[a]; s.capa[j] == 0 {
				p[j] = max(p[j], w-s.cost[a])
			}
		}
	}
	return p
}
