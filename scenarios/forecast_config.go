package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// forecastConfig is the scenario's forecast: block. Pointers (and nil maps
// and slices) tell "not given" from zero, so that an extending scenario
// overrides only what it says.
type forecastConfig struct {
	Method  *string        `yaml:"method" check:"method"`
	Band    *string        `yaml:"band" check:"band"`
	Window  *int           `yaml:"window" help:"years"`
	Until   *int           `yaml:"until" check:"year" help:"a calendar year"`
	Ratios  *string        `yaml:"ratios" check:"ratio_source"`
	MaxAge  *int           `yaml:"max_age" help:"an age in years"`
	Births  *birthsConfig  `yaml:"births"`
	Housing *housingConfig `yaml:"housing"`
	Spread  *spreadConfig  `yaml:"spread"`
	// Select and Progression tune grade_progression, like forecast's
	// --select, --ratios and --exclude-years.
	Select      *bool              `yaml:"select"`
	Progression *progressionConfig `yaml:"progression"`
}

// progressionConfig is grade progression's fit: the rule combining the
// yearly ratios (mean: the classic fit; pooled, median or trimmed: the
// robust one), the robust fit's window and shrinkage K (0: none), and
// shock years left out of every ratio.
type progressionConfig struct {
	Ratios  *string  `yaml:"ratios" check:"ratio_rule"`
	Window  *int     `yaml:"window" check:"robust_window" help:"years"`
	Exclude []int    `yaml:"exclude_years" check:"exclude_years" help:"calendar years"`
	Shrink  *float64 `yaml:"shrink" check:"shrink"`
}

// merge lays p over base: fields p gives win.
func (p *progressionConfig) merge(base *progressionConfig) *progressionConfig {
	if p == nil || base == nil {
		if p == nil {
			return base
		}
		return p
	}
	out := *base
	if p.Ratios != nil {
		out.Ratios = p.Ratios
	}
	if p.Window != nil {
		out.Window = p.Window
	}
	if p.Exclude != nil {
		out.Exclude = p.Exclude
	}
	if p.Shrink != nil {
		out.Shrink = p.Shrink
	}
	return &out
}

type birthsConfig struct {
	Rate  *float64 `yaml:"rate"`
	Trend *float64 `yaml:"trend"`
}

type housingConfig struct {
	PerThousand  map[string]float64 `yaml:"per_1000"`
	PerHousehold map[string]float64 `yaml:"per_household"`
	PhaseIn      []float64          `yaml:"phase_in"`
}

type spreadConfig struct {
	Births *float64 `yaml:"births"`
	Ratios *float64 `yaml:"ratios"`
	Yield  *float64 `yaml:"yield"`
}

// merge lays f over base: fields f gives win.
func (f *forecastConfig) merge(base *forecastConfig) *forecastConfig {
	if f == nil {
		return base
	}
	if base == nil {
		return f
	}
	out := *base
	for _, p := range []struct{ dst, src **string }{{&out.Method, &f.Method}, {&out.Band, &f.Band}, {&out.Ratios, &f.Ratios}} {
		if *p.src != nil {
			*p.dst = *p.src
		}
	}
	for _, p := range []struct{ dst, src **int }{{&out.Window, &f.Window}, {&out.Until, &f.Until}, {&out.MaxAge, &f.MaxAge}} {
		if *p.src != nil {
			*p.dst = *p.src
		}
	}
	if f.Births != nil {
		b := birthsConfig{}
		if base.Births != nil {
			b = *base.Births
		}
		if f.Births.Rate != nil {
			b.Rate = f.Births.Rate
		}
		if f.Births.Trend != nil {
			b.Trend = f.Births.Trend
		}
		out.Births = &b
	}
	if f.Housing != nil {
		h := housingConfig{}
		if base.Housing != nil {
			h = *base.Housing
		}
		// One kind of yield: the extending file's replaces the base's.
		if f.Housing.PerThousand != nil || f.Housing.PerHousehold != nil {
			h.PerThousand, h.PerHousehold = f.Housing.PerThousand, f.Housing.PerHousehold
		}
		if f.Housing.PhaseIn != nil {
			h.PhaseIn = f.Housing.PhaseIn
		}
		out.Housing = &h
	}
	if f.Spread != nil {
		s := spreadConfig{}
		if base.Spread != nil {
			s = *base.Spread
		}
		if f.Spread.Births != nil {
			s.Births = f.Spread.Births
		}
		if f.Spread.Ratios != nil {
			s.Ratios = f.Spread.Ratios
		}
		if f.Spread.Yield != nil {
			s.Yield = f.Spread.Yield
		}
		out.Spread = &s
	}
	if f.Select != nil {
		out.Select = f.Select
	}
	out.Progression = f.Progression.merge(base.Progression)
	return &out
}

