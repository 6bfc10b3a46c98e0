package siteopt_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestProveBruteForce: with Options.Prove, small random p-medians end
// Optimal at the optimum found by enumerating every P-subset, with the
// heuristic cut short (no VNS, few bound steps) so that the tree has work
// to do; and the branching is reached on some of them.
func TestProveBruteForce(t *testing.T) {
	rng := testRNG(t)
	cases := []struct {
		name     string
		n, m, p  int
		euclid   bool
		fixed    int
		openCost bool
	}{
		{name: "matrix-p3", n: 12, m: 12, p: 3},
		{name: "matrix-p5", n: 12, m: 12, p: 5},
		{name: "euclid-p4", n: 12, m: 11, p: 4, euclid: true},
		{name: "fixed", n: 12, m: 11, p: 3, fixed: 2},
		{name: "opening-costs", n: 12, m: 10, p: 3, openCost: true},
		{name: "euclid-opening-costs", n: 12, m: 10, p: 2, euclid: true, openCost: true, fixed: 1},
	}
	nodes := 0
	for _, c := range cases {
		for rep := 0; rep < 10; rep++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, rep), func(t *testing.T) {
				p := randomProblem(t, rng, c.n, c.m, c.euclid)
				p.P = c.p
				p.Fixed = make([]bool, c.m)
				for j := 0; j < c.fixed; j++ {
					p.Fixed[j] = true
				}
				if c.openCost {
					p.OpenCost = make([]float64, c.m)
					for j := range p.OpenCost {
						p.OpenCost[j] = float64(rng.IntN(300))
					}
				}
				opt := &siteopt.Options{MaxIterations: -1, BoundIterations: 5, Prove: time.Minute}
				res, err := siteopt.Solve(context.Background(), p, opt)
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, p, res)
				nodes += res.Nodes
				want := bruteMedian(p)
				if res.Status != siteopt.Optimal || !approx.Rel(res.Objective, want, tol, tol) {
					t.Fatalf("%v at %v (bound %v, %d nodes); optimum %v", res.Status, res.Objective, res.LowerBound, res.Nodes, want)
				}
			})
		}
	}
	if nodes == 0 {
		t.Fatal("no instance branched")
	}
	t.Logf("%d nodes in all", nodes)
}

// TestProveNodeLimit: a tree stopped by MaxNodes returns Feasible with a
// valid bound below the optimum and the gap to it.
func TestProveNodeLimit(t *testing.T) {
	p := readPMedFile(t, "pmed6")
	known := pmedOptima(t)["pmed6"]
	res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{Prove: time.Minute, MaxNodes: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, p, res)
	if res.Status != siteopt.Feasible || res.Nodes != 2 || res.LowerBound > known || res.Gap <= 0 {
		t.Fatalf("%v after %d nodes, bound %v, gap %v; want feasible after 2 nodes, a bound ≤ %v and a gap", res.Status, res.Nodes, res.LowerBound, res.Gap, known)
	}
}

// TestProveOptimalORLib proves OR-Library instances optimal that the
// search alone leaves with a gap.
func TestProveOptimalORLib(t *testing.T) {
	known := pmedOptima(t)
	for _, name := range []string{"pmed2", "pmed3", "pmed6", "pmed11"} {
		t.Run(name, func(t *testing.T) {
			p := readPMedFile(t, name)
			res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{Prove: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, p, res)
			if res.Status != siteopt.Optimal || res.Objective != known[name] || res.Nodes == 0 {
				t.Fatalf("%v at %v after %d nodes; want optimal at %v, by the tree", res.Status, res.Objective, res.Nodes, known[name])
			}
			t.Logf("%s: %d nodes, %v", name, res.Nodes, res.Elapsed)
		})
	}
}

