package plan

import (
	"context"
	"time"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

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
// With MultiPeriod the plan is laid out in time instead: each school's
// catchment's shortfall, year by year in entry classes, is met layer by
// layer (CoverShortfall) by temporary classrooms or streams added to the
// school, whichever costs less discounted (DiscountRate), each within its
// lead time (Leads), the school's room and land and the temporary
// classroom limit (MaxTemporary); what they cannot meet goes to the
// p-median above for new schools opening after their lead time, and the
// layer rule is laid out again around them. Proposal.MultiPeriod holds the
// discounted cost, a lower bound and the choice in each district.
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
		stages = stagesShort(s, base, o.target)
	}
	propose := func(ctx context.Context, w phaseWeights) (*Proposal, error) {
		pr := &Proposal{Name: s.Name + "-optimized", Base: s, Target: o.target, Stages: stages, Objective: o.Objective}
		pl := &planner{o: o, s: s, ev: ev, pr: pr, ids: takenIDs(s), phaseW: w}
		return pr, pl.propose(ctx, base)
	}
	var pr *Proposal
	if o.MultiPeriod && engine.HasBudgets(s.Phases) {
		pr, err = withinBudgets(ctx, o.Progress, propose)
	} else {
		pr, err = propose(ctx, nil)
	}
	if err != nil {
		return nil, err
	}
	pr.Elapsed = time.Since(start)
	return pr, nil
}

// propose plans every stage on top of base, the run without the plan, then
// prunes (unless KeepAll) and works out the proposal.
func (pl *planner) propose(ctx context.Context, base *scenarios.Result) error {
	if pl.o.MultiPeriod {
		return pl.proposeMulti(ctx, base)
	}
	cur := base
	var err error
	for _, st := range pl.pr.Stages {
		if cur, err = pl.planStage(ctx, st, cur); err != nil {
			return err
		}
	}
	if !pl.o.KeepAll {
		if err := pl.prune(ctx); err != nil {
			return err
		}
	}
	return pl.finish(ctx)
}

// stagesShort is the stages of the city with unplaced entrants in some
// year up to target.
func stagesShort(s *scenarios.Scenario, base *scenarios.Result, target engine.Year) []engine.Stage {
	var stages []engine.Stage
	for _, st := range s.City.Stages() {
		if unplacedThrough(base, st, target) > 0 {
			stages = append(stages, st)
		}
	}
	return stages
}
