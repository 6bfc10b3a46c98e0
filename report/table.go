package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/schoolplan/schoolplan/scenarios"
)

// WriteTable prints, per scenario and stage, a table of entrants, entry
// seats, admitted and unplaced children by year and district, with the city
// total under each year.
func WriteTable(w io.Writer, results ...*scenarios.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range results {
		for _, st := range r.City.Stages() {
			sr := &r.Stages[st]
			fmt.Fprintf(tw, "%s — %s (%s), %d–%d\n", r.Scenario.Name, sr.Stage, r.City.Name, r.First, r.Last)
			fmt.Fprintf(tw, "year\tdistrict\tentrants\tentry seats\tadmitted\tunplaced\tutilisation\t name\n")
			for yi := range sr.Years {
				yr := &sr.Years[yi]
				for di := range yr.Districts {
					t := &yr.Districts[di]
					d := &r.City.Districts[di]
					fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%d\t%.1f%%\t %s\n", yr.Year, d.ID,
						t.Entrants, t.EntrySeats, t.Admitted, t.Unplaced, 100*t.Utilisation(), d.Name)
				}
				t := &yr.City
				fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%d\t%.1f%%\t\n", yr.Year, TotalDistrict,
					t.Entrants, t.EntrySeats, t.Admitted, t.Unplaced, 100*t.Utilisation())
			}
			fmt.Fprintln(tw)
		}
	}
	return tw.Flush()
}