// TestProveDeterministic: the tree is explored in rounds of a fixed
// number of nodes, bounded in parallel and merged in node order, so every
// field of the result but Elapsed is the same with 1, 2 and 8 processors,
// whether the node limit stops the tree or it is exhausted, for both
// models.
func TestProveDeterministic(t *testing.T) {
	pmed16 := readPMedFile(t, "pmed16")
	cap08, _ := readPMedCapFile(t, "pmedcap08")
	cases := []struct {
		name     string
		p        *siteopt.Problem
		maxNodes int
		status   siteopt.Status
	}{
		{name: "pmed16/node-limit", p: pmed16, maxNodes: 20, status: siteopt.Feasible},
		{name: "pmed16/exhausted", p: pmed16, status: siteopt.Optimal},
		{name: "pmedcap08/node-limit", p: cap08, maxNodes: 40, status: siteopt.Feasible},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := &siteopt.Options{Prove: time.Minute, MaxNodes: c.maxNodes}
			var first *siteopt.Result
			for _, procs := range []int{1, 2, 8} {
				old := runtime.GOMAXPROCS(procs)
				res, err := siteopt.Solve(context.Background(), c.p, opt)
				runtime.GOMAXPROCS(old)
				if err != nil {
					t.Fatal(err)
				}
				res.Elapsed = 0
				if res.Status != c.status || (c.maxNodes > 0 && res.Nodes != c.maxNodes) {
					t.Fatalf("GOMAXPROCS %d: %v after %d nodes; want %v after %d", procs, res.Status, res.Nodes, c.status, c.maxNodes)
				}
				if first == nil {
					first = res
				} else if !reflect.DeepEqual(first, res) {
					t.Fatalf("GOMAXPROCS 1 and %d differ:\n%+v\n%+v", procs, first, res)
				}
			}
		})
	}
}

// ExampleOptions_prove proves an OR-Library instance optimal: the search
// alone ends with the published optimum and a gap of the Lagrangian
// bound; branch and bound closes it.
func ExampleOptions_prove() {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "orlib", "pmed2.txt"))
	if err != nil {
		panic(err)
	}
	defer f.Close()
	p, err := siteopt.ReadPMed(f)
	if err != nil {
		panic(err)
	}
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("search: %v, bound %v, %v\n", res.Objective, res.LowerBound, res.Status)
	res, err = siteopt.Solve(context.Background(), p, &siteopt.Options{Prove: 10 * time.Second})
	if err != nil {
		panic(err)
	}
	fmt.Printf("branch and bound: %v, bound %v, %v\n", res.Objective, res.LowerBound, res.Status)
	// Output:
	// search: 4093, bound 4089, feasible
	// branch and bound: 4093, bound 4093, optimal
}

// randomCapacitated is randomProblem as a capacitated p-median: demands
// 1–6, capacities 12–21.
func randomCapacitated(tb testing.TB, rng *rand.Rand, n, m, k int, euclid bool) *siteopt.Problem {
	tb.Helper()
	p := randomProblem(tb, rng, n, m, euclid)
	p.Model, p.P = siteopt.CapacitatedPMedian, k
	p.Demand = make([]float64, n)
	for i := range p.Demand {
		p.Demand[i] = float64(1 + rng.IntN(6))
	}
	p.Capacity = make([]float64, m)
	for j := range p.Capacity {
		p.Capacity[j] = float64(12 + rng.IntN(10))
	}
	return p
}

// TestProveCapacitated: with Options.Prove, small random capacitated
// p-medians end Optimal at the optimum found by enumerating every set and
// assignment, and OR-Library instances whose search leaves a gap are
// proved optimal at their published optima.
func TestProveCapacitated(t *testing.T) {
	rng := testRNG(t)
	for rep := 0; rep < 24; rep++ {
		t.Run(fmt.Sprintf("random/%d", rep), func(t *testing.T) {
			p := randomCapacitated(t, rng, 7, 6, 2+rep%2, rep%2 == 0)
			want := bruteCapacitated(p)
			res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{MaxIterations: -1, BoundIterations: 5, Prove: time.Minute})
			if math.IsInf(want, 1) {
				if !errors.Is(err, siteopt.ErrInfeasible) {
					t.Fatalf("infeasible instance: err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, p, res)
			if res.Status != siteopt.Optimal || !approx.Rel(res.Objective, want, tol, tol) {
				t.Fatalf("%v at %v (bound %v, %d nodes); optimum %v", res.Status, res.Objective, res.LowerBound, res.Nodes, want)
			}
		})
	}
	for _, name := range []string{"pmedcap01", "pmedcap07"} {
		t.Run(name, func(t *testing.T) {
			p, known := readPMedCapFile(t, name)
			res, err := siteopt.Solve(context.Background(), p, &siteopt.Options{Prove: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, p, res)
			if res.Status != siteopt.Optimal || res.Objective != known || res.Nodes == 0 {
				t.Fatalf("%v at %v after %d nodes; want optimal at %v, by the tree", res.Status, res.Objective, res.Nodes, known)
			}
		})
	}
}
