package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/scenarios"
)

// ErrOptimize is wrapped by the errors of Optimize about its options.
var ErrOptimize = errors.New("plan: cannot optimize")

// Objective is what Optimize minimises once the shortfall is covered.
type Objective int

const (
	// MinCost minimises building cost: SchoolCost per new school,
	// StreamCost per stream built or added, plus DistanceCost per
	// child-km travelled by the children the plan seats.
	MinCost Objective = iota
	// MinDistance minimises the distance travelled by the children the
	// plan seats, using up to MaxNew new schools per stage; costs only
	// break ties.
	MinDistance
)

func (o Objective) String() string {
	switch o {
	case MinCost:
		return "cost"
	case MinDistance:
		return "distance"
	}
	return fmt.Sprintf("Objective(%d)", int(o))
}

// ParseObjective reads "cost" or "distance".
func ParseObjective(s string) (Objective, error) {
	switch s {
	case "", "cost":
		return MinCost, nil
	case "distance":
		return MinDistance, nil
	}
	return 0, fmt.Errorf("%w: objective %q: want cost or distance", ErrOptimize, s)
}

// Defaults of OptimizeOptions. Costs are in whatever unit the caller
// chooses; the defaults read as 万元 (10,000 CNY) at central-city prices: a
// site with its sports ground and shared buildings, then the classrooms and
// staff rooms of one stream (轨) through every grade.
const (
	DefaultSchoolCost   = 8000.0
	DefaultStreamCost   = 600.0
	DefaultDistanceCost = 0.2
	DefaultMaxNew       = 20
	DefaultGridSpacing  = engine.Meters(1000)
	DefaultRounds       = 8
)

// DefaultNewStreams is the size of a new school by stage: 36 classes, six
// streams of six grades (primary) or twelve streams of three (junior).
var DefaultNewStreams = [engine.NumStages]int{6, 12}

// OptimizeOptions say what Optimize plans. Nil means every default, and so
// does every zero field.
type OptimizeOptions struct {
	// Stages to plan; nil: every stage with unplaced entrants in some year
	// up to TargetYear. Stages are planned in order, each on top of the
	// changes proposed for the ones before.
	Stages []engine.Stage
	// TargetYear is the last year the plan must seat every entrant; 0: the
	// scenario's last year.
	TargetYear engine.Year
	// OpenYear is the year the new schools admit their first entrants; 0:
	// the stage's first year with unplaced entrants. Expansions take
	// effect in ExpandYear; 0: the same first year with unplaced entrants.
	// Shortfall before OpenYear can only be met by expansions.
	OpenYear, ExpandYear engine.Year

	// MaxNew bounds the new schools per stage; 0: DefaultMaxNew;
	// negative: none (expansions only).
	MaxNew int
	// AllowExpand is the streams each existing school of the stage may
	// add; 0: no expansion.
	AllowExpand int
	// NewStreams is the size of a new school; 0: DefaultNewStreams.
	// Candidate.Streams wins.
	NewStreams int
	// MinStreams is the smallest a new school may be made when the
	// pruning pass shrinks it; 0: half of NewStreams, rounded up (18
	// classes at the default sizes).
	MinStreams int
	// MaxStreams caps a school's streams after expansion (and a new
	// school's when a repair round grows it); 0: the most that keeps the
	// stage's pupils at the standard class size within the school-size
	// limit of engine/metrics (2000 primary, 2500 junior): 7 primary at 45
	// per class, 16 junior at 50.
	MaxStreams int

	// Candidates are the sites for new schools; nil: a grid of
	// GridSpacing inside the districts (GridCandidates) plus the centre
	// of every residential area short of seats.
	Candidates []Candidate
	// GridSpacing is the grid's spacing; 0: DefaultGridSpacing.
	GridSpacing engine.Meters

	// Objective is what to minimise; the zero value is MinCost.
	Objective Objective
	// SchoolCost is the cost of a new school besides its streams,
	// StreamCost that of each stream built or added; 0: the defaults.
	SchoolCost, StreamCost float64
	// DistanceCost is the cost of one child travelling one km in the
	// peak entry cohort, weighed against building costs (MinCost); 0:
	// DefaultDistanceCost; negative: distance only breaks ties.
	DistanceCost float64

	// Rounds bounds the solve–simulate rounds per stage; 0: DefaultRounds.
	Rounds int
	// KeepAll skips the pruning pass, which drops the proposed new schools
	// and streams whose removal leaves no more unplaced entrants.
	KeepAll bool
	// IDPrefix prefixes the ids of new schools (PREFIX-J-1, …); "": "OPT".
	IDPrefix string
	// Solver tunes siteopt.Solve; nil: defaults (deterministic).
	Solver *siteopt.Options
	// Progress, when set, is told what Optimize is doing.
	Progress func(msg string)
}

