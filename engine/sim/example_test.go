package sim_test

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// Run a small city from 2025 to 2027 under the default policy and print
// its primary totals year by year. In 2025 district D1 has 55 entrants for
// the 45 seats of its one primary school, P1, and the bureau places
// children only within their district, so 10 are unplaced; the scenario
// grows P1 by a stream (45 seats) from 2026, and no child is left out.
func ExampleRun() {
	c, err := engine.LoadCity("../../testdata/tiny")
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := sim.Run(context.Background(), c, &sim.Options{
		First: 2025, Last: 2027,
		Changes: []engine.Change{engine.Expand{School: "P1", Streams: 1, Year: 2026}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, yr := range res.Stages[engine.Primary].Years {
		t := yr.City
		fmt.Printf("%d: %d entrants, %d admitted, %d unplaced; %d seats, %d pupils (%.0f%%)\n",
			yr.Year, t.Entrants, t.Admitted, t.Unplaced, t.EntrySeats, t.Enrolled, 100*t.Utilisation())
	}
	// Output:
	// 2025: 90 entrants, 80 admitted, 10 unplaced; 180 seats, 701 pupils (65%)
	// 2026: 86 entrants, 86 admitted, 0 unplaced; 225 seats, 660 pupils (49%)
	// 2027: 96 entrants, 96 admitted, 0 unplaced; 225 seats, 631 pupils (47%)
}
