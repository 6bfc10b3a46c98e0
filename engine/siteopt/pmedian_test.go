package siteopt_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestPMedianBruteForce checks Solve against enumeration of every p-subset
// on small random instances, and LowerBound ≤ optimum ≤ Objective.
func TestPMedianBruteForce(t *testing.T) {
	rng := testRNG(t)
	cases := []struct {
		name      string
		n, m, p   int
		euclid    bool
		fixed     int  // the first sites are fixed
		openCost  bool // random opening costs
		neighbors int  // Options.Neighbors (short lists force the row scans)
		zeroW     bool // some weights zero
	}{
		{name: "matrix", n: 12, m: 9, p: 3},
		{name: "euclid", n: 12, m: 10, p: 4, euclid: true},
		{name: "p=1", n: 10, m: 8, p: 1},
		{name: "p=2", n: 10, m: 8, p: 2, euclid: true},
		{name: "fixed", n: 12, m: 10, p: 2, fixed: 2, euclid: true},
		{name: "fixed-p=1", n: 12, m: 10, p: 1, fixed: 1},
		{name: "opening-costs", n: 12, m: 9, p: 3, openCost: true},
		{name: "short-lists", n: 14, m: 10, p: 3, euclid: true, neighbors: 2},
		{name: "short-lists-matrix", n: 14, m: 10, p: 4, neighbors: 3, fixed: 1},
		{name: "zero-weights", n: 12, m: 9, p: 3, zeroW: true},
		{name: "all-open", n: 8, m: 5, p: 5},
		{name: "only-fixed", n: 8, m: 5, p: 0, fixed: 2},
	}
	for _, c := range cases {
		for rep := 0; rep < 8; rep++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, rep), func(t *testing.T) {
				p := randomProblem(t, rng, c.n, c.m, c.euclid)
				p.P = c.p
				if c.fixed > 0 {
					p.Fixed = make([]bool, c.m)
					for j := 0; j < c.fixed; j++ {
						p.Fixed[j] = true
					}
				}
				if c.openCost {
					p.OpenCost = make([]float64, c.m)
					for j := range p.OpenCost {
						p.OpenCost[j] = float64(rng.IntN(200))
					}
				}
				if c.zeroW {
					for i := 0; i < c.n; i += 3 {
						p.Weight[i] = 0
					}
				}
				res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{Neighbors: c.neighbors, Seed: 3})
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, p, res)
				want := bruteMedian(p)
				if !approx.Rel(res.Objective, want, tol, tol) {
					t.Fatalf("objective %v, optimum %v (open %v)", res.Objective, want, res.Open)
				}
				if res.LowerBound > want*(1+1e-9) {
					t.Fatalf("lower bound %v above the optimum %v", res.LowerBound, want)
				}
			})
		}
	}
}

// TestPMedianDeterministic: the same seed gives the same result, whatever
// GOMAXPROCS does to the list building.
func TestPMedianDeterministic(t *testing.T) {
	p := synthProblem(t, 2000, 300, 12)
	opt := &siteopt.Options{Seed: 42, MaxIterations: 60, BoundIterations: 150}
	a, err := siteopt.Solve(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := siteopt.Solve(context.Background(), p, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, p, a)
	if !slices.Equal(a.Open, b.Open) || a.Objective != b.Objective || a.LowerBound != b.LowerBound ||
		a.Iterations != b.Iterations || a.BoundIterations != b.BoundIterations {
		t.Fatalf("two runs differ:\n%+v\n%+v", a, b)
	}
}

// TestPMedianShortLists: candidate lists much shorter than the default
// still give valid solutions and bounds (the bound is weaker: λ is capped at
// each point's last listed cost).
func TestPMedianShortLists(t *testing.T) {
	p := synthProblem(t, 600, 150, 6)
	full, err := siteopt.Solve(context.Background(), p, &siteopt.Options{MaxIterations: 40, BoundIterations: 200})
	if err != nil {
		t.Fatal(err)
	}
	short, err := siteopt.Solve(context.Background(), p, &siteopt.Options{MaxIterations: 40, BoundIterations: 200, Neighbors: 6})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, p, full)
	checkResult(t, p, short)
	// Each bound is below each solution.
	if short.LowerBound > full.Objective*(1+1e-9) || full.LowerBound > short.Objective*(1+1e-9) {
		t.Fatalf("bounds cross: full %v ≥ %v, short %v ≥ %v", full.Objective, full.LowerBound, short.Objective, short.LowerBound)
	}
	if full.Gap > 0.01 || short.Objective > full.Objective*1.01 {
		t.Fatalf("full lists: %v (gap %v); 6-site lists: %v; want a gap ≤ 1%% and objectives within 1%%",
			full.Objective, full.Gap, short.Objective)
	}
}