// Proposal is what Optimize proposes: changes to add to the scenario, their
// effects, and the simulations before and after.
type Proposal struct {
	// Name is the proposal scenario's name: the input's plus "-optimized".
	Name string
	// Base is the scenario optimised.
	Base *scenarios.Scenario
	// Target is the last year the plan seats every entrant.
	Target    engine.Year
	Stages    []engine.Stage
	Objective Objective
	// Changes in the order they are applied, each with its effect.
	Changes []ProposedChange
	// Before and After are the runs of the scenario without and with the
	// changes (every year of the scenario).
	Before, After *scenarios.Result
	// Unplaced lists, per planned stage and year, the unplaced entrants
	// before and after.
	Unplaced []UnplacedYear
	// Residual is the unplaced entrants of the planned stages left by the
	// plan, summed over the years up to Target: 0 when the plan removes the
	// shortfall.
	Residual int
	// Cost is the plan's building cost.
	Cost float64
	// Solves records every placement problem solved.
	Solves []SolveRecord
	// Elapsed is the wall time of Optimize.
	Elapsed time.Duration
}

// ProposedChange is one new school or expansion of the plan.
type ProposedChange struct {
	// Change is an engine.NewSchool or an engine.Expand.
	Change engine.Change
	Stage  engine.Stage
	// School is the school's id, Name its name.
	School, Name string
	District     int // index into the city's districts
	// New is true for a new school (Streams its size), false for an
	// expansion (Streams added).
	New     bool
	Streams int
	// Seats is the entry seats added: Streams × class size.
	Seats int
	// Year the change takes effect.
	Year engine.Year
	// At is a new school's site, lon/lat in the city's CRS.
	At   orb.Point
	Cost float64
	// Removed is the unplaced entrants of the stage, summed over the years
	// up to Target, that this change removes when the plan's changes are
	// added in order; the rows add up to the plan's total.
	Removed int
	// DistanceChange is the change, in the same order, of the mean
	// home-to-school distance of the stage's admitted entrants over the
	// years up to Target.
	DistanceChange engine.Meters
}

// UnplacedYear is one stage-year of Proposal.Unplaced.
type UnplacedYear struct {
	Stage         engine.Stage
	Year          engine.Year
	Before, After int
}

// SolveRecord is one siteopt solve: a placement problem of one round of
// one stage and one group of districts, with P new schools.
type SolveRecord struct {
	Stage     engine.Stage
	Round     int
	Districts []int // the districts of the problem (all of them when catchments cross districts)
	// Demand is the children short of seats in the problem, Points the
	// demand points they were split into, Sites the candidate sites.
	Demand, Points, Sites int
	P                     int
	// Objective, LowerBound, Gap and Status are siteopt's, on the costs
	// the solver saw (a child left unseated costs more than any seat).
	Objective, LowerBound, Gap float64
	Status                     siteopt.Status
	// Unserved is the children the solution leaves unseated; Cost is its
	// objective without them: building costs plus weighted distance (or,
	// under MinDistance, child-metres).
	Unserved int
	Cost     float64
	// Chosen marks the solve whose solution entered the plan.
	Chosen  bool
	Elapsed time.Duration
}

// resolved options.
type optSettings struct {
	OptimizeOptions
	target engine.Year
	system engine.SchoolSystem
}

