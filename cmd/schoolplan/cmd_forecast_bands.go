package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// runSimulateBands runs sc in the low, mid and high forecast bands (and,
// with draws, a seeded Monte-Carlo) and reports the shortfall ranges.
// --out gets the mid band's tables and maps plus bands.csv (and
// shortfall_probability.csv).
func runSimulateBands(ctx context.Context, opts simulateOptions, sc *scenarios.Scenario, stdout, stderr io.Writer) error {
	if !opts.Quiet {
		fmt.Fprintf(stderr, "%s: running the low, mid and high forecast bands\n", sc.Name)
	}
	rs, err := scenarios.RunBands(ctx, sc, nil)
	if err != nil {
		return err
	}
	b := report.NewBands(sc, rs)
	if opts.Draws > 0 {
		mc, err := runMonteCarlo(ctx, opts, sc, stderr)
		if err != nil {
			return err
		}
		b.AddMonteCarlo(mc)
	}
	if opts.Out != "" {
		if err := writeBandsFiles(opts.Out, b); err != nil {
			return err
		}
	}
	// The mid band's tables, map layers and workbook.
	if err := writeOutputs(stderr, opts.Out, opts.Output, opts.Quiet, nil, rs[1]); err != nil {
		return err
	}
	switch opts.Format {
	case "csv":
		return report.WriteBandsCSV(stdout, b)
	case "json":
		return report.WriteBandsJSON(stdout, b)
	}
	return report.WriteBandsTable(stdout, b)
}

// runMonteCarlo runs the --draws of sc with --seed (else the scenario's),
// with a progress bar on a terminal.
func runMonteCarlo(ctx context.Context, opts simulateOptions, sc *scenarios.Scenario, stderr io.Writer) (*scenarios.MonteCarlo, error) {
	seed := sc.Policy.Seed
	if opts.SeedSet {
		seed = opts.Seed
	}
	mo := &scenarios.MonteCarloOptions{Draws: opts.Draws, Seed: seed}
	if !opts.Quiet {
		fmt.Fprintf(stderr, "%s: Monte-Carlo, %d draws, seed %d\n", sc.Name, opts.Draws, seed)
	}
	bar := newProgress(stderr, !opts.Quiet && isTerminal(stderr), opts.Draws, sc.Name+": draws")
	mo.Progress = func(done, _ int) { bar.set(done) }
	mc, err := scenarios.RunMonteCarlo(ctx, sc, mo)
	bar.done()
	return mc, err
}

// writeBandsFiles writes bands.csv and, with a Monte-Carlo,
// shortfall_probability.csv to dir.
func writeBandsFiles(dir string, b *report.Bands) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := report.WriteFile(filepath.Join(dir, "bands.csv"), func(w io.Writer) error { return report.WriteBandsCSV(w, b) }); err != nil {
		return err
	}
	if b.Draws == 0 {
		return nil
	}
	return report.WriteFile(filepath.Join(dir, "shortfall_probability.csv"), func(w io.Writer) error { return report.WriteShortfallCSV(w, b) })
}
