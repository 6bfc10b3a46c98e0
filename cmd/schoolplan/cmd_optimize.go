package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

type optimizeOptions struct {
	Out    string // the proposal scenario file; "": next to the input; "-": stdout
	Force  bool   // overwrite Out
	Format string // stdout: table, csv or json
	Quiet  bool   // no progress on stderr

	Stage        string // primary, junior or all (the stages short of seats)
	TargetYear   int
	OpenYear     int
	ExpandYear   int
	MaxNew       int
	AllowExpand  int
	NewStreams   int
	MinStreams   int
	MaxStreams   int
	Candidates   string // GeoJSON file of candidate sites; "": a grid
	Grid         float64
	Objective    string
	SchoolCost   float64
	StreamCost   float64
	DistanceCost float64
	Rounds       int
	KeepAll      bool
	TimeLimit    time.Duration // per siteopt solve
	Prove        time.Duration // branch and bound after each search

	MultiPeriod   bool
	DiscountRate  float64
	LeadNew       int
	LeadExpand    int
	LeadTemporary int
	TemporaryCost float64
	MaxTemporary  int
	costFromTable bool     // --school-cost and --stream-cost not set: the scenario's cost table may give them
	tempFromTable bool     // --temporary-cost not set: the cost table's temporary_classroom_year, if any
	multiFlags    []string // the flags of --multi-period given
}

// multiPeriodFlags are the flags that only --multi-period reads.
var multiPeriodFlags = []string{"discount-rate", "lead-new", "lead-expand", "lead-temporary", "temporary-cost", "max-temporary"}

