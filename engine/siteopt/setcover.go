package siteopt

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// solveSetCover finds a cheap set of new sites covering every point of
// positive weight that no fixed site covers:
//
//  1. Chvátal's greedy (least cost per newly covered point), then dropping
//     redundant sites, most expensive first;
//  2. Beasley's Lagrangian heuristic: subgradient steps on the relaxation
//     of the coverage constraints, L(u) = Σ_k u_k + Σ_j min(0, c_j − Σ_{k ∈
//     cov(j)} u_k), each step's sites of negative reduced cost completed
//     greedily and pruned; L is the lower bound (rounded up when the costs
//     are integers);
//  3. rounds of variable neighbourhood search: drop k random sites of the
//     best cover, complete it again by the greedy with costs perturbed by
//     up to ±30%, prune; keep if cheaper;
//  4. with unit costs, while the bound allows fewer sites, maximal covering
//     search with one site fewer: if it covers everything, that is a better
//     cover.
func solveSetCover(in *instance, s settings, clk *clock) (*Result, error) {
	cv := buildCoverage(in, in.pr.Radius)
	if err := everyPointCoverable(in, cv); err != nil {
		return &Result{Status: Infeasible}, err
	}
	res := &Result{}
	sc := &setCover{in: in, cv: cv, count: make([]int32, len(cv.pts)), nc: make([]int32, in.m),
		chosen: make([]bool, in.m)}
	best := sc.complete(nil)
	bestCost := sc.cost(best)
	lb := 0.0
	if len(cv.pts) > 0 && s.boundIter > 0 {
		lb, res.BoundIterations = sc.lagrange(s.boundIter, &best, &bestCost, clk)
	}
	rng := rand.New(rand.NewPCG(s.seed, 0x3c6ef372fe94f82b))
	if len(cv.pts) > 0 {
		res.Iterations += sc.vns(s.maxIter, lb, &best, &bestCost, rng, clk)
	}
	if unitCosts(in) && len(cv.pts) > 0 {
		best, bestCost = sc.fewerSites(s, lb, best, bestCost, rng, clk, &res.Iterations)
	}
	set := append(slices.Clone(best), fixedSites(in)...)
	slices.Sort(set)
	res.Open = toInts(set)
	res.Assign = assignCovering(in, set)
	res.Objective = bestCost
	finishMin(res, lb)
	return res, nil
}

// everyPointCoverable reports, as an error, the first point that matters
// that no site covers.
func everyPointCoverable(in *instance, cv *coverage) error {
	for k := range cv.pts {
		if len(cv.by(int32(k))) == 0 {
			return infeasible("demand point %d is farther than the radius %v from every site", cv.pts[k], in.pr.Radius)
		}
	}
	return nil
}

// fixedSites returns the fixed sites in index order.
func fixedSites(in *instance) []int32 {
	var fixed []int32
	for j := 0; j < in.m; j++ {
		if in.fixed[j] {
			fixed = append(fixed, int32(j))
		}
	}
	return fixed
}

// unitCosts reports whether every site that is not fixed costs 1 to open.
func unitCosts(in *instance) bool {
	for j := 0; j < in.m; j++ {
		if !in.fixed[j] && in.oc[j] != 1 {
			return false
		}
	}
	return true
}

// fewerSites is step 4: while the bound allows a cover of fewer sites, it
// runs maximal covering search with one site fewer than the best cover
// and takes the result if it covers everything. It returns the best cover
// and its cost.
func (sc *setCover) fewerSites(s settings, lb float64, best []int32, bestCost float64, rng *rand.Rand, clk *clock, moves *int) ([]int32, float64) {
	total := 0.0
	for _, w := range sc.cv.w {
		total += w
	}
	for bestCost-1 >= lb-1e-9 && bestCost >= 2 && !clk.stopped() {
		set, covered := coverSearch(sc.in, sc.cv, int(bestCost)-1, s.maxIter, total, rng, clk, moves)
		if covered < total-1e-10*math.Max(1, total) {
			break
		}
		best, bestCost = set, float64(len(set))
	}
	return best, bestCost
}

// setCover is the state of the set covering heuristics: which sites are
// chosen and, per point and site, the coverage counts of the greedy.
type setCover struct {
	in     *instance
	cv     *coverage
	count  []int32 // per point: chosen sites covering it
	nc     []int32 // per site: uncovered points it covers
	chosen []bool
}

// cost is the opening cost of set.
func (sc *setCover) cost(set []int32) float64 {
	c := 0.0
	for _, j := range set {
		c += sc.in.oc[j]
	}
	return c
}

