package main

import (
	"context"
	"fmt"
	"io"

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
	Lang   string // --lang: zh or en; "": the city's default
	// Bands runs the low, mid and high forecast bands (cmd_forecast_bands.go);
	// Draws > 0 adds a Monte-Carlo of that many draws of Seed (SeedSet
	// false: the scenario's seed).
	Bands   bool
	Draws   int
	Seed    uint64
	SeedSet bool
	Output  outputOptions // what --out and --xlsx write
	Limits  []string      // --limit: indicator limits over the policy's
}

func newSimulateCommand(g *globals) *cobra.Command {
	var opts simulateOptions
	cmd := &cobra.Command{
		Use:   "simulate [SCENARIO.yaml]",
		Short: "Simulate a scenario year by year (no argument: the built-in Chongqing demo)",
		Long: `Simulate loads a scenario and its city and runs its stages (both, unless
city.yaml or the scenario names stages) year by year, grade by grade. It
prints entrants, entry seats, admitted and unplaced children per district and
year. With no argument it runs the built-in demo city.

` + outputFlagsHelp + `

Flags may also be set as SCHOOLPLAN_OUT, SCHOOLPLAN_FORMAT, SCHOOLPLAN_QUIET.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Format, opts.Quiet = g.v.GetString("out"), g.v.GetString("format"), g.v.GetBool("quiet")
			opts.Lang = g.v.GetString("lang")
			opts.SeedSet = cmd.Flags().Changed("seed")
			opts.Output.noteGiven(cmd.Flags())
			return runSimulate(cmd.Context(), opts, args, g.stdout, g.stderr)
		},
	}
	f := cmd.Flags()
	f.String("out", "", "write the result tables and map layers to this folder (see --tables, --layers)")
	f.String("format", "table", "what to print on stdout: table, csv (summary) or json (summary)")
	f.BoolP("quiet", "q", false, "print no progress on stderr")
	f.BoolVar(&opts.Bands, "bands", false, "run the low, mid and high forecast bands and print the shortfall ranges (--out: the mid band's tables and bands.csv)")
	f.IntVar(&opts.Draws, "draws", 0, "with --bands: a Monte-Carlo of this many draws over births and housing yields, with the probability that each school is short")
	f.Uint64Var(&opts.Seed, "seed", 0, "with --draws: the Monte-Carlo seed (default: the scenario's seed)")
	opts.Output.addFlags(f)
	addLimitFlag(f, &opts.Limits)
	g.bind(f, "out", "format", "quiet")
	return cmd
}

// loadScenario loads the scenario file arg, or the demo's baseline when
// arg is "".
func loadScenario(arg string, progress func(done, total int64)) (*scenarios.Scenario, error) {
	opts := scenarios.LoadOptions{City: engine.LoadOptions{Progress: progress}}
	if arg == "" {
		return scenarios.LoadFSWith(demo.FS, demo.Baseline, opts)
	}
	return scenarios.LoadWith(arg, opts)
}

// runSimulate runs the scenario args[0] (none: the demo's baseline),
// writes --out and --xlsx, and prints the result on stdout in the format
// asked for; progress, notes and warnings go to stderr.
func runSimulate(ctx context.Context, opts simulateOptions, args []string, stdout, stderr io.Writer) error {
	sc, err := loadSimulate(opts, firstArg(args), stderr)
	if err != nil {
		return err
	}
	if opts.Bands {
		return runSimulateBands(ctx, opts, sc, stdout, stderr)
	}
	res, err := simulate(ctx, sc, !opts.Quiet && isTerminal(stderr), stderr)
	if err != nil {
		return err
	}
	if err := writeRunWarnings(stderr, opts.Lang, res); err != nil {
		return err
	}
	if err := writeOutputs(stderr, opts.Out, opts.Output, opts.Quiet, nil, res); err != nil {
		return err
	}
	return printResult(ctx, opts, res, stdout, stderr)
}

// loadSimulate checks the flags and loads the scenario arg, saying on
// stderr whether its input has warnings.
func loadSimulate(opts simulateOptions, arg string, stderr io.Writer) (*scenarios.Scenario, error) {
	if err := checkFormat(opts.Format); err != nil {
		return nil, err
	}
	var sc *scenarios.Scenario
	err := loading(stderr, !opts.Quiet && isTerminal(stderr), "loading "+orDemo(arg), func(progress func(done, total int64)) (err error) {
		sc, err = loadScenario(arg, progress)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := applyLimits(opts.Limits, sc); err != nil {
		return nil, err
	}
	if err := opts.Output.check(opts.Out); err != nil {
		return nil, err
	}
	lang, err := labelLang(opts.Lang, sc.City)
	if err != nil {
		return nil, err
	}
	report.WriteWarningNote(stderr, sc.Name, len(sc.City.Warnings), listWarnings(arg), lang)
	if opts.Draws < 0 || (opts.Draws > 0 && !opts.Bands) {
		return nil, usageError{fmt.Errorf("--draws %d: want a number of draws >= 1, with --bands", opts.Draws)}
	}
	return sc, nil
}

// orDemo is arg, or "the demo" when arg is "".
func orDemo(arg string) string {
	if arg == "" {
		return "the demo"
	}
	return arg
}

// listWarnings is the command that lists the warnings of the scenario arg
// ("": the built-in demo).
func listWarnings(arg string) string {
	if arg == "" {
		return "schoolplan demo DIR; schoolplan validate DIR/city"
	}
	return "schoolplan validate " + arg
}

// simulate runs sc, with a progress bar on stderr when bar is on.
func simulate(ctx context.Context, sc *scenarios.Scenario, bar bool, stderr io.Writer) (*scenarios.Result, error) {
	p := stageYears(stderr, bar, len(sc.City.Stages()), sc.First, sc.Last, sc.Name)
	ro := &scenarios.RunOptions{Progress: func(st engine.Stage, y engine.Year) {
		p.step(fmt.Sprintf("%s: %s %d", sc.Name, st, y))
	}}
	res, err := scenarios.Run(ctx, sc, ro)
	p.done()
	return res, err
}

// printResult prints res on stdout: the summary as CSV or JSON, or the
// headline, the table and, when the scenario gives costs or phases, its
// costs by phase.
func printResult(ctx context.Context, opts simulateOptions, res *scenarios.Result, stdout, stderr io.Writer) error {
	switch opts.Format {
	case "csv":
		return report.WriteSummaryCSV(stdout, res)
	case "json":
		return report.WriteSummaryJSON(stdout, res)
	}
	lang, err := labelLang(opts.Lang, res.City)
	if err != nil {
		return err
	}
	base, err := headlineBase(ctx, res.Scenario, stderr)
	if err != nil {
		return err
	}
	if err := report.WriteHeadlineTable(stdout, res, base, lang); err != nil {
		return err
	}
	return report.WriteCostsTable(stdout, lang, res)
}

// headlineBase runs the scenario s extends, for the headline's change; nil
// when it extends none. The base is run only for this headline; one that
// cannot run on its own (say it names no city, leaving that to the files
// extending it) leaves the headline without the comparison, and says why.
func headlineBase(ctx context.Context, s *scenarios.Scenario, stderr io.Writer) (*scenarios.Result, error) {
	base, err := runBase(ctx, s)
	if err == nil {
		return base, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	fmt.Fprintf(stderr, "%s: the headline leaves out the change against %s: %s\n", s.Name, s.Base, engine.Plain(err))
	return nil, nil
}

// runBase runs the scenario s extends; nil when it extends none.
func runBase(ctx context.Context, s *scenarios.Scenario) (*scenarios.Result, error) {
	bs, err := s.LoadBase()
	if err != nil || bs == nil {
		return nil, err
	}
	return scenarios.Run(ctx, bs, nil)
}
