package scenarios_test

import (
	"context"
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Run a scenario whose forecast: block projects the children by the cohort
// method (from a census, births and survival ratios, with new housing by
// yield) in its low, mid and high bands, and print the primary entrants
// and unplaced children: the shortfall's range.
func ExampleRunBands() {
	s, err := scenarios.Load("../testdata/scenarios/forecast-cohort.yaml")
	if err != nil {
		log.Fatal(err)
	}
	bands, err := scenarios.RunBands(context.Background(), s, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, y := range []engine.Year{2025, 2028, 2032} {
		var e, u [3]int
		for k, r := range bands {
			t := r.Stages[engine.Primary].Year(y).City
			e[k], u[k] = t.Entrants, t.Unplaced
		}
		fmt.Printf("%d: entrants %d / %d / %d, unplaced %d / %d / %d\n", y, e[0], e[1], e[2], u[0], u[1], u[2])
	}
	// Output:
	// 2025: entrants 101 / 104 / 106, unplaced 16 / 18 / 19
	// 2028: entrants 96 / 101 / 107, unplaced 15 / 19 / 23
	// 2032: entrants 85 / 95 / 105, unplaced 8 / 15 / 22
}
