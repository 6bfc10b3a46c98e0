package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

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
	Output  outputOptions // what --out and --xlsx write
}

func newSimulateCommand(g *globals) *cobra.Command {
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
			opts := simulateOptions{Out: g.v.GetString("out"), Format: g.v.GetString("format"), Quiet: g.v.GetBool("quiet")}
			opts.Bands, _ = cmd.Flags().GetBool("bands")
			opts.Draws, _ = cmd.Flags().GetInt("draws")
			opts.Seed, _ = cmd.Flags().GetUint64("seed")
			opts.SeedSet = cmd.Flags().Changed("seed")
			opts.Output = outputOptionsOf(cmd.Flags())
			return runSimulate(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.String("out", "", "write the result tables and map layers to this folder (see --tables, --layers)")
	f.String("format", "table", "what to print on stdout: table, csv (summary) or json (summary)")
	f.BoolP("quiet", "q", false, "print no progress on stderr")
	f.Bool("bands", false, "run the low, mid and high forecast bands and print the shortfall ranges (--out: the mid band's tables and bands.csv)")
	f.Int("draws", 0, "with --bands: a Monte-Carlo of this many draws over births and housing yields, with the probability that each school is short")
	f.Uint64("seed", 0, "with --draws: the Monte-Carlo seed (default: the scenario's seed)")
	addOutputFlags(f)
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
	if err := opts.Output.check(opts.Out); err != nil {
		return err
	}
	lang, err := labelLang(g, sc.City)
	if err != nil {
		return err
	}
	noteWarnings(g.stderr, sc, arg, lang)
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
	if err := writeOutputs(g, opts.Out, opts.Output, opts.Quiet, nil, res); err != nil {
		return err
	}
	switch opts.Format {
	case "csv":
		return report.WriteSummaryCSV(g.stdout, res)
	case "json":
		return report.WriteSummaryJSON(g.stdout, res)
	}
	return printHeadlineTable(ctx, g, res)
}

// writeOut writes the result tables and map layers that p names to dir,
// and summary.json.
func writeOut(dir string, p *outputPlan, res ...*scenarios.Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The tables and the map layers are written side by side; each file
	// is streamed and reads the results only.
	var tablesErr error
	var wg sync.WaitGroup
	wg.Go(func() { tablesErr = writeTables(dir, p, res) })
	layersErr := report.WriteLayers(dir, p.layers, res...)
	wg.Wait()
	return errors.Join(tablesErr, layersErr)
}

// writeTables writes the tables p names and summary.json to dir, each
// file in its own goroutine: at 1M areas, areas.csv.gz and
// admissions.csv.gz each take several seconds of compression.
func writeTables(dir string, p *outputPlan, res []*scenarios.Result) error {
	jobs := []func() error{func() error {
		return writeFile(filepath.Join(dir, "summary.json"), func(w io.Writer) error { return report.WriteSummaryJSON(w, res...) })
	}}
	for _, t := range p.tables {
		jobs = append(jobs, func() error { return writeTable(dir, t, p.tableFormat[t], res) })
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for k, job := range jobs {
		wg.Go(func() { errs[k] = job() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeOutputs writes --out and --xlsx for res, saying on stderr what
// was left out (unless quiet) and where the files went.
func writeOutputs(g *globals, out string, o outputOptions, quiet bool, cmp *scenarios.Comparison, res ...*scenarios.Result) error {
	p, err := o.plan(res)
	if err != nil {
		return err
	}
	if out != "" {
		if err := writeOut(out, p, res...); err != nil {
			return err
		}
		if cmp != nil {
			if err := writeComparison(out, cmp, res); err != nil {
				return err
			}
		}
		if !quiet {
			for _, n := range p.notes {
				fmt.Fprintf(g.stderr, "note: %s\n", n)
			}
			fmt.Fprintf(g.stderr, "wrote %s\n", out)
		}
	}
	if o.Workbook != "" {
		if err := writeWorkbook(o.Workbook, &report.WorkbookOptions{Comparison: cmp}, res); err != nil {
			return err
		}
		if !quiet {
			fmt.Fprintf(g.stderr, "wrote %s\n", o.Workbook)
		}
	}
	return nil
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
