package siteopt

import (
	"math/rand/v2"
	"slices"
)

// solvePMedian runs the p-median search:
//
//  1. greedy ADD construction, then fast swap descent (swapper);
//  2. rounds of subgradient steps on the Lagrangian bound, where each
//     relaxed solution Y that improves the bound and has not been tried is
//     the start of another descent (the Lagrangian heuristic);
//  3. rounds of variable neighbourhood search: k random swaps of the best
//     solution (see shake), descent, keep if better, else undo the swaps
//     (k = 1, 2, … up to min(p, 10), back to 1 on success);
//
// alternating 2 and 3 until the gap closes or the limits are reached.
func solvePMedian(in *instance, s settings, clk *clock) *Result {
	if r, ok := trivialPMedian(in); ok {
		return r
	}
	ps := newPMSearch(in, s, clk)
	res := &Result{}
	res.BoundIterations = ps.alternate(s)
	lb := max(ps.lr.bound(), 0) // costs are ≥ 0, so 0 is a bound when no step ran
	if s.prove > 0 && !ps.closed(lb, ps.inc.obj) && !clk.stopped() {
		lb, res.Nodes = ps.branchAndBound(s, lb)
	}
	ps.sw.reset(ps.inc.set)
	res.Objective = ps.sw.objective()
	res.Assign = assignNearest(in, ps.sw)
	res.Open = toInts(ps.inc.set)
	res.Iterations = ps.moves
	finishMin(res, lb)
	return res
}

// pmSearch is the state of the p-median search.
type pmSearch struct {
	in     *instance
	clk    *clock
	gapTol float64
	sw     *swapper
	lr     *pmLagrange
	inc    incumbent
	atInc  bool            // sw holds the incumbent
	seen   map[uint64]bool // sets already descended from
	moves  int             // swaps made

	log        []move // the swaps of the current VNS round
	sinceReset int    // VNS rounds undone since sw was last rebuilt
}

// newPMSearch is step 1: the greedy construction and its descent, which
// is the first incumbent and starts the multipliers.
func newPMSearch(in *instance, s settings, clk *clock) *pmSearch {
	ps := &pmSearch{in: in, clk: clk, gapTol: s.gapTol, sw: newSwapper(in), lr: newPMLagrange(in)}
	ps.sw.reset(greedy(in))
	ps.moves += ps.sw.descend(clk, nil)
	ps.inc = incumbent{set: ps.sw.set(), obj: ps.sw.objective()}
	ps.atInc = true
	ps.seen = map[uint64]bool{hashSet(ps.inc.set): true}
	ps.lr.start(ps.sw.d1, ps.sw.d2)
	return ps
}

// closed reports whether the gap between lb and ub is within tolerance.
func (ps *pmSearch) closed(lb, ub float64) bool { return relGap(ub, lb) <= ps.gapTol }

// keep takes sw's solution if it is better than the incumbent.
func (ps *pmSearch) keep() bool {
	sw := ps.sw
	if obj := sw.objective(); obj < ps.inc.obj-sw.eps() {
		ps.inc = incumbent{set: sw.set(), obj: obj}
		ps.seen[hashSet(ps.inc.set)] = true
		ps.atInc = true
		return true
	}
	return false
}

// onY is the Lagrangian heuristic: a relaxed solution Y that raised the
// bound, costs little more than the incumbent and was not tried before
// starts a descent. It returns the incumbent's objective.
func (ps *pmSearch) onY(y []int32, improved bool) float64 {
	if !improved || ps.lr.costY() > ps.inc.obj*(1+lhTol) {
		return ps.inc.obj
	}
	set := slices.Clone(y)
	slices.Sort(set)
	h := hashSet(set)
	if ps.seen[h] {
		return ps.inc.obj
	}
	ps.seen[h] = true
	ps.sw.reset(set)
	ps.atInc = false
	ps.moves += ps.sw.descend(ps.clk, nil)
	ps.keep()
	return ps.inc.obj
}

// alternate is steps 2 and 3: rounds of subgradient steps (100, then 50
// at a time) and of VNS (25 at a time) until the gap closes, both budgets
// are spent or the clock stops. It returns the number of subgradient
// steps.
func (ps *pmSearch) alternate(s settings) int {
	rng := rand.New(rand.NewPCG(s.seed, 0x9e3779b97f4a7c15))
	size := shakeSize{k: 1, kmax: max(1, min(ps.in.p, 10))}
	b := newSearchBudget(s)
	steps := 0
	for !ps.clk.stopped() {
		if b.bound > 0 {
			ran := ps.lr.iterate(b.boundRound(), ps.inc.obj, ps.clk, ps.closed, ps.onY)
			b.took(ran, ps.lr.tight || ps.lr.sg.spent())
			steps += ran
		}
		lb := ps.lr.bound()
		if ps.closed(lb, ps.inc.obj) || b.spent() {
			break
		}
		b.vns -= ps.vns(min(b.vns, 25), lb, &size, rng)
		if b.spent() {
			break
		}
	}
	return steps
}

