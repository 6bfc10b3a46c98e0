package scenarios

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// forecastOf is the scenario's forecast options (the table method when it
// has no forecast: block).
func (s *Scenario) forecastOf() forecast.Options {
	if s.Forecast != nil {
		return *s.Forecast
	}
	return forecast.Options{Last: s.Last}
}

// RunBands runs s in the low, mid and high forecast bands (in the order of
// forecast.Bands); the scenario's own band is ignored. The runs share
// nothing but the city and go in parallel, so opts.Progress is called from
// several goroutines.
func RunBands(ctx context.Context, s *Scenario, opts *RunOptions) ([3]*Result, error) {
	var out [3]*Result
	variants := make([]*Scenario, len(forecast.Bands))
	for k, b := range forecast.Bands {
		o := s.forecastOf()
		o.Band, o.Draw = b, 0
		variants[k] = s.WithForecast(o)
	}
	res, err := runAll(ctx, variants, opts, 0)
	if err != nil {
		return out, err
	}
	copy(out[:], res)
	return out, nil
}

// MonteCarloOptions tune MonteCarlo; nil means defaults.
type MonteCarloOptions struct {
	// Draws is the number of simulations; 0 = 100.
	Draws int
	// Seed picks the draws; the same seed gives the same draws.
	Seed uint64
	// Workers run draws in parallel; 0 = GOMAXPROCS.
	Workers int
	// Progress, when set, is called after each draw with the number done.
	Progress func(done, total int)
}

// MonteCarlo is a scenario simulated under many random forecasts: each draw
// takes a births trend error and a housing-yield factor (see
// forecast.Options.Draw) around the mid band.
type MonteCarlo struct {
	Draws       int
	Seed        uint64
	First, Last engine.Year
	// Schools is the run's schools (the city's and the scenario's new
	// ones); Short indexes into it.
	Schools []engine.School
	Stages  [engine.NumStages]MonteCarloStage
}

// MonteCarloStage holds one stage's draws.
type MonteCarloStage struct {
	// Unplaced[y−First] lists the city's unplaced entrants of year y in
	// every draw, ascending.
	Unplaced [][]int
	// Short[s][y−First] counts the draws in which school s's catchment
	// had entrants left unplaced in year y.
	Short [][]int
}

// PShort is the probability that school s is short of entry seats for its
// catchment (some of its entrants unplaced) in year y.
func (m *MonteCarlo) PShort(st engine.Stage, s int, y engine.Year) float64 {
	return float64(m.Stages[st].Short[s][y-m.First]) / float64(m.Draws)
}

// Quantile is the q-quantile (0–1, nearest rank) of the city's unplaced
// entrants of stage st in year y over the draws.
func (m *MonteCarlo) Quantile(st engine.Stage, y engine.Year, q float64) int {
	v := m.Stages[st].Unplaced[y-m.First]
	i := int(q*float64(len(v)-1) + 0.5)
	return v[min(max(i, 0), len(v)-1)]
}

// RunMonteCarlo simulates s opt.Draws times, each with its own draw.
func RunMonteCarlo(ctx context.Context, s *Scenario, opt *MonteCarloOptions) (*MonteCarlo, error) {
	o, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	tally := &drawTally{mc: &MonteCarlo{Draws: o.Draws, Seed: o.Seed, First: s.First, Last: s.Last}, progress: o.Progress}
	if _, err := runAll(ctx, drawVariants(s, o), nil, o.Workers, tally.add); err != nil {
		return nil, err
	}
	for st := range tally.mc.Stages {
		for _, v := range tally.mc.Stages[st].Unplaced {
			slices.Sort(v)
		}
	}
	return tally.mc, nil
}

// withDefaults is a copy of o (nil: the defaults) with its defaults set
// and its draws checked.
func (o *MonteCarloOptions) withDefaults() (MonteCarloOptions, error) {
	out := MonteCarloOptions{}
	if o != nil {
		out = *o
	}
	if out.Draws == 0 {
		out.Draws = 100
	}
	if out.Draws < 0 || out.Draws > 100000 {
		return out, fmt.Errorf("scenarios: Monte-Carlo draws %d: want 1–100000", out.Draws)
	}
	return out, nil
}

