package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

type compareOptions struct {
	Out    string        // folder for the comparison, the tables and the map layers
	Format string        // stdout: table, csv or json
	Quiet  bool          // no progress on stderr
	Output outputOptions // what --out and --xlsx write
}

func newCompareCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "compare [SCENARIO.yaml...]",
		Short: "Compare scenarios: unplaced children, seats, utilisation, distance and indicators side by side",
		Long: `Compare runs each scenario and prints, per stage, the unplaced children by year
and scenario; entrants, entry seats, unplaced, utilisation and mean
home-to-school distance by year, district and scenario, with the difference to
the first scenario; and the 优质均衡 indicators by year and scenario.
Scenarios on the same city folder load it once. With no argument it compares
the built-in demo's baseline and new-school scenarios.

--out DIR also writes comparison.csv, comparison.json, the simulate tables of
every scenario and, per scenario (in DIR/SCENARIO/), the map layers.
--xlsx FILE adds a comparison sheet to the workbook.

` + outputFlagsHelp + `

Flags may also be set as SCHOOLPLAN_OUT, SCHOOLPLAN_FORMAT, SCHOOLPLAN_QUIET.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Bound here, not when built: simulate binds the same keys to
			// its own flags, and only the command that runs may own them.
			for _, name := range []string{"out", "format", "quiet"} {
				_ = g.v.BindPFlag(name, cmd.Flags().Lookup(name))
			}
			opts := compareOptions{Out: g.v.GetString("out"), Format: g.v.GetString("format"), Quiet: g.v.GetBool("quiet"),
				Output: outputOptionsOf(cmd.Flags())}
			return runCompare(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.String("out", "", "write comparison.csv, comparison.json, the tables and the map layers of every scenario to this folder")
	f.String("format", "table", "what to print on stdout: table, csv or json")
	f.BoolP("quiet", "q", false, "print no progress on stderr")
	addOutputFlags(f)
	return cmd
}

func runCompare(ctx context.Context, g *globals, opts compareOptions, args []string) error {
	switch opts.Format {
	case "table", "csv", "json":
	default:
		return usageError{fmt.Errorf("--format %q: want table, csv or json", opts.Format)}
	}
	if err := opts.Output.check(opts.Out); err != nil {
		return err
	}
	scs, err := loadScenarios(args)
	if err != nil {
		return err
	}
	distinctNames(g.stderr, scs)
	results, err := runAll(ctx, g, scs, opts.Quiet)
	if err != nil {
		return err
	}
	cmp, err := scenarios.Compare(results, nil)
	if err != nil {
		return err
	}
	if err := writeOutputs(g, opts.Out, opts.Output, opts.Quiet, cmp, results...); err != nil {
		return err
	}
	switch opts.Format {
	case "csv":
		return report.WriteCompareCSV(g.stdout, cmp)
	case "json":
		return report.WriteCompareJSON(g.stdout, cmp, results)
	}
	return printCompareTable(g, results, cmp)
}

// loadScenarios loads the scenario files named (a shared city folder
// once), or with none the demo's baseline and new-school scenarios.
func loadScenarios(args []string) ([]*scenarios.Scenario, error) {
	if len(args) > 0 {
		return scenarios.LoadAll(args...)
	}
	var out []*scenarios.Scenario
	for _, name := range []string{demo.Baseline, demo.NewSchool} {
		s, err := scenarios.LoadFS(demo.FS, name)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// runAll runs the scenarios, showing progress on a terminal.
func runAll(ctx context.Context, g *globals, scs []*scenarios.Scenario, quiet bool) ([]*scenarios.Result, error) {
	results := make([]*scenarios.Result, 0, len(scs))
	total := 0
	for _, sc := range scs {
		total += len(sc.City.Stages()) * int(sc.Last-sc.First+1)
	}
	bar := newProgress(g.stderr, !quiet && isTerminal(g.stderr), total, "")
	defer bar.done()
	for _, sc := range scs {
		ro := &scenarios.RunOptions{Progress: func(st engine.Stage, y engine.Year) {
			bar.step(fmt.Sprintf("%s: %s %d", sc.Name, st, y))
		}}
		res, err := scenarios.Run(ctx, sc, ro)
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	return results, nil
}

// writeComparison writes comparison.csv and comparison.json to dir.
func writeComparison(dir string, cmp *scenarios.Comparison, results []*scenarios.Result) error {
	if err := writeFile(filepath.Join(dir, "comparison.csv"), func(w io.Writer) error { return report.WriteCompareCSV(w, cmp) }); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "comparison.json"), func(w io.Writer) error { return report.WriteCompareJSON(w, cmp, results) })
}
