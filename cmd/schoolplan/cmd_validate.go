package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

type validateOptions struct {
	strict bool // warnings count as errors
}

func newValidateCommand(g *globals) *cobra.Command {
	var opts validateOptions
	cmd := &cobra.Command{
		Use:   "validate CITY_DIR|SCENARIO.yaml",
		Short: "Check a city folder or a scenario and report every problem found",
		Long: `Validate loads a city folder (or a scenario and its city) and lists every
problem found, grouped by kind, each naming the file, the feature (index and
id) or line, and the field, then a summary line. Errors stop a simulation;
warnings do not, unless --strict. It exits with status 3 when there are
errors (or warnings, with --strict).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(cmd.Context(), opts, args, g.stdout, g.stderr)
		},
	}
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "treat warnings as errors")
	return cmd
}

// runValidate loads the city folder or scenario args[0] and lists every
// problem on stdout, grouped by kind, then a summary line; it fails with
// errInvalid when there are errors (or, with --strict, warnings).
func runValidate(ctx context.Context, opts validateOptions, args []string, stdout, stderr io.Writer) error {
	arg := args[0]
	if _, err := os.Stat(arg); err != nil {
		return err
	}
	var city *engine.City
	var demand sim.Demand
	var first, last engine.Year
	var sc *scenarios.Scenario
	err := loading(stderr, isTerminal(stderr), "loading "+arg, func(progress func(done, total int64)) (err error) {
		city, demand, first, last, sc, err = loadForValidate(arg, progress)
		return err
	})
	if err == nil {
		err = checkForecast(city, demand, first, last)
	}
	if err == nil && mergesUnderLimit(sc) {
		_, err = scenarios.Run(ctx, sc, nil)
	}
	sum := report.WriteProblems(stdout, problemsOf(err, city))
	if city != nil {
		for _, n := range city.Notes {
			fmt.Fprintln(stdout, "note:", n)
		}
	}
	if sum.Errors > 0 || (opts.strict && sum.Warnings > 0) {
		fmt.Fprintf(stdout, "%s: %s\n", arg, sum)
		return fmt.Errorf("%s: %s: %w", arg, sum, errInvalid)
	}
	report.WriteCityOK(stdout, filepath.Clean(arg), sum, city, forecastYears(city, demand))
	return nil
}

// problemsOf lists the problems of err (a list or one error) and the
// warnings of city, if loaded.
func problemsOf(err error, city *engine.City) geo.Errors {
	var problems geo.Errors
	if err != nil && !errors.As(err, &problems) {
		problems = geo.Errors{err}
	}
	if city != nil {
		problems = append(problems, city.Warnings...)
	}
	return problems
}

// mergesUnderLimit reports whether scenario sc (nil: a city folder)
// closes a school into another while its policy sets oversize_class_size:
// whether the merge's classes stay under it depends on the pupils moved,
// so only a run can tell, and validate runs the scenario.
func mergesUnderLimit(sc *scenarios.Scenario) bool {
	if sc == nil || sc.Policy.OversizeClassSize == [engine.NumStages]int{} {
		return false
	}
	for _, ch := range sc.Changes {
		if cl, ok := ch.(engine.Close); ok && cl.MergeInto != "" {
			return true
		}
	}
	return false
}

// loadForValidate loads a city folder, or a scenario (returned) and its
// city, and the demand a run of it would use.
func loadForValidate(arg string, progress func(done, total int64)) (*engine.City, sim.Demand, engine.Year, engine.Year, *scenarios.Scenario, error) {
	opts := engine.LoadOptions{Progress: progress}
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		city, err := engine.LoadCityWith(arg, opts)
		if err != nil {
			return nil, nil, 0, 0, nil, err
		}
		demand, first, last, err := cityDemand(city)
		if err == nil {
			// The city's own admission plans under the default policy, as a
			// scenario of the folder would simulate it.
			err = inFile(filepath.Join(arg, engine.SchoolsFile), engine.CheckChanges(city, &engine.Policy{}, first, last, nil))
		}
		return city, demand, first, last, nil, err
	}
	sc, err := scenarios.LoadWith(arg, scenarios.LoadOptions{City: opts})
	if err != nil {
		return nil, nil, 0, 0, nil, err
	}
	demand, err := sc.Projection()
	return sc.City, demand, sc.First, sc.Last, sc, err
}

// checkForecast checks the forecast covers what a run of first..last of
// city c needs: the entry age of each stage it runs in every year, and the
// stage's other ages in the first year (the warm start).
func checkForecast(c *engine.City, d sim.Demand, first, last engine.Year) error {
	var problems []string
	for _, st := range c.Stages() {
		ages := c.System.Ages(st)
		if err := d.Check(first, last, ages[:1]); err != nil {
			problems = append(problems, fmt.Sprintf("%s entrants: %v", st, err))
		}
		if err := d.Check(first, first, ages[1:]); err != nil {
			problems = append(problems, fmt.Sprintf("%s first-year grades: %v", st, err))
		}
	}
	if problems != nil {
		return errors.New(engine.ForecastFile + ": " + strings.Join(problems, "; "))
	}
	return nil
}

// inFile names file in each problem of err (a list or one error).
func inFile(file string, err error) error {
	if err == nil {
		return nil
	}
	var list geo.Errors
	if !errors.As(err, &list) {
		list = geo.Errors{err}
	}
	out := make(geo.Errors, len(list))
	for i, e := range list {
		out[i] = &geo.FeatureError{File: file, Index: -1, Err: e}
	}
	return out
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
