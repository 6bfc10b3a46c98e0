package scenarios

import (
	"fmt"
	"math"
	"strconv"

	"github.com/schoolplan/schoolplan/engine"
)

// Phase budgets: a phase may give the most its changes may cost
// (engine.Phase.Budget). A scenario over a budget still runs — a planner
// weighs a plan that overspends against one that leaves children
// unplaced — but simulate and compare warn of it (BudgetWarnings), and
// the planner (package plan) never proposes one.

// OverBudget is how much the row's priced changes cost beyond its
// phase's budget; ok is false when the phase gives no budget or the
// changes are within it.
func (r *CostRow) OverBudget() (over float64, ok bool) {
	if r.Budget == nil || r.Cost <= *r.Budget {
		return 0, false
	}
	return r.Cost - *r.Budget, true
}

// BudgetWarnings says, for each phase of c over its budget, by how much;
// none when every phase is within its budget or gives none.
func (c *Costs) BudgetWarnings() []string {
	var out []string
	for i := range c.Phases {
		row := &c.Phases[i]
		over, ok := row.OverBudget()
		if !ok {
			continue
		}
		msg := fmt.Sprintf("phase %s (%d–%d): its changes cost %s, over its budget of %s by %s", row.Phase, row.From, row.To,
			money(row.Cost), money(*row.Budget), money(over))
		if row.Unpriced > 0 {
			msg += fmt.Sprintf(", and %d of them have no cost", row.Unpriced)
		}
		out = append(out, msg)
	}
	return out
}

// BudgetWarnings is ProgrammeCosts(r).BudgetWarnings, without the work
// when no phase gives a budget.
func BudgetWarnings(r *Result) []string {
	if !engine.HasBudgets(r.Scenario.Phases) {
		return nil
	}
	return ProgrammeCosts(r).BudgetWarnings()
}

// money writes a cost with at most 2 decimals (25000, 1234.5).
func money(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}
