package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/scenarios"
)

// WriteTable is WriteTableLang in English.
func WriteTable(w io.Writer, results ...*scenarios.Result) error {
	return WriteTableLang(w, English, results...)
}

// WriteTableLang prints, per scenario and stage, a table of entrants, entry
// seats, admitted and unplaced children, the entry grade's utilisation
// (admitted / entry seats) and the utilisation of all grades (enrolled /
// capacity) by year and district (name, then code), with the city total
// under each year, then the same by group (集团) and sharing zone (大学区)
// when schools belong to some (writeUnitTable). Labels are in lang.
func WriteTableLang(w io.Writer, lang Lang, results ...*scenarios.Result) error {
	tw := newGridWriter(w, 2)
	header := tableHeader(lang, "year", "district", "code", "entrants", "entry_seats", "admitted", "unplaced",
		"entry_utilisation", "utilisation_all_grades")
	for _, r := range results {
		for _, st := range r.City.Stages() {
			sr := &r.Stages[st]
			fmt.Fprintf(tw, lang.Label("table_title")+"\n", r.Scenario.Name, lang.stage(sr.Stage), r.City.Name, r.First, r.Last)
			fmt.Fprint(tw, header)
			for yi := range sr.Years {
				yr := &sr.Years[yi]
				for di := range yr.Districts {
					d := &r.City.Districts[di]
					tableRow(tw, int(yr.Year), d.Name, d.ID, &yr.Districts[di].Totals)
				}
				tableRow(tw, int(yr.Year), lang.Label("total"), "", &yr.City)
			}
			fmt.Fprintln(tw)
			writeUnitTable(tw, lang, r, sr)
		}
	}
	return tw.Flush()
}

// writeUnitTable prints the stage's groups (集团) and sharing zones (大学区)
// by year, under its district table: nothing when no school of the stage
// belongs to one.
func writeUnitTable(w io.Writer, lang Lang, r *scenarios.Result, sr *sim.StageResult) {
	var b strings.Builder
	for yi := range sr.Years {
		yr := &sr.Years[yi]
		_ = unitsOf(r, sr.Stage, yr, func(kind string, us []unitTotal) error {
			for i := range us {
				tableRow(&b, int(yr.Year), lang.Label("unit_"+kind), us[i].ID, &us[i].Totals)
			}
			return nil
		})
	}
	if b.Len() == 0 {
		return
	}
	fmt.Fprintf(w, lang.Label("units_title")+"\n", r.Scenario.Name, lang.stage(sr.Stage), r.City.Name, r.First, r.Last)
	fmt.Fprint(w, tableHeader(lang, "year", "unit_kind", "unit", "entrants", "entry_seats", "admitted", "unplaced",
		"entry_utilisation", "utilisation_all_grades"))
	fmt.Fprint(w, b.String())
	fmt.Fprintln(w)
}

// tableHeader is a tab-separated header row of the labels of keys.
func tableHeader(lang Lang, keys ...string) string {
	cells := make([]string, len(keys))
	for i, k := range keys {
		cells[i] = lang.Label(k)
	}
	return strings.Join(cells, "\t") + "\t\n"
}

func tableRow(w io.Writer, year int, name, code string, t *sim.Totals) {
	fmt.Fprintf(w, "%d\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%.1f%%\t\n", year, name, code,
		t.Entrants, t.EntrySeats, t.Admitted, t.Unplaced, percent(t.Admitted, t.EntrySeats), 100*t.Utilisation())
}

// WriteHeadlineTable prints simulate's table: r's headline (against base,
// when not nil), then WriteTableLang's table by district.
func WriteHeadlineTable(w io.Writer, r, base *scenarios.Result, lang Lang) error {
	if err := WriteHeadline(w, NewHeadline(r, base), lang); err != nil {
		return err
	}
	return WriteTableLang(w, lang, r)
}