// Optimize proposes new schools and expansions that seat every entrant of
// the planned stages up to the target year, at least cost (or distance),
// and simulates them.
//
// Per stage it runs the scenario and takes, for every residential area, the
// most entrants left unplaced in any one year up to the target (areas that
// peak in different years are all covered at their peak). These children
// are split into demand points of at most one class each and placed by a
// capacitated p-median (package siteopt): existing schools of the stage,
// with AllowExpand streams of room at StreamCost per stream, are fixed
// sites; candidate sites hold new schools of NewStreams at SchoolCost +
// streams × StreamCost; a child may only go where admission would seat it:
// its base school, a new school nearer than that (the catchment would make
// it its base), or where bureau placement could send it (within the
// stage's placement distance), in its own district unless the policy lets
// catchments or placement cross districts. Districts that
// cannot share children are solved apart, each for P = 0, 1, … new
// schools, and the best total within MaxNew is kept. The changes are then
// simulated: admission goes by catchment, so seats in the right district
// may still leave children unplaced, and further rounds seat what is left
// (growing proposed schools, adding streams and schools). A last pass drops
// what the plan does not need (unless KeepAll).
//
// The result's Residual is 0 when the plan seats every entrant; when it
// cannot (no site within reach, MaxNew too small, Rounds exhausted) the
// proposal is still returned, with the residual by year in Unplaced.
func Optimize(ctx context.Context, s *scenarios.Scenario, opt *OptimizeOptions) (*Proposal, error) {
	start := time.Now()
	o, err := resolveOptimize(s, opt)
	if err != nil {
		return nil, err
	}
	ev := &evaluator{s: s, target: o.target}
	base, err := ev.run(ctx, nil)
	if err != nil {
		return nil, err
	}
	stages := o.Stages
	if stages == nil {
		for _, st := range s.City.Stages() {
			if unplacedThrough(base, st, o.target) > 0 {
				stages = append(stages, st)
			}
		}
	}
	pr := &Proposal{Name: s.Name + "-optimized", Base: s, Target: o.target, Stages: stages, Objective: o.Objective}
	pl := &planner{o: o, s: s, ev: ev, pr: pr, ids: map[string]bool{}}
	for i := range s.City.Schools {
		pl.ids[s.City.Schools[i].ID] = true
	}
	for _, ch := range s.Changes {
		if ns, ok := ch.(engine.NewSchool); ok {
			pl.ids[ns.School.ID] = true
		}
	}
	cur := base
	for _, st := range stages {
		if cur, err = pl.planStage(ctx, st, cur); err != nil {
			return nil, err
		}
	}
	if !o.KeepAll {
		if err := pl.prune(ctx); err != nil {
			return nil, err
		}
	}
	if err := pl.finish(ctx); err != nil {
		return nil, err
	}
	pr.Elapsed = time.Since(start)
	return pr, nil
}

func resolveOptimize(s *scenarios.Scenario, opt *OptimizeOptions) (*optSettings, error) {
	o := &optSettings{}
	if opt != nil {
		o.OptimizeOptions = *opt
	}
	if s == nil || s.City == nil {
		return nil, fmt.Errorf("%w: no scenario", ErrOptimize)
	}
	o.target = s.Last
	o.system = s.City.System
	if o.TargetYear != 0 {
		if o.TargetYear < s.First || o.TargetYear > s.Last {
			return nil, fmt.Errorf("%w: target year %d is outside the scenario's years %d–%d", ErrOptimize, o.TargetYear, s.First, s.Last)
		}
		o.target = o.TargetYear
	}
	for name, y := range map[string]engine.Year{"open year": o.OpenYear, "expand year": o.ExpandYear} {
		if y != 0 && (y < s.First || y > o.target) {
			return nil, fmt.Errorf("%w: %s %d is outside the years %d–%d up to the target", ErrOptimize, name, y, s.First, o.target)
		}
	}
	if o.Stages != nil {
		seen := [engine.NumStages]bool{}
		var sts []engine.Stage
		for _, st := range o.Stages {
			if st < 0 || int(st) >= engine.NumStages {
				return nil, fmt.Errorf("%w: unknown stage %d", ErrOptimize, int(st))
			}
			if !s.City.Runs(st) {
				return nil, fmt.Errorf("%w: stage %s: the scenario does not run it", ErrOptimize, st)
			}
			if !seen[st] {
				seen[st] = true
				sts = append(sts, st)
			}
		}
		o.Stages = sts
	}
	switch {
	case o.MaxNew == 0:
		o.MaxNew = DefaultMaxNew
	case o.MaxNew < 0:
		o.MaxNew = 0
	}
	if o.AllowExpand < 0 {
		return nil, fmt.Errorf("%w: allow-expand %d: want streams >= 0", ErrOptimize, o.AllowExpand)
	}
	if o.NewStreams < 0 || o.NewStreams > 100 || o.MinStreams < 0 || o.MinStreams > 100 || o.MaxStreams < 0 || o.MaxStreams > 100 {
		return nil, fmt.Errorf("%w: streams per school must be from 1 to 100", ErrOptimize)
	}
	for _, c := range []float64{o.SchoolCost, o.StreamCost} {
		if math.IsNaN(c) || c < 0 || math.IsInf(c, 0) {
			return nil, fmt.Errorf("%w: cost %v: want a number >= 0", ErrOptimize, c)
		}
	}
	if o.SchoolCost == 0 {
		o.SchoolCost = DefaultSchoolCost
	}
	if o.StreamCost == 0 {
		o.StreamCost = DefaultStreamCost
	}
	switch dc := o.DistanceCost; {
	case math.IsNaN(dc) || math.IsInf(dc, 0):
		return nil, fmt.Errorf("%w: distance cost %v", ErrOptimize, dc)
	case dc == 0:
		o.DistanceCost = DefaultDistanceCost
	case dc < 0:
		o.DistanceCost = 0
	}
	if o.Objective != MinCost && o.Objective != MinDistance {
		return nil, fmt.Errorf("%w: unknown objective %v", ErrOptimize, o.Objective)
	}
	if o.GridSpacing < 0 {
		return nil, fmt.Errorf("%w: grid spacing %v m: want > 0", ErrOptimize, float64(o.GridSpacing))
	}
	if o.GridSpacing == 0 {
		o.GridSpacing = DefaultGridSpacing
	}
	if o.Rounds <= 0 {
		o.Rounds = DefaultRounds
	}
	if o.IDPrefix == "" {
		o.IDPrefix = "OPT"
	}
	for i, c := range o.Candidates {
		if c.District < 0 || c.District >= len(s.City.Districts) {
			return nil, fmt.Errorf("%w: candidate %d (%q) has no district", ErrOptimize, i, c.ID)
		}
		if c.Streams < 0 || c.Cost < 0 || math.IsNaN(c.Cost) || math.IsInf(c.Cost, 0) {
			return nil, fmt.Errorf("%w: candidate %d (%q): streams and cost must be >= 0", ErrOptimize, i, c.ID)
		}
	}
	return o, nil
}

