package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

type forecastOptions struct {
	Method string // "" = the scenario's (or table for a city folder)
	Band   string // low, mid, high or all; "" = the scenario's
	By     string // age or grade
	Years  string // FIRST-LAST; "" = the scenario's years or the forecast's
	Ages   string // FROM-TO; "" = what the method covers
	Format string // table, csv or json
	Out    string // CSV file
	Quiet  bool
	// Grade progression: choose the method per back-test; the robust
	// rule; shock years.
	Select  bool
	Ratios  string
	Exclude string
}

func newForecastCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "forecast [SCENARIO.yaml|CITY_DIR]",
		Short: "Print the projected children by district, age (or grade) and year, with low/mid/high bands",
		Long: `Forecast makes a scenario's forecast (its forecast: block) or a city folder's
(--method) and prints the resident children by district, single year of age (or
grade: age − 5, the grades of the stages the city runs, K for age 5) and year,
with a city total. "new_housing" is the part living in
new-housing areas (completion_year), which the district rows of forecast.csv
leave out. With no argument it forecasts the built-in demo with the cohort
method (demo's cohort scenario).

Methods: table (forecast.csv), cohort (population.csv, births.csv,
survival.csv) and grade_progression (enrolment.csv); see the README.
--band all prints the low, mid and high bands side by side.

  schoolplan forecast backtest --enrolment FILE --until YEAR [--origins N]

back-tests the methods (classic and robust grade progression, trend, naive,
blend, and the one chosen by earlier back-tests) from N origins ending at
YEAR, with the MAPE, bias, city error and 80% band coverage per years ahead.
--select makes grade_progression project with the chosen method.

Flags may also be set as SCHOOLPLAN_METHOD, SCHOOLPLAN_BAND, SCHOOLPLAN_BY, …`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			g.bind(cmd.Flags(), "method", "band", "by", "years", "ages", "format", "out", "quiet", "select", "ratios", "exclude-years")
			opts := forecastOptions{Method: g.v.GetString("method"), Band: g.v.GetString("band"), By: g.v.GetString("by"),
				Years: g.v.GetString("years"), Ages: g.v.GetString("ages"), Format: g.v.GetString("format"),
				Out: g.v.GetString("out"), Quiet: g.v.GetBool("quiet"),
				Select: g.v.GetBool("select"), Ratios: g.v.GetString("ratios"), Exclude: g.v.GetString("exclude-years")}
			return runForecast(cmd.Context(), opts, args, g.stdout, g.stderr)
		},
	}
	f := cmd.Flags()
	f.String("method", "", "table, cohort or grade_progression (default: the scenario's; table for a city folder)")
	f.String("band", "", "low, mid, high or all (default: the scenario's, else mid)")
	f.String("by", "age", "age or grade (grade = age − 5, K = 0; the grades of the city's school system)")
	f.String("years", "", "FIRST-LAST (default: the scenario's years, or all the forecast covers)")
	f.String("ages", "", "FROM-TO (default: every age the method covers)")
	f.String("format", "table", "what to print on stdout: table, csv or json")
	f.String("out", "", "also write the rows as CSV to this file")
	f.BoolP("quiet", "q", false, "print no notes on stderr")
	f.Bool("select", false, "grade_progression: project by the method that back-tested best (robust progression, blend, trend or naive); the notes say which")
	f.String("ratios", "", "grade_progression: mean (classic), pooled, median or trimmed ratios (default: the scenario's, else mean)")
	f.String("exclude-years", "", "grade_progression: shock years no ratio is fitted across, e.g. 2020")
	cmd.AddCommand(newBacktestCommand(g))
	return cmd
}

// forecastTarget is what to forecast: a city with options and years.
type forecastTarget struct {
	name        string
	city        *engine.City
	opts        forecast.Options
	first, last engine.Year // 0: the forecast's own range
}

func loadForecastTarget(arg string) (*forecastTarget, error) {
	if arg == "" {
		s, err := scenarios.LoadFS(demo.FS, demo.Cohort)
		if err != nil {
			return nil, err
		}
		return scenarioTarget(s), nil
	}
	st, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		s, err := scenarios.Load(arg)
		if err != nil {
			return nil, err
		}
		return scenarioTarget(s), nil
	}
	c, err := engine.LoadCity(arg)
	if err != nil {
		return nil, err
	}
	return &forecastTarget{name: c.Name, city: c, opts: forecast.Options{Last: scenarios.LastYear}}, nil
}

