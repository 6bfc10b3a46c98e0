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
// first its nearest. hid[i] (the field hiddenBound) is a lower bound on
// c_ij + π_j over the schools it does not list (it stays one, as prices
// only rise), so no unlisted school can take its children more cheaply
// than hid[i] − w_i more. Dijkstra treats that as a hidden edge: reaching a school a at
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

// sspArc is one candidate school of an area, as the solver keeps it.
type sspArc struct {
	school int32
	flow   int32  // children of the area at this school
	gen    uint32 // bumped when flow drops to 0: heap entries of older gens are stale
	cost   float64
}

// sspSolver is the state of one split solve. Its buffers are kept by
// reset for the next solve, so that a caller solving a problem of the same
// shape year after year (Balancer) does not allocate them again.
type sspSolver struct {
	// Problem data.
	prob         *TransportProblem
	opt          *TransportOptions
	n, m         int        // areas, schools
	unplacedCost float64    // U: the cost per child left without a seat
	supply       []int32    // children of each area (the problem's slice)
	capacity     []int64    // seats of each school
	grid         *priceGrid // schools indexed for priced queries; nil in the sparse form
	widenStep    float64    // least widening step: the grid's cell side

	// Duals: potentials and the bounds derived from them.
	price       []float64 // π: seat price of each school; m+1 entries, price[m] = 0 is the sink's
	hiddenBound []float64 // per area, a lower bound on c_ij + π_j over the schools it does not list

	// Flows: where the children are.
	load           []int64    // children placed at each school
	arcs           [][]sspArc // candidate schools of each area, with their flows
	arcArena       []sspArc   // backing of the areas' first arcs (initListed a slot, geometric form)
	geometricArena bool       // arcArena holds slots of the geometric form, not the problem's arcs
	unplaced       []int32    // children of each area left without a seat
	startMembers   [][]int32  // areas the start placed at each school, until its move heaps exist

	// The move graph: for each pair of schools a → b (b = m: unplaced), a
	// heap of the areas that could move a child from a to b.
	pairs     pairTable // a → b → index in pairHeaps
	pairHeaps []pairHeap
	// The last solve's pairs, whose heaps' memory the same pairs reuse.
	lastPairs     pairTable
	lastPairHeaps []pairHeap
	outEdges      [][]outEdge    // the pairs leaving each school, with their top keys
	widenHeaps    [][]widenEntry // per school, the areas due for widening checks
	widenDirty    []bool         // the widening heap's top may be stale
	areaStamp     []uint32       // per area, bumped when its hid changes or an arc of it empties
	materialized  []bool         // the school's move and widening heaps are built

	// Scratch of one Dijkstra round (one augmenting path).
	node       []roundNode  // each school's (and the sink's, m) distance and round stamps
	predPair   []int32      // the pair heap whose move reached each node
	round      uint32       // the current round
	queue      dijkstraHeap // schools by distance, and their widening checks by when they are due
	settled    []int32      // schools settled this round
	deferred   []deferral   // widened areas whose hidden bound waits for the price update
	listedMark []uint32     // per school, listedGen when the widened area lists it
	listedGen  uint32

	// kept holds the slices of the last result, reused by the next solve
	// (the result is the caller's only while s is not reset).
	kept TransportResult
	// whole is the state of the whole-area heuristic (whole mode).
	whole wholeState
	// keepStart makes the geometric start go through startCache: set by
	// callers that solve the same areas and schools again (Balancer).
	keepStart  bool
	startCache startCache

	// Control.
	paths    int // augmenting paths so far
	ctx      context.Context
	deadline time.Time // zero: no time limit
	timedOut bool
	ctxErr   error
}

// reset sets s up for p under o, keeping the memory of its buffers.
func (s *sspSolver) reset(p *TransportProblem, o *TransportOptions) {
	n, m := len(p.Supply), len(p.Capacity)
	s.prob, s.opt, s.n, s.m, s.unplacedCost = p, o, n, m, p.Unplaced
	s.supply = p.Supply
	s.grid, s.widenStep = nil, 0
	s.capacity = resize(s.capacity, m)
	for j, c := range p.Capacity {
		s.capacity[j] = int64(c)
	}
	s.price = zeroedTo(s.price, m+1)
	if o.Warm != nil && p.Areas == nil && p.Schools == nil {
		for j, w := range o.Warm.Prices {
			if w > 0 && !math.IsInf(w, 0) {
				s.price[j] = w
			}
		}
	}
	s.hiddenBound = zeroedTo(s.hiddenBound, n)
	s.resetFlows(n, m)
	s.resetMoveGraph(m)
	s.resetRound(m)
	s.paths, s.ctx, s.deadline, s.timedOut, s.ctxErr = 0, nil, time.Time{}, false, nil
}

