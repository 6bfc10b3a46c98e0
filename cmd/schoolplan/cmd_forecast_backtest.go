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
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
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
			f := cmd.Flags()
			var opts backtestOptions
			opts.Enrolment, _ = f.GetString("enrolment")
			opts.Births, _ = f.GetString("births")
			opts.Until, _ = f.GetInt("until")
			opts.Origins, _ = f.GetInt("origins")
			opts.Horizon, _ = f.GetInt("horizon")
			opts.Window, _ = f.GetInt("window")
			opts.Robust, _ = f.GetInt("robust-window")
			opts.Ratios, _ = f.GetString("ratios")
			opts.Exclude, _ = f.GetString("exclude-years")
			opts.Shrink, _ = f.GetFloat64("shrink")
			opts.System, _ = f.GetString("system")
			opts.Format, _ = f.GetString("format")
			opts.Out, _ = f.GetString("out")
			return runBacktest(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.String("enrolment", "", "enrolment.csv: school or district, year, grade (K or 0–9), count (default: the city's)")
	f.String("births", "", "births.csv: district, year, births (default: the city's; entry grades from births-to-entry ratios)")
	f.Int("until", 0, "the last origin: the last year fitted (required)")
	f.Int("origins", 1, "rolling origins ending at --until")
	f.Int("horizon", 5, "years projected from each origin")
	f.Int("window", 3, "years averaged by the classic progression")
	f.Int("robust-window", 0, "years combined by the robust progression (default 8)")
	f.String("ratios", "pooled", "the robust progression's rule: pooled, median or trimmed")
	f.String("exclude-years", "", "shock years no ratio is fitted across, e.g. 2020")
	f.Float64("shrink", 0, "K (pupils) of the shrinkage toward the district's ratio (default 60; negative: none)")
	f.String("system", "", "school system: 6+3, 5+4 or K-5/6-8 (default: the city's, else 6+3)")
	f.String("format", "table", "what to print on stdout: table, csv or json")
	f.String("out", "", "also write the per-unit errors as CSV to this file")
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
	switch opts.Format {
	case "table", "csv", "json":
	default:
		msgs = append(msgs, fmt.Sprintf("--format %q: want table, csv or json", opts.Format))
	}
	if opts.Until == 0 {
		msgs = append(msgs, "--until YEAR is required")
	}
	if opts.Window < 1 || opts.Window > 50 {
		msgs = append(msgs, fmt.Sprintf("--window %d: want 1–50", opts.Window))
	}
	if opts.Robust < 0 || opts.Robust > 50 {
		msgs = append(msgs, fmt.Sprintf("--robust-window %d: want 1–50", opts.Robust))
	}
	if opts.Origins < 1 || opts.Origins > 50 {
		msgs = append(msgs, fmt.Sprintf("--origins %d: want 1–50", opts.Origins))
	}
	if opts.Horizon < 1 || opts.Horizon > 30 {
		msgs = append(msgs, fmt.Sprintf("--horizon %d: want 1–30", opts.Horizon))
	}
	if r, err := forecast.ParseRatioRule(opts.Ratios); err != nil || r == forecast.RatioMean {
		msgs = append(msgs, fmt.Sprintf("--ratios %q: want pooled, median or trimmed", opts.Ratios))
	}
	if len(msgs) > 0 {
		return usageError{fmt.Errorf("%s", strings.Join(msgs, "; "))}
	}
	return nil
}

