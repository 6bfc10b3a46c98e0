package scenarios

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine/forecast"
)

// loadForecast converts the scenario's forecast: block (nil: none), checks
// that the city has what the method needs, and — when the scenario names no
// years — starts the run where the method's data ends (Projection.Start).
func (s *Scenario) loadForecast(f *forecastConfig, haveYears bool) error {
	o, err := toForecast(f, s.Last, s.City.System)
	if err != nil {
		return &Error{File: s.File, Key: "forecast", Err: err}
	}
	s.Forecast = o
	if o != nil {
		p, err := forecast.Project(s.City, o)
		if err != nil {
			return &Error{File: s.File, Key: "forecast", Err: fmt.Errorf("%w: %v", ErrScenario, err)}
		}
		if !haveYears && o.Method != forecast.Table {
			s.First = p.Start
		}
	}
	if s.First == 0 {
		return &Error{File: s.File, Key: "years", Err: fmt.Errorf("%w: the city has no forecast.csv to take the first year from; give years, or a forecast: block with another method", ErrScenario)}
	}
	return nil
}

// Projection makes the scenario's forecast (the city's forecast.csv when
// the scenario has no forecast: block).
func (s *Scenario) Projection() (*forecast.Projection, error) {
	o := s.Forecast
	if o == nil {
		o = &forecast.Options{Last: s.Last}
	}
	p, err := forecast.Project(s.City, o)
	if err != nil {
		return nil, fmt.Errorf("%s: forecast: %w", s.File, err)
	}
	return p, nil
}

// WithForecast returns a copy of s whose forecast is o (the city, policy and
// changes are shared).
func (s *Scenario) WithForecast(o forecast.Options) *Scenario {
	cp := *s
	cp.Forecast = &o
	return &cp
}
