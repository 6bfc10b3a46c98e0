package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// A plan's phases are checked for names, overlaps and gaps; a year falls
// in one of them, or in none.
func ExampleCheckPhases() {
	plan := []engine.Phase{{Name: "近期", From: 2021, To: 2025}, {Name: "中期", From: 2027, To: 2030}}
	engine.CheckPhases(plan, func(i int, field string, err error) {
		fmt.Printf("phases[%d].%s: %v\n", i, field, err)
	})
	fmt.Printf("2023: %q, 2040: %q\n", engine.PhaseOf(plan, 2023), engine.PhaseOf(plan, 2040))
	// Output:
	// phases[1].from: engine: invalid value: 2027 leaves 2026 in no phase (phase "近期" ends 2025): want 2026
	// 2023: "近期", 2040: ""
}

// A scenario's cost table laid over the city's: the scenario's entries
// win, the city's fill the rest.
func ExampleCostTable_Over() {
	f := func(v float64) *float64 { return &v }
	city := &engine.CostTable{NewSchool: f(8000), PerStream: f(600)}
	scenario := &engine.CostTable{PerStream: f(700)}
	for _, e := range scenario.Over(city).Entries() {
		if e.Value != nil {
			fmt.Println(e.Key, *e.Value)
		}
	}
	// Output:
	// new_school 8000
	// per_stream 700
}

// A change carries its programme: a school opening in 2029 with a lead
// time of three years is decided in 2026.
func ExampleWithProgramme() {
	var c engine.Change = engine.Expand{School: "P1", Streams: 2, Year: 2029}
	c = engine.WithProgramme(c, engine.Programme{Cost: 1200, CostGiven: true, LeadTime: 3})
	p := engine.ProgrammeOf(c)
	fmt.Println(engine.Decided(c), p.Cost, p.CostGiven)
	// Output:
	// 2026 1200 true
}

// Phases may give budgets: the most their changes may cost.
func ExampleHasBudgets() {
	b := 20000.0
	fmt.Println(engine.HasBudgets([]engine.Phase{{Name: "近期", From: 2021, To: 2025}}))
	fmt.Println(engine.HasBudgets([]engine.Phase{{Name: "近期", From: 2021, To: 2025, Budget: &b}, {Name: "中期", From: 2026, To: 2030}}))
	// Output:
	// false
	// true
}