func newOptimizeCommand(g *globals) *cobra.Command {
	var opts optimizeOptions
	cmd := &cobra.Command{
		Use:   "optimize [SCENARIO.yaml]",
		Short: "Propose new schools and expansions that seat every entrant up to a target year",
		Long: `Optimize simulates the scenario, takes each residential area's peak number of
entrants left unplaced up to the target year, and places the seats they need:
new schools on candidate sites (--candidates FILE, GeoJSON points with optional
id, name, stage, streams and cost properties; else a grid of --grid metres
inside the districts plus the centres of the areas short of seats) and
--allow-expand streams at each existing school, solved as a capacitated
p-median (engine/siteopt) for the least cost (--objective cost: --school-cost
per new school plus --stream-cost per stream, plus --distance-cost per
child-km) or the least distance with up to --max-new schools (--objective
distance). A child may only be seated where admission would seat it: at its
base school, at a new school nearer than that, or where bureau placement could
send it (within the stage's max_distance), in its own district unless the
policy lets catchments or placement cross. The plan is then simulated, and what admission by catchment
still leaves unplaced is seated in further rounds; a last pass drops what the
plan does not need.

It writes the plan as a scenario that extends the input (new_school and
expand changes), to run with simulate and compare like any other: by default
next to the input as NAME-optimized.yaml (--out FILE; --out - prints it on
stdout instead of the table; an existing file is kept unless --force). It
prints, per change, the unplaced entrants it removes (summed over the years up
to the target, adding the changes in order) and the change of the mean
home-to-school distance, then the unplaced entrants by year before and after.

With --multi-period it plans when as well as where, at least cost discounted
at --discount-rate a year to the scenario's first year: each school's
catchment's shortfall, year by year in entry classes, is met layer by layer
by temporary classrooms (--temporary-cost per classroom-year, at most
--max-temporary per school) or by a stream added to the school
(--allow-expand, the land and floor-area standards), whichever costs less
over the years the layer is needed; what neither can meet gets new schools
by the p-median above. Each change opens no earlier than its lead time after
the first year (--lead-new, --lead-expand, --lead-temporary). It prints the
plan's discounted cost, a lower bound (each district's shortfall pooled, at
the cheapest prices) and the gap, and per district what was chosen and the
costs that decided it (--format districts: that table as CSV). The proposal
carries each change's lead_time and cost, so simulate and compare price it;
prices left to their defaults come from the scenario's cost table.

With no argument it optimizes the built-in demo and writes nothing: the
demo's scenarios are built in, so write them first with
"schoolplan demo DIR" and optimize DIR/scenarios/baseline.yaml.

Flags may also be set as SCHOOLPLAN_FORMAT and SCHOOLPLAN_QUIET.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, name := range []string{"format", "quiet"} {
				_ = g.v.BindPFlag(name, cmd.Flags().Lookup(name))
			}
			opts.Format, opts.Quiet = g.v.GetString("format"), g.v.GetBool("quiet")
			opts.costFromTable = !cmd.Flags().Changed("school-cost") && !cmd.Flags().Changed("stream-cost")
			opts.tempFromTable = !cmd.Flags().Changed("temporary-cost")
			for _, name := range multiPeriodFlags {
				if cmd.Flags().Changed(name) {
					opts.multiFlags = append(opts.multiFlags, "--"+name)
				}
			}
			return runOptimize(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "out", "o", "", "write the proposal scenario to this file (default: NAME-optimized.yaml next to the input; - for stdout)")
	f.BoolVar(&opts.Force, "force", false, "overwrite the proposal file if it exists")
	f.String("format", "table", "what to print on stdout: table, csv (the changes), json (everything) or districts (with --multi-period: the choice in each district, as CSV)")
	f.BoolP("quiet", "q", false, "print no progress on stderr")
	f.StringVar(&opts.Stage, "stage", "all", "the stage to plan: primary, junior, or all (each stage with unplaced entrants)")
	f.IntVar(&opts.TargetYear, "target-year", 0, "seat every entrant up to this year (default: the scenario's last year)")
	f.IntVar(&opts.OpenYear, "open-year", 0, "the year new schools open (default: the first year with unplaced entrants)")
	f.IntVar(&opts.ExpandYear, "expand-year", 0, "the year expansions take effect (default: the first year with unplaced entrants)")
	f.IntVar(&opts.MaxNew, "max-new", plan.DefaultMaxNew, "the most new schools per stage (0: expansions only)")
	f.IntVar(&opts.AllowExpand, "allow-expand", 0, "streams (classes per grade) each existing school may add")
	f.IntVar(&opts.NewStreams, "new-streams", 0, "streams of a new school (default 6 primary, 12 junior: 36 classes)")
	f.IntVar(&opts.MinStreams, "min-streams", 0, "the smallest a new school may be trimmed to (default: half of --new-streams)")
	f.IntVar(&opts.MaxStreams, "max-streams", 0, "the most streams a school may reach by expansion (default 7 primary, 16 junior: the 2000/2500-pupil limit)")
	f.StringVar(&opts.Candidates, "candidates", "", "GeoJSON file of candidate sites for new schools (points in the city's CRS)")
	f.Float64Var(&opts.Grid, "grid", float64(plan.DefaultGridSpacing), "without --candidates: spacing in metres of the grid of candidate sites")
	f.StringVar(&opts.Objective, "objective", "cost", "cost (least building cost) or distance (least distance with up to --max-new schools)")
	f.Float64Var(&opts.SchoolCost, "school-cost", plan.DefaultSchoolCost, "cost of a new school besides its streams (any unit, e.g. 万元)")
	f.Float64Var(&opts.StreamCost, "stream-cost", plan.DefaultStreamCost, "cost of each stream built or added")
	f.Float64Var(&opts.DistanceCost, "distance-cost", plan.DefaultDistanceCost, "cost of one child-km of the peak entry cohort, against building costs (0: distance only breaks ties)")
	f.IntVar(&opts.Rounds, "rounds", plan.DefaultRounds, "the most solve-and-simulate rounds per stage")
	f.BoolVar(&opts.KeepAll, "keep-all", false, "skip the pass that drops schools and streams the plan does not need")
	f.DurationVar(&opts.TimeLimit, "time-limit", 0, "time limit of each placement solve (default: none, deterministic)")
	f.BoolVar(&opts.MultiPeriod, "multi-period", false, "plan when as well as where: temporary classrooms, expansions and new schools, each in its year, at least discounted cost")
	f.Float64Var(&opts.DiscountRate, "discount-rate", plan.DefaultDiscountRate, "with --multi-period: yearly rate costs are discounted at to the first year (0.03 = 3%)")
	f.IntVar(&opts.LeadNew, "lead-new", plan.DefaultLeads.NewSchool, "with --multi-period: years from deciding a new school to its opening")
	f.IntVar(&opts.LeadExpand, "lead-expand", plan.DefaultLeads.Expand, "with --multi-period: years from deciding an expansion to its first year")
	f.IntVar(&opts.LeadTemporary, "lead-temporary", plan.DefaultLeads.Temporary, "with --multi-period: years from deciding temporary classrooms to their first year")
	f.Float64Var(&opts.TemporaryCost, "temporary-cost", plan.DefaultTemporaryCost, "with --multi-period: cost of one temporary classroom for one year (default: the cost table's temporary_classroom_year, else this assumed price)")
	f.IntVar(&opts.MaxTemporary, "max-temporary", plan.DefaultMaxTemporary, "with --multi-period: the most temporary classrooms a school may hold in a year (0: no limit; the policy's max_temporary_classrooms caps it)")
	f.DurationVar(&opts.Prove, "prove", 0, "after each placement search, branch and bound for up to this long to prove the solution optimal or narrow its gap (a proof that ends before the limit is deterministic)")
	return cmd
}

func runOptimize(ctx context.Context, g *globals, opts optimizeOptions, args []string) error {
	oo, arg, err := opts.check(args)
	if err != nil {
		return err
	}
	var sc *scenarios.Scenario
	err = loading(g.stderr, !opts.Quiet && isTerminal(g.stderr), "loading "+orDemo(arg), func(progress func(done, total int64)) (err error) {
		sc, err = loadScenario(arg, progress)
		return err
	})
	if err != nil {
		return err
	}
	out, err := opts.proposalFile(arg)
	if err != nil {
		return err
	}
	if opts.Candidates != "" {
		if oo.Candidates, err = plan.ReadCandidatesFile(sc.City, opts.Candidates); err != nil {
			return err
		}
	}
	// Rounds of unknown number: a spinner saying what optimize does.
	bar := newProgress(g.stderr, !opts.Quiet && isTerminal(g.stderr), -1, sc.Name)
	oo.Progress = bar.step
	pr, err := plan.Optimize(ctx, sc, oo)
	bar.done()
	if err != nil {
		return err
	}
	// Only the multi-period plan keeps the phase budgets; the plan for
	// the peak is warned of, as simulate warns of a scenario.
	for _, w := range scenarios.BudgetWarnings(pr.After) {
		fmt.Fprintf(g.stderr, "%s: warning: %s\n", pr.Name, w)
	}
	return emitProposal(g, opts, pr, arg, out)
}

// check checks the flags and the argument and converts the flags to the
// library's options; it returns them with the scenario argument ("": the
// demo).
func (o *optimizeOptions) check(args []string) (*plan.OptimizeOptions, string, error) {
	switch o.Format {
	case "table", "csv", "json":
	case "districts":
		if !o.MultiPeriod {
			return nil, "", usageError{errors.New("--format districts: the choice by district is that of a --multi-period plan")}
		}
	default:
		return nil, "", usageError{fmt.Errorf("--format %q: want table, csv, json or districts", o.Format)}
	}
	oo, err := o.library()
	if err != nil {
		return nil, "", err
	}
	arg := ""
	if len(args) > 0 {
		arg = args[0]
	}
	if arg == "" && o.Out != "" {
		return nil, "", usageError{errors.New("--out: the demo's scenarios are built in, so a proposal cannot extend them; write them with `schoolplan demo DIR` and optimize DIR/scenarios/baseline.yaml")}
	}
	return oo, arg, nil
}

// proposalFile is the file to write the proposal to: --out, or
// NAME-optimized.yaml next to the input arg ("" for the demo, which is not
// written). An existing file is an error unless --force.
func (o *optimizeOptions) proposalFile(arg string) (string, error) {
	out := o.Out
	if arg != "" && out == "" {
		out = strings.TrimSuffix(arg, filepath.Ext(arg)) + "-optimized.yaml"
	}
	if out != "" && out != "-" && !o.Force {
		if _, err := os.Stat(out); err == nil {
			return "", fmt.Errorf("%s exists; use --force to overwrite it or --out to name another file", out)
		}
	}
	return out, nil
}

// emitProposal writes the proposal to out (named after it; "-": stdout,
// and nothing else) and prints it on stdout in the format asked for.
func emitProposal(g *globals, opts optimizeOptions, pr *plan.Proposal, arg, out string) error {
	if out != "" && out != "-" {
		// The plan is named after its file, so that a comparison of two
		// plans of one scenario tells them apart.
		pr.Name = strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	}
	if out != "" {
		if err := writeProposal(g, opts, pr, arg, out); err != nil {
			return err
		}
		if out == "-" {
			return nil
		}
	} else if !opts.Quiet {
		fmt.Fprintln(g.stderr, "not written: the demo is built in (see `schoolplan optimize --help`)")
	}
	switch opts.Format {
	case "csv":
		return pr.WriteCSV(g.stdout)
	case "districts":
		return pr.WriteDistrictsCSV(g.stdout)
	case "json":
		return pr.WriteJSON(g.stdout, out)
	}
	return pr.WriteTable(g.stdout)
}

// library converts the flags to the library's options.
func (o *optimizeOptions) library() (*plan.OptimizeOptions, error) {
	oo := &plan.OptimizeOptions{TargetYear: engine.Year(o.TargetYear), OpenYear: engine.Year(o.OpenYear),
		ExpandYear: engine.Year(o.ExpandYear), AllowExpand: o.AllowExpand, NewStreams: o.NewStreams,
		MinStreams: o.MinStreams, MaxStreams: o.MaxStreams, GridSpacing: engine.Meters(o.Grid),
		SchoolCost: o.SchoolCost, StreamCost: o.StreamCost, DistanceCost: o.DistanceCost,
		Rounds: o.Rounds, KeepAll: o.KeepAll}
	for _, step := range []func(*plan.OptimizeOptions) error{o.stagesAndObjective, o.counts, o.costs, o.solver, o.multiPeriod} {
		if err := step(oo); err != nil {
			return nil, err
		}
	}
	return oo, nil
}

// flagError is a usage error (exit code 2) with the given text.
func flagError(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// stagesAndObjective reads --stage and --objective into oo.
func (o *optimizeOptions) stagesAndObjective(oo *plan.OptimizeOptions) error {
	switch o.Stage {
	case "all", "":
	default:
		st, err := engine.ParseStage(o.Stage)
		if err != nil {
			return flagError("--stage %q: want primary, junior or all", o.Stage)
		}
		oo.Stages = []engine.Stage{st}
	}
	var err error
	if oo.Objective, err = plan.ParseObjective(o.Objective); err != nil {
		return flagError("--objective %q: want cost or distance", o.Objective)
	}
	return nil
}

// counts checks the flags that count schools, streams and rounds, and
// reads --max-new into oo (0: no new school).
func (o *optimizeOptions) counts(oo *plan.OptimizeOptions) error {
	switch {
	case o.MaxNew < 0:
		return flagError("--max-new %d: want 0 or more", o.MaxNew)
	case o.MaxNew == 0:
		oo.MaxNew = -1 // none
	default:
		oo.MaxNew = o.MaxNew
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"--allow-expand", o.AllowExpand}, {"--new-streams", o.NewStreams}, {"--min-streams", o.MinStreams},
		{"--max-streams", o.MaxStreams}, {"--rounds", o.Rounds}} {
		if f.v < 0 {
			return flagError("%s %d: want 0 or more", f.name, f.v)
		}
	}
	return nil
}

// costs checks --grid and the cost flags, and reads --distance-cost 0 as
// "distance only breaks ties".
func (o *optimizeOptions) costs(oo *plan.OptimizeOptions) error {
	if !(o.Grid > 0) || math.IsInf(o.Grid, 0) {
		return flagError("--grid %v: want metres > 0", o.Grid)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"--school-cost", o.SchoolCost}, {"--stream-cost", o.StreamCost}, {"--distance-cost", o.DistanceCost}} {
		if !(f.v >= 0) || math.IsInf(f.v, 0) {
			return flagError("%s %v: want a number >= 0", f.name, f.v)
		}
	}
	// The library reads 0 as "the default" and a negative distance cost as
	// "none"; the flags' defaults are the library's, so 0 here means 0.
	if o.DistanceCost == 0 {
		oo.DistanceCost = -1
	}
	if o.SchoolCost == 0 || o.StreamCost == 0 {
		return flagError("--school-cost and --stream-cost must be > 0")
	}
	return nil
}

// multiPeriod reads --multi-period and its flags into oo: a flag's 0 means
// 0 (the library reads 0 as its default). The school and stream costs left
// at their defaults give way to the scenario's cost table.
func (o *optimizeOptions) multiPeriod(oo *plan.OptimizeOptions) error {
	if !o.MultiPeriod {
		if len(o.multiFlags) > 0 {
			return flagError("%s: only a --multi-period plan reads it", strings.Join(o.multiFlags, ", "))
		}
		return nil
	}
	if oo.Objective != plan.MinCost {
		return flagError("--objective %s: a --multi-period plan minimises cost", o.Objective)
	}
	if !(o.DiscountRate >= 0 && o.DiscountRate <= 1) {
		return flagError("--discount-rate %v: want a rate from 0 to 1 (0.03 is 3%%)", o.DiscountRate)
	}
	if !(o.TemporaryCost > 0) || math.IsInf(o.TemporaryCost, 0) {
		return flagError("--temporary-cost %v: want a number > 0", o.TemporaryCost)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"--lead-new", o.LeadNew}, {"--lead-expand", o.LeadExpand}, {"--lead-temporary", o.LeadTemporary}, {"--max-temporary", o.MaxTemporary}} {
		if f.v < 0 || f.v > 30 && f.name != "--max-temporary" {
			return flagError("%s %d: want 0 to 30", f.name, f.v)
		}
	}
	oo.MultiPeriod, oo.TemporaryCost = true, o.TemporaryCost
	oo.DiscountRate = zeroAsNone(o.DiscountRate)
	oo.Leads = plan.Leads{NewSchool: leadFlag(o.LeadNew), Expand: leadFlag(o.LeadExpand), Temporary: leadFlag(o.LeadTemporary)}
	oo.MaxTemporary = o.MaxTemporary
	if o.MaxTemporary == 0 {
		oo.MaxTemporary = -1
	}
	if o.costFromTable {
		oo.SchoolCost, oo.StreamCost = 0, 0
	}
	if o.tempFromTable {
		oo.TemporaryCost = 0
	}
	return nil
}

// zeroAsNone is x, or -1 (the library's "none") for 0.
func zeroAsNone(x float64) float64 {
	if x == 0 {
		return -1
	}
	return x
}

// leadFlag is a lead-time flag as the library reads it: 0 as -1 (none).
func leadFlag(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// solver reads --time-limit and --prove into oo.
func (o *optimizeOptions) solver(oo *plan.OptimizeOptions) error {
	if o.TimeLimit < 0 {
		return flagError("--time-limit %v: want a duration >= 0", o.TimeLimit)
	}
	if o.Prove < 0 {
		return flagError("--prove %v: want a duration >= 0", o.Prove)
	}
	if o.TimeLimit > 0 || o.Prove > 0 {
		oo.Solver = &siteopt.Options{TimeLimit: o.TimeLimit, Prove: o.Prove}
	}
	return nil
}

// writeProposal writes the proposal scenario to out ("-": stdout), extending
// the input file, and checks that it loads and simulates as planned.
func writeProposal(g *globals, opts optimizeOptions, pr *plan.Proposal, input, out string) error {
	if out == "-" {
		abs, err := filepath.Abs(input)
		if err != nil {
			return err
		}
		return pr.WriteYAML(g.stdout, filepath.ToSlash(abs))
	}
	extends, err := relativeTo(out, input)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pr.WriteYAML(&buf, extends); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := checkWritten(g, pr, out); err != nil {
		return err
	}
	if !opts.Quiet {
		fmt.Fprintf(g.stderr, "wrote %s (run it: schoolplan simulate %s)\n", out, out)
	}
	return nil
}

// checkWritten reads the proposal file out back: it must load, and
// simulate as the plan did (else a warning on stderr).
func checkWritten(g *globals, pr *plan.Proposal, out string) error {
	s, err := scenarios.Load(out)
	if err != nil {
		return fmt.Errorf("the proposal written does not load (a bug): %w", err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		return fmt.Errorf("the proposal written does not run (a bug): %w", err)
	}
	if left := pr.LeftUnplaced(r); left != pr.Residual {
		fmt.Fprintf(g.stderr, "warning: %s leaves %d entrants unplaced up to %d, the plan %d\n", out, left, pr.Target, pr.Residual)
	}
	return nil
}

// relativeTo returns the path of target as seen from the folder of file,
// with slashes, or target's absolute path when there is none.
func relativeTo(file, target string) (string, error) {
	absFile, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	absTarget, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(filepath.Dir(absFile), absTarget)
	if err != nil {
		return filepath.ToSlash(absTarget), nil
	}
	return filepath.ToSlash(rel), nil
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
