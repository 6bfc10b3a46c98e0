package siteopt_test

import (
	"flag"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/approx"
)

var seedFlag = flag.Uint64("siteopt.seed", 1, "seed of the random test instances")

// testRNG returns the tests' random source, logging the seed so a failure
// can be replayed with -siteopt.seed.
func testRNG(tb testing.TB) *rand.Rand {
	tb.Helper()
	tb.Logf("random instances from -siteopt.seed=%d", *seedFlag)
	return rand.New(rand.NewPCG(*seedFlag, 7))
}

// tol is the tests' tolerance on objectives: relative 1e-9, absolute
// 1e-9 near zero.
const tol = 1e-9

// randomProblem is n points and m sites, either Euclidean in a 1 km square
// or a random integer matrix, with random integer weights.
func randomProblem(tb testing.TB, rng *rand.Rand, n, m int, euclid bool) *siteopt.Problem {
	tb.Helper()
	var p *siteopt.Problem
	var err error
	if euclid {
		dem, sites := make([]orb.Point, n), make([]orb.Point, m)
		for i := range dem {
			dem[i] = orb.Point{1000 * rng.Float64(), 1000 * rng.Float64()}
		}
		for j := range sites {
			sites[j] = orb.Point{1000 * rng.Float64(), 1000 * rng.Float64()}
		}
		p, err = siteopt.NewEuclidean(dem, sites)
	} else {
		cost := make([]float64, n*m)
		for k := range cost {
			cost[k] = float64(rng.IntN(100))
		}
		p, err = siteopt.NewMatrix(n, m, cost)
	}
	if err != nil {
		tb.Fatal(err)
	}
	p.Weight = make([]float64, n)
	for i := range p.Weight {
		p.Weight[i] = float64(1 + rng.IntN(9))
	}
	return p
}

// subsets calls fn with every set of k sites among the free sites (those
// not fixed), with the fixed sites appended.
func subsets(p *siteopt.Problem, k int, fn func(open []int)) {
	var free, fixed []int
	for j := 0; j < p.Sites(); j++ {
		if p.Fixed != nil && p.Fixed[j] {
			fixed = append(fixed, j)
		} else {
			free = append(free, j)
		}
	}
	cur := make([]int, 0, k+len(fixed))
	var rec func(start int)
	rec = func(start int) {
		if len(cur) == k {
			fn(append(slices.Clone(cur), fixed...))
			return
		}
		for t := start; t <= len(free)-(k-len(cur)); t++ {
			cur = append(cur, free[t])
			rec(t + 1)
			cur = cur[:len(cur)-1]
		}
	}
	rec(0)
}

// bruteMedian is the p-median optimum by enumeration.
func bruteMedian(p *siteopt.Problem) float64 {
	best := math.Inf(1)
	subsets(p, p.P, func(open []int) { best = math.Min(best, p.Evaluate(open)) })
	return best
}

// bruteMaxCover is the maximal covering optimum by enumeration.
func bruteMaxCover(p *siteopt.Problem) float64 {
	best := math.Inf(-1)
	subsets(p, p.P, func(open []int) { best = math.Max(best, p.Evaluate(open)) })
	return best
}

// bruteSetCover is the least opening cost covering every point of positive
// weight, or +Inf.
func bruteSetCover(p *siteopt.Problem) float64 {
	best := math.Inf(1)
	free := 0
	for j := 0; j < p.Sites(); j++ {
		if p.Fixed == nil || !p.Fixed[j] {
			free++
		}
	}
	cover := *p
	cover.Model = siteopt.MaxCover
	total := 0.0
	for i := 0; i < p.Demands(); i++ {
		total += weightOf(p, i)
	}
	for k := 0; k <= free; k++ {
		subsets(p, k, func(open []int) {
			if approx.Rel(cover.Evaluate(open), total, tol, tol) {
				best = math.Min(best, p.Evaluate(open))
			}
		})
	}
	return best
}

// bruteCapacitated is the capacitated p-median optimum by enumerating the
// sets and, for each, the assignments.
func bruteCapacitated(p *siteopt.Problem) float64 {
	best := math.Inf(1)
	n := p.Demands()
	subsets(p, p.P, func(open []int) {
		load := make([]float64, p.Sites())
		assign := make([]int, n)
		var rec func(i int)
		rec = func(i int) {
			if i == n {
				c, over := p.EvaluateAssignment(assign)
				if over <= 1e-9 {
					// open sites serving nobody still pay their opening cost
					used := map[int]bool{}
					for _, j := range assign {
						used[j] = true
					}
					for _, j := range open {
						if !used[j] && p.OpenCost != nil && (p.Fixed == nil || !p.Fixed[j]) {
							c += p.OpenCost[j]
						}
					}
					best = math.Min(best, c)
				}
				return
			}
			for _, j := range open {
				if load[j]+demandOf(p, i) <= p.Capacity[j]+1e-9 {
					load[j] += demandOf(p, i)
					assign[i] = j
					rec(i + 1)
					load[j] -= demandOf(p, i)
				}
			}
		}
		rec(0)
	})
	return best
}

