package siteopt

import (
	"math"
	"slices"
)

// The values of the capacitated search's open sets: each set is assigned
// by the gapSolver (regret, improvement and, near the best, branch and
// bound) and its value cached by the hash of the set.

// unusedOpenCost is the opening cost of open new sites that serve nobody
// (EvaluateAssignment counts only the sites used).
func (cs *capSearch) unusedOpenCost(assign []int) float64 {
	used := make(map[int]bool, len(cs.inc))
	for _, j := range assign {
		used[j] = true
	}
	extra := 0.0
	for _, j := range cs.inc {
		if !used[int(j)] {
			extra += cs.in.oc[j]
		}
	}
	return extra
}

// value assigns set (sorted) and returns its objective, or just a lower
// bound ≥ cutoff when the bound shows the set cannot beat cutoff. Values
// are cached. A feasible set better than the incumbent becomes it.
//
// prev, if set, is a nearby set's assignment (site per point) to start from.
func (cs *capSearch) value(set []int32, cutoff float64, prev []int32) capValue {
	h := hashSet(set)
	v, ok := cs.cache[h]
	if ok && (!v.bound || v.obj >= cutoff) {
		return v
	}
	g := cs.g
	g.prepare(set)
	// Without capacities every point would take its cheapest site: when
	// even that costs at least the cutoff, the set cannot win.
	if lb := g.uncapacitated(); lb >= cutoff {
		v := capValue{obj: lb, bound: true}
		cs.cache[h] = v
		return v
	}
	cs.evals++
	g.regret(prev)
	if cs.quick && prev != nil {
		g.improveShifts(2)
		return cs.record(set, h)
	}
	g.improve()
	if cs.small {
		g.exact(exactNodesEval)
	} else if g.total <= cs.incObj*(1+exactWithin) {
		// Close to the best: the heuristic assignment is often 1% off
		// here, so search it exactly (the node limit bounds the cost).
		g.exact(exactNodesNear)
	}
	return cs.record(set, h)
}

// record caches the value of the assignment in cs.g for set (hash h),
// remembers it as the last one, and makes it the incumbent if better.
func (cs *capSearch) record(set []int32, h uint64) capValue { return cs.recordFrom(cs.g, set, h) }

// recordFrom is record of the assignment in g.
func (cs *capSearch) recordFrom(g *gapSolver, set []int32, h uint64) capValue {
	v := capValue{obj: g.total, feasible: g.over <= gapEps}
	for _, j := range set {
		v.obj += cs.in.oc[j]
	}
	cs.cache[h] = v
	cs.lastHash = h
	if cs.lastAssign == nil {
		cs.lastAssign = make([]int32, cs.in.n)
	}
	for i, sl := range g.assign[:cs.in.n] {
		cs.lastAssign[i] = set[sl]
	}
	if v.feasible && v.obj < cs.incObj-1e-9*math.Max(1, math.Abs(v.obj)) {
		cs.inc, cs.incObj = slices.Clone(set), v.obj
		if cs.incAssign == nil {
			cs.incAssign = make([]int32, cs.in.n)
		}
		copy(cs.incAssign, cs.lastAssign)
	}
	return v
}

// refine improves the last evaluated set's assignment fully (after a quick
// screening accepted it) and records the better value.
func (cs *capSearch) refine(set []int32) capValue {
	h := hashSet(set)
	g := cs.g
	g.prepare(set)
	if cs.lastAssign != nil && cs.lastHash == h {
		for i, j := range cs.lastAssign {
			g.assign[i] = int32(slices.Index(set, j))
		}
		g.sums()
	} else {
		g.regret(nil) // a cached value: start afresh
	}
	g.improve()
	if g.total <= cs.incObj*(1+exactWithin) {
		g.exact(exactNodesNear)
	}
	return cs.record(set, h)
}

// consider values set (in any order), which may become the incumbent.
func (cs *capSearch) consider(set []int32) {
	set = slices.Clone(set)
	slices.Sort(set)
	cs.value(set, math.Inf(1), nil)
}

// assignmentOf returns the sites serving each point when set is assigned:
// the incumbent's or the last evaluated set's, else recomputed (the cache
// keeps values only).
func (cs *capSearch) assignmentOf(set []int32) []int32 {
	if slices.Equal(set, cs.inc) {
		return slices.Clone(cs.incAssign)
	}
	if cs.lastAssign != nil && hashSet(set) == cs.lastHash {
		return slices.Clone(cs.lastAssign)
	}
	g := cs.g
	g.prepare(set)
	g.regret(nil)
	g.improve()
	if cs.small {
		g.exact(exactNodesEval)
	}
	out := make([]int32, cs.in.n)
	for i, sl := range g.assign[:cs.in.n] {
		out[i] = set[sl]
	}
	return out
}
