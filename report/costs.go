package report

import (
	"fmt"
	"io"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The costs of a scenario's programme (scenarios.ProgrammeCosts): cost by
// phase, cost per seat added and the new seats still used in the last
// year, as costs.csv, costs.json and a section of the printed table. Only
// a scenario that gives costs, lead times or phases has them
// (scenarios.Scenario.HasProgramme): the outputs of any other are as
// before.

// CostsHeader is the header of costs.csv.
var CostsHeader = []string{"scenario", "phase", "from", "to", "changes", "unpriced_changes", "cost",
	"entry_seats_added", "seats_added", "cost_per_entry_seat", "cost_per_seat",
	"new_seats_used_last_year", "new_seats_used_share"}

// Phase names of the rows that are not phases.
const (
	phaseOutside = engine.PhaseOutside
	phaseTotal   = engine.PhaseTotal
)

// AnyProgramme tells results of which some scenario gives costs, lead
// times or phases: only then are costs written.
func AnyProgramme(results ...*scenarios.Result) bool {
	for _, r := range results {
		if r.Scenario.HasProgramme() {
			return true
		}
	}
	return false
}

// WriteCostsCSV writes costs.csv: per scenario, a row per phase (and one
// for the changes decided outside them, when there are any), then the
// total. A figure that is not known (a cost per seat with an unpriced
// change, a share without seats) is empty.
//
// When a scenario has temporary classrooms, the rows add their
// classroom-years and entry seats (temporary_classroom_years,
// temporary_entry_seats); when a scenario's phases give budgets, each
// phase's budget and how much it is over it (budget, over_budget; empty
// for a row without a budget).
func WriteCostsCSV(w io.Writer, results ...*scenarios.Result) error {
	cols := costColumnsOf(results)
	return writeCSV(w, cols.csvHeader(), results, cols.rows)
}

// rows writes r's rows of costs.csv.
func (cols costColumns) rows(r *scenarios.Result, write func([]string) error) error {
	c := scenarios.ProgrammeCosts(r)
	for _, row := range costTableRows(c) {
		if err := write(append(costCells(r.Scenario.Name, row), cols.csvCells(&row)...)); err != nil {
			return err
		}
	}
	return nil
}

// costsSheet is the workbook's costs sheet (costs.csv) of results.
func costsSheet(results []*scenarios.Result) sheet {
	n := 0
	for _, r := range results {
		n += len(scenarios.ProgrammeCosts(r).Phases) + 1
	}
	cols := costColumnsOf(results)
	each := func(emit func([]string) error) error {
		for _, r := range results {
			if err := cols.rows(r, emit); err != nil {
				return err
			}
		}
		return nil
	}
	return sheet{SheetCosts, cols.csvHeader(), n, each, "costs.csv"}
}

// costTableRows are c's phase rows and its total, named.
func costTableRows(c *scenarios.Costs) []scenarios.CostRow {
	rows := make([]scenarios.CostRow, 0, len(c.Phases)+1)
	for _, p := range c.Phases {
		if p.Phase == "" {
			p.Phase = phaseOutside
		}
		rows = append(rows, p)
	}
	t := c.Total
	t.Phase = phaseTotal
	return append(rows, t)
}

// costCells is one row of costs.csv.
func costCells(scenario string, r scenarios.CostRow) []string {
	from, to := "", ""
	if r.From != 0 {
		from, to = itoa(int(r.From)), itoa(int(r.To))
	}
	return []string{scenario, r.Phase, from, to, itoa(r.Changes), itoa(r.Unpriced), ftoa(r.Cost, 2),
		itoa(r.EntrySeats), itoa(r.Seats), known(r.CostPerEntrySeat()), known(r.CostPerSeat()),
		itoa(r.UsedLastYear), knownPrec(4)(r.UsedShare())}
}

// known is v with 2 decimals, or "" when not known.
func known(v float64, ok bool) string { return knownPrec(2)(v, ok) }

func knownPrec(prec int) func(float64, bool) string {
	return func(v float64, ok bool) string {
		if !ok {
			return ""
		}
		return ftoa(v, prec)
	}
}

// WriteCostsTable prints r's costs by phase, labelled in lang; nothing
// when r's scenario gives no costs, lead times or phases.
func WriteCostsTable(w io.Writer, lang Lang, results ...*scenarios.Result) error {
	tw := newGridWriter(w, 2)
	cols := costColumnsOf(results)
	header := tableHeader(lang, append([]string{"cost_phase", "cost_years", "cost_changes", "cost_unpriced", "cost",
		"cost_entry_seats", "cost_seats", "cost_per_entry_seat", "cost_per_seat", "cost_used_last_year"}, cols.labelKeys()...)...)
	for _, r := range results {
		if !r.Scenario.HasProgramme() {
			continue
		}
		fmt.Fprintf(tw, lang.Label("costs_title")+"\n", r.Scenario.Name, r.Last)
		fmt.Fprint(tw, header)
		for _, row := range costTableRows(scenarios.ProgrammeCosts(r)) {
			costTableRow(tw, lang, row, cols)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func costTableRow(w io.Writer, lang Lang, r scenarios.CostRow, cols costColumns) {
	years := "–"
	if r.From != 0 {
		years = fmt.Sprintf("%d–%d", r.From, r.To)
	}
	name := r.Phase
	if name == phaseOutside || name == phaseTotal {
		name = lang.Label("cost_" + name)
	}
	used := "–"
	if share, ok := r.UsedShare(); ok {
		used = fmt.Sprintf("%d (%.1f%%)", r.UsedLastYear, 100*share)
	}
	fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%s\t%d\t%d\t%s\t%s\t%s\t", name, years, r.Changes, r.Unpriced, ftoa(r.Cost, 0),
		r.EntrySeats, r.Seats, dash(r.CostPerEntrySeat()), dash(r.CostPerSeat()), used)
	for _, c := range cols.textCells(&r, itoa, func(v float64) string { return ftoa(v, 0) }) {
		fmt.Fprint(w, c+"\t")
	}
	fmt.Fprintln(w)
}

// dash is v with 2 decimals, or "–" when not known.
func dash(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return ftoa(v, 2)
}
