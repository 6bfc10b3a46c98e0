package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/schoolplan/schoolplan/scenarios"
)

// The HTML report's costs section: for each scenario with a programme
// (scenarios.Scenario.HasProgramme), its cost by phase with the cost per
// seat added and the new seats used in the last year (the rows of
// costs.csv), and each change with its cost. The page renders it from
// the template, so that it reads without scripts. A cost that is not
// known reads "unknown" (未知), never 0.

// htmlCosts is one scenario's costs on the page.
type htmlCosts struct {
	Scenario    string
	Used        string // a sentence on the new seats used in the last year; "" without seats
	PhaseHead   []string
	Phases      []htmlCostRow
	ChangesHead []string
	Changes     []htmlCostRow
}

// htmlCostRow is a row of cells; Total marks the total row.
type htmlCostRow struct {
	Total bool
	Cells []htmlCell
}

// htmlCell is a cell's text and its class ("" for none).
type htmlCell struct {
	Text, Class string
}

// pageCosts are the costs of the results whose scenario has a programme,
// labelled in lang.
func pageCosts(results []*scenarios.Result, lang Lang) []htmlCosts {
	var out []htmlCosts
	cols := costColumnsOf(results)
	for _, r := range results {
		if !r.Scenario.HasProgramme() {
			continue
		}
		c := scenarios.ProgrammeCosts(r)
		hc := htmlCosts{Scenario: r.Scenario.Name, Used: usedSentence(lang, &c.Total, int(r.Last)),
			PhaseHead: labelsOf(lang, append([]string{"cost_phase", "cost_years", "cost_changes", "cost_unpriced", "cost",
				"cost_entry_seats", "cost_seats", "cost_per_entry_seat", "cost_per_seat", "cost_used_last_year"}, cols.labelKeys()...)...),
			ChangesHead: labelsOf(lang, append([]string{"html_change", "html_change_kind", "html_school", "html_decided", "html_effective",
				"html_lead_time", "cost_phase", "cost", "html_cost_source", "cost_entry_seats", "cost_seats", "cost_used_last_year"},
				cols.changeLabelKeys()...)...)}
		for _, row := range costTableRows(c) {
			hc.Phases = append(hc.Phases, htmlPhaseRow(lang, row, cols))
		}
		for _, ch := range c.Changes {
			hc.Changes = append(hc.Changes, htmlChangeRow(lang, r, ch, cols))
		}
		out = append(out, hc)
	}
	return out
}

func labelsOf(lang Lang, keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = lang.Label(k)
	}
	return out
}

// usedSentence says how many of the permanent seats t adds are used in
// the year last; "" when t adds none.
func usedSentence(lang Lang, t *scenarios.CostRow, last int) string {
	share, ok := t.UsedShare()
	if !ok {
		return ""
	}
	return fmt.Sprintf(lang.Label("html_costs_used"), grouped(t.UsedLastYear), grouped(t.Seats), last, ftoa(100*share, 1)+"%")
}

// htmlPhaseRow is a phase's (or the total's) row: as the printed costs
// table, with "unknown" for a cost per seat that is not known.
func htmlPhaseRow(lang Lang, r scenarios.CostRow, cols costColumns) htmlCostRow {
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
		used = fmt.Sprintf("%s (%s%%)", grouped(r.UsedLastYear), ftoa(100*share, 1))
	}
	unpriced := htmlCell{Text: itoa(r.Unpriced)}
	if r.Unpriced > 0 {
		unpriced.Class = "fail"
	}
	cells := []htmlCell{{Text: name}, {Text: years}, {Text: itoa(r.Changes)}, unpriced,
		costCell(lang, &r),
		{Text: grouped(r.EntrySeats)}, {Text: grouped(r.Seats)},
		perSeatCell(lang, &r, r.CostPerEntrySeat), perSeatCell(lang, &r, r.CostPerSeat), {Text: used}}
	for _, t := range cols.textCells(&r, grouped, costNumber) {
		cells = append(cells, htmlCell{Text: t})
	}
	if _, over := r.OverBudget(); over && cols.budget {
		cells[len(cells)-1].Class = "fail"
	}
	return htmlCostRow{Total: r.Phase == phaseTotal, Cells: cells}
}