func weightOf(p *siteopt.Problem, i int) float64 {
	if p.Weight == nil {
		return 1
	}
	return p.Weight[i]
}

func demandOf(p *siteopt.Problem, i int) float64 {
	if p.Demand != nil {
		return p.Demand[i]
	}
	return weightOf(p, i)
}

// checkResult checks every Result invariant: the open set (sorted, fixed
// sites in, the right count), the assignment (open sites, cheapest for
// p-median, within capacity, covering), the objective recomputed from
// scratch, and LowerBound ≤ Objective ≤ UpperBound.
func checkResult(tb testing.TB, p *siteopt.Problem, res *siteopt.Result) {
	tb.Helper()
	if !slices.IsSorted(res.Open) || len(slices.Compact(slices.Clone(res.Open))) != len(res.Open) {
		tb.Fatalf("Open %v is not sorted and unique", res.Open)
	}
	isOpen := map[int]bool{}
	for _, j := range res.Open {
		isOpen[j] = true
	}
	nFixed := 0
	for j := 0; j < p.Sites(); j++ {
		if p.Fixed != nil && p.Fixed[j] {
			nFixed++
			if !isOpen[j] {
				tb.Fatalf("fixed site %d is not open: %v", j, res.Open)
			}
		}
	}
	if p.Model != siteopt.SetCover && len(res.Open) != p.P+nFixed {
		tb.Fatalf("%d sites open, want P + fixed = %d", len(res.Open), p.P+nFixed)
	}
	if len(res.Assign) != p.Demands() {
		tb.Fatalf("Assign has %d entries, want %d", len(res.Assign), p.Demands())
	}
	var obj float64
	switch p.Model {
	case siteopt.PMedian:
		for i, j := range res.Assign {
			if !isOpen[j] {
				tb.Fatalf("point %d assigned to closed site %d", i, j)
			}
			for _, k := range res.Open {
				if p.Cost(i, k) < p.Cost(i, j) {
					tb.Fatalf("point %d assigned to site %d at %v, but open site %d costs %v", i, j, p.Cost(i, j), k, p.Cost(i, k))
				}
			}
		}
		obj = p.Evaluate(res.Open)
	case siteopt.CapacitatedPMedian:
		for i, j := range res.Assign {
			if !isOpen[j] {
				tb.Fatalf("point %d assigned to closed site %d", i, j)
			}
		}
		var over float64
		obj, over = p.EvaluateAssignment(res.Assign)
		if over > 1e-9 {
			tb.Fatalf("capacity exceeded by %v", over)
		}
		used := map[int]bool{}
		for _, j := range res.Assign {
			used[j] = true
		}
		for _, j := range res.Open {
			if !used[j] && p.OpenCost != nil && (p.Fixed == nil || !p.Fixed[j]) {
				obj += p.OpenCost[j]
			}
		}
	case siteopt.MaxCover, siteopt.SetCover:
		for i, j := range res.Assign {
			switch {
			case j >= 0 && (!isOpen[j] || p.Cost(i, j) > p.Radius):
				tb.Fatalf("point %d assigned to site %d at %v (radius %v, open %v)", i, j, p.Cost(i, j), p.Radius, isOpen[j])
			case p.Model == siteopt.SetCover && j < 0 && weightOf(p, i) > 0:
				tb.Fatalf("point %d (weight %v) is not covered", i, weightOf(p, i))
			}
		}
		obj = p.Evaluate(res.Open)
	}
	if !approx.Rel(obj, res.Objective, tol, tol) {
		tb.Fatalf("Objective %v, recomputed %v", res.Objective, obj)
	}
	if res.LowerBound > res.Objective*(1+1e-9)+1e-9 && p.Model != siteopt.MaxCover {
		tb.Fatalf("LowerBound %v > Objective %v", res.LowerBound, res.Objective)
	}
	if res.UpperBound < res.Objective*(1-1e-9)-1e-9 {
		tb.Fatalf("UpperBound %v < Objective %v", res.UpperBound, res.Objective)
	}
	if res.Gap < 0 || (res.Status == siteopt.Optimal && res.Gap > 1e-9) {
		tb.Fatalf("Gap %v with status %v", res.Gap, res.Status)
	}
}
