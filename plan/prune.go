package plan

import (
	"cmp"
	"context"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

// score is what pruning compares: the unplaced entrants of the planned
// stages up to the target, and the child-km of an average entry cohort.
type score struct {
	unplaced int
	km       float64
}

// score scores the run r of the plan.
func (pl *planner) score(r *scenarios.Result) score {
	var sc score
	for _, st := range pl.pr.Stages {
		sc.unplaced += unplacedThrough(r, st, pl.o.target)
		sc.km += meanCohortKm(r, st, pl.o.target)
	}
	return sc
}

// meanCohortKm is the child-km travelled by the admitted entrants of stage
// st, averaged over the years up to target.
func meanCohortKm(r *scenarios.Result, st engine.Stage, target engine.Year) float64 {
	var sum float64
	years := 0
	for i := range r.Stages[st].Years {
		yr := &r.Stages[st].Years[i]
		if yr.Year > target {
			continue
		}
		years++
		metrics.EachAdmission(r.City, r.Schools, yr, func(_, _ int, d engine.Meters, k int) {
			sum += float64(k) * float64(d) / 1000
		})
	}
	if years == 0 {
		return 0
	}
	return sum / float64(years)
}

// pruner tries the plan without each new school and stream, keeping the
// score of the plan as it stands.
type pruner struct {
	pl  *planner
	cur score
}

// prune drops new schools, then single streams, that the plan can do
// without: no more unplaced entrants, and (MinCost) a saving worth more
// than the distance it adds; under MinDistance new schools stay and
// streams go only when the distance does not grow.
func (pl *planner) prune(ctx context.Context) error {
	if len(pl.plan) == 0 {
		return nil
	}
	r, err := pl.ev.run(ctx, pl.changes(nil))
	if err != nil {
		return err
	}
	pr := &pruner{pl: pl, cur: pl.score(r)}
	if pl.o.Objective == MinCost {
		if err := pr.dropSchools(ctx); err != nil {
			return err
		}
	}
	for _, it := range pl.plan {
		if err := pr.trimStreams(ctx, it); err != nil {
			return err
		}
	}
	pl.plan = slices.DeleteFunc(pl.plan, func(it *item) bool {
		if it.streams == 0 {
			pl.dropped = append(pl.dropped, it)
			return true
		}
		return false
	})
	return nil
}

// dropSchools tries the plan without each new school, dearest first.
func (pr *pruner) dropSchools(ctx context.Context) error {
	pl := pr.pl
	order := slices.Clone(pl.plan)
	slices.SortStableFunc(order, func(a, b *item) int { return cmp.Compare(b.cost(pl.o), a.cost(pl.o)) })
	for _, it := range order {
		if !it.new {
			continue
		}
		ok, err := pr.try(ctx, it, 0)
		if err != nil {
			return err
		}
		if ok {
			pl.progress("pruned new school %s", it.id)
		}
	}
	return nil
}

// trimStreams takes streams off it one at a time while the plan can do
// without them: an expansion down to none, a new school (not dropped
// already) down to its smallest size.
func (pr *pruner) trimStreams(ctx context.Context, it *item) error {
	floor := 0
	if it.new {
		if it.streams == 0 {
			return nil
		}
		floor = it.min
	}
	for it.streams > floor {
		ok, err := pr.try(ctx, it, it.streams-1)
		if err != nil || !ok {
			return err
		}
	}
	return nil
}

// try sets it to streams and keeps it so if that is worth it; else it
// puts the streams back.
func (pr *pruner) try(ctx context.Context, it *item, streams int) (bool, error) {
	o := pr.pl.o
	old, oldCost := it.streams, it.cost(o)
	it.streams = streams
	r, err := pr.pl.ev.run(ctx, pr.pl.changes(nil))
	if err != nil {
		return false, err
	}
	next := pr.pl.score(r)
	saved := oldCost - it.cost(o)
	if streams == 0 {
		saved = oldCost
	}
	if pr.worth(next, saved) {
		pr.cur = next
		return true, nil
	}
	it.streams = old
	return false, nil
}

// worth reports whether a plan scoring next, cheaper by saved, is worth
// taking over the plan as it stands: no more unplaced entrants, and
// (MinCost) a saving worth the distance it adds or (MinDistance) no more
// distance.
func (pr *pruner) worth(next score, saved float64) bool {
	cur, o := pr.cur, pr.pl.o
	if next.unplaced > cur.unplaced {
		return false
	}
	if o.Objective == MinDistance {
		return next.km <= cur.km*(1+1e-9)
	}
	return saved >= o.DistanceCost*(next.km-cur.km)
}