// vns runs up to rounds rounds of variable neighbourhood search, stopping
// early when the clock stops or an improvement closes the gap to lb. It
// returns the number of rounds run.
func (ps *pmSearch) vns(rounds int, lb float64, size *shakeSize, rng *rand.Rand) int {
	ran := 0
	for ; ran < rounds && !ps.clk.stopped(); ran++ {
		if !ps.vnsRound(size.k, rng) {
			size.failed()
			continue
		}
		size.improved()
		if ps.closed(lb, ps.inc.obj) {
			ran++
			break
		}
	}
	return ran
}

// vnsRound makes k random swaps of the incumbent (see shake) and descends;
// it keeps the result if better, else undoes the swaps. It reports whether
// the incumbent improved. The swapper is rebuilt from the incumbent when
// it holds another solution or after 100 undone rounds (rounding drift).
func (ps *pmSearch) vnsRound(k int, rng *rand.Rand) bool {
	sw := ps.sw
	if !ps.atInc || ps.sinceReset >= 100 {
		sw.reset(ps.inc.set)
		ps.atInc, ps.sinceReset = true, 0
	}
	ps.log = ps.log[:0]
	for t := 0; t < k; t++ {
		j, r := shake(ps.in, sw, rng)
		ps.log = append(ps.log, move{j, sw.slots[r], r})
		sw.swap(j, r)
	}
	ps.moves += sw.descend(ps.clk, &ps.log)
	if ps.keep() {
		return true
	}
	sw.undo(ps.log)
	ps.sinceReset++
	return false
}

// shake picks a random swap: half the time a local one (a random point's
// serving site out, one of the sites near that point in), otherwise any
// open site out and any closed site in.
func shake(in *instance, sw *swapper, rng *rand.Rand) (int32, int) {
	if rng.IntN(2) == 0 {
		u := in.users[rng.IntN(len(in.users))]
		if f := sw.f1[u]; !in.fixed[f] {
			sites, _ := in.nb.list(int(u))
			near := sites[:min(len(sites), max(8, 2*in.m/len(sw.slots)))]
			for try := 0; try < 8; try++ {
				if j := near[rng.IntN(len(near))]; !sw.open[j] {
					return j, int(sw.slotOf[f])
				}
			}
		}
	}
	r := sw.free[rng.IntN(len(sw.free))]
	for {
		if j := int32(rng.IntN(in.m)); !sw.open[j] {
			return j, r
		}
	}
}

// incumbent is the best solution so far.
type incumbent struct {
	set []int32
	obj float64
}

// trivialPMedian solves the cases with nothing to search: no new site,
// every site open, or a single site in all (tried one by one).
func trivialPMedian(in *instance) (*Result, bool) {
	set, ok := trivialSet(in)
	if !ok {
		return nil, false
	}
	open := make([]bool, in.m)
	for _, j := range set {
		open[j] = true
	}
	res := &Result{Open: toInts(set), Assign: make([]int, in.n)}
	for _, j := range set {
		res.Objective += in.oc[j]
	}
	for i := 0; i < in.n; i++ {
		j, c := in.nearestOpen(i, open, set)
		res.Assign[i] = int(j)
		res.Objective += in.w[i] * c
	}
	finishMin(res, res.Objective)
	return res, true
}

// trivialSet returns the optimal open set when there is nothing to search
// (no new site, every site, or one site in all); ok is false otherwise.
func trivialSet(in *instance) (set []int32, ok bool) {
	free := in.m - in.nFixed
	switch {
	case in.p == 0 || in.p == free:
		for j := 0; j < in.m; j++ {
			if in.fixed[j] || in.p == free {
				set = append(set, int32(j))
			}
		}
		return set, true
	case in.p == 1 && in.nFixed == 0:
		return []int32{int32(bestSingleSite(in))}, true
	}
	return nil, false
}

// assignNearest returns every point's cheapest open site under sw's open set.
func assignNearest(in *instance, sw *swapper) []int {
	assign := make([]int, in.n)
	for i := 0; i < in.n; i++ {
		if in.w[i] > 0 {
			assign[i] = int(sw.f1[i])
			continue
		}
		j, _ := in.nearestOpen(i, sw.open, sw.slots)
		assign[i] = int(j)
	}
	return assign
}

// toInts returns set as sorted ints.
func toInts(set []int32) []int {
	out := make([]int, len(set))
	for k, j := range set {
		out[k] = int(j)
	}
	slices.Sort(out)
	return out
}

// hashSet is FNV-1a over a sorted site set.
func hashSet(set []int32) uint64 {
	h := uint64(14695981039346656037)
	for _, j := range set {
		h ^= uint64(uint32(j))
		h *= 1099511628211
	}
	return h
}

// lhTol: a relaxed solution starts a descent when it costs at most this
// fraction more than the incumbent. Most relaxed solutions of the early
// steps cost 5–30% more and would each cost a long descent.
const lhTol = 0.005
