package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/sim"
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
			for _, name := range []string{"method", "band", "by", "years", "ages", "format", "out", "quiet", "select", "ratios", "exclude-years"} {
				_ = g.v.BindPFlag(name, cmd.Flags().Lookup(name))
			}
			opts := forecastOptions{Method: g.v.GetString("method"), Band: g.v.GetString("band"), By: g.v.GetString("by"),
				Years: g.v.GetString("years"), Ages: g.v.GetString("ages"), Format: g.v.GetString("format"),
				Out: g.v.GetString("out"), Quiet: g.v.GetBool("quiet"),
				Select: g.v.GetBool("select"), Ratios: g.v.GetString("ratios"), Exclude: g.v.GetString("exclude-years")}
			return runForecast(cmd.Context(), g, opts, args)
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

// forecastRow is one district (or the total), year and age or grade.
type forecastRow struct {
	District string      `json:"district"`
	Name     string      `json:"name,omitempty"`
	Year     engine.Year `json:"year"`
	Age      *int        `json:"age,omitempty"`
	Grade    *int        `json:"grade,omitempty"`
	// GradeName is the grade's name where it is not its number ("K").
	GradeName  string   `json:"grade_name,omitempty"`
	Children   *float64 `json:"children,omitempty"`
	Low        *float64 `json:"low,omitempty"`
	Mid        *float64 `json:"mid,omitempty"`
	High       *float64 `json:"high,omitempty"`
	NewHousing float64  `json:"new_housing"`

	key string // the age, or the grade's name, as the CSV and table write it
}