func runBacktest(_ context.Context, g *globals, opts backtestOptions, args []string) error {
	if err := checkBacktestOptions(opts); err != nil {
		return err
	}
	exclude, err := parseYears("exclude-years", opts.Exclude)
	if err != nil {
		return usageError{err}
	}
	rule, _ := forecast.ParseRatioRule(opts.Ratios)
	var city *engine.City
	if len(args) > 0 {
		if city, err = loadBacktestCity(args[0]); err != nil {
			return err
		}
	}
	fo := &forecast.Options{Window: opts.Window, Progression: forecast.Progression{Ratios: rule, Window: opts.Robust, Exclude: exclude, Shrink: opts.Shrink}}
	if city != nil {
		fo.System = city.System
	}
	if opts.System != "" {
		if fo.System, err = parseSystem(opts.System); err != nil {
			return usageError{err}
		}
	}
	e, b, err := backtestInputs(opts, city, fo.System)
	if err != nil {
		return err
	}
	var origins []engine.Year
	for y := opts.Until - opts.Origins + 1; y <= opts.Until; y++ {
		origins = append(origins, engine.Year(y))
	}
	c, err := forecast.CompareMethods(e, b, fo, forecast.CompareOptions{Origins: origins, Horizon: opts.Horizon, City: city})
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := writeFile(opts.Out, func(w io.Writer) error { return writeBacktestCSV(w, c) }); err != nil {
			return err
		}
	}
	switch opts.Format {
	case "csv":
		for _, n := range c.Notes {
			fmt.Fprintln(g.stderr, "note:", n)
		}
		return writeBacktestCSV(g.stdout, c)
	case "json":
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	}
	return writeBacktestTable(g.stdout, c, b != nil, fo)
}

func loadBacktestCity(arg string) (*engine.City, error) {
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

func fmt2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// overall is the chosen method's and naive's MAPE over every unit-year.
func overall(c *forecast.Comparison) (n int, mape, naive float64) {
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

func writeBacktestCSV(w io.Writer, c *forecast.Comparison) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"unit", "kind", "district", "years", "mape", "naive_mape", "bias"})
	for _, u := range c.Units {
		kind := "district"
		if u.School {
			kind = "school"
		}
		_ = cw.Write([]string{u.ID, kind, u.District, strconv.Itoa(u.Compared), fmt2(u.MAPE), fmt2(u.NaiveMAPE), fmt2(u.Bias)})
	}
	n, mape, naive := overall(c)
	_ = cw.Write([]string{"overall", "", "", strconv.Itoa(n), fmt2(mape), fmt2(naive), ""})
	cw.Flush()
	return cw.Error()
}

func writeBacktestTable(w io.Writer, c *forecast.Comparison, births bool, o *forecast.Options) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	entry := "entry grade: the window's level carried forward"
	if births {
		entry = "entry grade: births-to-entry ratio"
	}
	first, last := c.Origins[0], c.Origins[len(c.Origins)-1]
	fmt.Fprintf(tw, "origins %d–%d, %d years ahead each; school system %s; %s\n", first, last, c.Horizon, o.System, entry)
	if len(c.Choices) > 0 {
		fmt.Fprintf(tw, "chosen at %d: %s\n", last, c.Choices[0].Method)
	}
	for _, n := range c.Notes {
		fmt.Fprintf(tw, "note: %s\n", n)
	}
	fmt.Fprintln(tw, "unit\tdistrict\tyears\tMAPE %\tnaive MAPE %\tbias %\t")
	for _, u := range c.Units {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%+.2f\t\n", u.ID, u.District, u.Compared, fmt2(u.MAPE), fmt2(u.NaiveMAPE), u.Bias)
	}
	n, mape, naive := overall(c)
	fmt.Fprintf(tw, "overall\t\t%d\t%s\t%s\t\t\n", n, fmt2(mape), fmt2(naive))
	fmt.Fprintln(tw)
	writeMethodTable(tw, c)
	if len(c.Outliers) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintf(tw, "outliers left out of the robust fit at %d:\n", last)
		for _, ol := range c.Outliers {
			fmt.Fprintf(tw, "  %s %s\n", ol.Unit, ol)
		}
	}
	return tw.Flush()
}

// writeMethodTable writes methods × years ahead.
func writeMethodTable(tw *tabwriter.Writer, c *forecast.Comparison) {
	fmt.Fprintln(tw, "method\tyears ahead\tcompared\tMAPE %\tbias %\tdistrict MAPE %\tcity error %\tnaive beats %\t80% band holds %\t")
	for _, r := range c.Rows {
		cov := "–"
		if r.Coverage != nil {
			cov = fmt.Sprintf("%.0f", *r.Coverage)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%+.2f\t%s\t%+.2f\t%.0f\t%s\t\n", r.Method, r.Ahead, r.Compared, fmt2(r.MAPE), r.Bias, fmt2(r.DistrictMAPE), r.CityError, r.NaiveBeats, cov)
	}
}
