package forecast

import (
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/engine"
)

// entryFit is how a unit's entry grade is projected: births × a
// births-to-entry ratio when its district's births cover the window, else
// the window's level carried forward.
type entryFit struct {
	bm    *birthModel // nil: no births
	age   int         // births age years before entry
	ratio float64     // births-to-entry ratio (bm != nil)
	level float64     // entry pupils (bm == nil)
	test  outlierTest
	// den is the denominator the entry series is judged on: births, or
	// the median entry of the history without births.
	den func(t engine.Year) (float64, bool)
}

func expm(v float64) float64 { return math.Exp(v) }

// fitEntry fits unit p's entry grade over the window: the mean of the
// yearly ratios (or pupils) in the classic fit; the rule without shock
// years and outliers in the robust one.
func (m *gradeModel) fitEntry(p *UnitProjection) *entryFit {
	u, lo := p.Unit, p.Lo
	ent := &entryFit{age: lo + engine.GradeAgeOffset}
	if m.births != nil && u.District != "" {
		if bm, err := m.births(u.District); err == nil {
			ent.bm = bm
		}
	}
	ent.den = m.entryDenominator(p, ent)
	num, den := m.entryWindow(p, ent)
	if ent.bm != nil && len(num) == 0 {
		// Births do not cover the window: the level instead.
		ent.bm = nil
		ent.den = m.entryDenominator(p, ent)
		num, den = m.entryWindow(p, ent)
	}
	r, _ := combine(m.prog.Ratios, num, den, m.buf)
	if ent.bm != nil {
		ent.ratio = r
		p.Ratio[p.Lo] = r
	} else {
		ent.level = r
	}
	return ent
}

// entryWindow sets up the entry series' outlier test (robust fit) and
// returns the window's pupils and denominators without outliers (which go
// to p.Outliers). Without births the denominators are 1: the rule then
// gives the window's level.
func (m *gradeModel) entryWindow(p *UnitProjection, ent *entryFit) (num, den []float64) {
	u, lo := p.Unit, p.Lo
	ent.test = outlierTest{}
	if m.prog.robust() {
		lr := make([]float64, 0, outlierHistory)
		for t := m.until; t > m.until-outlierHistory && t >= m.e.FirstYear; t-- {
			if n, b, ok := m.entryPair(u, t, lo, ent); ok {
				lr = append(lr, logRatio(n, b))
			}
		}
		ent.test = newOutlierTest(lr, m.prog.outlier(), m.buf)
	}
	for t := m.until; t > m.until-engine.Year(m.window()) && t >= m.e.FirstYear; t-- {
		n, b, ok := m.entryPair(u, t, lo, ent)
		if !ok {
			continue
		}
		if ent.test.out(n, b) {
			p.Outliers = append(p.Outliers, Outlier{Unit: u.ID, Year: t, Grade: lo, Ratio: n / b, Typical: expm(ent.test.median)})
			continue
		}
		if ent.bm == nil {
			b = 1
		}
		num, den = append(num, n), append(den, b)
	}
	return num, den
}

// entryDenominator is the series the entry grade is judged against:
// observed births ent.age years before, else (robust fit) the median entry
// of the history, else 1.
func (m *gradeModel) entryDenominator(p *UnitProjection, ent *entryFit) func(engine.Year) (float64, bool) {
	if ent.bm != nil {
		bm := ent.bm
		return func(t engine.Year) (float64, bool) {
			by := t - engine.Year(ent.age)
			if !bm.observed(by) {
				return 0, false
			}
			b, err := bm.births(by)
			return b, err == nil && b > 0
		}
	}
	level := 1.0
	if m.prog.robust() {
		var v []float64
		for t := m.until; t > m.until-outlierHistory && t >= m.e.FirstYear; t-- {
			if n, ok := m.e.Lookup(p.Unit, t, p.Lo); ok && !m.prog.excluded(t) {
				v = append(v, n)
			}
		}
		if len(v) > 0 {
			level = max(median(v, nil), 1)
		}
	}
	return func(engine.Year) (float64, bool) { return level, true }
}

// entryPair is the entry grade's pupils in year t and their denominator.
func (m *gradeModel) entryPair(u *engine.EnrolmentUnit, t engine.Year, lo int, ent *entryFit) (n, b float64, ok bool) {
	n, ok = m.e.Lookup(u, t, lo)
	if !ok || m.prog.excluded(t) {
		return 0, 0, false
	}
	b, ok = ent.den(t)
	return n, b, ok
}