func runForecast(_ context.Context, g *globals, opts forecastOptions, args []string) error {
	switch opts.Format {
	case "table", "csv", "json":
	default:
		return usageError{fmt.Errorf("--format %q: want table, csv or json", opts.Format)}
	}
	if opts.By != "age" && opts.By != "grade" {
		return usageError{fmt.Errorf("--by %q: want age or grade", opts.By)}
	}
	arg := ""
	if len(args) > 0 {
		arg = args[0]
	}
	t, err := loadForecastTarget(arg)
	if err != nil {
		return err
	}
	if opts.Method != "" {
		if t.opts.Method, err = forecast.ParseMethod(opts.Method); err != nil {
			return usageError{err}
		}
	}
	if err := progressionFlags(&t.opts, opts); err != nil {
		return err
	}
	bands, err := forecastBands(t.opts.Band, opts.Band)
	if err != nil {
		return err
	}
	if opts.Years != "" {
		lo, hi, err := span("years", opts.Years)
		if err != nil {
			return err
		}
		t.first, t.last = engine.Year(lo), engine.Year(hi)
		t.opts.Last = max(t.opts.Last, t.last)
	}
	projs := make([]*forecast.Projection, len(bands))
	for k, b := range bands {
		o := t.opts
		o.Band = b
		if projs[k], err = forecast.Project(t.city, &o); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	mid := projs[0]
	if len(projs) == 3 {
		mid = projs[1]
	}
	if t.first == 0 {
		t.first, t.last = mid.Table.FirstYear, mid.Table.LastYear
	}
	ageLo, ageHi := 0, mid.Table.MaxAge
	if t.opts.Method == forecast.GradeProgression {
		ageLo = gradeProgressionAge(mid)
	}
	if opts.Ages != "" {
		if ageLo, ageHi, err = span("ages", opts.Ages); err != nil {
			return err
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
	if err := mid.Check(t.first, t.last, ages); err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	if !opts.Quiet {
		fmt.Fprintf(g.stderr, "%s: %s forecast, %d–%d", t.name, t.opts.Method, t.first, t.last)
		if mid.Start > t.first {
			fmt.Fprintf(g.stderr, " (projected from %d on; the years before rest on data)", mid.Start)
		}
		fmt.Fprintln(g.stderr)
		for _, n := range mid.Notes {
			fmt.Fprintln(g.stderr, "  "+n)
		}
	}
	rows, err := forecastRows(t, projs, bands, ages, opts.By == "grade")
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := writeFile(opts.Out, func(w io.Writer) error { return writeForecastCSV(w, rows, opts.By, len(bands) == 3) }); err != nil {
			return err
		}
		if !opts.Quiet {
			fmt.Fprintf(g.stderr, "wrote %s\n", opts.Out)
		}
	}
	switch opts.Format {
	case "csv":
		return writeForecastCSV(g.stdout, rows, opts.By, len(bands) == 3)
	case "json":
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	return writeForecastTable(g.stdout, t, rows, opts.By, bands)
}

func forecastRows(t *forecastTarget, projs []*forecast.Projection, bands []forecast.Band, ages []int, byGrade bool) ([]forecastRow, error) {
	c := t.city
	nD := len(c.Districts)
	var rows []forecastRow
	for di := 0; di <= nD; di++ {
		for y := t.first; y <= t.last; y++ {
			for _, age := range ages {
				row := forecastRow{District: "total", Year: y}
				if di < nD {
					row.District, row.Name = c.Districts[di].ID, c.Districts[di].Name
				}
				a := age
				row.key = strconv.Itoa(age)
				if byGrade {
					g := age - engine.GradeAgeOffset
					row.Grade = &g
					row.key = c.System.GradeName(g)
					if row.key != strconv.Itoa(g) {
						row.GradeName = row.key
					}
				} else {
					row.Age = &a
				}
				for k, p := range projs {
					all, housing, err := p.Districts(y, age)
					if err != nil {
						return nil, err
					}
					var v, h float64
					if di < nD {
						v, h = all[di], housing[di]
					} else {
						for d := range all {
							v += all[d]
							h += housing[d]
						}
					}
					v = round1(v)
					switch {
					case len(projs) == 1:
						row.Children = &v
						row.NewHousing = round1(h)
					case bands[k] == forecast.Low:
						row.Low = &v
					case bands[k] == forecast.High:
						row.High = &v
					default:
						row.Mid = &v
						row.NewHousing = round1(h)
					}
				}
				rows = append(rows, row)
			}
		}
	}
	return rows, nil
}

// gradeAges is the span of ages whose grades city c runs: the entry age of
// its first stage to the last age of its last (6–14 in the default 6+3).
func gradeAges(c *engine.City) (lo, hi int) {
	sts := c.Stages()
	first, last := c.System.Ages(sts[0]), c.System.Ages(sts[len(sts)-1])
	return first[0], last[len(last)-1]
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

func fmt1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func writeForecastCSV(w io.Writer, rows []forecastRow, by string, bands bool) error {
	cw := csv.NewWriter(w)
	head := []string{"district", "year", by, "children", "new_housing"}
	if bands {
		head = []string{"district", "year", by, "low", "mid", "high", "new_housing"}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range rows {
		rec := []string{r.District, strconv.Itoa(int(r.Year)), r.key}
		if bands {
			rec = append(rec, fmt1(*r.Low), fmt1(*r.Mid), fmt1(*r.High))
		} else {
			rec = append(rec, fmt1(*r.Children))
		}
		rec = append(rec, fmt1(r.NewHousing))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeForecastTable prints one block per district (and the total): a row
// per age or grade (three with --band all), a column per year.
func writeForecastTable(w io.Writer, t *forecastTarget, rows []forecastRow, by string, bands []forecast.Band) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	years := int(t.last-t.first) + 1
	head := by + "\t"
	if len(bands) == 3 {
		head += "band\t"
	}
	for y := t.first; y <= t.last; y++ {
		head += strconv.Itoa(int(y)) + "\t"
	}
	i := 0
	for i < len(rows) {
		r := rows[i]
		title := r.District
		if r.Name != "" {
			title += " " + r.Name
		}
		what := "children"
		if len(bands) == 1 {
			what += " (" + bands[0].String() + " band)"
		}
		fmt.Fprintf(tw, "%s — %s, %s forecast — %s by %s and year\n", t.name, title, t.opts.Method, what, by)
		fmt.Fprintln(tw, head)
		// rows of one district come year-major: index (y, key)
		var keys int
		for keys = 0; i+keys < len(rows) && rows[i+keys].District == r.District && rows[i+keys].Year == r.Year; keys++ {
		}
		for k := 0; k < keys; k++ {
			key := rows[i+k].key
			for _, b := range bands {
				line := key + "\t"
				if len(bands) == 3 {
					line += b.String() + "\t"
				}
				for yi := 0; yi < years; yi++ {
					row := &rows[i+yi*keys+k]
					v := row.Children
					switch {
					case len(bands) == 1:
					case b == forecast.Low:
						v = row.Low
					case b == forecast.High:
						v = row.High
					default:
						v = row.Mid
					}
					line += fmt1(*v) + "\t"
				}
				fmt.Fprintln(tw, line)
			}
		}
		fmt.Fprintln(tw)
		i += keys * years
	}
	return tw.Flush()
}

// cityDemand is the forecast validate checks a city folder with: its
// forecast.csv, or — when it has none — the cohort forecast (population.csv)
// or else grade progression (enrolment.csv), over the years it covers.
func cityDemand(c *engine.City) (sim.Demand, engine.Year, engine.Year, error) {
	if c.Forecast.ByDistrict != nil || c.Forecast.ByArea != nil {
		return forecast.New(c), c.Forecast.FirstYear, c.Forecast.LastYear, nil
	}
	o := &forecast.Options{Method: forecast.GradeProgression, Last: scenarios.LastYear}
	if c.Demography.Population != nil {
		o.Method = forecast.Cohort
	}
	p, err := forecast.Project(c, o)
	if err != nil {
		return nil, 0, 0, err
	}
	return p, p.Start, p.Table.LastYear, nil
}

// forecastYears is the span of years a city's forecast covers, as validate
// prints it.
func forecastYears(c *engine.City, d sim.Demand) string {
	first, last := c.Forecast.FirstYear, c.Forecast.LastYear
	if p, ok := d.(*forecast.Projection); ok {
		first, last = p.Table.FirstYear, p.Table.LastYear
		if p.Options.Method != forecast.Table {
			return fmt.Sprintf("%d–%d (%s)", first, last, p.Options.Method)
		}
	}
	return fmt.Sprintf("%d–%d", first, last)
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
