package scenarios_test

import (
	"context"
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Load a scenario (it extends a baseline and opens, expands and closes
// schools), run it, and print junior entrants, entry seats and unplaced
// children by year. In 2025 the city has as many seats as entrants, but
// they are in the wrong district: 15 children of the west go without a
// seat until the west's junior school adds a stream in 2026.
func Example() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-changes.yaml")
	if err != nil {
		log.Fatal(err)
	}
	res, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, y := range res.Stages[engine.Junior].Years {
		fmt.Printf("%d: %d entrants, %d entry seats, %d unplaced\n", y.Year, y.City.Entrants, y.City.EntrySeats, y.City.Unplaced)
	}
	// Output:
	// 2025: 90 entrants, 90 entry seats, 15 unplaced
	// 2026: 86 entrants, 130 entry seats, 0 unplaced
	// 2027: 96 entrants, 130 entry seats, 0 unplaced
	// 2028: 91 entrants, 130 entry seats, 0 unplaced
	// 2029: 87 entrants, 130 entry seats, 0 unplaced
	// 2030: 82 entrants, 130 entry seats, 0 unplaced
}