// complete adds to start the sites that cover the rest most cheaply per
// point (Chvátal), then drops redundant sites, and returns the cover.
func (sc *setCover) complete(start []int32) []int32 { return sc.completeNoisy(start, nil) }

// completeNoisy is complete with the greedy's costs multiplied by noise
// (per site; nil: none), for randomised restarts.
func (sc *setCover) completeNoisy(start []int32, noise []float64) []int32 {
	set := slices.Clone(start)
	sc.choose(set)
	for uncovered := sc.countUncovered(); uncovered > 0; {
		best := sc.cheapestPerPoint(noise)
		set = append(set, best)
		uncovered -= sc.add(best)
	}
	return sc.dropRedundant(set)
}

// choose makes set the chosen sites and counts the chosen sites covering
// each point.
func (sc *setCover) choose(set []int32) {
	clear(sc.count)
	clear(sc.chosen)
	for _, j := range set {
		sc.chosen[j] = true
		for _, k := range sc.cv.of(j) {
			sc.count[k]++
		}
	}
}

// countUncovered counts, for each site, the uncovered points it covers
// (nc), and returns the number of uncovered points.
func (sc *setCover) countUncovered() int {
	cv := sc.cv
	uncovered := 0
	clear(sc.nc)
	for k := range cv.pts {
		if sc.count[k] == 0 {
			uncovered++
			for _, j := range cv.by(int32(k)) {
				sc.nc[j]++
			}
		}
	}
	return uncovered
}

// cheapestPerPoint returns the site that is not chosen of least cost
// (times noise, if set) per uncovered point it covers, the first of
// equals.
func (sc *setCover) cheapestPerPoint(noise []float64) int32 {
	in := sc.in
	best, bestC := int32(-1), 0.0
	for j := int32(0); j < int32(in.m); j++ {
		if sc.nc[j] == 0 || sc.chosen[j] {
			continue
		}
		// c_j/nc_j < c_b/nc_b without dividing
		cj := in.oc[j]
		if noise != nil {
			cj *= noise[j]
		}
		if best < 0 || cj*float64(sc.nc[best]) < bestC*float64(sc.nc[j]) {
			best, bestC = j, cj
		}
	}
	return best
}

// add chooses site j and returns the number of points it newly covers.
func (sc *setCover) add(j int32) int {
	cv := sc.cv
	sc.chosen[j] = true
	newly := 0
	for _, k := range cv.of(j) {
		if sc.count[k] == 0 {
			newly++
			for _, q := range cv.by(k) {
				sc.nc[q]--
			}
		}
		sc.count[k]++
	}
	return newly
}

// dropRedundant drops from set, most expensive first (then highest index),
// every site whose points are all covered twice, and returns the rest
// sorted.
func (sc *setCover) dropRedundant(set []int32) []int32 {
	in := sc.in
	slices.SortFunc(set, func(a, b int32) int {
		if c := cmp.Compare(in.oc[b], in.oc[a]); c != 0 {
			return c
		}
		return int(b - a)
	})
	kept := set[:0]
	for _, j := range set {
		if !sc.redundant(j) {
			kept = append(kept, j)
			continue
		}
		for _, k := range sc.cv.of(j) {
			sc.count[k]--
		}
		sc.chosen[j] = false
	}
	slices.Sort(kept)
	return kept
}

// redundant reports whether every point site j covers is covered by
// another chosen site too.
func (sc *setCover) redundant(j int32) bool {
	for _, k := range sc.cv.of(j) {
		if sc.count[k] < 2 {
			return false
		}
	}
	return true
}

// vns runs up to rounds rounds of drop-and-complete on best and returns the
// number of improvements.
func (sc *setCover) vns(rounds int, lb float64, best *[]int32, bestCost *float64, rng *rand.Rand, clk *clock) int {
	noise := make([]float64, sc.in.m)
	improved := 0
	k := 1
	for r := 0; r < rounds && *bestCost > lb+1e-9 && !clk.stopped(); r++ {
		cur := slices.Clone(*best)
		kk := min(k, len(cur))
		for t := 0; t < kk; t++ {
			q := rng.IntN(len(cur))
			cur[q] = cur[len(cur)-1]
			cur = cur[:len(cur)-1]
		}
		for j := range noise {
			noise[j] = 0.7 + 0.6*rng.Float64()
		}
		cur = sc.completeNoisy(cur, noise)
		if c := sc.cost(cur); c < *bestCost-1e-9 {
			*best, *bestCost = cur, c
			improved++
			k = 1
			continue
		}
		k = k%max(1, min(len(*best), 5)) + 1
	}
	return improved
}
