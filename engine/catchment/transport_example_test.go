package catchment_test

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine/catchment"
)

// Two areas share a school with 5 seats; the second school is 2 km
// farther for the first area and 1 km for the second. Split, the second
// area gives up the seats it cannot have; whole, all of it moves.
func ExampleSolveTransport() {
	p := &catchment.TransportProblem{
		Supply:   []int32{4, 3},
		Capacity: []int32{5, 10},
		Start:    []int32{0, 2, 4},
		School:   []int32{0, 1, 0, 1},
		Cost:     []float64{500, 2500, 800, 1800},
		Unplaced: 20000,
	}
	for _, split := range []bool{true, false} {
		r, err := catchment.SolveTransport(context.Background(), p, &catchment.TransportOptions{Split: split})
		if err != nil {
			panic(err)
		}
		fmt.Printf("split=%v: flows %v, objective %.0f m, bound %.0f m, gap %.1f%%\n", split, r.Flow, r.Objective, r.LowerBound, 100*r.Gap)
	}
	// Output:
	// split=true: flows [4 0 1 2], objective 6400 m, bound 6400 m, gap 0.0%
	// split=false: flows [4 0 0 3], objective 7400 m, bound 6400 m, gap 13.5%
}
