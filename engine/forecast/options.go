package forecast

import (
	"errors"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// ErrInput is wrapped by errors in a forecast's inputs or options: a file
// the method needs is missing, or a district it needs has no rows.
var ErrInput = errors.New("forecast: unusable input")

// Method is how children are projected.
type Method int

const (
	// Table takes forecast.csv as it is (the default).
	Table Method = iota
	// Cohort projects a base population by single year of age
	// (population.csv) forward with births (births.csv) and age-specific
	// survival/migration ratios.
	Cohort
	// GradeProgression projects enrolment.csv grade by grade with average
	// grade progression ratios and a births-to-entry ratio (the
	// cohort-survival method of school districts and NCES).
	GradeProgression
)

func (m Method) String() string {
	switch m {
	case Table:
		return "table"
	case Cohort:
		return "cohort"
	case GradeProgression:
		return "grade_progression"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// ParseMethod reads "table", "cohort" or "grade_progression".
func ParseMethod(s string) (Method, error) {
	switch s {
	case "", "table":
		return Table, nil
	case "cohort":
		return Cohort, nil
	case "grade_progression":
		return GradeProgression, nil
	}
	return 0, fmt.Errorf("forecast: unknown method %q (want table, cohort or grade_progression)", s)
}

// Band is a forecast variant: every uncertain input at its low, middle or
// high value (see Spread).
type Band int

const (
	Mid Band = iota
	Low
	High
)

// Bands lists the bands from low to high.
var Bands = [3]Band{Low, Mid, High}

func (b Band) String() string {
	switch b {
	case Low:
		return "low"
	case Mid:
		return "mid"
	case High:
		return "high"
	}
	return fmt.Sprintf("Band(%d)", int(b))
}

// ParseBand reads "low", "mid" or "high".
func ParseBand(s string) (Band, error) {
	switch s {
	case "", "mid":
		return Mid, nil
	case "low":
		return Low, nil
	case "high":
		return High, nil
	}
	return 0, fmt.Errorf("forecast: unknown band %q (want low, mid or high)", s)
}

// RatioSource says where the cohort method takes its survival/migration
// ratios from.
type RatioSource int

const (
	// RatiosAuto takes each district's ratio of each age from the first of
	// survival.csv, two censuses in population.csv, enrolment.csv's grade
	// progression, and 1.
	RatiosAuto RatioSource = iota
	// RatiosFile takes survival.csv only (1 where it gives none).
	RatiosFile
	// RatiosCensus estimates them from the two latest censuses only.
	RatiosCensus
	// RatiosEnrolment estimates ages 7–14 from enrolment.csv only.
	RatiosEnrolment
	// RatiosNone uses 1 for every age: no deaths, no migration.
	RatiosNone
)

func (r RatioSource) String() string {
	return [...]string{"auto", "file", "census", "enrolment", "none"}[r]
}

// ParseRatioSource reads "auto", "file", "census", "enrolment" or "none".
func ParseRatioSource(s string) (RatioSource, error) {
	for r, name := range [...]string{"auto", "file", "census", "enrolment", "none"} {
		if s == name || (s == "" && r == 0) {
			return RatioSource(r), nil
		}
	}
	return 0, fmt.Errorf("forecast: unknown ratios %q (want auto, file, census, enrolment or none)", s)
}

// Options choose and tune a forecast. The zero value is the table method.
type Options struct {
	Method Method
	Band   Band

	// Last is the last year projected; 0 = 2035.
	Last engine.Year
	// MaxAge is the oldest single age the cohort method projects; 0 = 15.
	MaxAge int
	// Window is the number of latest years averaged for births rates,
	// grade progression ratios and entry ratios; 0 = 3.
	Window int
	// Until is the last enrolment year grade progression fits on (the
	// later years are projected); 0 = enrolment.csv's last year.
	Until engine.Year
	// System is the school system RunBacktest's and CompareMethods' grade
	// progression follows (the grades a unit may have); the zero value is
	// the default 6+3. Project ignores it and takes the city's System.
	System engine.SchoolSystem
	// Ratios is the cohort method's source of survival/migration ratios.
	Ratios RatioSource
	// Progression tunes grade progression's ratios (the zero value is the
	// classic fit).
	Progression Progression
	// Select makes grade progression project each unit by the method
	// (blend, robust progression, trend, naive, or cohort when the city
	// has population.csv) that back-tested best on the history up to
	// Until (see MethodChosen); the notes say which.
	Select bool
	// Births says how years without births in births.csv are filled.
	Births BirthsOptions
	// Housing, when set, gives new housing children by yield (千人指标)
	// phased in after completion; nil = the district's per-resident rate
	// from the completion year.
	Housing *Housing
	// Spread sets the width of the low and high bands and of the
	// Monte-Carlo draws; nil = DefaultSpread.
	Spread *Spread

	// Draw, when > 0, makes this projection the Draw-th Monte-Carlo draw
	// of Seed: a random births trend error and housing-yield factor (see
	// Spread). Band must be Mid.
	Draw int
	Seed uint64
}

// BirthsOptions fill the years births.csv gives no births for.
type BirthsOptions struct {
	// Rate is births per 1000 women aged 15–49, applied to births.csv's
	// women_15_49 in years without births; 0 = the district's mean rate
	// over the last Window observed years with both.
	Rate float64
	// Trend is the annual change of births in years with neither births
	// nor women: births(y) = mean of the last Window observed years ×
	// (1 + Trend)^(y − last observed year). 0 keeps them level.
	Trend float64
}

// Spread is how far the low and high bands lie from the middle. Each is a
// relative change in (0, 1); zero means no spread for that input.
type Spread struct {
	// Births: future births (after the last observed year) × (1 ∓
	// Births)^h, h years after the last observed year.
	Births float64
	// Ratios: every survival, progression and entry ratio applied × (1 ∓
	// Ratios), so a cohort projected n steps moves by (1 ∓ Ratios)^n.
	Ratios float64
	// Yield: housing yields × (1 ∓ Yield).
	Yield float64
}

// DefaultSpread is the Spread of nil Options.Spread: births ±3% a year
// ahead, ratios ±0.5% a step, yields ±25%.
var DefaultSpread = Spread{Births: 0.03, Ratios: 0.005, Yield: 0.25}

const defaultLast engine.Year = 2035

const (
	defaultMaxAge = 15
	defaultWindow = 3
)

func (o *Options) last() engine.Year {
	if o.Last == 0 {
		return defaultLast
	}
	return o.Last
}

func (o *Options) maxAge() int {
	if o.MaxAge == 0 {
		return defaultMaxAge
	}
	return o.MaxAge
}

func (o *Options) window() int {
	if o.Window == 0 {
		return defaultWindow
	}
	return o.Window
}

func (o *Options) spread() Spread {
	if o.Spread == nil {
		return DefaultSpread
	}
	return *o.Spread
}

// validate checks the options alone.
func (o *Options) validate() error {
	for _, check := range []func() error{o.validateChoice, o.validateBirths, o.validateDraw, o.Progression.validate} {
		if err := check(); err != nil {
			return err
		}
	}
	if o.Housing != nil {
		return o.Housing.validate()
	}
	return nil
}

// validateChoice checks the method, band and the ranges of years and ages.
func (o *Options) validateChoice() error {
	switch {
	case o.Method < Table || o.Method > GradeProgression:
		return fmt.Errorf("%w: method %v", ErrInput, o.Method)
	case o.Band < Mid || o.Band > High:
		return fmt.Errorf("%w: band %v", ErrInput, o.Band)
	case o.Window < 0 || o.Window > 50:
		return fmt.Errorf("%w: window %d: want 1–50 years", ErrInput, o.Window)
	case o.MaxAge < 0 || o.MaxAge > 120:
		return fmt.Errorf("%w: max age %d: want 0–120", ErrInput, o.MaxAge)
	}
	return nil
}

// validateBirths checks the birth rate and trend and the band spreads.
func (o *Options) validateBirths() error {
	sp := o.spread()
	switch {
	case o.Births.Rate < 0 || o.Births.Rate > 1000:
		return fmt.Errorf("%w: births rate %v: want births per 1000 women 15–49, 0–1000", ErrInput, o.Births.Rate)
	case o.Births.Trend <= -1 || o.Births.Trend > 1:
		return fmt.Errorf("%w: births trend %v: want an annual change in (−1, 1]", ErrInput, o.Births.Trend)
	case !(unitFraction(sp.Births) && unitFraction(sp.Ratios) && unitFraction(sp.Yield)):
		return fmt.Errorf("%w: spread %+v: want each in [0, 1)", ErrInput, sp)
	}
	return nil
}

// unitFraction reports whether v is in [0, 1) (false for NaN).
func unitFraction(v float64) bool { return v >= 0 && v < 1 }

// validateDraw checks the Monte-Carlo draw number against the band.
func (o *Options) validateDraw() error {
	switch {
	case o.Draw < 0:
		return fmt.Errorf("%w: draw %d", ErrInput, o.Draw)
	case o.Draw > 0 && o.Band != Mid:
		return fmt.Errorf("%w: a Monte-Carlo draw is taken around the mid band, not %s", ErrInput, o.Band)
	}
	return nil
}
