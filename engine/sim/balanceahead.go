package sim

import (
	"context"
	"fmt"
	"sync"

	"github.com/schoolplan/schoolplan/engine"
)

// A balanced catchment depends only on the plan, the demand and the
// policy of its year, never on an earlier year's admissions. So the
// balanced catchments of every stage and year are solved ahead of the year
// loop, in a goroutine of their own, in the loop's order (stage by stage,
// year by year, one Balancer per stage): the solves of later years run
// while the admissions of earlier ones do. Each year's answer is the one
// of solving it in turn, bit for bit.

// aheadYear is one stage-year's balanced catchment, solved ahead.
type aheadYear struct {
	entrants []int32
	assign   *engine.Assignment
	err      error
}

// balanceAhead is the goroutine solving the balanced catchments ahead.
type balanceAhead struct {
	years  [engine.NumStages]chan aheadYear
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// startBalanceAhead starts solving the balanced catchments of runs, in
// order, each year from opt.First to opt.Last. Call stop when done.
func startBalanceAhead(ctx context.Context, runs []*stageRun, opt *Options) *balanceAhead {
	ctx, cancel := context.WithCancel(ctx)
	b := &balanceAhead{cancel: cancel}
	n := int(opt.Last-opt.First) + 1
	for _, r := range runs {
		b.years[r.st] = make(chan aheadYear, n) // never blocks the solver
	}
	b.wg.Go(func() {
		defer b.closeAll()
		for _, r := range runs {
			if !b.solveStage(ctx, r.shadow()) {
				return
			}
		}
	})
	return b
}

// solveStage solves each year of r's stage in turn and reports whether
// every year was solved.
func (b *balanceAhead) solveStage(ctx context.Context, r *stageRun) bool {
	r.ctx = ctx
	r.start()
	was := make([]bool, len(r.open))
	for y := r.opt.First; y <= r.opt.Last; y++ {
		r.openSchools(y, was)
		ay := r.solveYear(y)
		b.years[r.st] <- ay
		if ay.err != nil {
			return false
		}
	}
	return true
}

// solveYear is year y's entrants and balanced catchment.
func (r *stageRun) solveYear(y engine.Year) aheadYear {
	ent, err := r.entrants(y, r.plan.city.System.EntryAge(r.st), nil)
	if err == nil {
		err = r.balance(y, ent)
	}
	return aheadYear{entrants: ent, assign: r.assign, err: err}
}

// shadow is a stage run of r's stage with state of its own: it solves the
// catchments ahead while r runs the years.
func (r *stageRun) shadow() *stageRun {
	return &stageRun{plan: r.plan, demand: r.demand, st: r.st, opt: r.opt, dist: r.dist}
}

// closeAll closes every stage's channel: a year not sent is not solved.
func (b *balanceAhead) closeAll() {
	for _, ch := range b.years {
		if ch != nil {
			close(ch)
		}
	}
}

// next returns the next year's catchment of stage st, waiting for it.
func (b *balanceAhead) next(st engine.Stage, y engine.Year) aheadYear {
	ay, ok := <-b.years[st]
	if !ok {
		return aheadYear{err: fmt.Errorf("sim: %s %d: balanced catchment not solved", st, y)}
	}
	return ay
}

// stop ends the solving and waits for the goroutine to return.
func (b *balanceAhead) stop() {
	b.cancel()
	b.wg.Wait()
}
