package siteopt

import (
	"math"
	"slices"
)

// evaluate bounds node nd and then prunes it, records it as solved, or
// fixes sites by their reduced costs and branches.
func (b *pmBnB) evaluate(nd *pmNode) {
	sub, free, ok := b.nodeInstance(nd.state)
	if !ok {
		return // more sites forced open than P, or too few left to open
	}
	if sub.p == 0 || sub.p == len(free) {
		b.leaf(sub, free)
		return
	}
	lr, L, ok := b.bound(sub, free, nd)
	if !ok {
		return
	}
	b.branch(nd, lr, L)
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

// bound runs the subgradient steps of a node from its multipliers and
// returns the relaxation evaluated at the best multipliers found, with its
// bound L; false when the node is pruned or solved (the relaxed solution
// is feasible), or put back in the queue because the clock stopped.
func (b *pmBnB) bound(sub *instance, free []int32, nd *pmNode) (*pmLagrange, float64, bool) {
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
	lr.iterate(k, b.ps.inc.obj, b.clk, func(lb, _ float64) bool { return b.prunes(lb) }, func(_ []int32, improved bool) float64 {
		if lr.lastL > best {
			best = lr.lastL
			copy(bestLam, lr.lambda)
		}
		if improved || lr.tight {
			b.tryY(lr)
		}
		return b.ps.inc.obj
	})
	switch {
	case lr.tight || b.prunes(best):
		return nil, 0, false
	case b.clk.stopped():
		nd.bound = math.Max(nd.bound, best)
		b.push(nd)
		return nil, 0, false
	}
	copy(lr.lambda, bestLam)
	L, _ := lr.evaluate()
	return lr, L, true
}

// tryY records a relaxed solution that beats the incumbent and, as the
// Lagrangian heuristic of the tree, starts a swap descent over the whole
// problem from one that costs little more than the incumbent and was not
// tried before (unless b.noDescent).
func (b *pmBnB) tryY(lr *pmLagrange) {
	ps := b.ps
	c := lr.costY()
	if c > ps.inc.obj*(1+lhTol) {
		return
	}
	set := slices.Clone(lr.y)
	slices.Sort(set)
	if c < ps.inc.obj-b.eps() {
		ps.inc = incumbent{set: set, obj: c}
		ps.atInc = false
	}
	h := hashSet(set)
	if b.noDescent || ps.seen[h] {
		return
	}
	ps.seen[h] = true
	ps.sw.reset(set)
	ps.atInc = false
	ps.moves += ps.sw.descend(ps.clk, nil)
	ps.keep()
}

// eps is the least improvement on the incumbent that counts: as the
// swapper's, 0.5 for integral data, else a relative 1e-10.
func (b *pmBnB) eps() float64 {
	if b.ps.in.integral {
		return 0.5
	}
	return 1e-10 * math.Max(1, math.Abs(b.ps.inc.obj))
}
