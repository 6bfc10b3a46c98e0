package forecast

import (
	"fmt"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// RatioRule is how a unit's yearly progression (or entry) ratios over the
// window become the one ratio it is projected with.
type RatioRule int

const (
	// RatioMean is the plain mean of the window's yearly ratios, every
	// year used (the classic rule, and the zero value).
	RatioMean RatioRule = iota
	// RatioPooled is Σ E(g, t) / Σ E(g−1, t−1) over the window's years:
	// each year weighs by its pupils, so a tiny denominator cannot make a
	// huge ratio.
	RatioPooled
	// RatioMedian is the median of the window's yearly ratios.
	RatioMedian
	// RatioTrimmed is the mean of the window's yearly ratios without the
	// highest and the lowest (with four or more years).
	RatioTrimmed
)

var ratioRuleNames = [...]string{"mean", "pooled", "median", "trimmed"}

func (r RatioRule) String() string {
	if r >= 0 && int(r) < len(ratioRuleNames) {
		return ratioRuleNames[r]
	}
	return fmt.Sprintf("RatioRule(%d)", int(r))
}

// ParseRatioRule reads "mean", "pooled", "median" or "trimmed".
func ParseRatioRule(s string) (RatioRule, error) {
	for r, name := range ratioRuleNames {
		if s == name {
			return RatioRule(r), nil
		}
	}
	return 0, fmt.Errorf("forecast: unknown ratio rule %q (want mean, pooled, median or trimmed)", s)
}

// Progression tunes the grade-progression method. The zero value is the
// classic method: plain means of the window's yearly ratios, every year
// used, no shrinkage.
type Progression struct {
	// Ratios is how the window's yearly ratios are combined. With any
	// rule but RatioMean the robust fit applies: outlier years are flagged
	// and left out, a unit's progression ratios are shrunk toward its
	// parent's (see Shrink), and a flagged cell of the fit's last year is
	// replaced by its expected value.
	Ratios RatioRule
	// Window is the number of latest years the robust fit combines;
	// 0 = DefaultRobustWindow. (The classic fit takes Options.Window.)
	Window int
	// Exclude lists shock years (a pandemic year): no ratio touching them
	// (E(g, t)/E(g−1, t−1) with t or t−1 excluded) is fitted, with any
	// rule.
	Exclude []engine.Year
	// Shrink is K, in pupils, of the shrinkage of a unit's progression
	// ratio toward its parent's (a school's district when the district has
	// two or more schools, else all units):
	//
	//	r = (D·r_unit + K·r_parent) / (D + K)
	//
	// where D is the unit's pupils at risk (Σ E(g−1, t−1)) over the
	// window's years used. 0 = DefaultShrink; negative = no shrinkage.
	Shrink float64
	// Outlier is the flag threshold: a yearly ratio is an outlier when its
	// log lies more than min(max(Outlier × 1.4826 × MAD, log(1 +
	// OutlierFloor)), log(1 + OutlierCeiling)) from the median of the unit's logged ratios of that grade over the
	// last ten years (MAD: their median absolute deviation), and the
	// difference is at least five pupils. 0 = DefaultOutlier.
	Outlier float64
}

// Defaults of Progression's zero fields.
const (
	// DefaultRobustWindow: eight years. On Eau Claire's schools a longer
	// window beat 3 and 5 years at every horizon (see the README).
	DefaultRobustWindow = 8
	// DefaultShrink: a unit with 60 pupils at risk over the window takes
	// half its ratio from its parent's.
	DefaultShrink = 60
	// DefaultOutlier: 4 robust standard deviations.
	DefaultOutlier = 4
	// OutlierFloor: a yearly ratio within 20% of the unit's median is
	// never an outlier, however steady the unit.
	OutlierFloor = 0.20
	// OutlierCeiling: one more than 50% off the median always is (when
	// it moves enough pupils).
	OutlierCeiling = 0.50
	// repairJump: a cell of the fit's last year is replaced only when it is
	// also this far (relatively) from its grade's previous year.
	repairJump = 0.50
	// outlierPupils: nor is one that moves fewer pupils than this.
	outlierPupils = 5
	// outlierHistory: years of history a ratio is compared with.
	outlierHistory = 10
)

func (p *Progression) robust() bool { return p.Ratios != RatioMean }

// window is the robust fit's window, or the classic fit's w.
func (p *Progression) window(w int) int {
	switch {
	case !p.robust():
		return w
	case p.Window == 0:
		return DefaultRobustWindow
	}
	return p.Window
}

func (p *Progression) shrink() float64 {
	switch {
	case p.Shrink == 0:
		return DefaultShrink
	case p.Shrink < 0:
		return 0
	}
	return p.Shrink
}

func (p *Progression) outlier() float64 {
	if p.Outlier == 0 {
		return DefaultOutlier
	}
	return p.Outlier
}

func (p *Progression) excluded(y engine.Year) bool { return slices.Contains(p.Exclude, y) }

func (p *Progression) validate() error {
	switch {
	case p.Ratios < RatioMean || p.Ratios > RatioTrimmed:
		return fmt.Errorf("%w: ratio rule %v", ErrInput, p.Ratios)
	case p.Window < 0 || p.Window > 50:
		return fmt.Errorf("%w: progression window %d: want 1–50 years", ErrInput, p.Window)
	case p.Outlier < 0:
		return fmt.Errorf("%w: outlier threshold %v: want a positive number of robust standard deviations", ErrInput, p.Outlier)
	}
	return nil
}
