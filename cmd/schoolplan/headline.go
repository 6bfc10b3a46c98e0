package main

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// printHeadlineTable prints simulate's table: the headline (against the
// scenario res extends, run here, if any), then the table by district.
func printHeadlineTable(ctx context.Context, g *globals, res *scenarios.Result) error {
	lang, err := labelLang(g, res.City)
	if err != nil {
		return err
	}
	// The base is run only for this headline; one that cannot run on its
	// own (say it names no city, leaving that to the files extending it)
	// leaves the headline without the comparison, and says why.
	base, err := runBase(ctx, res.Scenario)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		fmt.Fprintf(g.stderr, "%s: the headline leaves out the change against %s: %s\n", res.Scenario.Name, res.Scenario.Base, engine.Plain(err))
	}
	if err := report.WriteHeadline(g.stdout, report.NewHeadline(res, base), lang); err != nil {
		return err
	}
	return report.WriteTableLang(g.stdout, lang, res)
}

// runBase runs the scenario s extends; nil when it extends none.
func runBase(ctx context.Context, s *scenarios.Scenario) (*scenarios.Result, error) {
	bs, err := s.LoadBase()
	if err != nil || bs == nil {
		return nil, err
	}
	return scenarios.Run(ctx, bs, nil)
}

// printCompareTable prints compare's table: each scenario's headline (the
// later ones against the first), then the comparison.
func printCompareTable(g *globals, results []*scenarios.Result, cmp *scenarios.Comparison) error {
	lang, err := labelLang(g, results[0].City)
	if err != nil {
		return err
	}
	for k, r := range results {
		var base *scenarios.Result
		if k > 0 {
			base = results[0]
		}
		if err := report.WriteHeadline(g.stdout, report.NewHeadline(r, base), lang); err != nil {
			return err
		}
	}
	return report.WriteCompareTableLang(g.stdout, cmp, lang)
}
