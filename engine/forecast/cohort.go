package forecast

import (
	"fmt"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// projectCohort is the cohort method: each district's latest census
// (population.csv, base year B) moved forward a year at a time.
//
//	P(0, y) = births(y) · r(0)
//	P(a, y) = P(a−1, y−1) · r(a)
//
// so a child of age a in year y, born in b = y − a, is
//
//	P(B−b, B) · r(B−b+1) ⋯ r(a)   when b ≤ B (counted in the census),
//	births(b) · r(0) ⋯ r(a)        when b > B.
//
// In the low and high bands every ratio applied is scaled by the ratio
// factor, and births after the last observed year by the births factor.
func projectCohort(c *engine.City, o *Options, f factors) (*engine.Forecast, []string, error) {
	pop := c.Demography.Population
	if pop == nil {
		return nil, nil, fmt.Errorf("%w: cohort needs %s", ErrInput, engine.PopulationFile)
	}
	base := pop.Years[len(pop.Years)-1]
	last := o.last()
	if last < base {
		return nil, nil, fmt.Errorf("%w: the last year %d is before the census year %d", ErrInput, last, base)
	}
	fc := &engine.Forecast{FirstYear: base, LastYear: last, MaxAge: o.maxAge(), ByDistrict: map[int]*engine.AgeTable{}}
	var notes []string
	for di := range c.Districts {
		d := c.Districts[di].ID
		census := pop.Ages(d, base)
		if census == nil {
			if hasAreas(c, di) {
				return nil, nil, fmt.Errorf("%w: %s has no %d rows for district %q, which has residential areas", ErrInput, engine.PopulationFile, base, d)
			}
			continue
		}
		note, err := projectDistrictCohort(c, o, f, fc, di, census)
		if err != nil {
			return nil, nil, err
		}
		notes = append(notes, note)
	}
	return fc, notes, nil
}

// projectDistrictCohort fills fc's table of district di from its census
// (of year fc.FirstYear), births and ratios, and returns its note.
func projectDistrictCohort(c *engine.City, o *Options, f factors, fc *engine.Forecast, di int, census []float64) (string, error) {
	d := c.Districts[di].ID
	base, last, maxAge := fc.FirstYear, fc.LastYear, fc.MaxAge
	bm, err := newBirthModel(c.Demography.Births, d, o, f)
	if err != nil {
		if last > base {
			return "", fmt.Errorf("cohort: births after the %d census: %w", base, err)
		}
		bm = nil // no births needed; no ratios from them either
	}
	r, src, err := survivalRatios(c, d, o, maxAge, bm)
	if err != nil {
		return "", err
	}
	cells := fc.Years() * (maxAge + 1)
	t := &engine.AgeTable{Count: make([]float64, cells), Has: make([]bool, cells)}
	fc.ByDistrict[di] = t
	for y := base; y <= last; y++ {
		for a := 0; a <= maxAge; a++ {
			v, ok, err := cohortCount(census, bm, r, f, base, y, a)
			if err != nil {
				return "", err
			}
			if ok {
				i := fc.Index(y, a)
				t.Count[i], t.Has[i] = v, true
			}
		}
	}
	return cohortNote(d, base, bm, o, src), nil
}

// cohortCount is the children of age a in year y: the census count of
// their cohort, or their births, carried forward by the ratios r; false
// when the cohort is older than the census reaches.
func cohortCount(census []float64, bm *birthModel, r []float64, f factors, base, y engine.Year, a int) (float64, bool, error) {
	b := y - engine.Year(a)
	if b <= base {
		ca := int(base - b) // age at the census
		if ca >= len(census) {
			return 0, false, nil // not in the census: no data
		}
		v := census[ca] * f.ratios(a-ca)
		for k := ca + 1; k <= a; k++ {
			v *= r[k]
		}
		return v, true, nil
	}
	n, err := bm.births(b)
	if err != nil {
		return 0, false, fmt.Errorf("cohort: %w", err)
	}
	v := n * f.ratios(a+1)
	for k := 0; k <= a; k++ {
		v *= r[k]
	}
	return v, true, nil
}

// hasAreas reports whether district has residential areas.
func hasAreas(c *engine.City, district int) bool {
	for i := range c.Areas {
		if c.Areas[i].District == district {
			return true
		}
	}
	return false
}

// cohortNote says where a district's projection comes from.
func cohortNote(d string, base engine.Year, bm *birthModel, o *Options, src []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "district %s: census %d", d, base)
	if bm != nil {
		fmt.Fprintf(&b, "; births observed to %d", bm.lastObs)
		if bm.hasRate {
			fmt.Fprintf(&b, ", then %s on women 15–49 where given", trimFloat(bm.rate)+"‰")
		}
		fmt.Fprintf(&b, ", else the mean of the last %d observed years (%s)", o.window(), trimFloat(bm.mean))
		if bm.trend != 0 {
			fmt.Fprintf(&b, " × %g^(years after)", 1+bm.trend)
		}
	}
	b.WriteString("; ratios by age: ")
	for a := 0; a < len(src); {
		k := a
		for k+1 < len(src) && src[k+1] == src[a] {
			k++
		}
		if a > 0 {
			b.WriteString(", ")
		}
		if k == a {
			fmt.Fprintf(&b, "%d %s", a, src[a])
		} else {
			fmt.Fprintf(&b, "%d–%d %s", a, k, src[a])
		}
		a = k + 1
	}
	return b.String()
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}
