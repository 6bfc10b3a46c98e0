package sim_test

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// A merge's load on its receiver comes with the run: here closing P1 into
// P0 crowds 60 pupils into each of P0's one-class grades.
func ExampleMergeLoads() {
	opt := &sim.Options{First: 2025, Last: 2026,
		Changes: []engine.Change{engine.Close{School: "P1", Year: 2026, MergeInto: "P0"}}}
	r, err := sim.Run(context.Background(), mergeCity(1), opt)
	if err != nil {
		panic(err)
	}
	for _, m := range sim.MergeLoads(r, opt) {
		fmt.Printf("warns %v, refused %v: largest class %d (%d without the merge)\n", m.Warns(), m.Exceeds(), m.With.Max, m.Without.Max)
	}
	for _, w := range r.MergeWarnings() {
		fmt.Println(w)
	}
	// Output:
	// warns true, refused false: largest class 60 (40 without the merge)
	// closing "P1" into "P0" in 2026 moves 80 primary pupils: "P0" gets 4 over 45, 4 over 50, 4 over 55 (largest class 60, 40 without them)
}
