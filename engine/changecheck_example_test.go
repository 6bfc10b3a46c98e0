package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// CheckChanges reports every problem of a scenario's changes against the
// city, as the simulation would meet them.
func ExampleCheckChanges() {
	c, err := engine.LoadCity("../testdata/tiny")
	if err != nil {
		panic(err)
	}
	changes := []engine.Change{
		engine.Expand{School: "P1", Streams: -2, Year: 2026},
		engine.Close{School: "P1", Year: 2027, MergeInto: "J1"},
		engine.SeatSwap{Schools: [2]string{"P2", "N1"}, Seats: 5, Year: 2026},
	}
	fmt.Println(engine.CheckChanges(c, nil, 2025, 2030, changes))
	// Output:
	// 3 problems:
	// 	change 1 (expand): streams: takes "P1" to -1 primary streams in 2026: want 0 to 1000
	// 	change 2 (close): merge_into: "J1" (junior) does not teach the primary pupils of "P1"
	// 	change 3 (seat_swap): schools: "P2" and "N1" are both in district D2: a swap is between districts
}
