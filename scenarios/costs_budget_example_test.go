package scenarios_test

import (
	"context"
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/scenarios"
)

// Check a programme against its phase budgets: with 8000 for 近期, the
// new school decided in 2025 (8600) overspends it by 600; 中期 (1200 of
// 5000) is within its budget.
func ExampleBudgetWarnings() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-programme.yaml")
	if err != nil {
		log.Fatal(err)
	}
	near, mid := 8000.0, 5000.0
	s.Phases[0].Budget, s.Phases[1].Budget = &near, &mid
	res, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range scenarios.ProgrammeCosts(res).Phases {
		over, isOver := row.OverBudget()
		fmt.Printf("%s: %.0f of %.0f, over: %v %.0f\n", row.Phase, row.Cost, *row.Budget, isOver, over)
	}
	for _, w := range scenarios.BudgetWarnings(res) {
		fmt.Println(w)
	}
	// Output:
	// 近期: 8600 of 8000, over: true 600
	// 中期: 1200 of 5000, over: false 0
	// phase 近期 (2021–2025): its changes cost 8600, over its budget of 8000 by 600
}
