package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// BacktestTable says how a back-test was fitted, for the table's first
// line.
type BacktestTable struct {
	System engine.SchoolSystem // the school system of the grades
	Births bool                // entry grades from births-to-entry ratios
}

// WriteBacktestCSV writes a back-test's per-unit errors as CSV: unit, kind
// (school or district), district, years compared, MAPE, naive MAPE and
// bias, then an "overall" row.
func WriteBacktestCSV(w io.Writer, c *forecast.Comparison) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"unit", "kind", "district", "years", "mape", "naive_mape", "bias"})
	for _, u := range c.Units {
		kind := "district"
		if u.School {
			kind = "school"
		}
		_ = cw.Write([]string{u.ID, kind, u.District, strconv.Itoa(u.Compared), ftoa(u.MAPE, 2), ftoa(u.NaiveMAPE, 2), ftoa(u.Bias, 2)})
	}
	n, mape, naive := backtestOverall(c)
	_ = cw.Write([]string{"overall", "", "", strconv.Itoa(n), ftoa(mape, 2), ftoa(naive, 2), ""})
	cw.Flush()
	return cw.Error()
}

// WriteBacktestJSON writes the whole back-test as indented JSON.
func WriteBacktestJSON(w io.Writer, c *forecast.Comparison) error {
	return writeJSON(w, c)
}

// WriteBacktestTable prints a back-test: how it was fitted, the errors per
// unit and overall, the methods by years ahead and the outliers the robust
// fit left out.
func WriteBacktestTable(w io.Writer, c *forecast.Comparison, t BacktestTable) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	writeBacktestHead(tw, c, t)
	writeBacktestUnits(tw, c)
	fmt.Fprintln(tw)
	writeMethodTable(tw, c)
	writeOutliers(tw, c)
	return tw.Flush()
}

// writeBacktestHead writes the origins, the system, the entry-grade rule,
// the choice and the notes.
func writeBacktestHead(tw io.Writer, c *forecast.Comparison, t BacktestTable) {
	entry := "entry grade: the window's level carried forward"
	if t.Births {
		entry = "entry grade: births-to-entry ratio"
	}
	first, last := c.Origins[0], c.Origins[len(c.Origins)-1]
	fmt.Fprintf(tw, "origins %d–%d, %d years ahead each; school system %s; %s\n", first, last, c.Horizon, t.System, entry)
	if len(c.Choices) > 0 {
		fmt.Fprintf(tw, "chosen at %d: %s\n", last, c.Choices[0].Method)
	}
	for _, n := range c.Notes {
		fmt.Fprintf(tw, "note: %s\n", n)
	}
}

// writeBacktestUnits writes the errors per unit, then overall.
func writeBacktestUnits(tw io.Writer, c *forecast.Comparison) {
	fmt.Fprintln(tw, "unit\tdistrict\tyears\tMAPE %\tnaive MAPE %\tbias %\t")
	for _, u := range c.Units {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%+.2f\t\n", u.ID, u.District, u.Compared, ftoa(u.MAPE, 2), ftoa(u.NaiveMAPE, 2), u.Bias)
	}
	n, mape, naive := backtestOverall(c)
	fmt.Fprintf(tw, "overall\t\t%d\t%s\t%s\t\t\n", n, ftoa(mape, 2), ftoa(naive, 2))
}

// writeMethodTable writes methods × years ahead.
func writeMethodTable(tw io.Writer, c *forecast.Comparison) {
	fmt.Fprintln(tw, "method\tyears ahead\tcompared\tMAPE %\tbias %\tdistrict MAPE %\tcity error %\tnaive beats %\t80% band holds %\t")
	for _, r := range c.Rows {
		cov := "–"
		if r.Coverage != nil {
			cov = fmt.Sprintf("%.0f", *r.Coverage)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%+.2f\t%s\t%+.2f\t%.0f\t%s\t\n", r.Method, r.Ahead, r.Compared, ftoa(r.MAPE, 2), r.Bias, ftoa(r.DistrictMAPE, 2), r.CityError, r.NaiveBeats, cov)
	}
}

// writeOutliers lists the outliers the robust fit left out at the last
// origin, if any.
func writeOutliers(tw io.Writer, c *forecast.Comparison) {
	if len(c.Outliers) == 0 {
		return
	}
	fmt.Fprintln(tw)
	fmt.Fprintf(tw, "outliers left out of the robust fit at %d:\n", c.Origins[len(c.Origins)-1])
	for _, ol := range c.Outliers {
		fmt.Fprintf(tw, "  %s %s\n", ol.Unit, ol)
	}
}

// backtestOverall is the chosen method's and naive's MAPE over every
// unit-year.
func backtestOverall(c *forecast.Comparison) (n int, mape, naive float64) {
	for _, u := range c.Units {
		n += u.Compared
		mape += u.MAPE * float64(u.Compared)
		naive += u.NaiveMAPE * float64(u.Compared)
	}
	if n > 0 {
		mape, naive = mape/float64(n), naive/float64(n)
	}
	return n, mape, naive
}
