package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/scenarios"
)

type backtestOptions struct {
	Enrolment string // enrolment.csv; "" = the city's
	Births    string // births.csv; "" = the city's (none without a city)
	Until     int    // last year fitted
	Window    int    // years averaged; 0 = 3
	Format    string // table, csv or json
	Out       string // CSV file of the per-unit errors
}

func newBacktestCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "backtest [CITY_DIR|SCENARIO.yaml] --enrolment FILE --until YEAR",
		Short: "Fit grade progression on the enrolment up to a year, project the rest, print the error per school",
		Long: `Backtest fits the grade-progression forecast on the years of an enrolment
history up to --until, projects the later years the file also holds, and prints
for each school (or district) the mean absolute percentage error (MAPE) of its
total pupils, next to a naive baseline (the --until year carried forward),
then the errors by years ahead and the city totals by year.

With a city folder or a scenario, school ids are checked against the city, a
school's district is the city's, and the city's enrolment.csv and births.csv
are used unless --enrolment / --births name other files. Without one, ids are
taken as they are and a school's district (for --births) comes from the
enrolment file's district column. Without births the entry grade is the mean
of the last --window years carried forward.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			var opts backtestOptions
			opts.Enrolment, _ = f.GetString("enrolment")
			opts.Births, _ = f.GetString("births")
			opts.Until, _ = f.GetInt("until")
			opts.Window, _ = f.GetInt("window")
			opts.Format, _ = f.GetString("format")
			opts.Out, _ = f.GetString("out")
			return runBacktest(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.String("enrolment", "", "enrolment.csv: school or district, year, grade, count (default: the city's)")
	f.String("births", "", "births.csv: district, year, births (default: the city's; entry grades from births-to-entry ratios)")
	f.Int("until", 0, "the last year to fit on (required)")
	f.Int("window", 3, "years averaged for progression and entry ratios")
	f.String("format", "table", "what to print on stdout: table, csv or json")
	f.String("out", "", "also write the per-school errors as CSV to this file")
	return cmd
}

func runBacktest(_ context.Context, g *globals, opts backtestOptions, args []string) error {
	switch opts.Format {
	case "table", "csv", "json":
	default:
		return usageError{fmt.Errorf("--format %q: want table, csv or json", opts.Format)}
	}
	if opts.Until == 0 {
		return usageError{fmt.Errorf("--until YEAR is required")}
	}
	if opts.Window < 1 || opts.Window > 50 {
		return usageError{fmt.Errorf("--window %d: want 1–50", opts.Window)}
	}
	var city *engine.City
	if len(args) > 0 {
		st, err := os.Stat(args[0])
		if err != nil {
			return err
		}
		if st.IsDir() {
			city, err = engine.LoadCity(args[0])
		} else {
			var s *scenarios.Scenario
			if s, err = scenarios.Load(args[0]); err == nil {
				city = s.City
			}
		}
		if err != nil {
			return err
		}
	}
	var e *engine.Enrolment
	var b *engine.Births
	if city != nil {
		e, b = city.Demography.Enrolment, city.Demography.Births
	}
	var err error
	if opts.Enrolment != "" {
		e, err = engine.ReadEnrolmentCSV(os.DirFS(filepath.Dir(opts.Enrolment)), filepath.Base(opts.Enrolment), opts.Enrolment, city)
		if err != nil {
			return err
		}
	}
	if e == nil {
		return usageError{fmt.Errorf("no enrolment history: give --enrolment FILE or a city folder with %s", engine.EnrolmentFile)}
	}
	if opts.Births != "" {
		b, err = engine.ReadBirthsCSV(os.DirFS(filepath.Dir(opts.Births)), filepath.Base(opts.Births), opts.Births, city)
		if err != nil {
			return err
		}
	}
	fo := &forecast.Options{Window: opts.Window}
	if city != nil {
		fo.System = city.System
	}
	bt, err := forecast.RunBacktest(e, b, engine.Year(opts.Until), fo)
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := writeFile(opts.Out, func(w io.Writer) error { return writeBacktestCSV(w, bt) }); err != nil {
			return err
		}
	}
	switch opts.Format {
	case "csv":
		return writeBacktestCSV(g.stdout, bt)
	case "json":
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(bt)
	}
	return writeBacktestTable(g.stdout, bt, b != nil, opts.Window)
}

func fmt2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func writeBacktestCSV(w io.Writer, bt *forecast.Backtest) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"unit", "kind", "district", "years", "mape", "naive_mape", "bias"})
	for _, u := range bt.Units {
		kind := "district"
		if u.School {
			kind = "school"
		}
		_ = cw.Write([]string{u.ID, kind, u.District, strconv.Itoa(u.Compared), fmt2(u.MAPE), fmt2(u.NaiveMAPE), fmt2(u.Bias)})
	}
	_ = cw.Write([]string{"overall", "", "", strconv.Itoa(bt.Compared), fmt2(bt.MAPE), fmt2(bt.NaiveMAPE), ""})
	cw.Flush()
	return cw.Error()
}

func writeBacktestTable(w io.Writer, bt *forecast.Backtest, births bool, window int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	entry := "entry grade: mean of the window carried forward"
	if births {
		entry = "entry grade: births-to-entry ratio"
	}
	fmt.Fprintf(tw, "grade progression fitted on the years up to %d (window %d; %s), projected %d–%d; naive = %d carried forward\n",
		bt.Until, window, entry, bt.Until+1, bt.Last, bt.Until)
	fmt.Fprintln(tw, "unit\tdistrict\tyears\tMAPE %\tnaive MAPE %\tbias %\t")
	for _, u := range bt.Units {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%+.2f\t\n", u.ID, u.District, u.Compared, fmt2(u.MAPE), fmt2(u.NaiveMAPE), u.Bias)
	}
	fmt.Fprintf(tw, "overall\t\t%d\t%s\t%s\t\t\n", bt.Compared, fmt2(bt.MAPE), fmt2(bt.NaiveMAPE))
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "years ahead\tcompared\tMAPE %\tnaive MAPE %\t")
	for _, h := range bt.Horizons {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t\n", h.Ahead, h.Compared, fmt2(h.MAPE), fmt2(h.NaiveMAPE))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "year\tactual\tprojected\terror %\tnaive\tnaive error %\t")
	for _, y := range bt.Years {
		pe, ne := 0.0, 0.0
		if y.Actual > 0 {
			pe, ne = 100*(y.Projected-y.Actual)/y.Actual, 100*(y.Naive-y.Actual)/y.Actual
		}
		fmt.Fprintf(tw, "%d\t%.0f\t%.0f\t%+.2f\t%.0f\t%+.2f\t\n", y.Year, y.Actual, y.Projected, pe, y.Naive, ne)
	}
	return tw.Flush()
}