// drawVariants are the scenarios of the draws: s in the mid band, with
// draws 1 to o.Draws of seed o.Seed.
func drawVariants(s *Scenario, o MonteCarloOptions) []*Scenario {
	base := s.forecastOf()
	base.Band = forecast.Mid
	variants := make([]*Scenario, o.Draws)
	for k := range variants {
		f := base
		f.Draw, f.Seed = k+1, o.Seed
		variants[k] = s.WithForecast(f)
	}
	return variants
}

// drawTally counts the draws' unplaced entrants into mc as the runs come,
// from several goroutines.
type drawTally struct {
	mu       sync.Mutex
	mc       *MonteCarlo
	done     int
	progress func(done, total int)
}

// add counts the result r of a draw.
func (t *drawTally) add(_ int, r *Result) {
	t.mu.Lock()
	defer t.mu.Unlock()
	mc := t.mc
	if mc.Schools == nil {
		mc.allocate(r.Schools)
	}
	for st := range mc.Stages {
		ms := &mc.Stages[st]
		years := r.Stages[st].Years
		for i := range years {
			ms.count(int(years[i].Year-mc.First), &years[i])
		}
	}
	t.done++
	if t.progress != nil {
		t.progress(t.done, mc.Draws)
	}
}

// allocate sets up the counts of the run's schools.
func (m *MonteCarlo) allocate(schools []engine.School) {
	m.Schools = schools
	years := int(m.Last-m.First) + 1
	for st := range m.Stages {
		ms := &m.Stages[st]
		ms.Unplaced = make([][]int, years)
		ms.Short = make([][]int, len(schools))
		for i := range ms.Short {
			ms.Short[i] = make([]int, years)
		}
	}
}

// count adds one draw's year yr, the i-th year of the run.
func (ms *MonteCarloStage) count(i int, yr *sim.YearResult) {
	ms.Unplaced[i] = append(ms.Unplaced[i], yr.City.Unplaced)
	for _, row := range yr.Schools {
		if row.Unplaced() > 0 {
			ms.Short[row.School][i]++
		}
	}
}

// runAll runs the scenarios on workers goroutines (0 = GOMAXPROCS) and
// returns the results in order; with sinks, each result is handed to them
// as it comes and not kept.
func runAll(ctx context.Context, ss []*Scenario, opts *RunOptions, workers int, sinks ...func(int, *Result)) ([]*Result, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	b := &batch{ss: ss, opts: opts, sinks: sinks, cancel: cancel, out: make([]*Result, len(ss)), errs: make([]error, len(ss))}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(ss)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.work(ctx, next)
		}()
	}
	for k := range ss {
		if ctx.Err() != nil {
			break
		}
		next <- k
	}
	close(next)
	wg.Wait()
	return b.result(ctx)
}

// batch is the scenarios runAll runs, and their results.
type batch struct {
	ss     []*Scenario
	opts   *RunOptions
	sinks  []func(int, *Result)
	cancel context.CancelFunc // on the first error
	out    []*Result          // without sinks
	errs   []error
}

// work runs the scenarios whose indexes come on next.
func (b *batch) work(ctx context.Context, next <-chan int) {
	for k := range next {
		r, err := Run(ctx, b.ss[k], b.opts)
		if err != nil {
			b.errs[k] = err
			b.cancel()
			continue
		}
		if len(b.sinks) == 0 {
			b.out[k] = r
		}
		for _, sink := range b.sinks {
			sink(k, r)
		}
	}
}

// result is the results in order, or the first error (with sinks, also
// a cancelled ctx).
func (b *batch) result(ctx context.Context) ([]*Result, error) {
	for _, err := range b.errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil && len(b.sinks) > 0 {
		return nil, err
	}
	return b.out, nil
}
