package scenarios

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
)

// RunOptions tune a run; nil means defaults.
type RunOptions struct {
	// Progress, when set, is called after each stage-year.
	Progress func(st engine.Stage, y engine.Year)
}

// Result is a scenario's simulation with the city it ran on. It keeps
// the indicators computed from it (Indicators), so it must not be copied:
// a variant of a run is a new Result.
type Result struct {
	Scenario *Scenario
	City     *engine.City
	*sim.Result

	indicators indicatorCache // Indicators
}

// Run simulates s.
func Run(ctx context.Context, s *Scenario, opts *RunOptions) (*Result, error) {
	o := &sim.Options{First: s.First, Last: s.Last, Policy: s.Policy, Changes: s.Changes}
	if opts != nil {
		o.Progress = opts.Progress
	}
	if s.Forecast != nil {
		p, err := forecast.Project(s.City, s.Forecast)
		if err != nil {
			return nil, fmt.Errorf("%s: forecast: %w", s.File, err)
		}
		o.Demand = p
	}
	r, err := sim.Run(ctx, s.City, o)
	if err != nil {
		return nil, s.runError(err)
	}
	return &Result{Scenario: s, City: s.City, Result: r}, nil
}

// MetricsOptions are the thresholds of r's indicators: a field over sets
// (a caller's or the command line's) wins, then the limits of the
// scenario's policy (cv_limit, standard_class_size, large_school,
// service_radius), then metrics' defaults.
func (r *Result) MetricsOptions(over *metrics.Options) *metrics.Options {
	var l engine.IndicatorLimits
	if r != nil && r.Scenario != nil {
		l = r.Scenario.Policy.Limits
	}
	return over.WithLimits(l)
}

// runError is err of a run of s: the problems the run found in the
// changes (a merge over the policy's class limit) name the file, line and
// key of their change, as the load's do; any other error names the file.
func (s *Scenario) runError(err error) error {
	var list geo.Errors
	if !errors.Is(err, sim.ErrChange) || !errors.As(err, &list) {
		return fmt.Errorf("%s: %w", s.File, err)
	}
	errs := make(geo.Errors, len(list))
	for k, e := range list {
		errs[k] = s.changeError(s.runFrom(), e)
	}
	return fmt.Errorf("%w: %w", sim.ErrChange, errs)
}

// runFrom is where each of s.Changes came from, as far as they are still
// the changes as loaded: a copy of s with changes added, dropped or
// altered (as the optimizer makes) names the file for the rest.
func (s *Scenario) runFrom() []changeAt {
	n := 0
	for n < len(s.from) && n < len(s.Changes) && reflect.DeepEqual(s.Changes[n], s.loaded[n]) {
		n++
	}
	return s.from[:n]
}
