package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Phase budgets in multi-period planning. A change's cost counts against
// the phase of the year it is decided (scenarios.ProgrammeCosts), so a plan
// moves spending out of a phase by leasing instead of building (a
// temporary class is paid in the phase its entry year is decided in, and
// temporary runs are split where phases change), by building later, or by
// building earlier in a phase with room. The layer rule is steered by a
// weight on each phase's spending: the plan is made at true prices, and
// while a phase is over its budget its weight rises (1.5, 2, 3, 5, …) and
// the plan is made again. The proposal's costs are always the true ones.
// New schools are placed by the p-median at their true price: a phase that
// still overspends once the weights reach their top is an error naming it.

// ErrOverBudget is wrapped by the error of a multi-period plan that cannot
// keep a phase within its budget.
var ErrOverBudget = errors.New("plan: over a phase budget")

// maxBudgetRounds bounds the plans made to bring the phases within their
// budgets: the weight of a phase over its budget reaches 1 + 2^(rounds−2).
const maxBudgetRounds = 8

// phaseWeights weighs spending by the phase it is committed in: phase
// name → weight (1 when absent).
type phaseWeights map[string]float64

// weight is the function of a decision year the layer rule's prices are
// multiplied by; nil when no phase is weighted.
func (w phaseWeights) weight(phases []engine.Phase) func(engine.Year) float64 {
	if len(w) == 0 {
		return nil
	}
	return func(y engine.Year) float64 {
		if x, ok := w[engine.PhaseOf(phases, y)]; ok {
			return x
		}
		return 1
	}
}

// raise raises the weight of each phase of over: 1 → 1.5, then 1 + twice
// what it added.
func (w phaseWeights) raise(over []scenarios.CostRow) {
	for _, r := range over {
		if x, ok := w[r.Phase]; ok {
			w[r.Phase] = 1 + 2*(x-1)
		} else {
			w[r.Phase] = 1.5
		}
	}
}

// overBudget is the phases the plan's scenario (its changes and the
// scenario's own) spends more in than their budgets.
func overBudget(pr *Proposal) []scenarios.CostRow {
	var out []scenarios.CostRow
	for _, r := range scenarios.ProgrammeCosts(pr.After).Phases {
		if _, over := r.OverBudget(); over {
			out = append(out, r)
		}
	}
	return out
}

// withinBudgets makes plans with rising weights on the phases over their
// budgets until one keeps every phase within its budget; propose makes a
// plan with the weights given.
func withinBudgets(ctx context.Context, progress func(string), propose func(context.Context, phaseWeights) (*Proposal, error)) (*Proposal, error) {
	w := phaseWeights{}
	for round := 1; ; round++ {
		pr, err := propose(ctx, w)
		if err != nil {
			return nil, err
		}
		over := overBudget(pr)
		if len(over) == 0 {
			return pr, nil
		}
		if round == maxBudgetRounds {
			return nil, budgetError(over)
		}
		w.raise(over)
		if progress != nil {
			progress(fmt.Sprintf("over budget in %s: planning again with spending there weighted %s", phaseList(over), weightList(w, over)))
		}
	}
}

// budgetError says which phases the last plan overspends, and by how much.
func budgetError(over []scenarios.CostRow) error {
	parts := make([]string, len(over))
	for i, r := range over {
		by, _ := r.OverBudget()
		parts[i] = fmt.Sprintf("phase %s (%d–%d) spends %.2f, over its budget of %.2f by %.2f", r.Phase, r.From, r.To, r.Cost, *r.Budget, by)
	}
	return fmt.Errorf("%w: no plan found keeps every phase within its budget, even leasing instead of building and building in other phases: %s; raise the budget, or end the phase earlier so that more of the spending falls in the next",
		ErrOverBudget, strings.Join(parts, "; "))
}

// phaseList names the phases of rows: "近期, 中期".
func phaseList(rows []scenarios.CostRow) string {
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Phase
	}
	return strings.Join(names, ", ")
}

// weightList is the weights of the phases of rows: "×1.5, ×2".
func weightList(w phaseWeights, rows []scenarios.CostRow) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = fmt.Sprintf("×%g", w[r.Phase])
	}
	return strings.Join(parts, ", ")
}

// splitRuns splits temporary runs where the phase of their decision year
// (entry year less lead) changes, so that each temporary change's cost
// falls in the phase of its entry years; runs are unchanged without
// budgets.
func (pl *planner) splitRuns(runs [][2]engine.Year) [][2]engine.Year {
	phases := pl.s.Phases
	if !engine.HasBudgets(phases) {
		return runs
	}
	lead := engine.Year(pl.o.Leads.Temporary)
	var out [][2]engine.Year
	for _, r := range runs {
		from := r[0]
		for y := r[0] + 1; y <= r[1]; y++ {
			if engine.PhaseOf(phases, y-lead) != engine.PhaseOf(phases, y-1-lead) {
				out = append(out, [2]engine.Year{from, y - 1})
				from = y
			}
		}
		out = append(out, [2]engine.Year{from, r[1]})
	}
	return out
}