// resetFlows empties the flows; the areas' arc lists keep their memory
// (start fills them).
func (s *sspSolver) resetFlows(n, m int) {
	s.load = zeroedTo(s.load, m)
	s.unplaced = zeroedTo(s.unplaced, n)
	if len(s.arcs) != n {
		s.arcs, s.arcArena, s.geometricArena = make([][]sspArc, n), nil, false
	}
	s.startMembers = truncateEach(s.startMembers, m)
}

// resetMoveGraph empties the move and widening heaps, keeping their memory.
func (s *sspSolver) resetMoveGraph(m int) {
	s.pairs, s.lastPairs = s.lastPairs, s.pairs
	s.pairHeaps, s.lastPairHeaps = s.lastPairHeaps[:0], s.pairHeaps
	s.pairs.reset(m)
	s.outEdges = truncateEach(s.outEdges, m)
	s.widenHeaps = truncateEach(s.widenHeaps, m)
	s.widenDirty = zeroedTo(s.widenDirty, m)
	s.materialized = zeroedTo(s.materialized, m)
}

// resetRound empties the Dijkstra scratch.
func (s *sspSolver) resetRound(m int) {
	s.node = zeroedTo(s.node, m+1)
	s.predPair = zeroedTo(s.predPair, m+1)
	s.round = 0
	s.queue.reset(2 * (m + 1))
	s.settled, s.deferred = s.settled[:0], s.deferred[:0]
	s.listedMark = zeroedTo(s.listedMark, m)
	s.listedGen = 0
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
	s.augmentAll()
	if s.ctxErr != nil {
		return nil, s.ctxErr
	}
	status := Optimal
	if s.timedOut {
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

// augmentAll empties every overfull school, school by school, one
// augmenting path at a time, until none is left or the solve is
// interrupted (checked every 64 paths).
func (s *sspSolver) augmentAll() {
	for j := range s.m {
		for s.load[j] > s.capacity[j] {
			if s.paths%64 == 0 && s.interrupted() {
				break
			}
			s.paths++
			s.augment(int32(j))
		}
		if s.timedOut || s.ctxErr != nil {
			return
		}
	}
}

// optimalGap is the relative gap that rounding alone can leave.
const optimalGap = 1e-9

// interrupted reports whether the solve must stop: ctx ended (ctxErr) or
// the time limit ran out (timedOut).
func (s *sspSolver) interrupted() bool {
	if s.timedOut || s.ctxErr != nil {
		return true
	}
	if err := s.ctx.Err(); err != nil {
		s.ctxErr = err
		return true
	}
	if !s.deadline.IsZero() && time.Now().After(s.deadline) {
		s.timedOut = true
		return true
	}
	return false
}

// makeFeasible ends an interrupted solve: overfull schools send their
// dearest-placed children to unplaced.
func (s *sspSolver) makeFeasible() {
	for j := range s.m {
		for s.load[j] > s.capacity[j] {
			e := s.pairTop(s.pairOf(int32(j), int32(s.m)))
			if e == nil {
				if !s.materialized[j] {
					s.materialize(int32(j))
					continue
				}
				break
			}
			a := &s.arcs[e.area][e.from]
			d := int32(min(int64(a.flow), s.load[j]-s.capacity[j]))
			a.flow -= d
			s.load[j] -= int64(d)
			s.unplaced[e.area] += d
			if a.flow == 0 {
				s.drop(e.area, e.from)
			}
		}
	}
}

// result builds the TransportResult: lists in CSR form, objective, the
// dual bound over every school, and the prices.
func (s *sspSolver) result() *TransportResult {
	res := &TransportResult{Start: zeroedTo(s.kept.Start, s.n+1), Unplaced: s.unplaced}
	nnz := 0
	for i := range s.n {
		nnz += len(s.arcs[i])
	}
	res.School = resizeRoom(s.kept.School, nnz)[:0]
	res.Flow = resizeRoom(s.kept.Flow, nnz)[:0]
	res.Cost = resizeRoom(s.kept.Cost, nnz)[:0]
	var obj float64
	for i := range s.n {
		for _, a := range s.arcs[i] {
			res.School = append(res.School, a.school)
			res.Flow = append(res.Flow, a.flow)
			res.Cost = append(res.Cost, a.cost)
			obj += float64(a.flow) * a.cost
		}
		obj += float64(s.unplaced[i]) * s.unplacedCost
		res.Start[i+1] = int32(len(res.School))
	}
	res.Objective = obj
	res.Prices = resize(s.kept.Prices, s.m)
	for j := range s.m {
		res.Prices[j] = s.price[j]
		if s.capacity[j] == 0 {
			res.Prices[j] = math.Inf(1)
		}
	}
	res.LowerBound = s.lowerBound()
	res.Gap = relGap(obj, res.LowerBound)
	res.Iterations = s.paths
	s.kept = *res
	return res
}

// relGap is the relative gap (obj − lb) / obj, 0 when obj is 0.
func relGap(obj, lb float64) float64 {
	if obj <= 0 {
		return 0
	}
	return max(0, (obj-lb)/obj)
}
