package scenarios_test

import (
	"context"
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Compare a baseline with a scenario that changes it: junior children
// without a seat by year, and the difference the changes make.
func ExampleCompare() {
	scs, err := scenarios.LoadAll("../testdata/scenarios/tiny-baseline.yaml", "../testdata/scenarios/tiny-changes.yaml")
	if err != nil {
		log.Fatal(err)
	}
	var results []*scenarios.Result
	for _, s := range scs {
		r, err := scenarios.Run(context.Background(), s, nil)
		if err != nil {
			log.Fatal(err)
		}
		results = append(results, r)
	}
	cmp, err := scenarios.Compare(results, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, y := range cmp.Stages[engine.Junior].Years[:3] {
		base, changed := y.City[0], y.City[1]
		fmt.Printf("%d: %s %d unplaced, %s %d (%+d)\n", y.Year, cmp.Scenarios[0], base.Unplaced,
			cmp.Scenarios[1], changed.Unplaced, changed.Delta(base).Unplaced)
	}
	// Output:
	// 2025: tiny-baseline 15 unplaced, tiny-changes 15 (+0)
	// 2026: tiny-baseline 13 unplaced, tiny-changes 0 (-13)
	// 2027: tiny-baseline 25 unplaced, tiny-changes 0 (-25)
}
