package siteopt_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/schoolplan/schoolplan/engine/siteopt"
)

// Five residential areas along a road (metres on the projected plane), one
// existing school and three candidate sites: where should one new school go?
func ExampleSolve() {
	areas := []orb.Point{{0, 0}, {400, 0}, {900, 0}, {2000, 0}, {2600, 0}}
	sites := []orb.Point{{300, 0}, {1500, 0}, {2300, 0}, {1000, 0}}
	p, err := siteopt.NewEuclidean(areas, sites)
	if err != nil {
		panic(err)
	}
	p.Weight = []float64{120, 80, 60, 150, 90}  // children
	p.Fixed = []bool{false, false, false, true} // the school at 1000 m exists
	p.P = 1
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("open:", res.Open)
	fmt.Println("assign:", res.Assign)
	fmt.Printf("child-metres: %.0f (%v, gap %.1f%%)\n", res.Objective, res.Status, 100*res.Gap)
	// Output:
	// open: [2 3]
	// assign: [3 3 3 2 2]
	// child-metres: 246000 (optimal, gap 0.0%)
}

// Maximal covering: which two sites put the most children within 500 m?
func ExampleSolve_maxCover() {
	areas := []orb.Point{{0, 0}, {400, 0}, {900, 0}, {2000, 0}, {2600, 0}}
	sites := []orb.Point{{300, 0}, {1500, 0}, {2300, 0}}
	p, err := siteopt.NewEuclidean(areas, sites)
	if err != nil {
		panic(err)
	}
	p.Model, p.P, p.Radius = siteopt.MaxCover, 2, 500
	p.Weight = []float64{120, 80, 60, 150, 90}
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Open, res.Objective, res.Status)
	// Output:
	// [0 2] 440 optimal
}

// Set covering: the fewest sites that put every area within 700 m.
func ExampleSolve_setCover() {
	areas := []orb.Point{{0, 0}, {400, 0}, {900, 0}, {2000, 0}, {2600, 0}}
	sites := []orb.Point{{300, 0}, {1500, 0}, {2300, 0}}
	p, err := siteopt.NewEuclidean(areas, sites)
	if err != nil {
		panic(err)
	}
	p.Model, p.Radius = siteopt.SetCover, 700
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Open, res.Objective, res.Status)
	// Output:
	// [0 2] 2 optimal
}

// A capacitated p-median on a cost matrix: three areas and two sites of
// 100 seats, both opened; the first site cannot take areas 0 and 1
// together, so area 1 goes to its second choice.
func ExampleSolve_capacitated() {
	cost := []float64{ // areas × sites, minutes
		5, 20,
		8, 12,
		25, 4,
	}
	p, err := siteopt.NewMatrix(3, 2, cost)
	if err != nil {
		panic(err)
	}
	p.Model, p.P = siteopt.CapacitatedPMedian, 2
	p.Demand = []float64{70, 60, 30}
	p.Capacity = []float64{100, 100}
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Assign, res.Objective, res.Status)
	// Output:
	// [0 1 1] 21 optimal
}

// Reading an OR-Library p-median instance: the edge 1–2 is listed twice
// and the later length (3) wins; costs are shortest paths.
func ExampleReadPMed() {
	const instance = `4 4 1
1 2 10
2 3 10
3 4 10
1 2 3
`
	p, err := siteopt.ReadPMed(strings.NewReader(instance))
	if err != nil {
		panic(err)
	}
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Cost(0, 3), res.Open, res.Objective)
	// Output:
	// 23 [1] 33
}
