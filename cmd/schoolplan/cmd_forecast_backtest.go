package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

type backtestOptions struct {
	Enrolment string // enrolment.csv; "" = the city's
	Births    string // births.csv; "" = the city's (none without a city)
	Until     int    // last origin: the last year fitted
	Origins   int    // rolling origins ending at Until
	Horizon   int    // years projected from each origin
	Window    int    // classic progression's years averaged; 0 = 3
	Robust    int    // robust progression's window; 0 = 8
	Ratios    string // robust rule: pooled, median or trimmed
	Exclude   string // shock years, comma-separated
	Shrink    float64
	System    string // "" = the city's (6+3 without one)
	Format    string // table, csv or json
	Out       string // CSV file of the per-unit errors
}

func newBacktestCommand(g *globals) *cobra.Command {
	var opts backtestOptions
	cmd := &cobra.Command{
		Use:   "backtest [CITY_DIR|SCENARIO.yaml] --enrolment FILE --until YEAR",
		Short: "Back-test the forecast methods on an enrolment history over rolling origins",
		Long: `Backtest fits each forecast method on the years of an enrolment history up to
an origin, projects the following --horizon years the file also holds, and
scores the projection of every school's (or district's) total pupils. With
--origins N it does so for each of the N origins ending at --until.

Methods: progression (grade progression, plain mean ratios over --window
years: the classic fit), progression_robust (pooled ratios over
--robust-window years, outlier years flagged and left out, shrinkage toward
the district), cohort (with a city whose population.csv has a census at or
before the origin: children by age projected from the census, births and
survival ratios known then, times each grade's enrolment/children ratio at
the origin; a note says when and why it is absent), trend (a line through
the last 5 totals), naive (the origin's
pupils carried forward), blend (mean of progression_robust and naive) and
chosen (per origin, the method that scored best over the 5 origins before it;
blend unless another is 10% better). It prints, per method and years ahead,
the MAPE, the bias, the MAPE of the district sums, the error of the city
total, the share of units naive beats and, for chosen, the share of actual
totals inside its 80% band (taken from earlier origins' errors).

With a city folder or a scenario, school ids are checked against the city,
and the city's enrolment.csv, births.csv and school system are used unless
--enrolment / --births / --system say otherwise. Without births the entry
grade is the window's level carried forward.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBacktest(cmd.Context(), opts, args, g.stdout, g.stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Enrolment, "enrolment", "", "enrolment.csv: school or district, year, grade (K or 0–9), count (default: the city's)")
	f.StringVar(&opts.Births, "births", "", "births.csv: district, year, births (default: the city's; entry grades from births-to-entry ratios)")
	f.IntVar(&opts.Until, "until", 0, "the last origin: the last year fitted (required)")
	f.IntVar(&opts.Origins, "origins", 1, "rolling origins ending at --until")
	f.IntVar(&opts.Horizon, "horizon", 5, "years projected from each origin")
	f.IntVar(&opts.Window, "window", 3, "years averaged by the classic progression")
	f.IntVar(&opts.Robust, "robust-window", 0, "years combined by the robust progression (default 8)")
	f.StringVar(&opts.Ratios, "ratios", "pooled", "the robust progression's rule: pooled, median or trimmed")
	f.StringVar(&opts.Exclude, "exclude-years", "", "shock years no ratio is fitted across, e.g. 2020")
	f.Float64Var(&opts.Shrink, "shrink", 0, "K (pupils) of the shrinkage toward the district's ratio (default 60; negative: none)")
	f.StringVar(&opts.System, "system", "", "school system: 6+3, 5+4 or K-5/6-8 (default: the city's, else 6+3)")
	f.StringVar(&opts.Format, "format", "table", "what to print on stdout: table, csv or json")
	f.StringVar(&opts.Out, "out", "", "also write the per-unit errors as CSV to this file")
	return cmd
}

// parseSystem reads a school system's name.
func parseSystem(s string) (engine.SchoolSystem, error) {
	switch strings.ReplaceAll(s, "–", "-") {
	case "6+3", "1-6/7-9":
		return engine.DefaultSchoolSystem, nil
	case "5+4", "1-5/6-9":
		return engine.FiveFourSchoolSystem, nil
	case "K-5/6-8", "us":
		return engine.USSchoolSystem, nil
	}
	return engine.SchoolSystem{}, fmt.Errorf("--system %q: want 6+3, 5+4 or K-5/6-8", s)
}

// parseYears reads a comma-separated list of years.
func parseYears(flag, s string) ([]engine.Year, error) {
	var out []engine.Year
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		y, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("--%s %q: want years separated by commas", flag, s)
		}
		out = append(out, engine.Year(y))
	}
	return out, nil
}

// checkBacktestOptions reports every bad flag.
func checkBacktestOptions(opts backtestOptions) error {
	var msgs []string
	if err := checkFormat(opts.Format); err != nil {
		msgs = append(msgs, err.Error())
	}
	if opts.Until == 0 {
		msgs = append(msgs, "--until YEAR is required")
	}
	for _, r := range []struct {
		flag      string
		v, lo, hi int
		want      string
	}{
		{"--window", opts.Window, 1, 50, "1–50"},
		{"--robust-window", opts.Robust, 0, 50, "1–50"}, // 0: the default
		{"--origins", opts.Origins, 1, 50, "1–50"},
		{"--horizon", opts.Horizon, 1, 30, "1–30"},
	} {
		if r.v < r.lo || r.v > r.hi {
			msgs = append(msgs, fmt.Sprintf("%s %d: want %s", r.flag, r.v, r.want))
		}
	}
	if r, err := forecast.ParseRatioRule(opts.Ratios); err != nil || r == forecast.RatioMean {
		msgs = append(msgs, fmt.Sprintf("--ratios %q: want pooled, median or trimmed", opts.Ratios))
	}
	if len(msgs) > 0 {
		return usageError{fmt.Errorf("%s", strings.Join(msgs, "; "))}
	}
	return nil
}

// runBacktest back-tests the forecast methods on the enrolment history of
// the flags or of the city folder or scenario args[0], and prints the
// errors on stdout in the format asked for (also to --out as CSV).
func runBacktest(_ context.Context, opts backtestOptions, args []string, stdout, stderr io.Writer) error {
	if err := checkBacktestOptions(opts); err != nil {
		return err
	}
	exclude, err := parseYears("exclude-years", opts.Exclude)
	if err != nil {
		return usageError{err}
	}
	city, err := loadBacktestCity(args)
	if err != nil {
		return err
	}
	fo, err := backtestOptionsOf(opts, city, exclude)
	if err != nil {
		return err
	}
	e, b, err := backtestInputs(opts, city, fo.System)
	if err != nil {
		return err
	}
	c, err := forecast.CompareMethods(e, b, fo, forecast.CompareOptions{Origins: origins(opts), Horizon: opts.Horizon, City: city})
	if err != nil {
		return err
	}
	return printBacktest(opts, c, report.BacktestTable{System: fo.System, Births: b != nil}, stdout, stderr)
}

// printBacktest writes the per-unit errors to --out as CSV, if asked, and
// prints the back-test on stdout in the format asked for.
func printBacktest(opts backtestOptions, c *forecast.Comparison, t report.BacktestTable, stdout, stderr io.Writer) error {
	if opts.Out != "" {
		if err := report.WriteFile(opts.Out, func(w io.Writer) error { return report.WriteBacktestCSV(w, c) }); err != nil {
			return err
		}
	}
	switch opts.Format {
	case "csv":
		for _, n := range c.Notes {
			fmt.Fprintln(stderr, "note:", n)
		}
		return report.WriteBacktestCSV(stdout, c)
	case "json":
		return report.WriteBacktestJSON(stdout, c)
	}
	return report.WriteBacktestTable(stdout, c, t)
}

// backtestOptionsOf converts the flags to the forecast's options: the
// progression's rule and windows, and the school system of --system, else
// of the city.
func backtestOptionsOf(opts backtestOptions, city *engine.City, exclude []engine.Year) (*forecast.Options, error) {
	rule, _ := forecast.ParseRatioRule(opts.Ratios)
	fo := &forecast.Options{Window: opts.Window, Progression: forecast.Progression{Ratios: rule, Window: opts.Robust, Exclude: exclude, Shrink: opts.Shrink}}
	if city != nil {
		fo.System = city.System
	}
	if opts.System != "" {
		var err error
		if fo.System, err = parseSystem(opts.System); err != nil {
			return nil, usageError{err}
		}
	}
	return fo, nil
}

// origins are the --origins years ending at --until.
func origins(opts backtestOptions) []engine.Year {
	var out []engine.Year
	for y := opts.Until - opts.Origins + 1; y <= opts.Until; y++ {
		out = append(out, engine.Year(y))
	}
	return out
}

// loadBacktestCity loads the city folder or scenario args[0]; nil when
// args are empty.
func loadBacktestCity(args []string) (*engine.City, error) {
	if len(args) == 0 {
		return nil, nil
	}
	arg := args[0]
	st, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return engine.LoadCity(arg)
	}
	s, err := scenarios.Load(arg)
	if err != nil {
		return nil, err
	}
	return s.City, nil
}

// backtestInputs reads the enrolment and births: the flags' files, else
// the city's. Without a city, kindergarten rows are read when the system
// has kindergarten.
func backtestInputs(opts backtestOptions, city *engine.City, sys engine.SchoolSystem) (*engine.Enrolment, *engine.Births, error) {
	var e *engine.Enrolment
	var b *engine.Births
	if city != nil {
		e, b = city.Demography.Enrolment, city.Demography.Births
	}
	var err error
	if opts.Enrolment != "" {
		e, err = engine.ReadEnrolmentCSV(os.DirFS(filepath.Dir(opts.Enrolment)), filepath.Base(opts.Enrolment), opts.Enrolment, city)
		if err != nil {
			return nil, nil, err
		}
	}
	if e == nil {
		return nil, nil, usageError{fmt.Errorf("no enrolment history: give --enrolment FILE or a city folder with %s", engine.EnrolmentFile)}
	}
	if opts.Births != "" {
		if b, err = engine.ReadBirthsCSV(os.DirFS(filepath.Dir(opts.Births)), filepath.Base(opts.Births), opts.Births, city); err != nil {
			return nil, nil, err
		}
	}
	return e, b, nil
}