func TestSolveStops(t *testing.T) {
	p := synthProblem(t, 3000, 600, 20)
	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res, err := siteopt.Solve(ctx, p, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if res == nil || res.Status != siteopt.Canceled {
			t.Fatalf("result %+v, want Status Canceled", res)
		}
		checkResult(t, p, res) // the construction is still a solution
	})
	t.Run("time-limit", func(t *testing.T) {
		res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{TimeLimit: 30 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != siteopt.TimeLimit && res.Status != siteopt.Optimal {
			t.Fatalf("status %v, want TimeLimit", res.Status)
		}
		checkResult(t, p, res)
	})
}

func TestProblemInvalid(t *testing.T) {
	mk := func() *siteopt.Problem {
		p, err := siteopt.NewMatrix(2, 3, []float64{1, 2, 3, 4, 5, 6})
		if err != nil {
			t.Fatal(err)
		}
		p.P = 1
		return p
	}
	cases := []struct {
		name string
		edit func(p *siteopt.Problem)
	}{
		{"P too big", func(p *siteopt.Problem) { p.P = 4 }},
		{"P negative", func(p *siteopt.Problem) { p.P = -1 }},
		{"nothing open", func(p *siteopt.Problem) { p.P = 0 }},
		{"weights length", func(p *siteopt.Problem) { p.Weight = []float64{1} }},
		{"negative weight", func(p *siteopt.Problem) { p.Weight = []float64{1, -1} }},
		{"fixed length", func(p *siteopt.Problem) { p.Fixed = []bool{true} }},
		{"P beyond free sites", func(p *siteopt.Problem) { p.Fixed = []bool{true, true, false}; p.P = 2 }},
		{"no capacity", func(p *siteopt.Problem) { p.Model = siteopt.CapacitatedPMedian }},
		{"negative radius", func(p *siteopt.Problem) { p.Model = siteopt.MaxCover; p.Radius = -1 }},
		{"unknown model", func(p *siteopt.Problem) { p.Model = 9 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := mk()
			c.edit(p)
			if _, err := siteopt.Solve(context.Background(), p, nil); !errors.Is(err, siteopt.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
		})
	}
	if _, err := siteopt.NewMatrix(2, 2, []float64{1, 2, 3}); !errors.Is(err, siteopt.ErrInvalid) {
		t.Fatalf("short matrix: err = %v", err)
	}
	if _, err := siteopt.NewMatrix(1, 2, []float64{1, -2}); !errors.Is(err, siteopt.ErrInvalid) {
		t.Fatalf("negative cost: err = %v", err)
	}
	bad, err := siteopt.NewFunc(2, 2, func(i, j int) float64 { return float64(i - j) })
	if err != nil {
		t.Fatal(err)
	}
	bad.P = 1
	if _, err := siteopt.Solve(context.Background(), bad, nil); !errors.Is(err, siteopt.ErrInvalid) {
		t.Fatalf("negative cost function: err = %v", err)
	}
}

// TestNewFunc: a cost function gives the same answer as the same matrix.
func TestNewFunc(t *testing.T) {
	rng := testRNG(t)
	p := randomProblem(t, rng, 12, 9, false)
	p.P = 3
	f, err := siteopt.NewFunc(12, 9, p.Cost)
	if err != nil {
		t.Fatal(err)
	}
	f.P, f.Weight = 3, p.Weight
	a, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := siteopt.Solve(context.Background(), f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Objective != b.Objective || !slices.Equal(a.Open, b.Open) {
		t.Fatalf("matrix %v %v, function %v %v", a.Objective, a.Open, b.Objective, b.Open)
	}
}
