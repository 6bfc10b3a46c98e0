package sim

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
)

// A balanced catchment depends only on the plan, the demand and the
// policy of its year, never on an earlier year's admissions. So the
// balanced catchments of every stage and year are solved ahead of the year
// loop, by aheadSolvers goroutines of their own (each taking every
// aheadSolvers-th year, stage by stage, with a Balancer of its own):
// the solves of later years run while the admissions of earlier ones do,
// and two years' solves keep the cores busy while one year's last
// district is solved. Each year's answer is the one of solving it in
// turn, bit for bit.

// aheadSolvers is how many goroutines solve years at once (with
// GOMAXPROCS ≥ 2).
const aheadSolvers = 2

// aheadYear is one stage-year's balanced catchment, solved ahead.
type aheadYear struct {
	entrants []int32
	assign   *engine.Assignment
	err      error
}

// balanceAhead is the goroutines solving the balanced catchments ahead.
type balanceAhead struct {
	first  engine.Year
	years  [engine.NumStages][]chan aheadYear // per stage, per year: its one answer
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// startBalanceAhead starts solving the balanced catchments of runs, each
// year from opt.First to opt.Last. Call stop when done.
func startBalanceAhead(ctx context.Context, runs []*stageRun, opt *Options) *balanceAhead {
	ctx, cancel := context.WithCancel(ctx)
	b := &balanceAhead{first: opt.First, cancel: cancel}
	for _, r := range runs {
		b.years[r.st] = make([]chan aheadYear, opt.Last-opt.First+1)
		for k := range b.years[r.st] {
			b.years[r.st][k] = make(chan aheadYear, 1) // never blocks a solver
		}
	}
	k := min(aheadSolvers, runtime.GOMAXPROCS(0))
	for w := range k {
		b.wg.Go(func() { b.solve(ctx, runs, w, k) })
	}
	return b
}

// solve solves, stage by stage, the years First+w, First+w+k, … of each
// run until one fails, then closes the channels of the years it was to
// solve and did not.
func (b *balanceAhead) solve(ctx context.Context, runs []*stageRun, w, k int) {
	failed := false
	var bal catchment.Balancer // its memory serves every stage in turn
	for _, r := range runs {
		sh := r.shadow(ctx, &bal)
		for i := w; i < len(b.years[r.st]); i += k {
			ch := b.years[r.st][i]
			if failed {
				close(ch)
				continue
			}
			ay := sh.solveYear(b.first + engine.Year(i))
			ch <- ay
			failed = ay.err != nil
		}
	}
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

// shadow is a stage run of r's stage with state of its own, under ctx,
// balancing with bal: it solves catchments ahead while r runs the years.
func (r *stageRun) shadow(ctx context.Context, bal *catchment.Balancer) *stageRun {
	sh := &stageRun{plan: r.plan, demand: r.demand, st: r.st, opt: r.opt, dist: r.dist, ctx: ctx, balancer: bal}
	sh.start()
	return sh
}

// next returns year y's catchment of stage st, waiting for it.
func (b *balanceAhead) next(st engine.Stage, y engine.Year) aheadYear {
	ay, ok := <-b.years[st][y-b.first]
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
