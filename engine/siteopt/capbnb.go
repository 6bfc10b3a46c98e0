package siteopt

import (
	"container/heap"
	"math"
	"slices"
)

// capBnB is the branch and bound of the capacitated p-median (Options.Prove),
// after the search, on the knapsack Lagrangian (capLagrange) as pmBnB is
// on the p-median's: each node forces sites open or closed, is bounded by
// the relaxation restricted to it from its parent's multipliers, fixes
// sites by reduced costs and branches open/closed on the undecided site
// whose reduced cost is nearest the threshold between Y and the rest. A
// node with nothing left to choose is one open set: its assignment is
// searched exactly (gapSolver.exact); if that search hits its node limit,
// the set's bound stays in the lower bound and the result is not proved.
// Leaves are bounded by the relaxation too (all their sites fixed), which
// spares most of the exact searches. Unlike pmBnB, relaxed solutions do
// not start local searches (they cost more than they found on the
// OR-Library instances). In rounds of bnbRound nodes bounded in parallel
// and merged in id order (the leaves' exact searches with them), as pmBnB.
type capBnB struct {
	cs         *capSearch
	dem        []float64
	clk        *clock
	queue      nodeQueue
	nextID     int
	nodes      int
	maxNodes   int
	rootIter   int
	nodeIter   int
	unresolved float64 // least bound of the leaves not searched to the end
}

// branchAndBound runs the tree from the search's incumbent and the
// multipliers of lr, up to Options.Prove or MaxNodes, keeping any better
// solution in cs; it returns the lower bound and the nodes evaluated.
func (cs *capSearch) branchAndBound(s settings, lr *capLagrange) (float64, int) {
	clk := newClock(cs.clk.ctx, s.prove)
	if cs.clk.limited && (!clk.limited || cs.clk.deadline.Before(clk.deadline)) {
		clk.deadline, clk.limited = cs.clk.deadline, true
	}
	b := &capBnB{cs: cs, dem: lr.dem, clk: clk, maxNodes: s.maxNodes, rootIter: max(s.boundIter, capNodeSteps),
		nodeIter: capNodeSteps, unresolved: math.Inf(1)}
	outer := cs.clk
	cs.clk = clk
	defer func() {
		cs.clk = outer
		outer.stopped()
	}()
	b.push(&pmNode{state: make([]int8, cs.in.m), lambda: slices.Clone(lr.lambda), bound: lr.bound()})
	for b.queue.Len() > 0 && b.nodes < b.maxNodes && !clk.stopped() {
		b.round()
	}
	return b.lowerBound(), b.nodes
}

// round bounds up to bnbRound open nodes in parallel, against the
// incumbent as it stands, and merges them in id order.
func (b *capBnB) round() {
	round := popRound(&b.queue, min(bnbRound, b.maxNodes-b.nodes), b.prunes)
	b.nodes += len(round)
	evs := make([]capEval, len(round))
	ub := b.cs.incObj
	forEachParallel(len(round), func(i int) { evs[i] = b.boundNode(round[i], ub) })
	for i := range evs {
		b.merge(&evs[i])
	}
}

// push queues a node, numbering it.
func (b *capBnB) push(nd *pmNode) {
	nd.id = b.nextID
	b.nextID++
	heap.Push(&b.queue, nd)
}

// prunes reports whether a node of bound lb cannot beat the incumbent.
func (b *capBnB) prunes(lb float64) bool { return b.prunesAt(lb, b.cs.incObj) }

// prunesAt is prunes against the upper bound ub.
func (b *capBnB) prunesAt(lb, ub float64) bool {
	return b.cs.closed(b.cs.in.roundBound(lb), ub)
}

// lowerBound is the least bound of the open nodes and unresolved leaves,
// capped by the incumbent.
func (b *capBnB) lowerBound() float64 {
	lb := math.Min(b.cs.incObj, b.cs.in.roundBound(b.unresolved))
	for _, nd := range b.queue {
		if !b.prunes(nd.bound) {
			lb = math.Min(lb, b.cs.in.roundBound(nd.bound))
		}
	}
	return lb
}

// capEval is the outcome of bounding one node apart from the tree, as
// pmEval.
type capEval struct {
	nd      *pmNode
	outcome evalOutcome
	sub     *instance
	lr      *capLagrange
	L, best float64
	leaf    capLeaf
}

// capLeaf is the exact assignment of a leaf's open set, searched on a
// solver of its own: complete unless the search hit its node limit.
type capLeaf struct {
	set      []int32
	g        *gapSolver
	complete bool
}

// evaluate bounds a node and merges the outcome: it prunes it, solves it
// as a leaf, or branches.
func (b *capBnB) evaluate(nd *pmNode) {
	ev := b.boundNode(nd, b.cs.incObj)
	b.merge(&ev)
}

