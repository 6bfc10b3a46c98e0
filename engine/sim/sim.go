package sim

import (
	"context"
	"errors"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// ErrChange is wrapped by errors in a scenario's changes.
var ErrChange = errors.New("sim: invalid change")

// Options say what to run. First and Last are required.
type Options struct {
	First, Last engine.Year
	Policy      engine.Policy
	Changes     []engine.Change
	// Progress, when set, is called after each stage-year.
	Progress func(st engine.Stage, y engine.Year)
	// Demand gives the resident children per area; nil means the city's
	// forecast.csv (forecast.New).
	Demand Demand
}

// Demand answers resident children of one age per area and year
// (forecast.Demand, forecast.Projection). Under a balanced policy Run
// calls Children from two goroutines at once (balanceahead.go), so an
// implementation must be safe for concurrent use; the forecast package's
// are, as they only read.
type Demand interface {
	Children(dst []float64, y engine.Year, age int) ([]float64, error)
	Check(first, last engine.Year, ages []int) error
}

// Run simulates c from opt.First to opt.Last for the stages it runs
// (c.Stages()); the StageResult of a stage not run has no years. c is not
// modified. Changes are checked by engine.CheckChanges; their problems
// wrap ErrChange, and so does a merge that makes a class larger than the
// policy's OversizeClassSizeFor (see MergeLoads).
func Run(ctx context.Context, c *engine.City, opt *Options) (*Result, error) {
	if opt == nil || opt.First == 0 || opt.Last < opt.First {
		return nil, fmt.Errorf("sim: need a year range, got %v", opt)
	}
	if err := engine.CheckFeeders(c); err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	plan, err := newPlan(c, opt)
	if err != nil {
		return nil, err
	}
	demand := opt.Demand
	if demand == nil {
		demand = forecast.New(plan.city)
	}
	if err := checkDemand(c, opt, demand); err != nil {
		return nil, err
	}
	dist, err := newRunDistances(plan, &opt.Policy)
	if err != nil {
		return nil, err
	}
	res := &Result{First: opt.First, Last: opt.Last, Schools: plan.endSchools(opt.Last), convert: plan.convert,
		Distance: opt.Policy.Distance, WalkKMH: opt.Policy.WalkKMHFor(), DistanceWarnings: dist.warns}
	for _, st := range engine.Stages {
		res.Stages[st].Stage = st
	}
	if err := res.runStages(ctx, c.Stages(), plan, demand, opt, dist); err != nil {
		return nil, err
	}
	return res, nil
}

// runStages runs each of stages in turn into res, then measures the
// merges (MergeLoads): one over the policy's class limit fails the run.
func (res *Result) runStages(ctx context.Context, stages []engine.Stage, plan *plan, demand Demand, opt *Options, dist *runDistances) error {
	runs := make([]*stageRun, len(stages))
	for k, st := range stages {
		r := &stageRun{plan: plan, demand: demand, st: st, opt: opt, primary: &res.Stages[engine.Primary]}
		var err error
		if r.dist, err = dist.stage(ctx, st); err != nil {
			return err
		}
		runs[k] = r
	}
	if opt.Policy.Catchment == engine.Balanced {
		ahead := startBalanceAhead(ctx, runs, opt)
		defer ahead.stop()
		for _, r := range runs {
			r.ahead = ahead
		}
	}
	for _, r := range runs {
		sr, err := r.run(ctx)
		if err != nil {
			return err
		}
		res.Stages[r.st] = *sr
	}
	res.Merges = MergeLoads(res, opt)
	return mergeErrors(res.Merges)
}

// checkDemand checks that demand covers, for every stage c runs, the entry
// age in every year of the run and the older grades' ages in the first
// year (the warm start).
func checkDemand(c *engine.City, opt *Options, demand Demand) error {
	for _, st := range c.Stages() {
		ages := c.System.Ages(st)
		if err := demand.Check(opt.First, opt.Last, ages[:1]); err != nil {
			return fmt.Errorf("sim: %s: %w", st, err)
		}
		if err := demand.Check(opt.First, opt.First, ages[1:]); err != nil {
			return fmt.Errorf("sim: %s: warm start: %w", st, err)
		}
	}
	return nil
}
