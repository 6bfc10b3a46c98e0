package siteopt

import (
	"container/heap"
	"math"
	"slices"
)

// pmBnB is the branch and bound of the p-median (Options.Prove), after
// the search: each node forces some sites open and others closed, and is
// bounded by the Lagrangian relaxation restricted to it (pmLagrange on a
// node instance where the forced-open sites count as fixed and the closed
// ones are left out of the choice), warm-started from its parent's
// multipliers. At the best multipliers the reduced costs ρ fix more sites
// (reduced-cost fixing: a site whose opening, or closing, would lift the
// bound past the incumbent is closed, or opened), and the node branches on
// one undecided site of the relaxed solution Y, open and closed. Every
// relaxed solution close to the incumbent starts a swap descent, as in the
// search. The nodes are explored best bound first (ties to the older
// node), in rounds of bnbRound nodes bounded in parallel from the
// incumbent as it stood before the round, and merged in node-id order
// (their relaxed solutions tried, the descents run, children queued), so
// the tree and the result do not depend on GOMAXPROCS.
type pmBnB struct {
	ps       *pmSearch
	clk      *clock
	queue    nodeQueue
	nextID   int
	nodes    int // nodes evaluated
	maxNodes int
	rootIter int // subgradient steps at the root
	nodeIter int // subgradient steps at the other nodes
	// noDescent turns the swap descents from relaxed solutions off, so
	// that the tests see the tree alone find the optimum.
	noDescent bool
}

// pmNode is a node of the tree: each site undecided (0), forced open
// (+1) or forced closed (−1); the multipliers to start from; and a lower
// bound on every solution in it known when it was made.
type pmNode struct {
	state  []int8
	lambda []float64
	bound  float64
	id     int
}

// Node steps: the root gets the search's bound steps again, every other
// node bnbNodeSteps from its parent's multipliers, starting at θ =
// bnbTheta (the parent's multipliers are already close). 60 steps: on
// the p = 5 and 10 stand-ins of pmed21–40 the tree then takes 38% fewer
// subgradient steps in all than with 150 (more nodes, each cheaper); 40,
// 50 and 80 took 4–11% more than 60. The capacitated tree keeps
// capNodeSteps.
const (
	bnbNodeSteps = 60
	capNodeSteps = 150
	bnbTheta     = 0.5
)

// branchAndBound runs the branch and bound from the search's incumbent
// and multipliers, with lb the search's bound, up to Options.Prove or
// MaxNodes. It keeps any better solution in ps.inc and returns the lower
// bound (the incumbent's objective when the tree is exhausted) and the
// number of nodes evaluated.
func (ps *pmSearch) branchAndBound(s settings, lb float64) (float64, int) {
	b := ps.newBnB(s)
	outer := ps.clk
	ps.clk = b.clk // the descents started from relaxed solutions stop with the tree
	defer func() {
		ps.clk = outer
		outer.stopped() // the time limit or the context may have ended the tree
	}()
	return b.run(lb)
}

// newBnB prepares the tree under the clock of Options.Prove, within the
// search's own time limit.
func (ps *pmSearch) newBnB(s settings) *pmBnB {
	clk := newClock(ps.clk.ctx, s.prove)
	if ps.clk.limited && (!clk.limited || ps.clk.deadline.Before(clk.deadline)) {
		clk.deadline, clk.limited = ps.clk.deadline, true
	}
	return &pmBnB{ps: ps, clk: clk, maxNodes: s.maxNodes, rootIter: max(s.boundIter, bnbNodeSteps), nodeIter: bnbNodeSteps}
}

// run explores the tree from the root, whose bound is lb, in rounds of
// up to bnbRound nodes bounded in parallel and merged in id order, and
// returns the lower bound and the number of nodes evaluated.
func (b *pmBnB) run(lb float64) (float64, int) {
	ps := b.ps
	b.push(&pmNode{state: make([]int8, ps.in.m), lambda: slices.Clone(ps.lr.lambda), bound: lb})
	for b.queue.Len() > 0 && b.nodes < b.maxNodes && !b.clk.stopped() {
		round := popRound(&b.queue, min(bnbRound, b.maxNodes-b.nodes), b.prunes)
		b.nodes += len(round)
		evs := make([]pmEval, len(round))
		ub := ps.inc.obj
		forEachParallel(len(round), func(i int) { evs[i] = b.boundNode(round[i], ub) })
		for i := range evs {
			b.merge(&evs[i])
		}
	}
	return b.lowerBound(), b.nodes
}

// prunes reports whether a node of lower bound lb cannot hold a solution
// better than the incumbent by more than the gap tolerance.
func (b *pmBnB) prunes(lb float64) bool { return b.prunesAt(lb, b.ps.inc.obj) }

// prunesAt is prunes against the upper bound ub.
func (b *pmBnB) prunesAt(lb, ub float64) bool {
	return b.ps.closed(b.ps.in.roundBound(lb), ub)
}

// lowerBound is the least bound of the open nodes, capped by the
// incumbent (which it is when the tree is exhausted).
func (b *pmBnB) lowerBound() float64 {
	lb := b.ps.inc.obj
	for _, nd := range b.queue {
		if !b.prunes(nd.bound) {
			lb = math.Min(lb, b.ps.in.roundBound(nd.bound))
		}
	}
	return lb
}

// push queues a node, numbering it.
func (b *pmBnB) push(nd *pmNode) {
	nd.id = b.nextID
	b.nextID++
	heap.Push(&b.queue, nd)
}

// nodeQueue is a heap of nodes, least bound first, then oldest.
type nodeQueue []*pmNode

func (q nodeQueue) Len() int { return len(q) }
func (q nodeQueue) Less(a, b int) bool {
	if q[a].bound != q[b].bound {
		return q[a].bound < q[b].bound
	}
	return q[a].id < q[b].id
}
func (q nodeQueue) Swap(a, b int) { q[a], q[b] = q[b], q[a] }
func (q *nodeQueue) Push(x any)   { *q = append(*q, x.(*pmNode)) }
func (q *nodeQueue) Pop() any {
	old := *q
	nd := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return nd
}
