package siteopt_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestMaxCoverBruteForce checks maximal covering against enumeration.
func TestMaxCoverBruteForce(t *testing.T) {
	rng := testRNG(t)
	cases := []struct {
		name    string
		n, m, p int
		radius  float64
		fixed   int
		euclid  bool
	}{
		{name: "matrix", n: 14, m: 10, p: 3, radius: 30},
		{name: "euclid", n: 14, m: 10, p: 2, radius: 250, euclid: true},
		{name: "euclid-wide", n: 14, m: 10, p: 3, radius: 400, euclid: true},
		{name: "fixed", n: 14, m: 10, p: 2, radius: 30, fixed: 2},
		{name: "p=1", n: 12, m: 8, p: 1, radius: 20},
		{name: "tiny-radius", n: 12, m: 8, p: 3, radius: 2},
	}
	for _, c := range cases {
		for rep := 0; rep < 8; rep++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, rep), func(t *testing.T) {
				p := randomProblem(t, rng, c.n, c.m, c.euclid)
				p.Model, p.P, p.Radius = siteopt.MaxCover, c.p, c.radius
				if c.fixed > 0 {
					p.Fixed = make([]bool, c.m)
					for j := 0; j < c.fixed; j++ {
						p.Fixed[j] = true
					}
				}
				res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{Seed: 9})
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, p, res)
				want := bruteMaxCover(p)
				if !approx.Rel(res.Objective, want, tol, tol) {
					t.Fatalf("covered %v, optimum %v (open %v)", res.Objective, want, res.Open)
				}
				if res.UpperBound < want*(1-1e-9) {
					t.Fatalf("upper bound %v below the optimum %v", res.UpperBound, want)
				}
			})
		}
	}
}

// TestSetCoverBruteForce checks set covering against enumeration.
func TestSetCoverBruteForce(t *testing.T) {
	rng := testRNG(t)
	cases := []struct {
		name     string
		n, m     int
		radius   float64
		fixed    int
		openCost bool
		euclid   bool
	}{
		{name: "matrix", n: 14, m: 10, radius: 30},
		{name: "euclid", n: 14, m: 10, radius: 350, euclid: true},
		{name: "fixed", n: 14, m: 10, radius: 30, fixed: 2},
		{name: "weighted", n: 14, m: 10, radius: 35, openCost: true},
		{name: "weighted-euclid", n: 12, m: 9, radius: 400, openCost: true, euclid: true},
	}
	for _, c := range cases {
		for rep := 0; rep < 8; rep++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, rep), func(t *testing.T) {
				p := randomProblem(t, rng, c.n, c.m, c.euclid)
				p.Model, p.Radius = siteopt.SetCover, c.radius
				if c.fixed > 0 {
					p.Fixed = make([]bool, c.m)
					for j := 0; j < c.fixed; j++ {
						p.Fixed[j] = true
					}
				}
				if c.openCost {
					p.OpenCost = make([]float64, c.m)
					for j := range p.OpenCost {
						p.OpenCost[j] = float64(1 + rng.IntN(9))
					}
				}
				want := bruteSetCover(p)
				res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{Seed: 4})
				if math.IsInf(want, 1) {
					if !errors.Is(err, siteopt.ErrInfeasible) || res.Status != siteopt.Infeasible {
						t.Fatalf("no cover exists: err = %v, result %+v", err, res)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, p, res)
				if !approx.Rel(res.Objective, want, tol, tol) {
					t.Fatalf("cost %v, optimum %v (open %v)", res.Objective, want, res.Open)
				}
				if res.LowerBound > want*(1+1e-9) {
					t.Fatalf("lower bound %v above the optimum %v", res.LowerBound, want)
				}
			})
		}
	}
}

// TestSetCoverInfeasible: a point beyond the radius of every site.
func TestSetCoverInfeasible(t *testing.T) {
	p, err := siteopt.NewEuclidean([]orb.Point{{0, 0}, {5000, 0}}, []orb.Point{{100, 0}, {300, 0}})
	if err != nil {
		t.Fatal(err)
	}
	p.Model, p.Radius = siteopt.SetCover, 1000
	res, err := siteopt.Solve(context.Background(), p, nil)
	if !errors.Is(err, siteopt.ErrInfeasible) || res == nil || res.Status != siteopt.Infeasible {
		t.Fatalf("err = %v, result %+v; want ErrInfeasible", err, res)
	}
}