// costCell is a row's cost: "unknown" when no change of it is priced,
// the priced part "+ unknown" when some are not.
func costCell(lang Lang, r *scenarios.CostRow) htmlCell {
	switch {
	case r.Unpriced > 0 && r.Unpriced == r.Changes:
		return htmlCell{Text: lang.Label("html_unknown"), Class: "unknown"}
	case r.Unpriced > 0:
		return htmlCell{Text: costNumber(r.Cost) + " + " + lang.Label("html_unknown"), Class: "unknown"}
	}
	return htmlCell{Text: costNumber(r.Cost)}
}

// perSeatCell is row r's cost per seat: "unknown" when a change of the
// row is unpriced, "–" when the row adds no seat.
func perSeatCell(lang Lang, r *scenarios.CostRow, per func() (float64, bool)) htmlCell {
	v, ok := per()
	switch {
	case r.Unpriced > 0:
		return htmlCell{Text: lang.Label("html_unknown"), Class: "unknown"}
	case !ok:
		return htmlCell{Text: "–"}
	}
	return htmlCell{Text: groupedFloat(v, 2)}
}

// htmlChangeRow is one change with its cost (unknown when neither the
// change nor the cost table gives it). With temporary columns, a
// temporary change reads "–" under the permanent seats, which it does not
// add, and gives its classroom-years and entry seats.
func htmlChangeRow(lang Lang, r *scenarios.Result, c scenarios.ChangeCost, cols costColumns) htmlCostRow {
	cost := htmlCell{Text: costNumber(c.Cost)}
	if c.Source == scenarios.CostUnknown {
		cost = htmlCell{Text: lang.Label("html_unknown"), Class: "unknown"}
	}
	phase := c.Phase
	if phase == "" {
		phase = lang.Label("cost_outside")
	}
	cells := []htmlCell{{Text: itoa(c.Index + 1)}, {Text: lang.Label("change_" + c.Kind)},
		{Text: schoolLabel(lang, r, c.School), Class: "name"}, {Text: itoa(int(c.Decided))}, {Text: itoa(int(c.Effective))},
		{Text: itoa(c.LeadTime)}, {Text: phase}, cost, {Text: lang.Label("cost_source_" + c.Source.String())},
		{Text: grouped(c.EntrySeats)}, {Text: grouped(c.Seats)}, {Text: grouped(c.UsedLastYear)}}
	if !cols.temporary {
		return htmlCostRow{Cells: cells}
	}
	if c.Kind == "temporary" {
		n := len(cells)
		cells[n-3], cells[n-2], cells[n-1] = htmlCell{Text: "–"}, htmlCell{Text: "–"}, htmlCell{Text: "–"}
		return htmlCostRow{Cells: append(cells, htmlCell{Text: grouped(c.ClassroomYears)}, htmlCell{Text: grouped(c.TemporarySeats)})}
	}
	return htmlCostRow{Cells: append(cells, htmlCell{Text: "–"}, htmlCell{Text: "–"})}
}

// schoolLabel is the school id's name and id, or the id alone.
func schoolLabel(lang Lang, r *scenarios.Result, id string) string {
	for i := range r.Schools {
		if s := &r.Schools[i]; s.ID == id && s.Name != "" {
			return fmt.Sprintf(lang.Label("name_id"), s.Name, id)
		}
	}
	return id
}

// costNumber is a cost with thousands separators, whole or with 2
// decimals.
func costNumber(v float64) string {
	if v == math.Trunc(v) {
		return groupedFloat(v, 0)
	}
	return groupedFloat(v, 2)
}

// groupedFloat writes v with prec decimals and thousands separators.
func groupedFloat(v float64, prec int) string {
	s := ftoa(v, prec)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
		whole = whole[1:]
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
