package siteopt_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/sitetest"
)

func synthProblem(tb testing.TB, n, m, p int) *siteopt.Problem {
	tb.Helper()
	demand, weight, sites := sitetest.Clustered(n, m, 1)
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

// BenchmarkCapacitated solves capacitated p-medians: an Osman–Christofides
// instance (n = 50: every evaluation improves by shifts, swaps and
// ejection chains) and a synthetic one above the quick-screening size
// (n = 300), with the iteration limits cut so that a run takes about a
// second.
func BenchmarkCapacitated(b *testing.B) {
	b.Run("n=50/pmedcap10", func(b *testing.B) {
		pr, _ := readPMedCapFile(b, "pmedcap10")
		benchSolve(b, pr, nil)
	})
	b.Run("n=300/m=40/p=6", func(b *testing.B) {
		pr := synthProblem(b, 300, 40, 6)
		pr.Model = siteopt.CapacitatedPMedian
		total := 0.0
		for _, w := range pr.Weight {
			total += w
		}
		pr.Capacity = make([]float64, pr.Sites())
		for j := range pr.Capacity {
			pr.Capacity[j] = math.Round(1.25 * total / 6 * (0.7 + 0.15*float64(j%5)))
		}
		benchSolve(b, pr, &siteopt.Options{MaxIterations: 30, BoundIterations: 200})
	})
}

// benchSolve runs Solve b.N times and reports the last objective and gap.
func benchSolve(b *testing.B, pr *siteopt.Problem, opt *siteopt.Options) {
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
}

// BenchmarkProve proves OR-Library instances optimal by branch and bound
// (Options.Prove), by size: the p-median pmed6 (n = 200) and pmed16
// (n = 400), both with p = 5, and the capacitated pmedcap10 (n = 50).
func BenchmarkProve(b *testing.B) {
	opt := &siteopt.Options{Prove: time.Minute}
	for _, name := range []string{"pmed6", "pmed16"} {
		b.Run("pmedian/"+name, func(b *testing.B) {
			benchSolve(b, readPMedFile(b, name), opt)
		})
	}
	b.Run("capacitated/pmedcap10", func(b *testing.B) {
		pr, _ := readPMedCapFile(b, "pmedcap10")
		benchSolve(b, pr, opt)
	})
}