// toForecast converts the forecast block (nil: none) to options; last is
// the scenario's last year.
func toForecast(f *forecastConfig, last engine.Year, sys engine.SchoolSystem) (*forecast.Options, error) {
	if f == nil {
		return nil, nil
	}
	o := &forecast.Options{Last: last}
	var err error
	if f.Method != nil {
		if o.Method, err = forecast.ParseMethod(*f.Method); err != nil {
			return nil, fmt.Errorf("%w: method: %v", ErrScenario, err)
		}
	}
	if f.Band != nil {
		if o.Band, err = forecast.ParseBand(*f.Band); err != nil {
			return nil, fmt.Errorf("%w: band: %v", ErrScenario, err)
		}
	}
	if f.Ratios != nil {
		if o.Ratios, err = forecast.ParseRatioSource(*f.Ratios); err != nil {
			return nil, fmt.Errorf("%w: ratios: %v", ErrScenario, err)
		}
	}
	if f.Window != nil {
		if *f.Window < 1 || *f.Window > 50 {
			return nil, fmt.Errorf("%w: window: %d: want 1–50 years", ErrScenario, *f.Window)
		}
		o.Window = *f.Window
	}
	if f.Until != nil {
		if *f.Until < 1900 || *f.Until > 2200 {
			return nil, fmt.Errorf("%w: until: %d: want a year", ErrScenario, *f.Until)
		}
		o.Until = engine.Year(*f.Until)
	}
	if f.MaxAge != nil {
		if *f.MaxAge < 14 || *f.MaxAge > 120 {
			return nil, fmt.Errorf("%w: max_age: %d: want 14–120 (the simulation needs ages up to 14)", ErrScenario, *f.MaxAge)
		}
		o.MaxAge = *f.MaxAge
	}
	if b := f.Births; b != nil {
		if b.Rate != nil {
			if v := *b.Rate; math.IsNaN(v) || v <= 0 || v > 1000 {
				return nil, fmt.Errorf("%w: births.rate: %v: want births per 1000 women aged 15–49, in (0, 1000]", ErrScenario, v)
			}
			o.Births.Rate = *b.Rate
		}
		if b.Trend != nil {
			if v := *b.Trend; math.IsNaN(v) || v <= -1 || v > 1 {
				return nil, fmt.Errorf("%w: births.trend: %v: want an annual change in (−1, 1], e.g. -0.02", ErrScenario, v)
			}
			o.Births.Trend = *b.Trend
		}
	}
	if h := f.Housing; h != nil {
		o.Housing = &forecast.Housing{PhaseIn: h.PhaseIn}
		if h.PerThousand != nil && h.PerHousehold != nil {
			return nil, fmt.Errorf("%w: housing: give per_1000 or per_household, not both", ErrScenario)
		}
		for key, m := range map[string]map[string]float64{"per_1000": h.PerThousand, "per_household": h.PerHousehold} {
			if m == nil {
				continue
			}
			y, err := yields(m, sys)
			if err != nil {
				return nil, fmt.Errorf("%w: housing.%s: %v", ErrScenario, key, err)
			}
			if key == "per_1000" {
				o.Housing.PerThousand = y
			} else {
				o.Housing.PerHousehold = y
			}
		}
		for i, v := range h.PhaseIn {
			if math.IsNaN(v) || v < 0 || v > 1 {
				return nil, fmt.Errorf("%w: housing.phase_in[%d]: %v: want a share in [0, 1]", ErrScenario, i, v)
			}
		}
	}
	if s := f.Spread; s != nil {
		sp := forecast.DefaultSpread
		for _, p := range []struct {
			key string
			src *float64
			dst *float64
		}{{"births", s.Births, &sp.Births}, {"ratios", s.Ratios, &sp.Ratios}, {"yield", s.Yield, &sp.Yield}} {
			if p.src == nil {
				continue
			}
			if v := *p.src; math.IsNaN(v) || v < 0 || v >= 1 {
				return nil, fmt.Errorf("%w: spread.%s: %v: want a relative change in [0, 1)", ErrScenario, p.key, v)
			}
			*p.dst = *p.src
		}
		o.Spread = &sp
	}
	if err := progressionOptions(f, o); err != nil {
		return nil, err
	}
	return o, nil
}

