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
	res := &Result{}
	sw := newSwapper(in)
	sw.reset(greedy(in))
	res.Iterations += sw.descend(clk, nil)
	inc := incumbent{set: sw.set(), obj: sw.objective()}
	atInc := true // sw holds the incumbent
	seen := map[uint64]bool{hashSet(inc.set): true}
	// keep takes sw's solution if it is better than the incumbent.
	keep := func() bool {
		if obj := sw.objective(); obj < inc.obj-sw.eps() {
			inc = incumbent{set: sw.set(), obj: obj}
			seen[hashSet(inc.set)] = true
			atInc = true
			return true
		}
		return false
	}

	lr := newPMLagrange(in)
	lr.start(sw.d1, sw.d2)
	closed := func(lb, ub float64) bool { return relGap(ub, lb) <= s.gapTol }
	// The Lagrangian heuristic: a relaxed solution Y that raised the bound
	// and costs little more than the incumbent starts a descent.
	onY := func(y []int32, improved bool) float64 {
		if !improved || lr.costY() > inc.obj*(1+lhTol) {
			return inc.obj
		}
		set := slices.Clone(y)
		slices.Sort(set)
		h := hashSet(set)
		if seen[h] {
			return inc.obj
		}
		seen[h] = true
		sw.reset(set)
		atInc = false
		res.Iterations += sw.descend(clk, nil)
		keep()
		return inc.obj
	}

	rng := rand.New(rand.NewPCG(s.seed, 0x9e3779b97f4a7c15))
	kmax := max(1, min(in.p, 10))
	k := 1
	boundLeft, vnsLeft := s.boundIter, s.maxIter
	chunk := 100
	var log []move
	sinceReset := 0
	var lb float64
	for !clk.stopped() {
		if boundLeft > 0 {
			ran := lr.iterate(min(boundLeft, chunk), inc.obj, clk, closed, onY)
			boundLeft -= ran
			res.BoundIterations += ran
			chunk = 50
			if lr.tight || lr.sg.spent() {
				boundLeft = 0
			}
		}
		lb = lr.bound()
		if closed(lb, inc.obj) || (boundLeft <= 0 && vnsLeft <= 0) {
			break
		}
		for rounds := min(vnsLeft, 25); rounds > 0 && !clk.stopped(); rounds-- {
			vnsLeft--
			if !atInc || sinceReset >= 100 {
				sw.reset(inc.set)
				atInc, sinceReset = true, 0
			}
			log = log[:0]
			for t := 0; t < k; t++ {
				j, r := shake(in, sw, rng)
				log = append(log, move{j, sw.slots[r], r})
				sw.swap(j, r)
			}
			res.Iterations += sw.descend(clk, &log)
			if keep() {
				k = 1
				if closed(lb, inc.obj) {
					break
				}
				continue
			}
			sw.undo(log)
			sinceReset++
			k = k%kmax + 1
		}
		if boundLeft <= 0 && vnsLeft <= 0 {
			break
		}
	}
	lb = max(lr.bound(), 0) // costs are ≥ 0, so 0 is a bound when no step ran
	sw.reset(inc.set)
	res.Objective = sw.objective()
	res.Assign = assignNearest(in, sw)
	res.Open = toInts(inc.set)
	finishMin(res, lb)
	return res
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
