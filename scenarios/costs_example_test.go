package scenarios_test

import (
	"context"
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/scenarios"
)

// Price a scenario's programme by phase. The new school (1 stream, opening
// 2027 with a lead time of two years: decided 2025, 近期) costs 8000 + 600
// from the cost table and adds 45 entry seats, 270 in all; J1's stream
// (中期) costs 1200 as given and adds 40 and 120; closing P1 costs 0. In
// 2030 the new school is full (P1's pupils moved in) and 59 pupils sit in
// J1's new seats.
func ExampleProgrammeCosts() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-programme.yaml")
	if err != nil {
		log.Fatal(err)
	}
	res, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		log.Fatal(err)
	}
	c := scenarios.ProgrammeCosts(res)
	for _, ch := range c.Changes {
		fmt.Printf("%s %s: decided %d (%s), cost %.0f (%v), %d seats, %d used in %d\n",
			ch.Kind, ch.School, ch.Decided, ch.Phase, ch.Cost, ch.Source, ch.Seats, ch.UsedLastYear, res.Last)
	}
	for _, p := range append(c.Phases, c.Total) {
		perSeat, _ := p.CostPerSeat()
		share, _ := p.UsedShare()
		fmt.Printf("%q: %.0f for %d seats, %.2f a seat, %.1f%% used\n", p.Phase, p.Cost, p.Seats, perSeat, 100*share)
	}
	// Output:
	// new_school P3: decided 2025 (近期), cost 8600 (table), 270 seats, 270 used in 2030
	// expand J1: decided 2026 (中期), cost 1200 (given), 120 seats, 59 used in 2030
	// close P1: decided 2029 (中期), cost 0 (given), 0 seats, 0 used in 2030
	// "近期": 8600 for 270 seats, 31.85 a seat, 100.0% used
	// "中期": 1200 for 120 seats, 10.00 a seat, 49.2% used
	// "": 9800 for 390 seats, 25.13 a seat, 84.4% used
}
