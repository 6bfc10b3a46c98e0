package forecast

import (
	"fmt"
	"math"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// selectMethods names, per unit of e, the candidate method with the
// lowest back-test error over all units and the SelectDepth origins before
// until (scored on the years up to until only): MethodBlend when the
// history is too short to score. The cohort method is a candidate when c
// has population.csv; fallback is the method chosen without it, for the
// units it cannot project. It also returns the chosen method's 80% bands
// for projections from until, by years ahead (empty where there are too
// few earlier errors).
func selectMethods(c *engine.City, e *engine.Enrolment, b *engine.Births, until engine.Year, o *Options) (methods []string, fallback string, bands []ErrorBand, err error) {
	out := make([]string, len(e.Units))
	for i := range out {
		out[i] = MethodBlend
	}
	first := e.FirstYear + 1
	if first >= until {
		return out, MethodBlend, nil, nil
	}
	oo := *o
	oo.Select = false
	h := min(5, int(until-first))
	var cr *cohortRun
	if c != nil && c.Demography.Population != nil {
		cr, _ = newCohortRun(c, e)
	}
	r, err := newRolling(e, b, &oo, first, until-1, h, cr)
	if err != nil {
		return nil, "", nil, err
	}
	best, fb := r.best(until)
	for i := range out {
		out[i] = Methods[best]
	}
	var pool []float64
	for k := 1; k <= h; k++ {
		var bd band
		bd, pool = r.bandAt(until, k, 0.8, pool)
		bands = append(bands, ErrorBand{Ahead: k, Lo: bd.lo, Hi: bd.hi, Errors: bd.n})
	}
	return out, Methods[fb], bands, nil
}

// bandNote writes the bands as a note.
func bandNote(bands []ErrorBand) string {
	var b strings.Builder
	b.WriteString("80% band of the chosen method, from its back-tested errors (actual ÷ projected):")
	any := false
	for _, bd := range bands {
		if bd.Errors > 0 {
			fmt.Fprintf(&b, " %d yr %.3f–%.3f;", bd.Ahead, bd.Lo, bd.Hi)
			any = true
		}
	}
	if !any {
		return "no 80% band: too few earlier years to back-test"
	}
	return strings.TrimSuffix(b.String(), ";")
}

// applyChoice reprojects p by method (p holds the robust progression;
// cohort: the children projected from Until, see cohortGrades) and says
// which method it used.
func applyChoice(p *UnitProjection, method string, m *gradeModel, cohort *cohortChildren) string {
	U := p.Until
	switch method {
	case MethodNaive:
		base := p.Total(U)
		for y := U + 1; y <= p.Last; y++ {
			scaleYear(p, y, base)
		}
	case MethodBlend:
		blendWithBase(p)
	case MethodCohort:
		if !cohortGrades(p, m.e, cohort) {
			return fmt.Sprintf("the back-tested cohort method has no children of this unit's grades' ages in %d: ", U) + applyChoice(p, cohort.fallback, m, nil)
		}
	case MethodTrend:
		if !trendGrades(p, m) {
			return "method: " + MethodRobust + " (too short a history for a trend)"
		}
	}
	return fmt.Sprintf("method: %s (back-tested best over the %d origins before %d)", method, SelectDepth, U)
}

// scaleYear sets p's grades of year y to those of Until scaled to total.
func scaleYear(p *UnitProjection, y engine.Year, total float64) {
	f := 0.0
	if base := p.Total(p.Until); base > 0 {
		f = total / base
	}
	row, b := int(y-p.First)*engine.GradeSlots, int(p.Until-p.First)*engine.GradeSlots
	for g := p.Lo; g <= p.Hi; g++ {
		p.Pupils[row+g] = p.Pupils[b+g] * f
	}
}

// blendWithBase averages each grade after Until with its pupils of Until.
func blendWithBase(p *UnitProjection) {
	b := int(p.Until-p.First) * engine.GradeSlots
	for y := p.Until + 1; y <= p.Last; y++ {
		row := int(y-p.First) * engine.GradeSlots
		for g := p.Lo; g <= p.Hi; g++ {
			p.Pupils[row+g] = (p.Pupils[row+g] + p.Pupils[b+g]) / 2
		}
	}
}

// trendGrades scales p's grades after Until to the unit's linear trend of
// totals; false (p unchanged) when the history is too short for one.
func trendGrades(p *UnitProjection, m *gradeModel) bool {
	U := p.Until
	total := func(y engine.Year) (float64, bool) {
		v := unitTotal(m.e, p.Unit, y)
		return v, !math.IsNaN(v)
	}
	a, b, ok := trendLine(U, total, m.prog.excluded, m.e.FirstYear)
	if !ok {
		return false
	}
	for y := U + 1; y <= p.Last; y++ {
		scaleYear(p, y, trendAt(a, b, int(y-U)))
	}
	return true
}

// cohortChildren is the cohort projection made from Until for the chosen
// cohort method, with the method taken where it cannot project a unit.
type cohortChildren struct {
	fc       *engine.Forecast
	district map[string]int
	fallback string
}

// cohortGrades reprojects p's grades after Until by the cohort method,
// E(g, y) = E(g, U) × C(d, g+5, y) / C(d, g+5, U) (see cohortPupils);
// false (p unchanged) when a grade has no row in Until or pupils without
// children to scale by.
func cohortGrades(p *UnitProjection, e *engine.Enrolment, cc *cohortChildren) bool {
	d, ok := cc.district[p.Unit.District]
	if !ok || cc.fc.ByDistrict[d] == nil {
		return false
	}
	t := cc.fc.ByDistrict[d]
	base := make([]float64, engine.GradeSlots)
	for g := p.Lo; g <= p.Hi; g++ {
		if base[g], ok = cc.pupilsPerChild(p, e, t, g); !ok {
			return false
		}
	}
	for y := p.Until + 1; y <= p.Last; y++ {
		row := int(y-p.First) * engine.GradeSlots
		for g := p.Lo; g <= p.Hi; g++ {
			c, _ := cc.fc.Lookup(t, y, g+engine.GradeAgeOffset)
			p.Pupils[row+g] = c * base[g]
		}
	}
	return true
}

// pupilsPerChild is grade g's pupils in Until per child of its age in
// table t; false when the grade has no row in Until, or has pupils but no
// children to scale by in Until or a later year.
func (cc *cohortChildren) pupilsPerChild(p *UnitProjection, e *engine.Enrolment, t *engine.AgeTable, g int) (float64, bool) {
	U := p.Until
	n, ok := e.Lookup(p.Unit, U, g)
	c0, ok0 := cc.fc.Lookup(t, U, g+engine.GradeAgeOffset)
	if !ok || n > 0 && (!ok0 || c0 <= 0) {
		return 0, false
	}
	if n <= 0 {
		return 0, true
	}
	for y := U + 1; y <= p.Last; y++ {
		if _, ok := cc.fc.Lookup(t, y, g+engine.GradeAgeOffset); !ok {
			return 0, false
		}
	}
	return n / c0, true
}
