package siteopt

import (
	"math"
	"math/rand/v2"
	"slices"
)

// capSearch is the capacitated p-median heuristic: a search over open sets
// in which each set is valued by solving its assignment (gapSolver).
//
//  1. Start from the uncapacitated p-median solution (swapper), assigned by
//     regret and repaired by shift/swap.
//  2. Local search: swap an open site for one of the closed sites that
//     would serve its current customers most cheaply, first improvement.
//  3. Rounds of subgradient steps on the knapsack Lagrangian bound
//     (capLagrange); a relaxed Y that raises the bound is assigned and, if
//     feasible and within 2% of the best, starts a local search.
//  4. Rounds of variable neighbourhood search (k random swaps, local
//     search), alternating with 3 until the gap closes or the limits.
//  5. The best set's assignment is polished by branch and bound.
//
// Set values are cached by the hash of the set.
type capSearch struct {
	in     *instance
	dem    []float64
	g      *gapSolver
	clk    *clock
	gapTol float64
	small  bool // assign exactly (branch and bound) in every evaluation
	quick  bool // screen sets by warm-started regret and shifts (n > quickCapN)
	cache  map[uint64]capValue
	evals  int
	moves  int

	inc       []int32 // best set
	incObj    float64
	incAssign []int32 // best set's assignment, by site

	lastHash   uint64  // the set value assigned last
	lastAssign []int32 // and its assignment, by site
}

// capValue is a set's value: its objective when assigned, or, with
// bound set, only a lower bound on it (the set was cut off).
type capValue struct {
	obj      float64
	feasible bool
	bound    bool
}

// Search parameters. Instances of at most smallCapN points are assigned
// exactly in every evaluation (the brute-force tests check them). Above
// quickCapN points the local search screens neighbouring sets by a warm
// start (the current assignment, the closed site's customers placed by
// regret, two passes of shifts) and improves fully only the set it moves
// to. Otherwise sets are assigned by regret and improve, and exactly when the heuristic assignment is within exactWithin of the
// incumbent (on the Osman–Christofides instances the heuristic is about 1%
// off for a fifth of the sets, which hid the optimum of pmedcap10), with a
// node limit. The local search tries the capCandidates closed sites that
// would serve the closed site's customers most cheaply.
const (
	smallCapN       = 16
	quickCapN       = 200
	exactNodesEval  = 100_000
	exactNodesNear  = 20_000
	exactNodesFinal = 500_000
	exactWithin     = 0.02
	capCandidates   = 12
)

// solveCapacitated runs the capacitated p-median search (capSearch).
func solveCapacitated(in *instance, s settings, clk *clock) (*Result, error) {
	dem, total := capDemands(in)
	if err := capacitySuffices(in, dem, total); err != nil {
		return &Result{Status: Infeasible}, err
	}
	cs := &capSearch{in: in, dem: dem, g: newGAPSolver(in, dem), clk: clk, gapTol: s.gapTol,
		small: in.n <= smallCapN, quick: in.n > quickCapN, cache: map[uint64]capValue{}, incObj: math.Inf(1)}
	rng := rand.New(rand.NewPCG(s.seed, 0x6a09e667f3bcc908))
	cs.start(rng)
	lr := newCapLagrange(in, dem)
	if cs.incAssign != nil {
		lr.start(cs.incAssign)
	}
	res := &Result{}
	res.BoundIterations = cs.alternate(lr, s, rng)
	if math.IsInf(cs.incObj, 1) {
		res.Status = Infeasible
		if clk.status != Feasible {
			res.Status = clk.status
			return res, clk.err
		}
		return res, infeasible("no assignment within the capacities was found for any of %d site sets tried", cs.evals)
	}
	treeLB := math.Inf(-1)
	if s.prove > 0 && res.BoundIterations > 0 && !cs.closed(lr.bound(), cs.incObj) && !clk.stopped() {
		treeLB, res.Nodes = cs.branchAndBound(s, lr)
	}
	cs.polish(res)
	lb := 0.0
	if res.BoundIterations > 0 {
		lb = math.Max(math.Max(lr.bound(), treeLB), 0)
	}
	finishMin(res, lb)
	return res, nil
}

