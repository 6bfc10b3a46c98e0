package plan

import (
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/scenarios"
)

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
	// MultiPeriod is the multi-period plan's prices, discounted cost,
	// bound and choice by district; nil for a single-period plan.
	MultiPeriod *MultiPeriod
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

	// Multi-period plans only. Temporary marks temporary classrooms:
	// Streams extra entry classes in each entry year from Year to To,
	// using ClassroomYears classroom-years. LeadTime is the years from the
	// decision to Year; Discounted the cost discounted to the scenario's
	// first year (MultiPeriod.Cost adds them up).
	Temporary      bool
	To             engine.Year
	ClassroomYears int
	LeadTime       int
	Discounted     float64
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

// Scenario returns the proposal as a scenario: the base with the proposed
// changes added, named Name.
func (p *Proposal) Scenario() *scenarios.Scenario {
	cp := *p.Base
	cp.Name = p.Name
	cp.Base = p.Base.File // the proposal extends the scenario optimised
	cp.Changes = slices.Clip(slices.Clone(p.Base.Changes))
	for _, c := range p.Changes {
		cp.Changes = append(cp.Changes, c.Change)
	}
	return &cp
}

// LeftUnplaced is the entrants of the planned stages that run r leaves
// unplaced, summed over the years up to Target: Residual for the run of
// the proposal, and what a check of the proposal file read back compares
// with it.
func (p *Proposal) LeftUnplaced(r *scenarios.Result) int {
	n := 0
	for _, st := range p.Stages {
		n += unplacedThrough(r, st, p.Target)
	}
	return n
}