func scenarioTarget(s *scenarios.Scenario) *forecastTarget {
	t := &forecastTarget{name: s.Name, city: s.City, opts: forecast.Options{Last: s.Last}, first: s.First, last: s.Last}
	if s.Forecast != nil {
		t.opts = *s.Forecast
	}
	return t
}

// span parses "A-B" (or "A") into a range of ints.
func span(flag, s string) (int, int, error) {
	a, b, isRange := strings.Cut(s, "-")
	lo, err1 := strconv.Atoi(strings.TrimSpace(a))
	hi, err2 := lo, error(nil)
	if isRange {
		hi, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil || hi < lo {
		return 0, 0, usageError{fmt.Errorf("--%s %q: want FROM-TO", flag, s)}
	}
	return lo, hi, nil
}

// runForecast makes the forecast of the scenario or city folder args[0]
// (none: the demo's cohort scenario) and prints its rows on stdout in the
// format asked for, writing them to --out as CSV too; notes go to stderr.
func runForecast(_ context.Context, opts forecastOptions, args []string, stdout, stderr io.Writer) error {
	if err := checkForecastFlags(opts); err != nil {
		return err
	}
	t, err := loadForecastTarget(firstArg(args))
	if err != nil {
		return err
	}
	bands, err := t.applyFlags(opts)
	if err != nil {
		return err
	}
	spec, err := t.project(opts, bands)
	if err != nil {
		return err
	}
	if !opts.Quiet {
		noteForecast(stderr, t, spec.Projections[midBand(bands)])
	}
	f, err := report.NewForecast(spec)
	if err != nil {
		return err
	}
	return printForecast(opts, f, stdout, stderr)
}

// printForecast writes the rows of f to --out as CSV, if asked, and prints
// them on stdout in the format asked for.
func printForecast(opts forecastOptions, f *report.Forecast, stdout, stderr io.Writer) error {
	if opts.Out != "" {
		if err := report.WriteFile(opts.Out, func(w io.Writer) error { return report.WriteForecastCSV(w, f) }); err != nil {
			return err
		}
		say(stderr, opts.Quiet, nil, opts.Out)
	}
	switch opts.Format {
	case "csv":
		return report.WriteForecastCSV(stdout, f)
	case "json":
		return report.WriteForecastJSON(stdout, f)
	}
	return report.WriteForecastTable(stdout, f)
}

// checkForecastFlags checks --format and --by.
func checkForecastFlags(opts forecastOptions) error {
	if err := checkFormat(opts.Format); err != nil {
		return err
	}
	if opts.By != "age" && opts.By != "grade" {
		return usageError{fmt.Errorf("--by %q: want age or grade", opts.By)}
	}
	return nil
}

// applyFlags sets the method, grade progression's options and the years
// the flags ask for, and returns the bands to project.
func (t *forecastTarget) applyFlags(opts forecastOptions) ([]forecast.Band, error) {
	var err error
	if opts.Method != "" {
		if t.opts.Method, err = forecast.ParseMethod(opts.Method); err != nil {
			return nil, usageError{err}
		}
	}
	if err := progressionFlags(&t.opts, opts); err != nil {
		return nil, err
	}
	bands, err := forecastBands(t.opts.Band, opts.Band)
	if err != nil {
		return nil, err
	}
	if opts.Years != "" {
		lo, hi, err := span("years", opts.Years)
		if err != nil {
			return nil, err
		}
		t.first, t.last = engine.Year(lo), engine.Year(hi)
		t.opts.Last = max(t.opts.Last, t.last)
	}
	return bands, nil
}

// midBand is the index of the mid band in bands (or of the only one).
func midBand(bands []forecast.Band) int {
	if len(bands) == 3 {
		return 1
	}
	return 0
}

// project projects each band and says what the forecast covers: the years
// and ages asked for, checked against the projection.
func (t *forecastTarget) project(opts forecastOptions, bands []forecast.Band) (report.ForecastSpec, error) {
	var spec report.ForecastSpec
	projs := make([]*forecast.Projection, len(bands))
	for k, b := range bands {
		o := t.opts
		o.Band = b
		var err error
		if projs[k], err = forecast.Project(t.city, &o); err != nil {
			return spec, fmt.Errorf("%s: %w", t.name, err)
		}
	}
	mid := projs[midBand(bands)]
	if t.first == 0 {
		t.first, t.last = mid.Table.FirstYear, mid.Table.LastYear
	}
	ages, err := t.ages(mid, opts)
	if err != nil {
		return spec, err
	}
	if err := mid.Check(t.first, t.last, ages); err != nil {
		return spec, fmt.Errorf("%s: %w", t.name, err)
	}
	return report.ForecastSpec{Name: t.name, City: t.city, Method: t.opts.Method, Projections: projs,
		Bands: bands, First: t.first, Last: t.last, Ages: ages, ByGrade: opts.By == "grade"}, nil
}

// ages are the ages to print: --ages, else every age the method covers,
// cut to the ages of the city's grades with --by grade.
func (t *forecastTarget) ages(mid *forecast.Projection, opts forecastOptions) ([]int, error) {
	ageLo, ageHi := 0, mid.Table.MaxAge
	if t.opts.Method == forecast.GradeProgression {
		ageLo = gradeProgressionAge(mid)
	}
	if opts.Ages != "" {
		var err error
		if ageLo, ageHi, err = span("ages", opts.Ages); err != nil {
			return nil, err
		}
	}
	if opts.By == "grade" {
		lo, hi := gradeAges(t.city)
		ageLo, ageHi = max(ageLo, lo), min(ageHi, hi)
	}
	var ages []int
	for a := ageLo; a <= ageHi; a++ {
		ages = append(ages, a)
	}
	return ages, nil
}

// noteForecast says on stderr which forecast is printed, from when it is
// projected, and the method's notes.
func noteForecast(stderr io.Writer, t *forecastTarget, mid *forecast.Projection) {
	fmt.Fprintf(stderr, "%s: %s forecast, %d–%d", t.name, t.opts.Method, t.first, t.last)
	if mid.Start > t.first {
		fmt.Fprintf(stderr, " (projected from %d on; the years before rest on data)", mid.Start)
	}
	fmt.Fprintln(stderr)
	for _, n := range mid.Notes {
		fmt.Fprintln(stderr, "  "+n)
	}
}

// gradeAges is the span of ages whose grades city c runs: the entry age of
// its first stage to the last age of its last (6–14 in the default 6+3).
func gradeAges(c *engine.City) (lo, hi int) {
	sts := c.Stages()
	first, last := c.System.Ages(sts[0]), c.System.Ages(sts[len(sts)-1])
	return first[0], last[len(last)-1]
}

// progressionFlags sets grade progression's options from the flags.
func progressionFlags(o *forecast.Options, opts forecastOptions) error {
	o.Select = o.Select || opts.Select
	if opts.Ratios != "" {
		r, err := forecast.ParseRatioRule(opts.Ratios)
		if err != nil {
			return usageError{err}
		}
		o.Progression.Ratios = r
	}
	if opts.Exclude != "" {
		y, err := parseYears("exclude-years", opts.Exclude)
		if err != nil {
			return usageError{err}
		}
		o.Progression.Exclude = y
	}
	return nil
}

// gradeProgressionAge is the youngest age grade progression projects: its
// lowest entry grade's (age 6, grade 1, when no unit has kindergarten).
func gradeProgressionAge(p *forecast.Projection) int {
	lo := 1
	for _, u := range p.Units {
		if !u.Closed {
			lo = min(lo, u.Lo)
		}
	}
	return lo + engine.GradeAgeOffset
}

// forecastBands reads --band: the scenario's band (def) when empty, all
// three for "all".
func forecastBands(def forecast.Band, flag string) ([]forecast.Band, error) {
	switch flag {
	case "":
		return []forecast.Band{def}, nil
	case "all":
		return forecast.Bands[:], nil
	}
	b, err := forecast.ParseBand(flag)
	if err != nil {
		return nil, usageError{err}
	}
	return []forecast.Band{b}, nil
}