// capDemands returns each point's demand and their total.
func capDemands(in *instance) ([]float64, float64) {
	dem := make([]float64, in.n)
	total := 0.0
	for i := range dem {
		dem[i] = in.pr.demand(i)
		total += dem[i]
	}
	return dem, total
}

// capacitySuffices checks two necessary conditions for a solution: each
// point fits in some site, and the fixed sites plus the p largest others
// hold the total demand.
func capacitySuffices(in *instance, dem []float64, total float64) error {
	maxCap, fixedCap := 0.0, 0.0
	var freeCaps []float64
	for j := 0; j < in.m; j++ {
		q := in.pr.Capacity[j]
		maxCap = math.Max(maxCap, q)
		if in.fixed[j] {
			fixedCap += q
		} else {
			freeCaps = append(freeCaps, q)
		}
	}
	for i, d := range dem {
		if d > maxCap {
			return infeasible("demand point %d needs %v, more than any site's capacity (%v)", i, d, maxCap)
		}
	}
	slices.Sort(freeCaps)
	best := fixedCap
	for _, q := range freeCaps[len(freeCaps)-in.p:] {
		best += q
	}
	if total > best*(1+1e-12) {
		return infeasible("total demand %v exceeds the largest possible capacity %v", total, best)
	}
	return nil
}

// start is step 1: the uncapacitated optimum's sites (or, with a single
// site to place, the best single site), then random sets until one is
// feasible, then a local search from the incumbent.
func (cs *capSearch) start(rng *rand.Rand) {
	in := cs.in
	var start []int32
	if in.p+in.nFixed >= 2 && in.p > 0 {
		sw := newSwapper(in)
		sw.reset(greedy(in))
		cs.moves += sw.descend(cs.clk, nil)
		start = sw.set()
	} else {
		start = cs.bestSingle()
	}
	cs.consider(start)
	for try := 0; try < 50 && math.IsInf(cs.incObj, 1) && in.p > 0 && !cs.clk.stopped(); try++ {
		cs.consider(cs.randomSet(rng))
	}
	if in.p > 0 && !math.IsInf(cs.incObj, 1) {
		cs.localSearch(cs.inc)
	}
}

// alternate is steps 3 and 4: rounds of subgradient steps (100, then 50
// at a time) and of variable neighbourhood search (10 at a time) until the
// gap closes, both budgets are spent or the clock stops. It returns the
// number of subgradient steps.
func (cs *capSearch) alternate(lr *capLagrange, s settings, rng *rand.Rand) int {
	in := cs.in
	b := newSearchBudget(s)
	if in.p == 0 || in.p == in.m-in.nFixed {
		b.vns = 0 // nothing to choose
	}
	shake := shakeSize{k: 1, kmax: max(1, min(in.p, 5))}
	steps := 0
	for !cs.clk.stopped() && !math.IsInf(cs.incObj, 1) {
		if b.bound > 0 {
			ran := lr.iterate(b.boundRound(), cs.incObj, cs.clk, cs.closed, cs.onY)
			b.took(ran, lr.sg.spent())
			steps += ran
		}
		if cs.closed(lr.bound(), cs.incObj) || b.spent() {
			break
		}
		b.vns -= cs.vns(min(b.vns, 10), &shake, rng, func() bool { return cs.closed(lr.bound(), cs.incObj) })
		if b.spent() {
			break
		}
	}
	return steps
}

// closed reports whether the gap between lb and ub is within tolerance.
func (cs *capSearch) closed(lb, ub float64) bool { return relGap(ub, lb) <= cs.gapTol }

