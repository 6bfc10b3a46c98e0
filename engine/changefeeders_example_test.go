package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// A feeders change replaces a junior school's 对口直升 list from its year;
// the city's list holds before it.
func ExampleFeedersIn() {
	j := &engine.School{ID: "J-1", Kind: engine.KindJunior, Feeders: []string{"P-1"}}
	changes := []engine.Change{engine.Feeders{School: "J-1", Primaries: []string{"P-1", "P-2"}, Year: 2027}}
	for _, y := range []engine.Year{2026, 2027} {
		fmt.Println(y, engine.FeedersIn(j, y, changes))
	}
	// Output:
	// 2026 [P-1]
	// 2027 [P-1 P-2]
}
