package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// A junior school lists its feeder primaries (对口直升); a junior school
// cannot feed another.
func ExampleCheckFeeders() {
	c := &engine.City{Schools: []engine.School{
		{ID: "P1", Kind: engine.KindPrimary},
		{ID: "J1", Kind: engine.KindJunior, Feeders: []string{"P1"}},
		{ID: "J2", Kind: engine.KindJunior, Feeders: []string{"J1"}},
	}}
	fmt.Println(engine.CheckFeeders(c))
	// Output:
	// school "J2": feeders: "J1" is a junior school, not primary
}
