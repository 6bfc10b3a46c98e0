package plan

import (
	"context"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

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
