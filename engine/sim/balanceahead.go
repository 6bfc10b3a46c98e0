package sim

import (
	"context"
	"fmt"
	"sync"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
)

// A balanced catchment depends only on the plan, the demand and the
// policy of its year, never on an earlier year's admissions. So the
// balanced catchments of every stage and year are solved ahead of the year
// loop, in a goroutine of its own, in the loop's order (stage by stage,
// year by year, a Balancer per stage keeping the solver's memory from year
// to year): the solves of later years run while the admissions of earlier
// ones do. Each year's answer is the one of solving it in turn, bit for
// bit.

// aheadYear is one stage-year's balanced catchment, solved ahead.
type aheadYear struct {
	entrants []int32
	assign   *engine.Assignment
	err      error
}

// balanceAhead is the goroutine solving the balanced catchments ahead.
type balanceAhead struct {
	years  [engine.NumStages]chan aheadYear // per stage, its years in order
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// startBalanceAhead starts solving the balanced catchments of runs, each
// year from opt.First to opt.Last. Call stop when done.
func startBalanceAhead(ctx context.Context, runs []*stageRun, opt *Options) *balanceAhead {
	ctx, cancel := context.WithCancel(ctx)
	b := &balanceAhead{cancel: cancel}
	for _, r := range runs {
		b.years[r.st] = make(chan aheadYear, opt.Last-opt.First+1) // never blocks the solver
	}
	b.wg.Go(func() {
		defer b.closeAll() // a year not sent was not solved
		for _, r := range runs {
			if !r.shadow(ctx).solveYears(b.years[r.st]) {
				return
			}
		}
	})
	return b
}

// closeAll closes every stage's channel.
func (b *balanceAhead) closeAll() {
	for _, ch := range b.years {
		if ch != nil {
			close(ch)
		}
	}
}

// solveYears sends each year's catchment to ch, in order, until one
// fails, and reports whether every year was solved.
func (r *stageRun) solveYears(ch chan<- aheadYear) bool {
	for y := r.opt.First; y <= r.opt.Last; y++ {
		ay := r.solveYear(y)
		ch <- ay
		if ay.err != nil {
			return false
		}
	}
	return true
}

// solveYear is year y's entrants and balanced catchment.
func (r *stageRun) solveYear(y engine.Year) aheadYear {
	r.openSchools(y, r.open)
	ent, err := r.entrants(y, r.plan.city.System.EntryAge(r.st), nil)
	if err == nil {
		err = r.balance(y, ent)
	}
	return aheadYear{entrants: ent, assign: r.assign, err: err}
}

// shadow is a stage run of r's stage with state of its own, under ctx: it
// solves the catchments ahead while r runs the years.
func (r *stageRun) shadow(ctx context.Context) *stageRun {
	sh := &stageRun{plan: r.plan, demand: r.demand, st: r.st, opt: r.opt, dist: r.dist, ctx: ctx,
		balancer: &catchment.Balancer{}}
	sh.start()
	return sh
}

// next returns year y's catchment of stage st, waiting for it.
func (b *balanceAhead) next(st engine.Stage, y engine.Year) aheadYear {
	ay, ok := <-b.years[st]
	if !ok {
		return aheadYear{err: fmt.Errorf("sim: %s %d: balanced catchment not solved", st, y)}
	}
	return ay
}

// stop ends the solving and waits for the goroutines to return.
func (b *balanceAhead) stop() {
	b.cancel()
	b.wg.Wait()
}
