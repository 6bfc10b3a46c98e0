package siteopt

import (
	"cmp"
	"math"
	"slices"
)

// exact searches the assignments by depth-first branch and bound, starting
// from the current assignment as incumbent (if feasible), and stops after
// limit nodes. It reports whether the search was complete (the assignment
// is then optimal for this set, or proved infeasible when none was found).
func (g *gapSolver) exact(limit int) bool {
	bb := newGAPSearch(g, limit)
	bb.branch(0, 0)
	if !math.IsInf(bb.best, 1) {
		copy(g.assign, bb.bestAssign)
		g.sums()
	}
	return bb.complete
}

// gapSearch is the state of one branch and bound over a gapSolver's
// assignments: points are decided in order, each tries its slots from the
// cheapest, and a branch is cut when its cost plus the cheapest costs of
// the points left cannot beat the best.
type gapSearch struct {
	g         *gapSolver
	order     []int32   // points in the order they are decided
	rest      []float64 // rest[t]: Σ cheapest costs of order[t:]
	slotOrder [][]int32 // per point: slots by increasing cost

	best       float64 // cost of the best complete assignment
	bestAssign []int32
	load       []float64 // per slot, of the partial assignment
	cur        []int32   // the partial assignment, by point
	nodes      int
	limit      int
	complete   bool // no branch was left unsearched for the node limit
}

// newGAPSearch prepares a search of g's assignments with a node limit,
// the current assignment the incumbent if it is feasible.
func newGAPSearch(g *gapSolver, limit int) *gapSearch {
	n, k := g.in.n, len(g.set)
	bb := &gapSearch{g: g, best: math.Inf(1), bestAssign: slices.Clone(g.assign),
		load: make([]float64, k), cur: make([]int32, n), limit: limit, complete: true}
	bb.order, bb.rest = g.branchOrder()
	bb.slotOrder = g.slotOrders()
	if g.over <= gapEps {
		bb.best = g.total
	}
	return bb
}

// branchOrder returns the points in the order the search decides them
// (big and decided points first: decreasing demand, then decreasing
// spread between the dearest and cheapest slot, then index) and the
// suffix sums of their cheapest costs in that order.
func (g *gapSolver) branchOrder() ([]int32, []float64) {
	n := g.in.n
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	minCost := make([]float64, n)
	spread := make([]float64, n)
	for i := 0; i < n; i++ {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range g.row(i) {
			lo, hi = math.Min(lo, c), math.Max(hi, c)
		}
		minCost[i], spread[i] = lo, hi-lo
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(g.dem[b], g.dem[a]); c != 0 {
			return c
		}
		if c := cmp.Compare(spread[b], spread[a]); c != 0 {
			return c
		}
		return int(a - b)
	})
	rest := make([]float64, n+1)
	for t := n - 1; t >= 0; t-- {
		rest[t] = rest[t+1] + minCost[order[t]]
	}
	return order, rest
}

// slotOrders returns each point's slots by increasing cost, ties to the
// lower slot.
func (g *gapSolver) slotOrders() [][]int32 {
	n, k := g.in.n, len(g.set)
	slotOrder := make([][]int32, n)
	for i := 0; i < n; i++ {
		row := g.row(i)
		so := make([]int32, k)
		for s := range so {
			so[s] = int32(s)
		}
		slices.SortFunc(so, func(a, b int32) int {
			if c := cmp.Compare(row[a], row[b]); c != 0 {
				return c
			}
			return int(a - b)
		})
		slotOrder[i] = so
	}
	return slotOrder
}

// branch decides the point order[t], the points before it costing
// partial, and searches on.
func (bb *gapSearch) branch(t int, partial float64) {
	if bb.nodes >= bb.limit {
		bb.complete = false
		return
	}
	bb.nodes++
	g := bb.g
	if t == len(bb.order) {
		if partial < bb.best-gapEps {
			bb.best = partial
			copy(bb.bestAssign, bb.cur)
		}
		return
	}
	i := bb.order[t]
	row := g.row(int(i))
	for _, s := range bb.slotOrder[i] {
		if bb.load[s]+g.dem[i] > g.capa[s]+gapEps {
			continue
		}
		c := partial + row[s]
		if c+bb.rest[t+1] >= bb.best-gapEps {
			break // slots are in increasing cost: the rest are no better
		}
		bb.load[s] += g.dem[i]
		bb.cur[i] = s
		bb.branch(t+1, c)
		bb.load[s] -= g.dem[i]
		if !bb.complete {
			return
		}
	}
}
