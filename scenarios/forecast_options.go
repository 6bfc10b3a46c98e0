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

// The ranges of the forecast block's numbers.
var (
	fitWindows = interval{lo: 1, hi: 50, want: "1–50 years"}
	untilYears = interval{lo: minYear, hi: maxYear, want: "a year"}
	maxAges    = interval{lo: 14, hi: 120, want: "14–120 (the simulation needs ages up to 14)"}
	birthRates = interval{lo: 0, hi: 1000, loOpen: true, want: "births per 1000 women aged 15–49, in (0, 1000]"}
	trends     = interval{lo: -1, hi: 1, loOpen: true, want: "an annual change in (−1, 1], e.g. -0.02"}
	phaseIns   = interval{lo: 0, hi: 1, want: "a share in [0, 1]"}
	spreads    = interval{lo: 0, hi: 1, hiOpen: true, want: "a relative change in [0, 1)"}
)

// forecastStep sets some of forecast.Options from the forecast block.
type forecastStep func(f *forecastConfig, o *forecast.Options, sys engine.SchoolSystem) error

// forecastSteps set forecast.Options block by block, in the order in
// which their problems are looked for (the first is reported).
var forecastSteps = []forecastStep{setForecastModes, setForecastSpans, setBirths, setHousing, setSpread, setProgression}

// toForecast converts the forecast block (nil: none) to options; last is
// the scenario's last year, sys the city's school system.
func toForecast(f *forecastConfig, last engine.Year, sys engine.SchoolSystem) (*forecast.Options, error) {
	if f == nil {
		return nil, nil
	}
	o := &forecast.Options{Last: last}
	for _, set := range forecastSteps {
		if err := set(f, o, sys); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// setForecastModes sets the method, band and ratio source.
func setForecastModes(f *forecastConfig, o *forecast.Options, _ engine.SchoolSystem) error {
	if err := setParsed("method", f.Method, &o.Method, forecast.ParseMethod); err != nil {
		return err
	}
	if err := setParsed("band", f.Band, &o.Band, forecast.ParseBand); err != nil {
		return err
	}
	return setParsed("ratios", f.Ratios, &o.Ratios, forecast.ParseRatioSource)
}

// setForecastSpans sets the fit window, the last year and the oldest age.
func setForecastSpans(f *forecastConfig, o *forecast.Options, _ engine.SchoolSystem) error {
	if err := setIn("window", f.Window, &o.Window, fitWindows); err != nil {
		return err
	}
	if err := setIn("until", f.Until, &o.Until, untilYears); err != nil {
		return err
	}
	return setIn("max_age", f.MaxAge, &o.MaxAge, maxAges)
}

// setBirths sets the births: block's rate and trend.
func setBirths(f *forecastConfig, o *forecast.Options, _ engine.SchoolSystem) error {
	b := f.Births
	if b == nil {
		return nil
	}
	if err := setIn("births.rate", b.Rate, &o.Births.Rate, birthRates); err != nil {
		return err
	}
	return setIn("births.trend", b.Trend, &o.Births.Trend, trends)
}

// setHousing sets the housing: block: one kind of yield, read by age span
// in the school system sys, and the phase-in shares.
func setHousing(f *forecastConfig, o *forecast.Options, sys engine.SchoolSystem) error {
	h := f.Housing
	if h == nil {
		return nil
	}
	o.Housing = &forecast.Housing{PhaseIn: h.PhaseIn}
	if h.PerThousand != nil && h.PerHousehold != nil {
		return fmt.Errorf("%w: housing: give per_1000 or per_household, not both", ErrScenario)
	}
	if err := setYields("per_1000", h.PerThousand, &o.Housing.PerThousand, sys); err != nil {
		return err
	}
	if err := setYields("per_household", h.PerHousehold, &o.Housing.PerHousehold, sys); err != nil {
		return err
	}
	for i, v := range h.PhaseIn {
		if err := checkIn(fmt.Sprintf("housing.phase_in[%d]", i), v, phaseIns); err != nil {
			return err
		}
	}
	return nil
}

// setYields reads one kind of housing yield (nil: not given) into dst.
func setYields(key string, m map[string]float64, dst *[]float64, sys engine.SchoolSystem) error {
	if m == nil {
		return nil
	}
	y, err := yields(m, sys)
	if err != nil {
		return fmt.Errorf("%w: housing.%s: %v", ErrScenario, key, err)
	}
	*dst = y
	return nil
}

// setSpread sets the spread: block, starting from forecast.DefaultSpread.
func setSpread(f *forecastConfig, o *forecast.Options, _ engine.SchoolSystem) error {
	s := f.Spread
	if s == nil {
		return nil
	}
	sp := forecast.DefaultSpread
	if err := setIn("spread.births", s.Births, &sp.Births, spreads); err != nil {
		return err
	}
	if err := setIn("spread.ratios", s.Ratios, &sp.Ratios, spreads); err != nil {
		return err
	}
	if err := setIn("spread.yield", s.Yield, &sp.Yield, spreads); err != nil {
		return err
	}
	o.Spread = &sp
	return nil
}

// setProgression sets grade progression's select and progression keys
// (their values were checked on decoding) and reports keys the method or
// the rule would not use.
func setProgression(f *forecastConfig, o *forecast.Options, _ engine.SchoolSystem) error {
	if f.Select == nil && f.Progression == nil {
		return nil
	}
	if o.Method != forecast.GradeProgression {
		return fmt.Errorf("%w: select and progression tune grade_progression, not the %s method: leave them out or set method: grade_progression", ErrScenario, o.Method)
	}
	setGiven(f.Select, &o.Select)
	if p := f.Progression; p != nil {
		return p.setFit(&o.Progression)
	}
	return nil
}

// setFit sets grade progression's fit: its rule, shock years, and the
// robust fit's window and shrinkage (0: none).
func (p *progressionConfig) setFit(fit *forecast.Progression) error {
	if p.Ratios != nil {
		fit.Ratios, _ = forecast.ParseRatioRule(*p.Ratios)
	}
	for _, y := range p.Exclude {
		fit.Exclude = append(fit.Exclude, engine.Year(y))
	}
	if fit.Ratios == forecast.RatioMean && (p.Window != nil || p.Shrink != nil) {
		return fmt.Errorf("%w: progression: window and shrink tune the robust fit: give ratios pooled, median or trimmed (the classic fit takes forecast.window)", ErrScenario)
	}
	setGiven(p.Window, &fit.Window)
	setGiven(p.Shrink, &fit.Shrink)
	if p.Shrink != nil && *p.Shrink == 0 {
		fit.Shrink = -1 // none
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

// ageSpan reads a yield's key: a stage (its ages in sys), an age or an
// age range.
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
