package catchment

import (
	"context"
	"math"
	"time"
)

// The split solver works on schools, not areas. Every school j has a seat
// price π_j ≥ 0, and the unplaced option is a sink T of price 0 and no
// limit. The children of area i sit only at options of least priced cost
// w_i = min(U, min_j c_ij + π_j): moving a child of area i from school a
// to option b has the reduced cost
//
//	c_ib + π_b − c_ia − π_a ≥ 0      (c_iT = U, π_T = 0),
//
// and a school with free seats has price 0. Children start at their
// cheapest school (prices 0), which is optimal but overfills some schools.
// For each overfull school in turn, Dijkstra over the schools — the edge
// a → b weighing the least reduced cost of moving a child from a to b,
// kept per pair of schools in a heap of the areas that could make the
// move — finds the cheapest chain of moves to a school with room or to T;
// the prices of the schools it reached rise by how much nearer they were
// than that end (Johnson's potentials), which makes the chain free and
// keeps every reduced cost ≥ 0, and the surplus moves along it. Prices
// only rise, a school with room is never raised, and a full school stays
// full, so when no school is overfull the flow is optimal and the prices
// certify it: the dual value
//
//	LB(π) = Σ_i s_i·w_i − Σ_j cap_j·π_j
//
// equals the objective.
//
// In the geometric form an area lists only the schools it has needed: at
// first its nearest. hid[i] is a lower bound on c_ij + π_j over the
// schools it does not list (it stays one, as prices only rise), so no
// unlisted school can take its children more cheaply than hid[i] − w_i
// more. Dijkstra treats that as a hidden edge: reaching a school a at
// distance δ_a, it schedules a check of a's areas at δ_a + hid[i] − w_i,
// and one that comes due before the end is found asks the price grid for
// the unlisted schools below a wider threshold and adds them. A school
// already settled cannot be improved by a hidden edge: the check lists it
// only if its reduced cost after the price update will be small, and
// otherwise folds it into hid once the update is known (a deferral).
//
// Warm prices (sparse form only) start the areas at their cheapest option
// at those prices; schools left with free seats are then priced 0, and
// the areas that prefer them move in, before the exact phase.

type sspArc struct {
	school int32
	flow   int32
	gen    uint32 // bumped when flow drops to 0: heap entries of older gens are stale
	cost   float64
}

type sspSolver struct {
	p      *TransportProblem
	opt    *TransportOptions
	n, m   int
	u      float64
	supply []int32
	capa   []int64
	load   []int64
	pi     []float64 // m+1 entries: pi[m] = 0 is the sink's
	lists  [][]sspArc
	arena  []sspArc // backing of the lists' first arcs
	unpl   []int32
	hid    []float64
	grid   *priceGrid // nil in the sparse form
	step   float64    // least widening step

	pairIdx  map[uint64]int32
	pairs    []pairHeap
	out      [][]outEdge // pairs by school
	tok      [][]tentry
	tokDirty []bool
	mat      []bool
	members  [][]int32 // areas placed at each school by the start

	dist    []float64
	seen    []uint32 // round in which dist was set
	done    []uint32 // round in which the node was settled
	pred    []int32
	round   uint32
	dh      dheap
	settled []int32
	defer_  []deferral
	mark    []uint32
	markGen uint32

	iters    int
	ctx      context.Context
	deadline time.Time
	stopped  bool
	ctxErr   error
}

func newSSP(p *TransportProblem, o *TransportOptions) *sspSolver {
	n, m := len(p.Supply), len(p.Capacity)
	s := &sspSolver{
		p: p, opt: o, n: n, m: m, u: p.Unplaced,
		supply:   p.Supply,
		capa:     make([]int64, m),
		load:     make([]int64, m),
		pi:       make([]float64, m+1),
		lists:    make([][]sspArc, n),
		unpl:     make([]int32, n),
		hid:      make([]float64, n),
		pairIdx:  map[uint64]int32{},
		out:      make([][]outEdge, m),
		tok:      make([][]tentry, m),
		tokDirty: make([]bool, m),
		mat:      make([]bool, m),
		members:  make([][]int32, m),
		dist:     make([]float64, m+1),
		seen:     make([]uint32, m+1),
		done:     make([]uint32, m+1),
		pred:     make([]int32, m+1),
		mark:     make([]uint32, m),
	}
	s.dh = dheap{pos: make([]int32, 2*(m+1)), key: make([]float64, 2*(m+1))}
	for k := range s.dh.pos {
		s.dh.pos[k] = -1
	}
	for j, c := range p.Capacity {
		s.capa[j] = int64(c)
	}
	if o.Warm != nil && p.Areas == nil && p.Schools == nil {
		for j, w := range o.Warm.Prices {
			if w > 0 && !math.IsInf(w, 0) {
				s.pi[j] = w
			}
		}
	}
	return s
}

