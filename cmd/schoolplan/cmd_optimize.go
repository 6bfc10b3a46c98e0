package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
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
}

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
			return runOptimize(cmd.Context(), g, opts, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "out", "o", "", "write the proposal scenario to this file (default: NAME-optimized.yaml next to the input; - for stdout)")
	f.BoolVar(&opts.Force, "force", false, "overwrite the proposal file if it exists")
	f.String("format", "table", "what to print on stdout: table, csv (the changes) or json (everything)")
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
	return cmd
}

func runOptimize(ctx context.Context, g *globals, opts optimizeOptions, args []string) error {
	switch opts.Format {
	case "table", "csv", "json":
	default:
		return usageError{fmt.Errorf("--format %q: want table, csv or json", opts.Format)}
	}
	oo, err := opts.library()
	if err != nil {
		return err
	}
	arg := ""
	if len(args) > 0 {
		arg = args[0]
	}
	if arg == "" && opts.Out != "" {
		return usageError{errors.New("--out: the demo's scenarios are built in, so a proposal cannot extend them; write them with `schoolplan demo DIR` and optimize DIR/scenarios/baseline.yaml")}
	}
	sc, err := loadScenario(arg)
	if err != nil {
		return err
	}
	out := opts.Out
	if arg != "" && out == "" {
		out = strings.TrimSuffix(arg, filepath.Ext(arg)) + "-optimized.yaml"
	}
	if out != "" && out != "-" && !opts.Force {
		if _, err := os.Stat(out); err == nil {
			return fmt.Errorf("%s exists; use --force to overwrite it or --out to name another file", out)
		}
	}
	if opts.Candidates != "" {
		var err error
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
		return writeProposalCSV(g.stdout, pr)
	case "json":
		return writeProposalJSON(g.stdout, pr, out)
	}
	return writeProposalTable(g.stdout, pr)
}

