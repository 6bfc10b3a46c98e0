package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

type simulateOptions struct {
	Out    string // folder for summary.csv, schools.csv, areas.csv, admissions.csv, summary.json
	Format string // stdout: table, csv or json
	Quiet  bool   // no progress on stderr
	// Bands runs the low, mid and high forecast bands (cmd_forecast_bands.go);
	// Draws > 0 adds a Monte-Carlo of that many draws of Seed (SeedSet
	// false: the scenario's seed).
	Bands   bool
	Draws   int
	Seed    uint64
	SeedSet bool
}

func newSimulateCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "simulate [SCENARIO.yaml]",
		Short: "Simulate a scenario year by year (no argument: the built-in Chongqing demo)",
		Long: `Simulate loads a scenario and its city and runs its stages (both, unless
city.yaml or the scenario names stages) year by year, grade by grade. It
prints entrants, entry seats, admitted and unplaced children per district and
year. With no argument it runs the built-in demo city.

Flags may also be set as SCHOOLPLAN_OUT, SCHOOLPLAN_FORMAT, SCHOOLPLAN_QUIET.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := simulateOptions{Out: g.v.GetString("out"), Format: g.v.GetString("format"), Quiet: g.v.GetBool("quiet")}
			opts.Bands, _ = cmd.Flags().GetBool("bands")
			opts.Draws, _ = cmd.Flags().GetInt("draws")
			opts.Seed, _ = cmd.Flags().GetUint64("seed")
			opts.SeedSet = cmd.Flags().Changed("seed")
			return runSimulate(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.String("out", "", "write summary.csv, schools.csv, areas.csv, admissions.csv, summary.json, indicators.csv and GeoJSON map layers to this folder")
	f.String("format", "table", "what to print on stdout: table, csv (summary) or json (summary)")
	f.BoolP("quiet", "q", false, "print no progress on stderr")
	f.Bool("bands", false, "run the low, mid and high forecast bands and print the shortfall ranges (--out: the mid band's tables and bands.csv)")
	f.Int("draws", 0, "with --bands: a Monte-Carlo of this many draws over births and housing yields, with the probability that each school is short")
	f.Uint64("seed", 0, "with --draws: the Monte-Carlo seed (default: the scenario's seed)")
	for _, name := range []string{"out", "format", "quiet"} {
		_ = g.v.BindPFlag(name, f.Lookup(name))
	}
	return cmd
}

func loadScenario(arg string) (*scenarios.Scenario, error) {
	if arg == "" {
		return scenarios.LoadFS(demo.FS, demo.Baseline)
	}
	return scenarios.Load(arg)
}

func runSimulate(ctx context.Context, g *globals, opts simulateOptions, args []string) error {
	switch opts.Format {
	case "table", "csv", "json":
	default:
		return usageError{fmt.Errorf("--format %q: want table, csv or json", opts.Format)}
	}
	arg := ""
	if len(args) > 0 {
		arg = args[0]
	}
	sc, err := loadScenario(arg)
	if err != nil {
		return err
	}
	noteWarnings(g.stderr, sc, arg)
	if opts.Draws < 0 || (opts.Draws > 0 && !opts.Bands) {
		return usageError{fmt.Errorf("--draws %d: want a number of draws >= 1, with --bands", opts.Draws)}
	}
	if opts.Bands {
		return runSimulateBands(ctx, g, opts, sc)
	}
	bar := stageYears(g.stderr, !opts.Quiet && isTerminal(g.stderr), len(sc.City.Stages()), sc.First, sc.Last, sc.Name)
	ro := &scenarios.RunOptions{Progress: func(st engine.Stage, y engine.Year) {
		bar.step(fmt.Sprintf("%s: %s %d", sc.Name, st, y))
	}}
	res, err := scenarios.Run(ctx, sc, ro)
	bar.done()
	if err != nil {
		return err
	}
	if opts.Out != "" {
		if err := writeOut(opts.Out, res); err != nil {
			return err
		}
		if !opts.Quiet {
			fmt.Fprintf(g.stderr, "wrote %s\n", opts.Out)
		}
	}
	switch opts.Format {
	case "csv":
		return report.WriteSummaryCSV(g.stdout, res)
	case "json":
		return report.WriteSummaryJSON(g.stdout, res)
	}
	return printHeadlineTable(ctx, g, res)
}

// writeOut writes the result tables to dir.
func writeOut(dir string, res ...*scenarios.Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer, ...*scenarios.Result) error
	}{
		{"summary.csv", report.WriteSummaryCSV},
		{"schools.csv", report.WriteSchoolsCSV},
		{"areas.csv", report.WriteAreasCSV},
		{"admissions.csv", report.WriteAdmissionsCSV},
		{"summary.json", report.WriteSummaryJSON},
		{"indicators.csv", report.WriteIndicatorsCSV},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), func(w io.Writer) error { return f.write(w, res...) }); err != nil {
			return err
		}
	}
	return report.WriteLayers(dir, nil, res...)
}

func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return f.Close()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
