package scenarios

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
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
	o := MonteCarloOptions{}
	if opt != nil {
		o = *opt
	}
	if o.Draws == 0 {
		o.Draws = 100
	}
	if o.Draws < 0 || o.Draws > 100000 {
		return nil, fmt.Errorf("scenarios: Monte-Carlo draws %d: want 1–100000", o.Draws)
	}
	base := s.forecastOf()
	if base.Band != forecast.Mid {
		base.Band = forecast.Mid
	}
	variants := make([]*Scenario, o.Draws)
	for k := range variants {
		f := base
		f.Draw, f.Seed = k+1, o.Seed
		variants[k] = s.WithForecast(f)
	}
	mc := &MonteCarlo{Draws: o.Draws, Seed: o.Seed, First: s.First, Last: s.Last}
	years := int(s.Last-s.First) + 1
	var mu sync.Mutex
	done := 0
	collect := func(k int, r *Result) {
		mu.Lock()
		defer mu.Unlock()
		if mc.Schools == nil {
			mc.Schools = r.Schools
			for st := range mc.Stages {
				ms := &mc.Stages[st]
				ms.Unplaced = make([][]int, years)
				ms.Short = make([][]int, len(r.Schools))
				for i := range ms.Short {
					ms.Short[i] = make([]int, years)
				}
			}
		}
		for st := range mc.Stages {
			ms := &mc.Stages[st]
			for _, yr := range r.Stages[st].Years {
				i := int(yr.Year - s.First)
				ms.Unplaced[i] = append(ms.Unplaced[i], yr.City.Unplaced)
				for _, row := range yr.Schools {
					if row.Unplaced() > 0 {
						ms.Short[row.School][i]++
					}
				}
			}
		}
		done++
		if o.Progress != nil {
			o.Progress(done, o.Draws)
		}
	}
	if _, err := runAll(ctx, variants, nil, o.Workers, collect); err != nil {
		return nil, err
	}
	for st := range mc.Stages {
		for _, v := range mc.Stages[st].Unplaced {
			slices.Sort(v)
		}
	}
	return mc, nil
}

// runAll runs the scenarios on workers goroutines (0 = GOMAXPROCS) and
// returns the results in order; with sinks, each result is handed to them
// as it comes and not kept.
func runAll(ctx context.Context, ss []*Scenario, opts *RunOptions, workers int, sinks ...func(int, *Result)) ([]*Result, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(ss))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([]*Result, len(ss))
	errs := make([]error, len(ss))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				r, err := Run(ctx, ss[k], opts)
				if err != nil {
					errs[k] = err
					cancel()
					continue
				}
				if len(sinks) == 0 {
					out[k] = r
				}
				for _, sink := range sinks {
					sink(k, r)
				}
			}
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
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil && len(sinks) > 0 {
		return nil, err
	}
	return out, nil
}
