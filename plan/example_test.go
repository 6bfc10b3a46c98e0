package plan_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Plan the junior seats of the tiny test city: its west district's only
// junior school (40 seats a year) is 13 to 25 entrants short each year.
// Each existing school may add one stream; the cheapest plan adds it to
// the west's school, and the proposal is written as a scenario that
// extends the baseline.
func ExampleOptimize() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{
		Stages: []engine.Stage{engine.Junior}, AllowExpand: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, ch := range pr.Changes {
		fmt.Printf("%s: +%d stream (%d seats) from %d, cost %v, removes %d unplaced\n",
			ch.School, ch.Streams, ch.Seats, ch.Year, ch.Cost, ch.Removed)
	}
	for _, u := range pr.Unplaced {
		fmt.Printf("%d: %d unplaced before, %d after\n", u.Year, u.Before, u.After)
	}
	if err := pr.WriteYAML(os.Stdout, "tiny-baseline.yaml"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// J1: +1 stream (40 seats) from 2025, cost 600, removes 112 unplaced
	// 2025: 15 unplaced before, 0 after
	// 2026: 13 unplaced before, 0 after
	// 2027: 25 unplaced before, 0 after
	// 2028: 22 unplaced before, 0 after
	// 2029: 20 unplaced before, 0 after
	// 2030: 17 unplaced before, 0 after
	// # Placement plan proposed by `schoolplan optimize` for scenario tiny-baseline: junior seats,
	// # every entrant seated from 2025 to 2030. Generated; edit it like any scenario.
	// #
	// # Objective: least cost. Building cost 600 (new schools and added streams).
	// # junior entrants left unplaced 2025–2030 (summed over the years): 112 before, 0 after.
	// # Solver: capacitated p-median (engine/siteopt), 1 problem solved, 1 solution used,
	// # largest certified gap of those 0.00%; then checked and repaired by simulation.
	//
	// name: tiny-baseline-optimized
	// description: "tiny-baseline with the placement plan of schoolplan optimize (junior, target 2030)"
	// extends: tiny-baseline.yaml
	// changes:
	//   # junior J1, West: adds 1 stream (40 entry seats) from 2025, cost 600; removes 112 unplaced, mean distance -28 m
	//   - expand: {school: J1, streams: 1, year: 2025}
}

// Print a proposal as the optimize command does: per stage, the changes
// with their cost and effect, then the unplaced entrants by year before
// and after. Here every stage short of seats is planned with new schools
// of one stream (class) per grade, at the default costs.
func ExampleProposal_WriteTable() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{NewStreams: 1})
	if err != nil {
		log.Fatal(err)
	}
	if err := pr.WriteTable(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// tiny-baseline-optimized — primary (tiny): plan to seat every entrant 2025–2030, objective cost
	//       change    school  district  streams  entry seats  from  cost  unplaced removed  mean distance name
	//   new school   OPT-P-1        D1        1           45  2025  8600                82         -348 m proposed primary school near A2
	//        total  1 change                                        8600                82         -348 m
	//
	//   year  unplaced before  after
	//   2025               10      0
	//   2026                8      0
	//   2027               20      0
	//   2028               17      0
	//   2029               15      0
	//   2030               12      0
	//
	// tiny-baseline-optimized — junior (tiny): plan to seat every entrant 2025–2030, objective cost
	//       change    school  district  streams  entry seats  from  cost  unplaced removed  mean distance name
	//   new school   OPT-J-1        D1        1           50  2025  8600               112         -150 m proposed junior school near A1
	//        total  1 change                                        8600               112         -150 m
	//
	//   year  unplaced before  after
	//   2025               15      0
	//   2026               13      0
	//   2027               25      0
	//   2028               22      0
	//   2029               20      0
	//   2030               17      0
	//
	// cost 17200; 0 entrants left unplaced up to 2030; capacitated p-median: 2 problems solved, 2 solutions used, largest gap 0.00%
}
