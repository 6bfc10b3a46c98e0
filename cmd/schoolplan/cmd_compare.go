package main

import (
	"context"
	"fmt"
	"io"
	"slices"

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
	Lang   string        // --lang: zh or en; "": the first city's default
	Output outputOptions // what --out and --xlsx write
	Limits []string      // --limit: indicator limits over the policies'
}

func newCompareCommand(g *globals) *cobra.Command {
	var opts compareOptions
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
			g.bind(cmd.Flags(), "out", "format", "quiet")
			opts.Out, opts.Format, opts.Quiet = g.v.GetString("out"), g.v.GetString("format"), g.v.GetBool("quiet")
			opts.Lang = g.v.GetString("lang")
			opts.Output.noteGiven(cmd.Flags())
			return runCompare(cmd.Context(), opts, args, g.stdout, g.stderr)
		},
	}
	f := cmd.Flags()
	f.String("out", "", "write comparison.csv, comparison.json, the tables and the map layers of every scenario to this folder")
	f.String("format", "table", "what to print on stdout: table, csv or json")
	f.BoolP("quiet", "q", false, "print no progress on stderr")
	opts.Output.addFlags(f)
	addLimitFlag(f, &opts.Limits)
	return cmd
}

// runCompare runs the scenarios args (none: the demo's baseline and
// new-school), compares them, writes --out and --xlsx and prints the
// comparison on stdout in the format asked for.
func runCompare(ctx context.Context, opts compareOptions, args []string, stdout, stderr io.Writer) error {
	if err := checkFormat(opts.Format); err != nil {
		return err
	}
	if err := opts.Output.check(opts.Out); err != nil {
		return err
	}
	results, cmp, err := compare(ctx, args, opts.Limits, opts.Lang, !opts.Quiet && isTerminal(stderr), stderr)
	if err != nil {
		return err
	}
	if err := writeOutputs(stderr, opts.Out, opts.Output, opts.Quiet, cmp, results...); err != nil {
		return err
	}
	switch opts.Format {
	case "csv":
		return report.WriteCompareCSV(stdout, cmp)
	case "json":
		return report.WriteCompareJSON(stdout, cmp, results)
	}
	lang, err := labelLang(opts.Lang, results[0].City)
	if err != nil {
		return err
	}
	if err := report.WriteCompareHeadlines(stdout, results, cmp, lang); err != nil {
		return err
	}
	return report.WriteCostsTable(stdout, lang, results...)
}

// compare loads and runs the scenarios args, each under a name of its
// own, under the indicator limits of --limit (limits), and compares them;
// the run's warnings go to stderr in langFlag.
func compare(ctx context.Context, args, limits []string, langFlag string, bar bool, stderr io.Writer) ([]*scenarios.Result, *scenarios.Comparison, error) {
	var scs []*scenarios.Scenario
	err := loading(stderr, bar, "loading scenarios", func(progress func(done, total int64)) (err error) {
		scs, err = loadScenarios(args, progress)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if err := applyLimits(limits, scs...); err != nil {
		return nil, nil, err
	}
	distinctNames(stderr, scs)
	results, err := runAll(ctx, scs, bar, stderr)
	if err != nil {
		return nil, nil, err
	}
	if err := writeRunWarnings(stderr, langFlag, results...); err != nil {
		return nil, nil, err
	}
	cmp, err := scenarios.Compare(results, nil)
	return results, cmp, err
}

// loadScenarios loads the scenario files named (a shared city folder
// once), or with none the demo's baseline and new-school scenarios.
func loadScenarios(args []string, progress func(done, total int64)) ([]*scenarios.Scenario, error) {
	opts := scenarios.LoadOptions{City: engine.LoadOptions{Progress: progress}}
	if len(args) > 0 {
		return scenarios.LoadAllWith(opts, args...)
	}
	var out []*scenarios.Scenario
	for _, name := range []string{demo.Baseline, demo.NewSchool} {
		s, err := scenarios.LoadFSWith(demo.FS, name, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// writeRunWarnings writes the warnings of each run to stderr (see
// report.WriteRunWarnings): merges over the class sizes and phases over
// their budgets, labelled in the language of langFlag.
func writeRunWarnings(stderr io.Writer, langFlag string, results ...*scenarios.Result) error {
	for _, r := range results {
		lang, err := labelLang(langFlag, r.City)
		if err != nil {
			return err
		}
		report.WriteRunWarnings(stderr, r.Scenario.Name, slices.Concat(r.DistanceWarnings, r.MergeWarnings(), scenarios.BudgetWarnings(r)), lang)
	}
	return nil
}

// runAll runs the scenarios, with a progress bar on stderr when bar is on.
func runAll(ctx context.Context, scs []*scenarios.Scenario, bar bool, stderr io.Writer) ([]*scenarios.Result, error) {
	results := make([]*scenarios.Result, 0, len(scs))
	total := 0
	for _, sc := range scs {
		total += len(sc.City.Stages()) * int(sc.Last-sc.First+1)
	}
	p := newProgress(stderr, bar, total, "")
	defer p.done()
	for _, sc := range scs {
		ro := &scenarios.RunOptions{Progress: func(st engine.Stage, y engine.Year) {
			p.step(fmt.Sprintf("%s: %s %d", sc.Name, st, y))
		}}
		res, err := scenarios.Run(ctx, sc, ro)
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	return results, nil
}