// entryAt is the projected entry grade of year y (before band factors on
// the ratio).
func (ent *entryFit) entryAt(y, until engine.Year, f factors) (float64, error) {
	if ent.bm != nil {
		b, err := ent.bm.births(y - engine.Year(ent.age))
		if err != nil {
			return 0, err
		}
		return b * ent.ratio, nil
	}
	return ent.level * f.birthsAfter(int(y-until)), nil
}

// repairBase replaces a cell of the fit's last year that is an outlier
// against its cohort (the ratio from the year before, whose own cell is no
// outlier) and more than repairJump from its grade's previous year: the
// projection starts from the expected value.
func (m *gradeModel) repairBase(p *UnitProjection, fit *unitFit, ent *entryFit) {
	u, U := p.Unit, m.until
	row := int(U-p.First) * engine.GradeSlots
	for g := p.Lo; g <= p.Hi; g++ {
		x, ok1 := m.e.Lookup(u, U, g)
		prev, ok2 := m.e.Lookup(u, U-1, g)
		if !ok1 {
			m.fillBase(p, ent, g)
			continue
		}
		if !ok2 {
			continue
		}
		want, out := m.expectedBase(p, fit, ent, g, x)
		if !out || math.Abs(logRatio(x, prev)) <= math.Log1p(repairJump) {
			continue
		}
		p.Pupils[row+g] = want
		p.markRepaired(U, g, want)
	}
}

// expectedBase is the expected pupils of grade g in the fit's last year
// and whether its pupils x there are an outlier against their cohort:
// for the entry grade against the entry fit, for a later grade against
// the ratio from the year before, whose own cell must be no outlier.
func (m *gradeModel) expectedBase(p *UnitProjection, fit *unitFit, ent *entryFit, g int, x float64) (float64, bool) {
	u, U := p.Unit, m.until
	if g == p.Lo {
		b, ok := ent.den(U)
		if !ok || !ent.test.out(x, b) {
			return 0, false
		}
		return b * expm(ent.test.median), true
	}
	a, b, ok := m.usable(u, U, g)
	if !ok || !fit.test[g].out(a, b) || m.outlierCell(u, fit, U-1, g-1, p.Lo) {
		return 0, false
	}
	return b * p.Ratio[g], true
}

// markRepaired notes on the outlier of year y and grade g that the
// projection starts from want instead.
func (p *UnitProjection) markRepaired(y engine.Year, g int, want float64) {
	for k := range p.Outliers {
		if o := &p.Outliers[k]; o.Year == y && o.Grade == g {
			o.Repaired, o.Replaced = true, want
		}
	}
}

// fillBase gives a grade without a row in the fit's last year its
// expected value, so that its cohort is not lost: the cohort's pupils the
// year before × the grade's ratio, or the entry grade's fit; left at 0 when
// neither is known. It is named among the outliers.
func (m *gradeModel) fillBase(p *UnitProjection, ent *entryFit, g int) {
	U := m.until
	var want float64
	if g == p.Lo {
		n, err := ent.entryAt(U, U, m.f)
		if err != nil {
			return
		}
		want = n
	} else {
		b, ok := m.e.Lookup(p.Unit, U-1, g-1)
		if !ok {
			return
		}
		want = b * p.Ratio[g]
	}
	p.Pupils[int(U-p.First)*engine.GradeSlots+g] = want
	p.Outliers = append(p.Outliers, Outlier{Unit: p.Unit.ID, Year: U, Grade: g, Missing: true, Repaired: true, Replaced: want})
}

// outlierCell reports whether the cell (g, t) is an outlier against its
// cohort (E(g, t)/E(g−1, t−1) flagged), so that it cannot be the base of
// another cell's repair.
func (m *gradeModel) outlierCell(u *engine.EnrolmentUnit, fit *unitFit, t engine.Year, g, lo int) bool {
	if g <= lo {
		return false
	}
	a, b, ok := m.usable(u, t, g)
	return ok && fit.test[g].out(a, b)
}

// extend projects p's years after the fit.
func (m *gradeModel) extend(p *UnitProjection, ent *entryFit) error {
	for y := m.until + 1; y <= m.last; y++ {
		row := int(y-p.First) * engine.GradeSlots
		prev := row - engine.GradeSlots
		n, err := ent.entryAt(y, m.until, m.f)
		if err != nil {
			return fmt.Errorf("%s %q: entry grade %s in %d: %w", unitKind(p.Unit), p.Unit.ID, m.sys.GradeName(p.Lo), y, err)
		}
		p.Pupils[row+p.Lo] = n * m.f.ratio
		for g := p.Lo + 1; g <= p.Hi; g++ {
			p.Pupils[row+g] = p.Pupils[prev+g-1] * p.Ratio[g] * m.f.ratio
		}
	}
	return nil
}
