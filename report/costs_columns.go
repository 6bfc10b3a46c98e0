package report

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The optional columns of the costs outputs: a programme with temporary
// classrooms gets their classroom-years and entry seats (a temporary
// change adds no permanent seat, so the seat columns read 0 for it), and
// one whose phases give budgets gets each phase's budget and overspend.
// Without them the outputs are as before.

// costColumns says which optional columns the costs of some results carry.
type costColumns struct {
	temporary, budget bool
}

// costColumnsOf is the optional columns of the results that have a
// programme.
func costColumnsOf(results []*scenarios.Result) costColumns {
	var c costColumns
	for _, r := range results {
		if !r.Scenario.HasProgramme() {
			continue
		}
		c.budget = c.budget || engine.HasBudgets(r.Scenario.Phases)
		for _, ch := range r.Scenario.Changes {
			if _, ok := ch.(engine.Temporary); ok {
				c.temporary = true
			}
		}
	}
	return c
}

// csvHeader is costs.csv's header with the optional columns.
func (c costColumns) csvHeader() []string {
	h := append([]string(nil), CostsHeader...)
	if c.temporary {
		h = append(h, "temporary_classroom_years", "temporary_entry_seats")
	}
	if c.budget {
		h = append(h, "budget", "over_budget")
	}
	return h
}

// csvCells is row r's optional cells: a budget and overspend are empty for
// a row without a budget.
func (c costColumns) csvCells(r *scenarios.CostRow) []string {
	var out []string
	if c.temporary {
		out = append(out, itoa(r.ClassroomYears), itoa(r.TemporarySeats))
	}
	if c.budget {
		budget, over := "", ""
		if r.Budget != nil {
			by, _ := r.OverBudget()
			budget, over = ftoa(*r.Budget, 2), ftoa(by, 2)
		}
		out = append(out, budget, over)
	}
	return out
}

// labelKeys is the label keys of the optional columns of the printed and
// HTML phase tables.
func (c costColumns) labelKeys() []string {
	var out []string
	if c.temporary {
		out = append(out, "cost_classroom_years", "cost_temporary_seats")
	}
	if c.budget {
		out = append(out, "cost_budget", "cost_over_budget")
	}
	return out
}

// textCells is row r's optional cells in the printed and HTML tables: "–"
// for a row without a budget, and for a phase within its budget the
// overspend reads "–" too.
func (c costColumns) textCells(r *scenarios.CostRow, count func(int) string, number func(float64) string) []string {
	var out []string
	if c.temporary {
		out = append(out, count(r.ClassroomYears), count(r.TemporarySeats))
	}
	if c.budget {
		budget, over := "–", "–"
		if r.Budget != nil {
			budget = number(*r.Budget)
		}
		if by, ok := r.OverBudget(); ok {
			over = number(by)
		}
		out = append(out, budget, over)
	}
	return out
}

// changeLabelKeys is the label keys of the optional columns of the HTML
// changes table: a change's temporary classroom-years and entry seats.
func (c costColumns) changeLabelKeys() []string {
	if !c.temporary {
		return nil
	}
	return []string{"cost_classroom_years", "cost_temporary_seats"}
}