// newStreams is the size of a new school of stage st.
func (o *optSettings) newStreams(st engine.Stage) int {
	if o.NewStreams > 0 {
		return o.NewStreams
	}
	return DefaultNewStreams[st]
}

// minStreams is the smallest a new school of stage st may be pruned to.
func (o *optSettings) minStreams(st engine.Stage) int {
	if o.MinStreams > 0 {
		return o.MinStreams
	}
	return (o.newStreams(st) + 1) / 2
}

// maxStreams caps the streams of a school of class size cs in stage st.
func (o *optSettings) maxStreams(st engine.Stage, cs int) int {
	if o.MaxStreams > 0 {
		return o.MaxStreams
	}
	return max(1, metrics.DefaultLargeSchool[st]/(o.system.Grades(st)*cs))
}

// evaluator simulates the scenario with extra changes, through the target
// year only while planning.
type evaluator struct {
	s      *scenarios.Scenario
	target engine.Year
	sims   int
}

// scenario returns s with extra appended to its changes and the years cut
// at last (0: the scenario's last year).
func (ev *evaluator) scenario(extra []engine.Change, last engine.Year) *scenarios.Scenario {
	cp := *ev.s
	cp.Changes = slices.Clip(slices.Clone(ev.s.Changes))
	if last != 0 && last < cp.Last {
		cp.Last = last
		cp.Changes = slices.DeleteFunc(cp.Changes, func(c engine.Change) bool { return c.Effective() > last })
	}
	cp.Changes = append(cp.Changes, extra...)
	return &cp
}

func (ev *evaluator) run(ctx context.Context, extra []engine.Change) (*scenarios.Result, error) {
	ev.sims++
	return scenarios.Run(ctx, ev.scenario(extra, ev.target), nil)
}

// unplacedThrough is the stage's unplaced entrants summed over the years up
// to target.
func unplacedThrough(r *scenarios.Result, st engine.Stage, target engine.Year) int {
	n := 0
	for i := range r.Stages[st].Years {
		if yr := &r.Stages[st].Years[i]; yr.Year <= target {
			n += yr.City.Unplaced
		}
	}
	return n
}

// meanDistanceThrough is the mean home-to-school distance of the stage's
// admitted entrants over the years up to target.
func meanDistanceThrough(r *scenarios.Result, st engine.Stage, target engine.Year) engine.Meters {
	var sum float64
	var n int
	for i := range r.Stages[st].Years {
		yr := &r.Stages[st].Years[i]
		if yr.Year > target {
			continue
		}
		metrics.EachAdmission(r.City, r.Schools, yr, func(_, _ int, d engine.Meters, k int) {
			sum += float64(k) * float64(d)
			n += k
		})
	}
	if n == 0 {
		return 0
	}
	return engine.Meters(sum / float64(n))
}

// stageLetter is the stage's letter in generated ids.
func stageLetter(st engine.Stage) string {
	if st == engine.Junior {
		return "J"
	}
	return "P"
}

// newID returns the next free id PREFIX-L-k.
func (pl *planner) newID(st engine.Stage) string {
	for {
		pl.next[st]++
		id := pl.o.IDPrefix + "-" + stageLetter(st) + "-" + strconv.Itoa(pl.next[st])
		if !pl.ids[id] {
			pl.ids[id] = true
			return id
		}
	}
}
