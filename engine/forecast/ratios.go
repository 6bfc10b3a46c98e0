package forecast

import (
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/engine"
)

// Where a survival ratio came from.
const (
	fromFile      = "survival.csv"
	fromCensus    = "census"
	fromEnrolment = "enrolment"
	fromNone      = "1"
)

// survivalRatios returns district's ratios r[0..maxAge] (r[a]: children of
// age a in year y+1 per child of age a−1 in year y; r[0]: children aged 0
// per birth) and where each came from.
func survivalRatios(c *engine.City, district string, o *Options, maxAge int, bm *birthModel) ([]float64, []string, error) {
	census, enrol, err := ratioSources(c, district, o, maxAge, bm)
	if err != nil {
		return nil, nil, err
	}
	r := make([]float64, maxAge+1)
	src := make([]string, maxAge+1)
	useFile := o.Ratios == RatiosAuto || o.Ratios == RatiosFile
	for a := range r {
		r[a], src[a] = pickRatio(c.Demography.Survival, district, a, useFile, census, enrol)
	}
	return r, src, nil
}

// ratioSources estimates the census and enrolment ratios that o.Ratios
// asks for, and fails when the source it names has none.
func ratioSources(c *engine.City, district string, o *Options, maxAge int, bm *birthModel) (census, enrol []float64, err error) {
	if o.Ratios == RatiosAuto || o.Ratios == RatiosCensus {
		census = censusRatios(c.Demography.Population, district, maxAge, bm)
		if census == nil && o.Ratios == RatiosCensus {
			return nil, nil, fmt.Errorf("%w: ratios: census needs two census years of district %q in %s", ErrInput, district, engine.PopulationFile)
		}
	}
	if o.Ratios == RatiosAuto || o.Ratios == RatiosEnrolment {
		enrol, err = enrolmentRatios(c.Demography.Enrolment, district, o, maxAge)
		if err != nil {
			return nil, nil, err
		}
		if enrol == nil && o.Ratios == RatiosEnrolment {
			return nil, nil, fmt.Errorf("%w: ratios: enrolment needs %s rows of district %q", ErrInput, engine.EnrolmentFile, district)
		}
	}
	if o.Ratios == RatiosFile && c.Demography.Survival == nil {
		return nil, nil, fmt.Errorf("%w: ratios: file needs %s", ErrInput, engine.SurvivalFile)
	}
	return census, enrol, nil
}

// pickRatio is the ratio of age a from the first source that has one: the
// survival file (when useFile), the census, the enrolment, else 1.
func pickRatio(sv *engine.Survival, district string, a int, useFile bool, census, enrol []float64) (float64, string) {
	if useFile {
		if v, ok := sv.Ratio(district, a); ok {
			return v, fromFile
		}
	}
	if census != nil && census[a] > 0 {
		return census[a], fromCensus
	}
	if enrol != nil && enrol[a] > 0 {
		return enrol[a], fromEnrolment
	}
	return 1, fromNone
}

// censusRatios estimates annual ratios from the two latest census years of
// the district, h years apart: for a cohort counted in both,
// r(a) = (P₂(a) / P₁(a−h))^(1/h); for one born between them, with observed
// births, r(a) = (P₂(a) / births(Y₂−a))^(1/(a+1)). 0 where there is no
// estimate; nil without two censuses.
func censusRatios(p *engine.Population, district string, maxAge int, bm *birthModel) []float64 {
	y2, y1, ok := lastTwoCensuses(p, district)
	if !ok {
		return nil
	}
	p2, p1 := p.Ages(district, y2), p.Ages(district, y1)
	h := int(y2 - y1)
	out := make([]float64, maxAge+1)
	for a := 0; a < len(out) && a < len(p2); a++ {
		if a >= h {
			out[a] = cohortRatio(p1, p2, a, h)
		} else if bm != nil && bm.observed(y2-engine.Year(a)) {
			out[a] = birthRatio(bm, p2, y2, a)
		}
	}
	for a := range out {
		if out[a] > engine.MaxSurvivalRatio {
			out[a] = 0 // implausible: leave it to the next source
		}
	}
	return out
}

// lastTwoCensuses returns the two latest census years with the district's
// ages, latest first.
func lastTwoCensuses(p *engine.Population, district string) (y2, y1 engine.Year, ok bool) {
	if p == nil {
		return 0, 0, false
	}
	var years []engine.Year
	for k := len(p.Years) - 1; k >= 0 && len(years) < 2; k-- {
		if p.Ages(district, p.Years[k]) != nil {
			years = append(years, p.Years[k])
		}
	}
	if len(years) < 2 {
		return 0, 0, false
	}
	return years[0], years[1], true
}

// cohortRatio is (P₂(a) / P₁(a−h))^(1/h), or 0 without both counts.
func cohortRatio(p1, p2 []float64, a, h int) float64 {
	if a-h < len(p1) && p1[a-h] > 0 && p2[a] > 0 {
		return math.Pow(p2[a]/p1[a-h], 1/float64(h))
	}
	return 0
}

// birthRatio is (P₂(a) / births(Y₂−a))^(1/(a+1)), or 0 without both.
func birthRatio(bm *birthModel, p2 []float64, y2 engine.Year, a int) float64 {
	if b, err := bm.births(y2 - engine.Year(a)); err == nil && b > 0 && p2[a] > 0 {
		return math.Pow(p2[a]/b, 1/float64(a+1))
	}
	return 0
}

// enrolmentRatios estimates ratios of ages 7–14 from the district's grade
// progression ratios (age a ↔ grade a − 5); nil without enrolment rows.
func enrolmentRatios(e *engine.Enrolment, district string, o *Options, maxAge int) ([]float64, error) {
	if e == nil {
		return nil, nil
	}
	sum := districtEnrolment(e, district)
	if sum == nil {
		return nil, nil
	}
	until, err := fitUntil(e, o)
	if err != nil {
		return nil, err
	}
	out := make([]float64, maxAge+1)
	for g := 2; g <= engine.MaxGrade && g+5 <= maxAge; g++ {
		if v, ok := meanProgression(e, sum, g, until, o.window()); ok {
			out[g+5] = v
		}
	}
	return out, nil
}