// onY is the Lagrangian heuristic: a relaxed solution Y whose assignment
// is feasible and within 2% of the incumbent starts a local search. It
// returns the incumbent's objective.
func (cs *capSearch) onY(y []int32) float64 {
	set := slices.Clone(y)
	slices.Sort(set)
	if v := cs.value(set, cs.incObj*1.02, nil); v.feasible && !v.bound {
		cs.localSearch(set)
	}
	return cs.incObj
}

// vns runs up to rounds rounds of variable neighbourhood search: shake the
// incumbent by shake.k random swaps and search locally from there. It
// stops early when the clock stops or, after an improvement, when closed
// says the gap is closed. It returns the number of rounds run.
func (cs *capSearch) vns(rounds int, shake *shakeSize, rng *rand.Rand, closed func() bool) int {
	ran := 0
	for ; ran < rounds && !cs.clk.stopped(); ran++ {
		cur := slices.Clone(cs.inc)
		cs.shake(cur, shake.k, rng)
		before := cs.incObj
		cs.localSearch(cur)
		if cs.incObj >= before {
			shake.failed()
			continue
		}
		shake.improved()
		if closed() {
			ran++
			break
		}
	}
	return ran
}

// polish is step 5: it searches the best set's assignment by branch and
// bound and fills the solution into res.
func (cs *capSearch) polish(res *Result) {
	in := cs.in
	cs.g.prepare(cs.inc)
	for i, j := range cs.incAssign {
		cs.g.assign[i] = int32(slices.Index(cs.inc, j))
	}
	cs.g.sums()
	cs.g.exact(exactNodesFinal)
	res.Open = toInts(cs.inc)
	res.Assign = make([]int, in.n)
	for i, sl := range cs.g.assign[:in.n] {
		res.Assign[i] = int(cs.inc[sl])
	}
	res.Objective, _ = in.pr.EvaluateAssignment(res.Assign)
	res.Objective += cs.unusedOpenCost(res.Assign)
	res.Iterations = cs.moves
}

// shake replaces k random open free sites of set by random closed ones.
func (cs *capSearch) shake(set []int32, k int, rng *rand.Rand) {
	in := cs.in
	open := make([]bool, in.m)
	for _, j := range set {
		open[j] = true
	}
	for t := 0; t < k; t++ {
		r := rng.IntN(len(set))
		for in.fixed[set[r]] {
			r = rng.IntN(len(set))
		}
		for {
			c := int32(rng.IntN(in.m))
			if !open[c] {
				open[set[r]], open[c] = false, true
				set[r] = c
				break
			}
		}
	}
	slices.Sort(set)
}

// randomSet is the fixed sites plus p random others.
func (cs *capSearch) randomSet(rng *rand.Rand) []int32 {
	in := cs.in
	var set, free []int32
	for j := 0; j < in.m; j++ {
		if in.fixed[j] {
			set = append(set, int32(j))
		} else {
			free = append(free, int32(j))
		}
	}
	rng.Shuffle(len(free), func(a, b int) { free[a], free[b] = free[b], free[a] })
	set = append(set, free[:in.p]...)
	slices.Sort(set)
	return set
}

// bestSingle handles p + fixed = 1 or p = 0: the fixed sites plus, if p = 1
// and none is fixed, the cheapest site that can hold everything.
func (cs *capSearch) bestSingle() []int32 {
	in := cs.in
	var set []int32
	for j := 0; j < in.m; j++ {
		if in.fixed[j] {
			set = append(set, int32(j))
		}
	}
	if in.p == 0 {
		return set
	}
	total := 0.0
	for _, d := range cs.dem {
		total += d
	}
	best, bc := int32(-1), math.Inf(1)
	for j := 0; j < in.m; j++ {
		if in.pr.Capacity[j] < total {
			continue
		}
		c := in.oc[j]
		for i := 0; i < in.n; i++ {
			c += in.w[i] * in.cm.at(i, j)
		}
		if c < bc {
			best, bc = int32(j), c
		}
	}
	if best < 0 {
		best = 0
	}
	return append(set, best)
}
