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

func newValidateCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "validate CITY_DIR|SCENARIO.yaml",
		Short: "Check a city folder or a scenario and report every problem found",
		Long: `Validate loads a city folder (or a scenario and its city) and lists every
problem found, one per line, naming the file, the feature (index and id) and
the field. It exits with status 3 when there are problems.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(cmd.Context(), g, args[0])
		},
	}
}

func runValidate(_ context.Context, g *globals, arg string) error {
	st, err := os.Stat(arg)
	if err != nil {
		return err
	}
	var city *engine.City
	var first, last engine.Year
	var demand sim.Demand
	if st.IsDir() {
		city, err = engine.LoadCity(arg)
		if err == nil {
			demand, first, last, err = cityDemand(city)
		}
	} else {
		var sc *scenarios.Scenario
		sc, err = scenarios.Load(arg)
		if err == nil {
			city, first, last = sc.City, sc.First, sc.Last
			demand, err = sc.Projection()
		}
	}
	if err == nil {
		err = checkForecast(demand, first, last)
	}
	if err != nil {
		var list geo.Errors
		if errors.As(err, &list) {
			for _, e := range list {
				fmt.Fprintln(g.stdout, e)
			}
			return fmt.Errorf("%s: %d problems: %w", arg, len(list), errInvalid)
		}
		fmt.Fprintln(g.stdout, err)
		return fmt.Errorf("%s: %w", arg, errInvalid)
	}
	for _, w := range city.Warnings {
		fmt.Fprintln(g.stdout, "warning:", w)
	}
	n := [3]int{}
	for i := range city.Schools {
		n[city.Schools[i].Kind]++
	}
	fmt.Fprintf(g.stdout, "%s: ok: %d districts, %d areas, %d schools (%d primary, %d junior, %d nine-year), forecast %s\n",
		filepath.Clean(arg), len(city.Districts), len(city.Areas), len(city.Schools), n[0], n[1], n[2],
		forecastYears(city, demand))
	return nil
}

// checkForecast checks the forecast covers what a run of first..last needs.
func checkForecast(d sim.Demand, first, last engine.Year) error {
	var problems []string
	for _, st := range engine.Stages {
		if err := d.Check(first, last, []int{st.EntryAge()}); err != nil {
			problems = append(problems, fmt.Sprintf("%s entrants: %v", st, err))
		}
		var older []int
		for k := 1; k < st.Grades(); k++ {
			older = append(older, st.EntryAge()+k)
		}
		if err := d.Check(first, first, older); err != nil {
			problems = append(problems, fmt.Sprintf("%s first-year grades: %v", st, err))
		}
	}
	if problems != nil {
		return errors.New(engine.ForecastFile + ": " + strings.Join(problems, "; "))
	}
	return nil
}
