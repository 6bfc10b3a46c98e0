package forecast

import (
	"fmt"
	"math"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// Outlier is a yearly ratio the robust fit left out: far outside the
// unit's history of that grade (see Progression.Outlier); or a grade
// without a row in the fit's last year (Missing), filled to project from.
type Outlier struct {
	Unit  string      `json:"unit"`
	Year  engine.Year `json:"year"`
	Grade int         `json:"grade"`
	// Ratio is the year's ratio (E(g, t)/E(g−1, t−1), or for the entry
	// grade E(g, t)/births or E(g, t) itself without births); Typical is
	// the median of the unit's history it was compared with.
	Ratio   float64 `json:"ratio"`
	Typical float64 `json:"typical"`
	// Repaired is set when the cell was in the fit's last year, which the
	// projection starts from: it was replaced by its expected value.
	Repaired bool    `json:"repaired,omitempty"`
	Replaced float64 `json:"replaced,omitempty"`
	// Missing is set when the cell has no row at all (a grade the unit
	// teaches, absent in the fit's last year).
	Missing bool `json:"missing,omitempty"`
}

func (o Outlier) String() string {
	if o.Missing {
		return fmt.Sprintf("grade %s in %d: no row; the projection starts from %.1f", engine.SchoolSystem{}.GradeName(o.Grade), o.Year, o.Replaced)
	}
	s := fmt.Sprintf("grade %s in %d: ratio %.3f against %.3f typical, not used", engine.SchoolSystem{}.GradeName(o.Grade), o.Year, o.Ratio, o.Typical)
	if o.Repaired {
		s += fmt.Sprintf("; the cell starts the projection as %.1f", o.Replaced)
	}
	return s
}

// logRatio is the log of num/den with half a pupil added to both, so that
// an empty grade gives a large finite value rather than −∞.
func logRatio(num, den float64) float64 { return math.Log((num + 0.5) / (den + 0.5)) }

// outlierTest holds one series' median and threshold (both in logs).
type outlierTest struct {
	median, limit float64
	ok            bool // enough history (3 values) to judge
}

// newOutlierTest takes the median and MAD of the logged ratios lr: a value
// is an outlier when |lr − median| > min(max(k × 1.4826 × MAD, log(1 +
// OutlierFloor)), log(1 + OutlierCeiling)); the ceiling keeps two glitches
// among a few years from widening the MAD until neither is caught. buf is
// scratch space.
func newOutlierTest(lr []float64, k float64, buf []float64) outlierTest {
	if len(lr) < 3 {
		return outlierTest{}
	}
	m := median(lr, buf)
	dev := append(buf[:0], lr...)
	for i := range dev {
		dev[i] = math.Abs(dev[i] - m)
	}
	mad := median(dev, nil)
	limit := min(max(k*1.4826*mad, math.Log1p(OutlierFloor)), math.Log1p(OutlierCeiling))
	return outlierTest{median: m, limit: limit, ok: true}
}

// out reports whether num/den is an outlier that moves at least
// outlierPupils pupils away from the typical ratio.
func (t outlierTest) out(num, den float64) bool {
	if !t.ok || math.Abs(logRatio(num, den)-t.median) <= t.limit {
		return false
	}
	return math.Abs(num-den*math.Exp(t.median)) >= outlierPupils
}

// median returns the median of v without reordering it (buf: scratch).
func median(v, buf []float64) float64 {
	s := append(buf[:0], v...)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// combine turns the window's yearly ratios (num[i]/den[i]) into one by
// rule; false without any year.
func combine(rule RatioRule, num, den []float64, buf []float64) (float64, bool) {
	n := len(num)
	if n == 0 {
		return 0, false
	}
	var sn, sd float64
	for i := range num {
		sn += num[i]
		sd += den[i]
	}
	if rule == RatioPooled {
		return sn / sd, sd > 0
	}
	r := buf[:0]
	for i := range num {
		r = append(r, num[i]/den[i])
	}
	switch rule {
	case RatioMedian:
		return median(r, nil), true
	case RatioTrimmed:
		if n >= 4 {
			slices.Sort(r)
			r = r[1 : n-1]
		}
	}
	var s float64
	for _, v := range r {
		s += v
	}
	return s / float64(len(r)), true
}

// shrinkRatio is (D·r + K·parent) / (D + K): a unit with D pupils at risk
// leans on its parent's ratio the more the fewer pupils it has.
func shrinkRatio(r, d, parent, k float64) float64 {
	if k <= 0 || parent <= 0 {
		return r
	}
	return (d*r + k*parent) / (d + k)
}