// boundNode bounds node nd against the upper bound ub, reading the tree
// and the search but writing neither.
func (b *capBnB) boundNode(nd *pmNode, ub float64) capEval {
	ev := capEval{nd: nd}
	pb := pmBnB{ps: &pmSearch{in: b.cs.in}}
	sub, free, ok := pb.nodeInstance(nd.state)
	if !ok {
		return ev
	}
	leaf := sub.p == len(free)
	if leaf { // one open set left: all its sites count as fixed
		for _, j := range free {
			sub.fixed[j] = true
		}
		sub.nFixed += len(free)
		sub.p, free = 0, nil
	}
	ev.sub = sub
	b.bound(&ev, free, ub)
	if ev.outcome == evBranch && (leaf || sub.p == 0) {
		ev.outcome, ev.lr = evLeaf, nil
		ev.leaf = b.assignLeaf(sub)
	}
	return ev
}

// merge applies a node's outcome to the tree under the incumbent as it
// now stands.
func (b *capBnB) merge(ev *capEval) {
	switch ev.outcome {
	case evLeaf:
		if !b.prunes(ev.L) {
			b.leaf(ev.leaf, ev.L)
		}
	case evStopped:
		ev.nd.bound = math.Max(ev.nd.bound, ev.best)
		b.push(ev.nd)
	case evBranch:
		b.branch(ev.nd, ev.lr, ev.L)
	}
}

// assignLeaf assigns a leaf's single open set (its fixed sites) exactly,
// on a new solver so that leaves of a round are searched at once.
func (b *capBnB) assignLeaf(sub *instance) capLeaf {
	var set []int32
	for j := 0; j < sub.m; j++ {
		if sub.fixed[j] {
			set = append(set, int32(j))
		}
	}
	g := newGAPSolver(b.cs.in, b.dem)
	g.prepare(set)
	g.regret(nil)
	g.improve()
	return capLeaf{set: set, g: g, complete: g.exact(exactNodesFinal)}
}

// leaf records a leaf's assignment; bound is its Lagrangian bound, which
// stays in the lower bound when the exact search did not complete.
func (b *capBnB) leaf(lf capLeaf, bound float64) {
	b.cs.recordFrom(lf.g, lf.set, hashSet(lf.set))
	if !lf.complete {
		b.unresolved = math.Min(b.unresolved, bound)
	}
}

// bound runs the node's subgradient steps against ub on its own copy of
// the clock and sets in ev the relaxation at its best multipliers and the
// bound there (evBranch); evDone when the node is pruned, evStopped when
// the clock stopped.
func (b *capBnB) bound(ev *capEval, free []int32, ub float64) {
	nd := ev.nd
	clk := *b.clk
	lr := newCapLagrange(ev.sub, b.dem)
	lr.free = free
	copy(lr.lambda, nd.lambda)
	k := b.nodeIter
	if nd.id == 0 {
		k = b.rootIter
	} else {
		lr.sg.theta = bnbTheta
	}
	bestLam := slices.Clone(nd.lambda)
	prunes := func(lb, _ float64) bool { return b.prunesAt(lb, ub) }
	lr.iterate(k, ub, &clk, prunes, func([]int32) float64 {
		copy(bestLam, lr.lambda) // called on each better bound
		return ub
	})
	best := lr.sg.best
	switch {
	case b.prunesAt(best, ub):
		return
	case clk.stopped():
		ev.outcome, ev.best = evStopped, best
		return
	}
	copy(lr.lambda, bestLam)
	ev.L, _ = lr.evaluate()
	ev.outcome, ev.lr = evBranch, lr
}

// branch fixes sites by reduced costs and queues the two children, as
// pmBnB.branch, branching on the undecided site whose ρ is nearest the
// midpoint between Y's largest and the rest's least.
func (b *capBnB) branch(nd *pmNode, lr *capLagrange, L float64) {
	rs := reducedCosts{free: lr.free, inY: lr.inY, rho: lr.rho, L: L}
	st := rs.fix(nd.state, b.prunes)
	for _, child := range rs.children(st, rs.nearestThreshold(st), slices.Clone(lr.lambda)) {
		b.push(child)
	}
}

// nearestThreshold is the undecided site whose ρ is nearest the midpoint
// of the thresholds, ties to the lower index; −1 when none is undecided.
func (rs reducedCosts) nearestThreshold(st []int8) int32 {
	rp, rq := rhoThresholds(rs.free, rs.inY, rs.rho)
	mid := (rp + rq) / 2
	j, dist := int32(-1), math.Inf(1)
	for _, k := range rs.free {
		if d := math.Abs(rs.rho[k] - mid); st[k] == 0 && (d < dist || (d == dist && k < j)) {
			j, dist = k, d
		}
	}
	return j
}
