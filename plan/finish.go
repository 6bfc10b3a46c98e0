package plan

import (
	"cmp"
	"context"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// finish orders the plan, works out each change's effect and runs the
// scenario with and without it.
func (pl *planner) finish(ctx context.Context) error {
	pl.sortPlan()
	pl.renumber()
	extra, err := pl.effects(ctx)
	if err != nil {
		return err
	}
	pr := pl.pr
	full := &evaluator{s: pl.s}
	if pr.Before, err = full.run(ctx, nil); err != nil {
		return err
	}
	if pr.After, err = full.run(ctx, extra); err != nil {
		return err
	}
	pr.After.Scenario = pr.Scenario()
	pr.Residual = pr.LeftUnplaced(pr.After)
	for _, st := range pr.Stages {
		pr.Unplaced = append(pr.Unplaced, unplacedYears(pr.Before, pr.After, st)...)
	}
	return nil
}

// sortPlan orders the plan by stage (in the order planned), new schools
// before expansions, then by district.
func (pl *planner) sortPlan() {
	stageOrder := func(st engine.Stage) int { return slices.Index(pl.pr.Stages, st) }
	slices.SortStableFunc(pl.plan, func(a, b *item) int {
		if c := cmp.Compare(stageOrder(a.stage), stageOrder(b.stage)); c != 0 {
			return c
		}
		if a.new != b.new {
			if a.new {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.district, b.district)
	})
}

// effects adds the plan's changes one at a time, in order, and records
// each as a ProposedChange with what it removes of the unplaced entrants
// and how it moves the mean distance. It returns the changes.
func (pl *planner) effects(ctx context.Context) ([]engine.Change, error) {
	prev, err := pl.ev.run(ctx, nil)
	if err != nil {
		return nil, err
	}
	var extra []engine.Change
	for _, it := range pl.plan {
		extra = append(extra, pl.changesOf(it)...)
		next, err := pl.ev.run(ctx, extra)
		if err != nil {
			return nil, err
		}
		pc := pl.proposedChange(it, prev, next)
		pl.pr.Changes = append(pl.pr.Changes, pc)
		pl.pr.Cost += pc.Cost
		prev = next
	}
	return extra, nil
}

// proposedChange is item it as a ProposedChange, its effect measured
// between the runs before (prev) and after (next) it is added.
func (pl *planner) proposedChange(it *item, prev, next *scenarios.Result) ProposedChange {
	o := pl.o
	pc := ProposedChange{Change: pl.changesOf(it)[0], Stage: it.stage, School: it.id, Name: it.name, District: it.district,
		New: it.new, Streams: it.streams, Seats: it.streams * it.cs, Year: it.year, Cost: it.cost(o),
		Removed:        unplacedThrough(prev, it.stage, o.target) - unplacedThrough(next, it.stage, o.target),
		DistanceChange: meanDistanceThrough(next, it.stage, o.target) - meanDistanceThrough(prev, it.stage, o.target)}
	if it.new {
		pc.At = it.at
	}
	if o.MultiPeriod {
		pc.Temporary, pc.To, pc.ClassroomYears = it.temp, it.to, it.classroomYears()
		pc.LeadTime, pc.Discounted = it.lead, pl.discounted(it)
	}
	return pc
}

// unplacedYears is the unplaced entrants of stage st in each year of the
// run before the plan and in the same year after it.
func unplacedYears(before, after *scenarios.Result, st engine.Stage) []UnplacedYear {
	var out []UnplacedYear
	for i := range before.Stages[st].Years {
		b := &before.Stages[st].Years[i]
		u := UnplacedYear{Stage: st, Year: b.Year, Before: b.City.Unplaced}
		if a := after.Stages[st].Year(b.Year); a != nil {
			u.After = a.City.Unplaced
		}
		out = append(out, u)
	}
	return out
}