// library converts the flags to the library's options.
func (o *optimizeOptions) library() (*plan.OptimizeOptions, error) {
	oo := &plan.OptimizeOptions{TargetYear: engine.Year(o.TargetYear), OpenYear: engine.Year(o.OpenYear),
		ExpandYear: engine.Year(o.ExpandYear), AllowExpand: o.AllowExpand, NewStreams: o.NewStreams,
		MinStreams: o.MinStreams, MaxStreams: o.MaxStreams, GridSpacing: engine.Meters(o.Grid),
		SchoolCost: o.SchoolCost, StreamCost: o.StreamCost, DistanceCost: o.DistanceCost,
		Rounds: o.Rounds, KeepAll: o.KeepAll}
	bad := func(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }
	switch o.Stage {
	case "all", "":
	default:
		st, err := engine.ParseStage(o.Stage)
		if err != nil {
			return nil, bad("--stage %q: want primary, junior or all", o.Stage)
		}
		oo.Stages = []engine.Stage{st}
	}
	var err error
	if oo.Objective, err = plan.ParseObjective(o.Objective); err != nil {
		return nil, bad("--objective %q: want cost or distance", o.Objective)
	}
	switch {
	case o.MaxNew < 0:
		return nil, bad("--max-new %d: want 0 or more", o.MaxNew)
	case o.MaxNew == 0:
		oo.MaxNew = -1 // none
	default:
		oo.MaxNew = o.MaxNew
	}
	for name, v := range map[string]int{"--allow-expand": o.AllowExpand, "--new-streams": o.NewStreams,
		"--min-streams": o.MinStreams, "--max-streams": o.MaxStreams, "--rounds": o.Rounds} {
		if v < 0 {
			return nil, bad("%s %d: want 0 or more", name, v)
		}
	}
	if !(o.Grid > 0) || math.IsInf(o.Grid, 0) {
		return nil, bad("--grid %v: want metres > 0", o.Grid)
	}
	for name, v := range map[string]float64{"--school-cost": o.SchoolCost, "--stream-cost": o.StreamCost, "--distance-cost": o.DistanceCost} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, bad("%s %v: want a number >= 0", name, v)
		}
	}
	// The library reads 0 as "the default" and a negative distance cost as
	// "none"; the flags' defaults are the library's, so 0 here means 0.
	if o.DistanceCost == 0 {
		oo.DistanceCost = -1
	}
	if o.SchoolCost == 0 || o.StreamCost == 0 {
		return nil, bad("--school-cost and --stream-cost must be > 0")
	}
	if o.TimeLimit < 0 {
		return nil, bad("--time-limit %v: want a duration >= 0", o.TimeLimit)
	}
	if o.TimeLimit > 0 {
		oo.Solver = &siteopt.Options{TimeLimit: o.TimeLimit}
	}
	return oo, nil
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
	// Read it back: the file must load, and simulate as the plan did.
	s, err := scenarios.Load(out)
	if err != nil {
		return fmt.Errorf("the proposal written does not load (a bug): %w", err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		return fmt.Errorf("the proposal written does not run (a bug): %w", err)
	}
	left := 0
	for _, st := range pr.Stages {
		for i := range r.Stages[st].Years {
			if yr := &r.Stages[st].Years[i]; yr.Year <= pr.Target {
				left += yr.City.Unplaced
			}
		}
	}
	if left != pr.Residual {
		fmt.Fprintf(g.stderr, "warning: %s leaves %d entrants unplaced up to %d, the plan %d\n", out, left, pr.Target, pr.Residual)
	}
	if !opts.Quiet {
		fmt.Fprintf(g.stderr, "wrote %s (run it: schoolplan simulate %s)\n", out, out)
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

func changeKind(c *plan.ProposedChange) string {
	if c.New {
		return "new school"
	}
	return "expand"
}

func writeProposalTable(w io.Writer, pr *plan.Proposal) error {
	c := pr.Base.City
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, st := range pr.Stages {
		fmt.Fprintf(tw, "%s — %s (%s): plan to seat every entrant %d–%d, objective %s\n", pr.Name, st, c.Name, pr.Base.First, pr.Target, pr.Objective)
		fmt.Fprintf(tw, "change\tschool\tdistrict\tstreams\tentry seats\tfrom\tcost\tunplaced removed\tmean distance\t name\n")
		removed, cost, dist, n := 0, 0.0, 0.0, 0
		for i := range pr.Changes {
			ch := &pr.Changes[i]
			if ch.Stage != st {
				continue
			}
			d := &c.Districts[ch.District]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%d\t%s\t %s\n", changeKind(ch), ch.School, d.ID, ch.Streams, ch.Seats,
				ch.Year, fmtNum(ch.Cost), ch.Removed, fmtMeters(float64(ch.DistanceChange)), cmp.Or(ch.Name, d.Name))
			removed += ch.Removed
			cost += ch.Cost
			dist += float64(ch.DistanceChange)
			n++
		}
		fmt.Fprintf(tw, "total\t%d %s\t\t\t\t\t%s\t%d\t%s\t\n", n, plural(n, "change", "changes"), fmtNum(cost), removed, fmtMeters(dist))
		fmt.Fprintln(tw)
		fmt.Fprintf(tw, "year\tunplaced before\tafter\t\n")
		for _, u := range pr.Unplaced {
			if u.Stage != st {
				continue
			}
			mark := ""
			if u.Year > pr.Target {
				mark = " (after the target)"
			}
			fmt.Fprintf(tw, "%d\t%d\t%d\t%s\n", u.Year, u.Before, u.After, mark)
		}
		fmt.Fprintln(tw)
	}
	if len(pr.Stages) == 0 {
		fmt.Fprintf(tw, "%s: no entrant is left unplaced up to %d; nothing to plan\n", pr.Base.Name, pr.Target)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	chosen, worst := 0, 0.0
	for _, s := range pr.Solves {
		if s.Chosen {
			chosen++
			worst = max(worst, s.Gap)
		}
	}
	fmt.Fprintf(w, "cost %s; %d entrants left unplaced up to %d", fmtNum(pr.Cost), pr.Residual, pr.Target)
	if len(pr.Solves) > 0 {
		fmt.Fprintf(w, "; capacitated p-median: %d %s solved, %d %s used, largest gap %.2f%%", len(pr.Solves),
			plural(len(pr.Solves), "problem", "problems"), chosen, plural(chosen, "solution", "solutions"), 100*worst)
	}
	fmt.Fprintln(w)
	return nil
}

var proposalCSVHeader = []string{"stage", "change", "school", "name", "district", "streams", "entry_seats", "year",
	"lon", "lat", "cost", "unplaced_removed", "mean_distance_change_m"}

func writeProposalCSV(w io.Writer, pr *plan.Proposal) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(proposalCSVHeader); err != nil {
		return err
	}
	for i := range pr.Changes {
		ch := &pr.Changes[i]
		lon, lat := "", ""
		if ch.New {
			lon, lat = strconv.FormatFloat(ch.At[0], 'f', -1, 64), strconv.FormatFloat(ch.At[1], 'f', -1, 64)
		}
		kind := "new_school"
		if !ch.New {
			kind = "expand"
		}
		if err := cw.Write([]string{ch.Stage.String(), kind, ch.School, ch.Name, pr.Base.City.Districts[ch.District].ID,
			strconv.Itoa(ch.Streams), strconv.Itoa(ch.Seats), strconv.Itoa(int(ch.Year)), lon, lat, fmtNum(ch.Cost),
			strconv.Itoa(ch.Removed), strconv.FormatFloat(float64(ch.DistanceChange), 'f', 1, 64)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// JSON shape of a proposal.
type proposalJSON struct {
	Scenario  string            `json:"scenario"`
	Name      string            `json:"name"`
	File      string            `json:"file,omitempty"`
	First     int               `json:"first"`
	Target    int               `json:"target"`
	Objective string            `json:"objective"`
	Stages    []string          `json:"stages"`
	Cost      float64           `json:"cost"`
	Residual  int               `json:"residual"`
	Changes   []changeJSON      `json:"changes"`
	Unplaced  []unplacedJSON    `json:"unplaced"`
	Solves    []solveRecordJSON `json:"solves"`
}

type changeJSON struct {
	Stage          string      `json:"stage"`
	Change         string      `json:"change"`
	School         string      `json:"school"`
	Name           string      `json:"name"`
	District       string      `json:"district"`
	Streams        int         `json:"streams"`
	EntrySeats     int         `json:"entry_seats"`
	Year           int         `json:"year"`
	At             *[2]float64 `json:"at,omitempty"`
	Cost           float64     `json:"cost"`
	Removed        int         `json:"unplaced_removed"`
	DistanceChange float64     `json:"mean_distance_change_m"`
}

type unplacedJSON struct {
	Stage  string `json:"stage"`
	Year   int    `json:"year"`
	Before int    `json:"before"`
	After  int    `json:"after"`
}

type solveRecordJSON struct {
	Stage      string   `json:"stage"`
	Round      int      `json:"round"`
	Districts  []string `json:"districts"`
	Demand     int      `json:"demand"`
	Points     int      `json:"points"`
	Sites      int      `json:"sites"`
	P          int      `json:"p"`
	Objective  *float64 `json:"objective"`
	LowerBound *float64 `json:"lower_bound"`
	Gap        *float64 `json:"gap"`
	Status     string   `json:"status"`
	Unserved   int      `json:"unserved"`
	Cost       *float64 `json:"cost"`
	Chosen     bool     `json:"chosen"`
	Seconds    float64  `json:"seconds"`
}

// finitePtr is x, or nil (JSON null) when x is not finite.
func finitePtr(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func writeProposalJSON(w io.Writer, pr *plan.Proposal, file string) error {
	c := pr.Base.City
	out := proposalJSON{Scenario: pr.Base.Name, Name: pr.Name, First: int(pr.Base.First), Target: int(pr.Target),
		Objective: pr.Objective.String(), Stages: []string{}, Cost: pr.Cost, Residual: pr.Residual,
		Changes: []changeJSON{}, Unplaced: []unplacedJSON{}, Solves: []solveRecordJSON{}}
	if file != "-" {
		out.File = file
	}
	for _, st := range pr.Stages {
		out.Stages = append(out.Stages, st.String())
	}
	for i := range pr.Changes {
		ch := &pr.Changes[i]
		cj := changeJSON{Stage: ch.Stage.String(), Change: "expand", School: ch.School, Name: ch.Name,
			District: c.Districts[ch.District].ID, Streams: ch.Streams, EntrySeats: ch.Seats, Year: int(ch.Year),
			Cost: ch.Cost, Removed: ch.Removed, DistanceChange: math.Round(10*float64(ch.DistanceChange)) / 10}
		if ch.New {
			cj.Change = "new_school"
			cj.At = &[2]float64{ch.At[0], ch.At[1]}
		}
		out.Changes = append(out.Changes, cj)
	}
	for _, u := range pr.Unplaced {
		out.Unplaced = append(out.Unplaced, unplacedJSON{Stage: u.Stage.String(), Year: int(u.Year), Before: u.Before, After: u.After})
	}
	for _, s := range pr.Solves {
		ds := make([]string, 0, len(s.Districts))
		for _, d := range s.Districts {
			ds = append(ds, c.Districts[d].ID)
		}
		out.Solves = append(out.Solves, solveRecordJSON{Stage: s.Stage.String(), Round: s.Round, Districts: ds,
			Demand: s.Demand, Points: s.Points, Sites: s.Sites, P: s.P, Objective: finitePtr(s.Objective),
			LowerBound: finitePtr(s.LowerBound), Gap: finitePtr(s.Gap), Status: s.Status.String(), Unserved: s.Unserved,
			Cost: finitePtr(s.Cost), Chosen: s.Chosen, Seconds: s.Elapsed.Seconds()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// fmtNum formats a cost without needless decimals.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// fmtMeters formats a distance change in whole metres with its sign ("+0",
// never "-0").
func fmtMeters(x float64) string {
	r := math.Round(x)
	if r == 0 {
		return "+0 m"
	}
	return fmt.Sprintf("%+.0f m", r)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