// solve runs the whole split solve and returns its result.
func (s *sspSolver) solve(ctx context.Context) (*TransportResult, error) {
	s.ctx = ctx
	if s.opt.TimeLimit > 0 {
		s.deadline = time.Now().Add(s.opt.TimeLimit)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.start()
	for j := range s.m {
		for s.load[j] > s.capa[j] {
			if s.iters%64 == 0 && s.interrupted() {
				break
			}
			s.iters++
			s.augment(int32(j))
		}
		if s.stopped || s.ctxErr != nil {
			break
		}
	}
	if s.ctxErr != nil {
		return nil, s.ctxErr
	}
	status := Optimal
	if s.stopped {
		s.makeFeasible()
		status = TimeLimit
	}
	res := s.result()
	res.Status = status
	if status == Optimal && res.Gap > optimalGap {
		res.Status = WithinTolerance // more than rounding: kept honest
	}
	return res, nil
}

// optimalGap is the relative gap that rounding alone can leave.
const optimalGap = 1e-9

func (s *sspSolver) interrupted() bool {
	if s.stopped || s.ctxErr != nil {
		return true
	}
	if err := s.ctx.Err(); err != nil {
		s.ctxErr = err
		return true
	}
	if !s.deadline.IsZero() && time.Now().After(s.deadline) {
		s.stopped = true
		return true
	}
	return false
}

// makeFeasible ends an interrupted solve: overfull schools send their
// dearest-placed children to unplaced.
func (s *sspSolver) makeFeasible() {
	for j := range s.m {
		for s.load[j] > s.capa[j] {
			e := s.pairTop(s.pairOf(int32(j), int32(s.m)))
			if e == nil {
				if !s.mat[j] {
					s.materialize(int32(j))
					continue
				}
				break
			}
			a := &s.lists[e.area][e.from]
			d := int32(min(int64(a.flow), s.load[j]-s.capa[j]))
			a.flow -= d
			s.load[j] -= int64(d)
			s.unpl[e.area] += d
			if a.flow == 0 {
				s.drop(e.area, e.from)
			}
		}
	}
}

// result builds the TransportResult: lists in CSR form, objective, the
// dual bound over every school, and the prices.
func (s *sspSolver) result() *TransportResult {
	res := &TransportResult{Start: make([]int32, s.n+1), Unplaced: s.unpl}
	nnz := 0
	for i := range s.n {
		nnz += len(s.lists[i])
	}
	res.School = make([]int32, 0, nnz)
	res.Flow = make([]int32, 0, nnz)
	res.Cost = make([]float64, 0, nnz)
	var obj float64
	for i := range s.n {
		for _, a := range s.lists[i] {
			res.School = append(res.School, a.school)
			res.Flow = append(res.Flow, a.flow)
			res.Cost = append(res.Cost, a.cost)
			obj += float64(a.flow) * a.cost
		}
		obj += float64(s.unpl[i]) * s.u
		res.Start[i+1] = int32(len(res.School))
	}
	res.Objective = obj
	res.Prices = make([]float64, s.m)
	for j := range s.m {
		res.Prices[j] = s.pi[j]
		if s.capa[j] == 0 {
			res.Prices[j] = math.Inf(1)
		}
	}
	res.LowerBound = s.lowerBound()
	res.Gap = relGap(obj, res.LowerBound)
	res.Iterations = s.iters
	return res
}

// lowerBound is LB(π) over every school: in the geometric form from the
// grid, not from the lists.
func (s *sspSolver) lowerBound() float64 {
	var lb float64
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		var w float64
		if s.grid != nil {
			w, _ = s.grid.minPriced(s.p.Areas[i], s.u)
		} else {
			w = s.u
			for a := s.p.Start[i]; a < s.p.Start[i+1]; a++ {
				if j := s.p.School[a]; s.capa[j] > 0 {
					w = min(w, s.p.Cost[a]+s.pi[j])
				}
			}
		}
		lb += float64(s.supply[i]) * w
	}
	for j, c := range s.capa {
		if c > 0 {
			lb -= float64(c) * s.pi[j]
		}
	}
	return lb
}

func relGap(obj, lb float64) float64 {
	if obj <= 0 {
		return 0
	}
	return max(0, (obj-lb)/obj)
}