// progressionOptions sets grade progression's select and progression
// keys (their values were checked on decoding) and reports keys the
// method or the rule would not use.
func progressionOptions(f *forecastConfig, o *forecast.Options) error {
	if f.Select == nil && f.Progression == nil {
		return nil
	}
	if o.Method != forecast.GradeProgression {
		return fmt.Errorf("%w: select and progression tune grade_progression, not the %s method: leave them out or set method: grade_progression", ErrScenario, o.Method)
	}
	if f.Select != nil {
		o.Select = *f.Select
	}
	p := f.Progression
	if p == nil {
		return nil
	}
	if p.Ratios != nil {
		o.Progression.Ratios, _ = forecast.ParseRatioRule(*p.Ratios)
	}
	for _, y := range p.Exclude {
		o.Progression.Exclude = append(o.Progression.Exclude, engine.Year(y))
	}
	if o.Progression.Ratios == forecast.RatioMean && (p.Window != nil || p.Shrink != nil) {
		return fmt.Errorf("%w: progression: window and shrink tune the robust fit: give ratios pooled, median or trimmed (the classic fit takes forecast.window)", ErrScenario)
	}
	if p.Window != nil {
		o.Progression.Window = *p.Window
	}
	if p.Shrink != nil {
		o.Progression.Shrink = *p.Shrink
		if *p.Shrink == 0 {
			o.Progression.Shrink = -1 // none
		}
	}
	return nil
}

// yields reads housing yields keyed by age span: primary and junior (the
// ages of the stage in the school system sys: 6–11 and 12–14 in 6+3), a
// single age ("6") or a range ("0-5"); each value is children per unit over
// all the ages of its span.
func yields(m map[string]float64, sys engine.SchoolSystem) ([]float64, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var spans []forecast.AgeSpan
	for _, k := range keys {
		v := m[k]
		if math.IsNaN(v) || v < 0 || v > 1000 {
			return nil, fmt.Errorf("%s: %v: want a yield 0–1000", k, v)
		}
		from, to, err := ageSpan(k, sys)
		if err != nil {
			return nil, err
		}
		spans = append(spans, forecast.AgeSpan{From: from, To: to, Yield: v})
	}
	return forecast.YieldsFromSpans(spans)
}

func ageSpan(k string, sys engine.SchoolSystem) (from, to int, err error) {
	if st, err := engine.ParseStage(k); err == nil {
		ages := sys.Ages(st)
		return ages[0], ages[len(ages)-1], nil
	}
	a, b, isRange := strings.Cut(k, "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := from, error(nil)
	if isRange {
		to, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil || from < 0 || to < from || to > 120 {
		return 0, 0, fmt.Errorf("%q: want primary, junior, an age (6) or an age range (0-5)", k)
	}
	return from, to, nil
}
