package plan_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// readmeCosts is the cost table the README's planning model uses on the
// demo: the planner's school and stream prices and 30 a classroom-year.
func readmeCosts() *engine.CostTable {
	f := func(x float64) *float64 { return &x }
	return &engine.CostTable{NewSchool: f(8000), PerStream: f(600), ExpansionStream: f(600), TemporaryClassroomYear: f(30)}
}

// planOutcome is what the acceptance test compares of a plan: its cost
// (scenarios.ProgrammeCosts, as compare prints it), the share of its new
// permanent seats used in the last year, and the entrants it leaves
// unplaced up to the last year.
type planOutcome struct {
	cost      float64
	usedShare float64
	unplaced  int
}

// outcome runs proposal pr's scenario to its last year and measures it.
func outcome(t *testing.T, pr *plan.Proposal) planOutcome {
	t.Helper()
	r, err := scenarios.Run(context.Background(), pr.Scenario(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := scenarios.ProgrammeCosts(r)
	if c.Total.Unpriced > 0 {
		t.Fatalf("%d changes unpriced", c.Total.Unpriced)
	}
	share, _ := c.Total.UsedShare()
	return planOutcome{cost: c.Total.Cost, usedShare: share, unplaced: pr.LeftUnplaced(r)}
}

// TestDemoMultiPeriodBeatsSinglePeriod is the acceptance test on
// the built-in demo, one cost table for both plans: the multi-period plan
// leaves no entrant unplaced up to the last year, at a lower cost and with
// a larger share of its new permanent seats used in the last year than
// the single-period plan. Both plans are computed here.
func TestDemoMultiPeriodBeatsSinglePeriod(t *testing.T) {
	if testing.Short() {
		t.Skip("plans the whole demo twice (about a minute on two cores); run without -short")
	}
	s, err := scenarios.LoadFS(demo.FS, demo.Baseline)
	if err != nil {
		t.Fatal(err)
	}
	s.Costs = readmeCosts()
	plans := map[string]*plan.OptimizeOptions{"single": {}, "multi": {MultiPeriod: true}}
	got := map[string]planOutcome{}
	for _, name := range []string{"single", "multi"} {
		pr, err := plan.Optimize(context.Background(), s, plans[name])
		if err != nil {
			t.Fatal(err)
		}
		got[name] = outcome(t, pr)
		t.Logf("%s: %d changes, cost %.2f, new seats used in %d %.1f%%, %d unplaced", name, len(pr.Changes),
			got[name].cost, s.Last, 100*got[name].usedShare, got[name].unplaced)
	}
	single, multi := got["single"], got["multi"]
	if multi.unplaced != 0 {
		t.Errorf("multi-period plan leaves %d unplaced up to %d, want 0", multi.unplaced, s.Last)
	}
	if multi.cost >= single.cost {
		t.Errorf("multi-period plan costs %.2f, not less than the single-period %.2f", multi.cost, single.cost)
	}
	if multi.usedShare <= single.usedShare {
		t.Errorf("multi-period plan uses %.4f of its new seats in %d, not more than the single-period %.4f",
			multi.usedShare, s.Last, single.usedShare)
	}
}
