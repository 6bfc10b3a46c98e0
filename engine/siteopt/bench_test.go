package siteopt_test

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/schoolplan/schoolplan/engine/siteopt"
)

// synthCity is n demand points in Gaussian clusters over a 30 km square
// with lognormal weights, and m candidate sites, half near demand and half
// uniform (the same generator as benchmarks/cmd/orlib synth).
func synthCity(n, m int, seed uint64) (demand []orb.Point, weight []float64, sites []orb.Point) {
	rng := rand.New(rand.NewPCG(seed, 2024))
	const side = 30000.0
	type centre struct{ x, y, sd float64 }
	centres := make([]centre, 12)
	for k := range centres {
		centres[k] = centre{side * (0.15 + 0.7*rng.Float64()), side * (0.15 + 0.7*rng.Float64()), 800 + 3000*rng.Float64()}
	}
	clamp := func(v float64) float64 { return math.Min(side, math.Max(0, v)) }
	point := func() orb.Point {
		if rng.Float64() < 0.15 {
			return orb.Point{side * rng.Float64(), side * rng.Float64()}
		}
		c := centres[rng.IntN(len(centres))]
		return orb.Point{clamp(c.x + c.sd*rng.NormFloat64()), clamp(c.y + c.sd*rng.NormFloat64())}
	}
	demand, weight = make([]orb.Point, n), make([]float64, n)
	for i := range demand {
		demand[i] = point()
		weight[i] = math.Round(math.Exp(3 + 0.8*rng.NormFloat64()))
	}
	sites = make([]orb.Point, m)
	for j := range sites {
		if j%2 == 0 {
			sites[j] = point()
		} else {
			sites[j] = orb.Point{side * rng.Float64(), side * rng.Float64()}
		}
	}
	return demand, weight, sites
}

func synthProblem(tb testing.TB, n, m, p int) *siteopt.Problem {
	tb.Helper()
	demand, weight, sites := synthCity(n, m, 1)
	pr, err := siteopt.NewEuclidean(demand, sites)
	if err != nil {
		tb.Fatal(err)
	}
	pr.Weight, pr.P = weight, p
	return pr
}

// BenchmarkSynthetic solves a synthetic p-median to a certified 1% gap.
func BenchmarkSynthetic(b *testing.B) {
	for _, c := range []struct {
		name    string
		n, m, p int
	}{
		{"n=1k/m=200/p=10", 1000, 200, 10},
		{"n=10k/m=2k/p=50", 10000, 2000, 50},
	} {
		b.Run(c.name, func(b *testing.B) {
			pr := synthProblem(b, c.n, c.m, c.p)
			opt := &siteopt.Options{GapTolerance: 0.01}
			b.ReportAllocs()
			b.ResetTimer()
			var res *siteopt.Result
			for range b.N {
				var err error
				if res, err = siteopt.Solve(context.Background(), pr, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(res.Objective, "objective")
			b.ReportMetric(100*res.Gap, "gap%")
		})
	}
}

// BenchmarkNaiveInterchange is the baseline beside BenchmarkSynthetic's
// small case: Teitz and Bart's interchange from the same number of sites,
// each swap valued by recomputing the objective (O(n·p) per swap instead of
// the fast swap's incremental bookkeeping), until no swap improves. No
// bound.
func BenchmarkNaiveInterchange(b *testing.B) {
	pr := synthProblem(b, 1000, 200, 10)
	b.ReportAllocs()
	b.ResetTimer()
	var obj float64
	for range b.N {
		obj = naiveInterchange(pr)
	}
	b.ReportMetric(obj, "objective")
}

func naiveInterchange(p *siteopt.Problem) float64 {
	open := make([]int, p.P)
	isOpen := make([]bool, p.Sites())
	for k := range open {
		open[k] = k
		isOpen[k] = true
	}
	eval := func() float64 {
		total := 0.0
		for i := 0; i < p.Demands(); i++ {
			best := math.Inf(1)
			for _, j := range open {
				best = math.Min(best, p.Cost(i, j))
			}
			total += p.Weight[i] * best
		}
		return total
	}
	cur := eval()
	for improved := true; improved; {
		improved = false
		for k := range open {
			for j := 0; j < p.Sites(); j++ {
				if isOpen[j] {
					continue
				}
				old := open[k]
				open[k] = j
				if v := eval(); v < cur-1e-9*cur {
					cur = v
					isOpen[old], isOpen[j] = false, true
					improved = true
					continue
				}
				open[k] = old
			}
		}
	}
	return cur
}

// BenchmarkPMed solves OR-Library instances to proved optimality or the
// iteration limits.
func BenchmarkPMed(b *testing.B) {
	for _, name := range []string{"pmed6", "pmed20"} {
		b.Run(name, func(b *testing.B) {
			f, err := os.Open(filepath.Join("..", "..", "testdata", "orlib", name+".txt"))
			if err != nil {
				b.Fatal(err)
			}
			pr, err := siteopt.ReadPMed(f)
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var res *siteopt.Result
			for range b.N {
				if res, err = siteopt.Solve(context.Background(), pr, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(res.Objective, "objective")
			b.ReportMetric(100*res.Gap, "gap%")
		})
	}
}
