package siteopt

import (
	"math"
	"slices"
)

// evalOutcome is what bounding a node decided.
type evalOutcome int8

const (
	evDone    evalOutcome = iota // no solution, pruned, or solved by its relaxation
	evLeaf                       // nothing left to choose: value the one set
	evStopped                    // the clock stopped it: queue it again
	evBranch                     // fix sites and branch
)

// pmEval is the outcome of bounding one node, computed apart from the
// tree (in parallel with the other nodes of its round) and merged into it
// afterwards: the node instance, the relaxation at the best multipliers
// and its bound L, the best bound reached, and the relaxed solutions close
// to the incumbent, in the order found.
type pmEval struct {
	nd      *pmNode
	outcome evalOutcome
	sub     *instance
	free    []int32
	lr      *pmLagrange
	L, best float64
	cands   []incumbent
}

// evaluate bounds node nd and merges the outcome into the tree: it prunes
// it, records it as solved, or fixes sites by their reduced costs and
// branches.
func (b *pmBnB) evaluate(nd *pmNode) {
	ev := b.boundNode(nd, b.ps.inc.obj)
	b.merge(&ev)
}

// boundNode bounds node nd against the upper bound ub. It reads the tree
// and the search but writes neither, so the nodes of a round can be
// bounded at once; it runs on its own copy of the clock.
func (b *pmBnB) boundNode(nd *pmNode, ub float64) pmEval {
	ev := pmEval{nd: nd}
	sub, free, ok := b.nodeInstance(nd.state)
	switch {
	case !ok: // more sites forced open than P, or too few left to open
		return ev
	case sub.p == 0 || sub.p == len(free):
		ev.outcome, ev.sub, ev.free = evLeaf, sub, free
		return ev
	}
	b.bound(&ev, sub, free, ub)
	return ev
}

// merge applies a node's outcome to the tree: its relaxed solutions are
// tried (and descended from), then the node is valued as a leaf, queued
// again, or branched on under the incumbent as it now stands.
func (b *pmBnB) merge(ev *pmEval) {
	for _, c := range ev.cands {
		b.tryY(c)
	}
	switch ev.outcome {
	case evLeaf:
		b.leaf(ev.sub, ev.free)
	case evStopped:
		ev.nd.bound = math.Max(ev.nd.bound, ev.best)
		b.push(ev.nd)
	case evBranch:
		b.branch(ev.nd, ev.lr, ev.L)
	}
}

// nodeInstance is the instance of a node: the forced-open sites count as
// fixed (keeping their opening costs) and P drops by their number. It
// returns the undecided sites, and false when the node has no solution.
func (b *pmBnB) nodeInstance(state []int8) (*instance, []int32, bool) {
	in := b.ps.in
	sub := *in
	sub.fixed = slices.Clone(in.fixed)
	var free []int32
	for j, st := range state {
		switch {
		case in.fixed[j]:
		case st > 0:
			sub.fixed[j] = true
			sub.nFixed++
			sub.p--
		case st == 0:
			free = append(free, int32(j))
		}
	}
	return &sub, free, sub.p >= 0 && sub.p <= len(free)
}

// leaf values a node with nothing left to choose: its fixed and
// forced-open sites, and every undecided one when all must open.
func (b *pmBnB) leaf(sub *instance, free []int32) {
	var set []int32
	for j := 0; j < sub.m; j++ {
		if sub.fixed[j] {
			set = append(set, int32(j))
		}
	}
	if sub.p > 0 {
		set = append(set, free...)
	}
	slices.Sort(set)
	ps := b.ps
	ps.sw.reset(set)
	ps.atInc = false
	ps.keep()
}

// bound runs the subgradient steps of a node from its multipliers,
// against the upper bound ub lowered by the relaxed solutions it finds,
// and sets in ev the relaxation evaluated at the best multipliers found,
// with its bound L (evBranch); evDone when the node is pruned or solved
// (the relaxed solution is feasible), evStopped when the clock stopped.
func (b *pmBnB) bound(ev *pmEval, sub *instance, free []int32, ub float64) {
	nd := ev.nd
	clk := *b.clk // stopped() writes its status: each node has its own copy
	lr := newPMLagrange(sub)
	lr.free = free
	copy(lr.lambda, nd.lambda)
	k := b.nodeIter
	if nd.id == 0 {
		k = b.rootIter
	} else {
		lr.sg.theta = bnbTheta
	}
	best, bestLam := math.Inf(-1), slices.Clone(nd.lambda)
	lr.iterate(k, ub, &clk, b.prunesAt, func(_ []int32, improved bool) float64 {
		if lr.lastL > best {
			best = lr.lastL
			copy(bestLam, lr.lambda)
		}
		if improved || lr.tight {
			ub = ev.relaxed(lr, ub, b.eps(ub))
		}
		return ub
	})
	switch {
	case lr.tight || b.prunesAt(best, ub):
		return
	case clk.stopped():
		ev.outcome, ev.best = evStopped, best
		return
	}
	copy(lr.lambda, bestLam)
	ev.L, _ = lr.evaluate()
	ev.outcome, ev.lr = evBranch, lr
}

// relaxed keeps the relaxed solution of lr when it costs at most lhTol
// more than ub, and returns ub lowered to its cost when it is better by
// more than eps.
func (ev *pmEval) relaxed(lr *pmLagrange, ub, eps float64) float64 {
	c := lr.costY()
	if c > ub*(1+lhTol) {
		return ub
	}
	set := slices.Clone(lr.y)
	slices.Sort(set)
	if n := len(ev.cands); n == 0 || !slices.Equal(ev.cands[n-1].set, set) {
		ev.cands = append(ev.cands, incumbent{set: set, obj: c})
	}
	if c < ub-eps {
		return c
	}
	return ub
}

// tryY records a relaxed solution that beats the incumbent and, as the
// Lagrangian heuristic of the tree, starts a swap descent over the whole
// problem from one that costs little more than the incumbent and was not
// tried before (unless b.noDescent).
func (b *pmBnB) tryY(c incumbent) {
	ps := b.ps
	if c.obj > ps.inc.obj*(1+lhTol) {
		return
	}
	if c.obj < ps.inc.obj-b.eps(ps.inc.obj) {
		ps.inc = incumbent{set: slices.Clone(c.set), obj: c.obj}
		ps.atInc = false
	}
	h := hashSet(c.set)
	if b.noDescent || ps.seen[h] {
		return
	}
	ps.seen[h] = true
	ps.sw.reset(c.set)
	ps.atInc = false
	ps.moves += ps.sw.descend(ps.clk, nil)
	ps.keep()
}

// eps is the least improvement on an incumbent of objective obj that
// counts: as the swapper's, 0.5 for integral data, else a relative 1e-10.
func (b *pmBnB) eps(obj float64) float64 {
	if b.ps.in.integral {
		return 0.5
	}
	return 1e-10 * math.Max(1, math.Abs(obj))
}
