package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
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
			return runValidate(cmd.Context(), g, opts, args[0])
		},
	}
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "treat warnings as errors")
	return cmd
}

func runValidate(_ context.Context, g *globals, opts validateOptions, arg string) error {
	if _, err := os.Stat(arg); err != nil {
		return err
	}
	city, demand, first, last, err := loadForValidate(arg)
	if err == nil {
		err = checkForecast(city, demand, first, last)
	}
	var problems geo.Errors
	if err != nil {
		if !errors.As(err, &problems) {
			problems = geo.Errors{err}
		}
	}
	if city != nil {
		problems = append(problems, city.Warnings...)
	}
	sum := printProblems(g.stdout, problems)
	if city != nil {
		for _, n := range city.Notes {
			fmt.Fprintln(g.stdout, "note:", n)
		}
	}
	if sum.errors > 0 || (opts.strict && sum.warnings > 0) {
		fmt.Fprintf(g.stdout, "%s: %s\n", arg, sum)
		return fmt.Errorf("%s: %s: %w", arg, sum, errInvalid)
	}
	n := [3]int{}
	for i := range city.Schools {
		n[city.Schools[i].Kind]++
	}
	fmt.Fprintf(g.stdout, "%s: ok%s: %s, %s, %s (%d primary, %d junior, %d nine-year), forecast %s%s\n",
		filepath.Clean(arg), sum.warningText(), count(len(city.Districts), "district"), count(len(city.Areas), "area"),
		count(len(city.Schools), "school"), n[0], n[1], n[2], forecastYears(city, demand), systemNote(city))
	return nil
}

// loadForValidate loads a city folder, or a scenario and its city, and the
// demand a run of it would use.
func loadForValidate(arg string) (*engine.City, sim.Demand, engine.Year, engine.Year, error) {
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		city, err := engine.LoadCity(arg)
		if err != nil {
			return nil, nil, 0, 0, err
		}
		demand, first, last, err := cityDemand(city)
		if err == nil {
			// The city's own admission plans under the default policy, as a
			// scenario of the folder would simulate it.
			err = inFile(filepath.Join(arg, engine.SchoolsFile), engine.CheckChanges(city, &engine.Policy{}, first, last, nil))
		}
		return city, demand, first, last, err
	}
	sc, err := scenarios.Load(arg)
	if err != nil {
		return nil, nil, 0, 0, err
	}
	demand, err := sc.Projection()
	return sc.City, demand, sc.First, sc.Last, err
}

// systemNote names the city's school system and stages when they are not
// the default (6+3, every stage), e.g. ", grades K–5/6–8, stages primary".
func systemNote(c *engine.City) string {
	var b strings.Builder
	if c.System != (engine.SchoolSystem{}) && c.System != engine.DefaultSchoolSystem {
		b.WriteString(", grades " + c.System.String())
	}
	if len(c.RunStages) > 0 {
		b.WriteString(", stages")
		for _, st := range c.Stages() {
			b.WriteString(" " + st.String())
		}
	}
	return b.String()
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
