package plan

import (
	"cmp"
	"errors"
	"fmt"
	"math"

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

	// MultiPeriod plans when as well as where: temporary classrooms,
	// expansions and new schools, each in its year, at least discounted
	// cost (see Optimize). The fields below it apply only then.
	MultiPeriod bool
	// DiscountRate discounts a cost paid in year y to the scenario's first
	// year by (1+rate)^−(y−first); 0: DefaultDiscountRate; negative: none.
	DiscountRate float64
	// Leads are the years from deciding a change to its first year, by
	// kind; a zero field is its DefaultLeads entry, a negative one 0.
	Leads Leads
	// TemporaryCost is the cost of one temporary classroom for one year;
	// 0: the scenario's cost table (temporary_classroom_year), else
	// DefaultTemporaryCost.
	TemporaryCost float64
	// MaxTemporary is the most temporary classrooms a school may hold in a
	// year; 0: DefaultMaxTemporary; negative: no limit. The policy's
	// max_temporary_classrooms, which the simulation enforces, caps it.
	MaxTemporary int

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

// resolved options.
type optSettings struct {
	OptimizeOptions
	target engine.Year
	system engine.SchoolSystem
	// expandCost is the cost of a stream added to an existing school
	// (multi-period: the cost table's expansion_stream, else StreamCost).
	expandCost float64
	// schoolCostDefault and streamCostDefault mark costs the caller left
	// to the defaults (a scenario's cost table then gives them).
	schoolCostDefault, streamCostDefault bool
}

// resolveOptimize checks opt against the scenario and fills in the
// defaults. The checks run in a fixed order and the first problem found is
// returned.
func resolveOptimize(s *scenarios.Scenario, opt *OptimizeOptions) (*optSettings, error) {
	o := &optSettings{}
	if opt != nil {
		o.OptimizeOptions = *opt
	}
	if s == nil || s.City == nil {
		return nil, fmt.Errorf("%w: no scenario", ErrOptimize)
	}
	o.system = s.City.System
	for _, step := range []func(*scenarios.Scenario) error{
		o.resolveYears, o.resolveStages, o.resolveSizes, o.resolveCosts, o.resolveSearch, o.checkCandidates,
		o.resolveMultiPeriod,
	} {
		if err := step(s); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// resolveYears sets the target year and checks the open and expand years
// against it.
func (o *optSettings) resolveYears(s *scenarios.Scenario) error {
	o.target = s.Last
	if o.TargetYear != 0 {
		if o.TargetYear < s.First || o.TargetYear > s.Last {
			return fmt.Errorf("%w: target year %d is outside the scenario's years %d–%d", ErrOptimize, o.TargetYear, s.First, s.Last)
		}
		o.target = o.TargetYear
	}
	for _, y := range []struct {
		name string
		year engine.Year
	}{{"open year", o.OpenYear}, {"expand year", o.ExpandYear}} {
		if y.year != 0 && (y.year < s.First || y.year > o.target) {
			return fmt.Errorf("%w: %s %d is outside the years %d–%d up to the target", ErrOptimize, y.name, y.year, s.First, o.target)
		}
	}
	return nil
}

// resolveStages checks the stages asked for and drops repeats, keeping
// their order; nil stays nil (every stage short of seats).
func (o *optSettings) resolveStages(s *scenarios.Scenario) error {
	if o.Stages == nil {
		return nil
	}
	seen := [engine.NumStages]bool{}
	var sts []engine.Stage
	for _, st := range o.Stages {
		if st < 0 || int(st) >= engine.NumStages {
			return fmt.Errorf("%w: unknown stage %d", ErrOptimize, int(st))
		}
		if !s.City.Runs(st) {
			return fmt.Errorf("%w: stage %s: the scenario does not run it", ErrOptimize, st)
		}
		if !seen[st] {
			seen[st] = true
			sts = append(sts, st)
		}
	}
	o.Stages = sts
	return nil
}

// resolveSizes checks the numbers of schools and streams and sets
// MaxNew's default.
func (o *optSettings) resolveSizes(*scenarios.Scenario) error {
	switch {
	case o.MaxNew == 0:
		o.MaxNew = DefaultMaxNew
	case o.MaxNew < 0:
		o.MaxNew = 0
	}
	if o.AllowExpand < 0 {
		return fmt.Errorf("%w: allow-expand %d: want streams >= 0", ErrOptimize, o.AllowExpand)
	}
	for _, n := range []int{o.NewStreams, o.MinStreams, o.MaxStreams} {
		if n < 0 || n > 100 {
			return fmt.Errorf("%w: streams per school must be from 1 to 100", ErrOptimize)
		}
	}
	return nil
}

// resolveCosts checks the costs and sets their defaults.
func (o *optSettings) resolveCosts(*scenarios.Scenario) error {
	for _, c := range []float64{o.SchoolCost, o.StreamCost} {
		if !finite(c) || c < 0 {
			return fmt.Errorf("%w: cost %v: want a number >= 0", ErrOptimize, c)
		}
	}
	o.schoolCostDefault, o.streamCostDefault = o.SchoolCost == 0, o.StreamCost == 0
	o.SchoolCost = cmp.Or(o.SchoolCost, DefaultSchoolCost)
	o.StreamCost = cmp.Or(o.StreamCost, DefaultStreamCost)
	switch dc := o.DistanceCost; {
	case !finite(dc):
		return fmt.Errorf("%w: distance cost %v", ErrOptimize, dc)
	case dc == 0:
		o.DistanceCost = DefaultDistanceCost
	case dc < 0:
		o.DistanceCost = 0
	}
	if o.Objective != MinCost && o.Objective != MinDistance {
		return fmt.Errorf("%w: unknown objective %v", ErrOptimize, o.Objective)
	}
	return nil
}

// resolveSearch checks the grid spacing and sets the defaults of the grid,
// the rounds and the id prefix.
func (o *optSettings) resolveSearch(*scenarios.Scenario) error {
	if o.GridSpacing < 0 {
		return fmt.Errorf("%w: grid spacing %v m: want > 0", ErrOptimize, float64(o.GridSpacing))
	}
	o.GridSpacing = cmp.Or(o.GridSpacing, DefaultGridSpacing)
	if o.Rounds <= 0 {
		o.Rounds = DefaultRounds
	}
	o.IDPrefix = cmp.Or(o.IDPrefix, "OPT")
	return nil
}

// checkCandidates checks that every candidate site lies in a district of
// the city and has a size and cost that make sense.
func (o *optSettings) checkCandidates(s *scenarios.Scenario) error {
	for i, c := range o.Candidates {
		if c.District < 0 || c.District >= len(s.City.Districts) {
			return fmt.Errorf("%w: candidate %d (%q) has no district", ErrOptimize, i, c.ID)
		}
		if c.Streams < 0 || c.Cost < 0 || !finite(c.Cost) {
			return fmt.Errorf("%w: candidate %d (%q): streams and cost must be >= 0", ErrOptimize, i, c.ID)
		}
	}
	return nil
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

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
