package siteopt_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestCapacitatedBruteForce checks Solve against enumeration of every set
// and every assignment on tiny instances.
func TestCapacitatedBruteForce(t *testing.T) {
	rng := testRNG(t)
	cases := []struct {
		name     string
		n, m, p  int
		euclid   bool
		fixed    int
		slack    float64 // total capacity of p+fixed average sites over total demand
		openCost bool
		unitW    bool // Weight nil: bare costs as in Osman–Christofides
	}{
		{name: "loose", n: 7, m: 5, p: 2, slack: 1.6},
		{name: "tight", n: 7, m: 5, p: 2, slack: 1.1, euclid: true},
		{name: "three", n: 7, m: 6, p: 3, slack: 1.2},
		{name: "fixed", n: 7, m: 5, p: 1, fixed: 1, slack: 1.3, euclid: true},
		{name: "opening-costs", n: 6, m: 5, p: 2, slack: 1.4, openCost: true},
		{name: "unit-weight", n: 8, m: 5, p: 2, slack: 1.15, unitW: true},
		{name: "p=1", n: 6, m: 5, p: 1, slack: 1.5},
	}
	for _, c := range cases {
		for rep := 0; rep < 6; rep++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, rep), func(t *testing.T) {
				p := randomProblem(t, rng, c.n, c.m, c.euclid)
				p.Model, p.P = siteopt.CapacitatedPMedian, c.p
				p.Demand = make([]float64, c.n)
				total := 0.0
				for i := range p.Demand {
					p.Demand[i] = float64(1 + rng.IntN(6))
					total += p.Demand[i]
				}
				if c.unitW {
					p.Weight = nil
				}
				k := float64(c.p + c.fixed)
				p.Capacity = make([]float64, c.m)
				for j := range p.Capacity {
					// around slack·total/k, at least the largest demand
					p.Capacity[j] = float64(int(c.slack*total/k*(0.8+0.4*rng.Float64())) + 6)
				}
				if c.fixed > 0 {
					p.Fixed = make([]bool, c.m)
					for j := 0; j < c.fixed; j++ {
						p.Fixed[j] = true
					}
				}
				if c.openCost {
					p.OpenCost = make([]float64, c.m)
					for j := range p.OpenCost {
						p.OpenCost[j] = float64(rng.IntN(100))
					}
				}
				want := bruteCapacitated(p)
				res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{Seed: 5})
				if want > 1e300 {
					if !errors.Is(err, siteopt.ErrInfeasible) {
						t.Fatalf("infeasible instance: err = %v, result %+v", err, res)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, p, res)
				if !approx.Rel(res.Objective, want, tol, tol) {
					t.Fatalf("objective %v, optimum %v (open %v, assign %v)", res.Objective, want, res.Open, res.Assign)
				}
				if res.LowerBound > want*(1+1e-9) {
					t.Fatalf("lower bound %v above the optimum %v", res.LowerBound, want)
				}
			})
		}
	}
}

func TestCapacitatedInfeasible(t *testing.T) {
	p, err := siteopt.NewMatrix(3, 2, []float64{1, 2, 2, 1, 1, 1})
	if err != nil {
		t.Fatal(err)
	}
	p.Model, p.P = siteopt.CapacitatedPMedian, 1
	p.Demand = []float64{2, 2, 2}
	p.Capacity = []float64{5, 5}
	res, err := siteopt.Solve(context.Background(), p, nil)
	if !errors.Is(err, siteopt.ErrInfeasible) || res == nil || res.Status != siteopt.Infeasible {
		t.Fatalf("err = %v, result %+v; want ErrInfeasible", err, res)
	}
	p.Demand = []float64{6, 1, 1}
	if _, err := siteopt.Solve(context.Background(), p, nil); !errors.Is(err, siteopt.ErrInfeasible) {
		t.Fatalf("demand above every capacity: err = %v", err)
	}
}
