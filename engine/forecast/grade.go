package forecast

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// UnitProjection is one school's or district's enrolment, observed up to
// Until and projected by grade progression after it.
type UnitProjection struct {
	Unit        *engine.EnrolmentUnit
	First, Last engine.Year
	Until       engine.Year
	// Lo and Hi are the grades the unit teaches: the lowest and highest
	// grade with a row in Until or the year before (K = 0); the school
	// system must hold every grade of its history. Lo is its entry grade.
	// No other grade is projected.
	Lo, Hi int
	// Pupils by year and grade: index (y − First)·engine.GradeSlots +
	// grade; years up to Until are the data (a missing row counts 0).
	Pupils []float64
	// Ratio is the progression ratio used for each grade (index grade);
	// for the entry grade, the births-to-entry ratio (0 when the entry
	// grade is carried forward as the window's level).
	Ratio [engine.GradeSlots]float64
	// Pooled marks grades whose ratio came from other units of the
	// district (or all units): the unit had no pair of years to fit.
	Pooled [engine.GradeSlots]bool
	// Outliers are the window's yearly ratios the robust fit left out.
	Outliers []Outlier
	// Closed is set when the unit has no rows in Until: it is not projected.
	Closed bool
}

// At returns the unit's pupils in grade g of year y (0 outside).
func (u *UnitProjection) At(y engine.Year, g int) float64 {
	if y < u.First || y > u.Last || g < 0 || g > engine.MaxGrade {
		return 0
	}
	return u.Pupils[int(y-u.First)*engine.GradeSlots+g]
}

// Total returns the unit's pupils in all grades in year y.
func (u *UnitProjection) Total(y engine.Year) float64 {
	var n float64
	for g := u.Lo; g <= u.Hi; g++ {
		n += u.At(y, g)
	}
	return n
}

// fitUntil is Options.Until, or the enrolment's last year; it must leave at
// least one year of data.
func fitUntil(e *engine.Enrolment, o *Options) (engine.Year, error) {
	u := o.Until
	if u == 0 {
		u = e.LastYear
	}
	if u < e.FirstYear {
		return 0, fmt.Errorf("%w: until %d is before the first year of %s (%d)", ErrInput, u, engine.EnrolmentFile, e.FirstYear)
	}
	return min(u, e.LastYear), nil
}

// districtEnrolment sums the units of district into one unit (nil when the
// file has none); a cell is given when any unit gives it.
func districtEnrolment(e *engine.Enrolment, district string) *engine.EnrolmentUnit {
	var sum *engine.EnrolmentUnit
	for i := range e.Units {
		u := &e.Units[i]
		if u.District != district && !(!u.School && u.ID == district) {
			continue
		}
		if sum == nil {
			sum = &engine.EnrolmentUnit{ID: district, District: district, Pupils: make([]float64, len(u.Pupils)), Has: make([]bool, len(u.Has))}
		}
		for k := range u.Pupils {
			if u.Has[k] {
				sum.Pupils[k] += u.Pupils[k]
				sum.Has[k] = true
			}
		}
	}
	return sum
}

// meanProgression is the mean over the window's years t (ending at until)
// of E(g, t) / E(g−1, t−1), over the years where both are given and the
// denominator is positive.
func meanProgression(e *engine.Enrolment, u *engine.EnrolmentUnit, g int, until engine.Year, w int) (float64, bool) {
	var sum float64
	n := 0
	for t := until; t > until-engine.Year(w) && t > e.FirstYear; t-- {
		num, ok1 := e.Lookup(u, t, g)
		den, ok2 := e.Lookup(u, t-1, g-1)
		if ok1 && ok2 && den > 0 {
			sum += num / den
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// gradeSpan is the grades a unit teaches: the lowest and highest grade
// with a row in until or the year before (a grade whose row is missing in
// until alone is still taught; of its whole history when it has none: it
// is closed). Every grade of its history must be a grade of the school
// system sys.
func gradeSpan(e *engine.Enrolment, u *engine.EnrolmentUnit, until engine.Year, sys engine.SchoolSystem) (lo, hi int, err error) {
	lo, hi = engine.MaxGrade+1, -1
	histLo, histHi := lo, hi
	for y := e.FirstYear; y <= until; y++ {
		for g := 0; g <= engine.MaxGrade; g++ {
			if _, ok := e.Lookup(u, y, g); ok {
				histLo, histHi = min(histLo, g), max(histHi, g)
				if y >= until-1 {
					lo, hi = min(lo, g), max(hi, g)
				}
			}
		}
	}
	if histHi < 0 {
		return 0, 0, nil
	}
	for _, g := range [2]int{histLo, histHi} {
		if _, ok := sys.StageOf(g); !ok {
			return 0, 0, fmt.Errorf("%w: %s: %s %q has grade %s, which the school system %s does not have",
				ErrInput, engine.EnrolmentFile, unitKind(u), u.ID, sys.GradeName(g), sys)
		}
	}
	if hi < 0 {
		return histLo, histHi, nil
	}
	return lo, hi, nil
}

// systemGrades is an error unless the school system's grades all lie in
// K–MaxGrade, the grades enrolment.csv holds.
func systemGrades(sys engine.SchoolSystem) error {
	if lo, hi := sys.EntryGrade(engine.Primary), sys.LastGrade(engine.Junior); lo < 0 || hi > engine.MaxGrade {
		return fmt.Errorf("%w: grade_progression works on grades K–%d of %s, but the school system's grades are %s: use the table or cohort method",
			ErrInput, engine.MaxGrade, engine.EnrolmentFile, sys)
	}
	return nil
}

// gradeModel projects enrolment units by grade progression.
type gradeModel struct {
	e      *engine.Enrolment
	sys    engine.SchoolSystem
	o      *Options
	prog   *Progression
	f      factors
	until  engine.Year
	last   engine.Year
	births func(district string) (*birthModel, error) // nil: no births
	// pooled[district][g] and pooledAll[g]: ratio of sums over the window
	// (without the robust fit's outliers).
	pooled    map[string]*[engine.GradeSlots]float64
	pooledAll [engine.GradeSlots]float64
	// units[i] is unit i's span and outlier tests.
	units []unitFit
	// schools[district] counts its school units.
	schools map[string]int
	buf     []float64
}

// unitFit is what the model learns of a unit before projecting it.
type unitFit struct {
	lo, hi int
	// test[g] judges E(g, t)/E(g−1, t−1); test[lo] the entry series.
	test [engine.GradeSlots]outlierTest
}

func newGradeModel(e *engine.Enrolment, sys engine.SchoolSystem, o *Options, f factors, births func(string) (*birthModel, error)) (*gradeModel, error) {
	if err := systemGrades(sys); err != nil {
		return nil, err
	}
	until, err := fitUntil(e, o)
	if err != nil {
		return nil, err
	}
	m := &gradeModel{e: e, sys: sys, o: o, prog: &o.Progression, f: f, until: until, last: max(o.last(), until), births: births,
		pooled: map[string]*[engine.GradeSlots]float64{}, units: make([]unitFit, len(e.Units)), schools: map[string]int{}}
	for i := range e.Units {
		u := &e.Units[i]
		fit := &m.units[i]
		if fit.lo, fit.hi, err = gradeSpan(e, u, until, sys); err != nil {
			return nil, err
		}
		if u.School {
			m.schools[u.District]++
		}
		if m.prog.robust() {
			m.testUnit(u, fit)
		}
	}
	if m.prog.robust() {
		m.parentTests()
	}
	m.poolRatios()
	return m, nil
}

// parentKey is the group a unit's ratios are pooled and shrunk with: its
// district when it is one of two or more schools there, else all units
// ("").
func (m *gradeModel) parentKey(u *engine.EnrolmentUnit) string {
	if u.School && m.schools[u.District] >= 2 {
		return u.District
	}
	return ""
}

// parentTests judges the ratios of a unit with too short a history (fewer
// than three years) against its parent's: the median of every yearly ratio
// of the parent's units over the last outlierHistory years, with the
// widest limit, log(1 + OutlierCeiling).
func (m *gradeModel) parentTests() {
	tests := map[string]*[engine.GradeSlots]outlierTest{}
	for k, v := range m.parentLogRatios() {
		t := new([engine.GradeSlots]outlierTest)
		for g, r := range v {
			if len(r) >= 3 {
				t[g] = outlierTest{median: median(r, m.buf), limit: math.Log1p(OutlierCeiling), ok: true}
			}
		}
		tests[k] = t
	}
	for i := range m.e.Units {
		fit, t := &m.units[i], tests[m.parentKey(&m.e.Units[i])]
		for g := fit.lo + 1; g <= fit.hi; g++ {
			if !fit.test[g].ok {
				fit.test[g] = t[g]
			}
		}
	}
}

// parentLogRatios gathers, per parent, every usable log progression ratio
// of its units by grade over the last outlierHistory years.
func (m *gradeModel) parentLogRatios() map[string]*[engine.GradeSlots][]float64 {
	lr := map[string]*[engine.GradeSlots][]float64{}
	for i := range m.e.Units {
		u := &m.e.Units[i]
		k := m.parentKey(u)
		if lr[k] == nil {
			lr[k] = new([engine.GradeSlots][]float64)
		}
		for g := m.units[i].lo + 1; g <= m.units[i].hi; g++ {
			lr[k][g] = m.appendLogRatios(lr[k][g], u, g)
		}
	}
	return lr
}

// appendLogRatios appends unit u's usable log ratios of grade g over the
// last outlierHistory years up to until, latest first.
func (m *gradeModel) appendLogRatios(lr []float64, u *engine.EnrolmentUnit, g int) []float64 {
	for t := m.until; t > m.until-outlierHistory && t > m.e.FirstYear; t-- {
		if num, den, ok := m.usable(u, t, g); ok {
			lr = append(lr, logRatio(num, den))
		}
	}
	return lr
}

// usable reports whether the pair E(g, t)/E(g−1, t−1) of unit u may be
// fitted: both given, a positive denominator, no shock year.
func (m *gradeModel) usable(u *engine.EnrolmentUnit, t engine.Year, g int) (num, den float64, ok bool) {
	num, ok1 := m.e.Lookup(u, t, g)
	den, ok2 := m.e.Lookup(u, t-1, g-1)
	if !ok1 || !ok2 || den <= 0 || m.prog.excluded(t) || m.prog.excluded(t-1) {
		return 0, 0, false
	}
	return num, den, true
}

// testUnit sets up the outlier tests of unit u's progression ratios from
// the last outlierHistory years up to until.
func (m *gradeModel) testUnit(u *engine.EnrolmentUnit, fit *unitFit) {
	lr := make([]float64, 0, outlierHistory)
	for g := fit.lo + 1; g <= fit.hi; g++ {
		lr = m.appendLogRatios(lr[:0], u, g)
		fit.test[g] = newOutlierTest(lr, m.prog.outlier(), m.buf)
	}
}

// poolRatios sums each district's and all units' pairs over the window,
// without outliers.
func (m *gradeModel) poolRatios() {
	var all pairSums
	byDistrict := map[string]*pairSums{}
	for i := range m.e.Units {
		u := &m.e.Units[i]
		if byDistrict[u.District] == nil {
			byDistrict[u.District] = new(pairSums)
		}
		m.sumPairs(i, byDistrict[u.District], &all)
	}
	for d, ps := range byDistrict {
		r := new([engine.GradeSlots]float64)
		for g := range r {
			if ps.den[g] > 0 {
				r[g] = ps.num[g] / ps.den[g]
			}
		}
		m.pooled[d] = r
	}
	for g := range m.pooledAll {
		m.pooledAll[g] = 1
		if all.den[g] > 0 {
			m.pooledAll[g] = all.num[g] / all.den[g]
		}
	}
}

// pairSums sums the numerators and denominators of progression ratios by
// grade.
type pairSums struct{ num, den [engine.GradeSlots]float64 }

// sumPairs adds unit i's usable pairs over the window, without outliers,
// to its district's sums and to all.
func (m *gradeModel) sumPairs(i int, district, all *pairSums) {
	u := &m.e.Units[i]
	w := engine.Year(m.window())
	for g := 1; g <= engine.MaxGrade; g++ {
		for t := m.until; t > m.until-w && t > m.e.FirstYear; t-- {
			a, b, ok := m.usable(u, t, g)
			if !ok || m.units[i].test[g].out(a, b) {
				continue
			}
			district.num[g] += a
			district.den[g] += b
			all.num[g] += a
			all.den[g] += b
		}
	}
}

// parentRatio is the pooled ratio of grade g over unit u's district, or
// over all units when the district has none (or, in the robust fit, when
// u is not one of two or more schools of its district).
func (m *gradeModel) parentRatio(u *engine.EnrolmentUnit, g int) float64 {
	if m.prog.robust() && (!u.School || m.schools[u.District] < 2) {
		return m.pooledAll[g]
	}
	if pr := m.pooled[u.District]; pr != nil && pr[g] > 0 {
		return pr[g]
	}
	return m.pooledAll[g]
}

// project projects unit i.
func (m *gradeModel) project(i int) (*UnitProjection, error) {
	e, u, fit := m.e, &m.e.Units[i], &m.units[i]
	p := &UnitProjection{Unit: u, First: e.FirstYear, Last: m.last, Until: m.until, Lo: fit.lo, Hi: fit.hi,
		Pupils: make([]float64, (int(m.last-e.FirstYear)+1)*engine.GradeSlots)}
	open := false
	for y := e.FirstYear; y <= m.until; y++ {
		for g := 0; g <= engine.MaxGrade; g++ {
			if n, ok := e.Lookup(u, y, g); ok {
				p.Pupils[int(y-e.FirstYear)*engine.GradeSlots+g] = n
				open = open || y == m.until
			}
		}
	}
	if !open {
		p.Closed = true
		return p, nil
	}
	for g := p.Lo + 1; g <= p.Hi; g++ {
		m.progressionRatio(p, fit, g)
	}
	ent := m.fitEntry(p)
	if m.prog.robust() {
		m.repairBase(p, fit, ent)
	}
	slices.SortFunc(p.Outliers, func(a, b Outlier) int { return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Grade, b.Grade)) })
	return p, m.extend(p, ent)
}

// progressionRatio sets p.Ratio[g]: the unit's window ratio by the rule
// (without outliers), shrunk toward its parent's in the robust fit; its
// parent's when it has no pair.
func (m *gradeModel) progressionRatio(p *UnitProjection, fit *unitFit, g int) {
	u := p.Unit
	w := m.window()
	if !m.prog.robust() {
		if r, ok := meanProgression(m.e, u, g, m.until, w); ok {
			p.Ratio[g] = r
			return
		}
		p.Pooled[g], p.Ratio[g] = true, m.parentRatio(u, g)
		return
	}
	var num, den [64]float64
	n := 0
	for t := m.until; t > m.until-engine.Year(w) && t > m.e.FirstYear && n < len(num); t-- {
		a, b, ok := m.usable(u, t, g)
		if !ok {
			continue
		}
		if fit.test[g].out(a, b) {
			p.Outliers = append(p.Outliers, Outlier{Unit: u.ID, Year: t, Grade: g, Ratio: a / b, Typical: expm(fit.test[g].median)})
			continue
		}
		num[n], den[n] = a, b
		n++
	}
	parent := m.parentRatio(u, g)
	r, ok := combine(m.prog.Ratios, num[:n], den[:n], m.buf)
	if !ok {
		p.Pooled[g], p.Ratio[g] = true, parent
		return
	}
	var d float64
	for _, b := range den[:n] {
		d += b
	}
	p.Ratio[g] = shrinkRatio(r, d, parent, m.prog.shrink())
}

// window is the number of years the fit combines.
func (m *gradeModel) window() int { return m.prog.window(m.o.window()) }

func unitKind(u *engine.EnrolmentUnit) string {
	if u.School {
		return "school"
	}
	return "district"
}

// projectGrades is the grade-progression method: each unit projected, then
// summed by district into children by age (age = grade + 5). Years up to
// the fit's last year are the enrolment data.
func projectGrades(c *engine.City, o *Options, f factors) (*engine.Forecast, []*UnitProjection, []string, engine.Year, error) {
	e := c.Demography.Enrolment
	if e == nil {
		return nil, nil, nil, 0, fmt.Errorf("%w: grade_progression needs %s", ErrInput, engine.EnrolmentFile)
	}
	if o.Select {
		// The choice is among the robust fit, trend and naive.
		oo := *o
		oo.Progression = robustProgression(o.Progression)
		o = &oo
	}
	births := func(d string) (*birthModel, error) {
		return newBirthModel(c.Demography.Births, d, o, f)
	}
	if c.Demography.Births == nil {
		births = nil
	}
	m, err := newGradeModel(e, c.System, o, f, births)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	units, notes, err := m.projectAll(c, o, c.Demography.Births)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	fc, err := gradeTable(c, e, m.last, units)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	return fc, units, notes, m.until, nil
}

// projectAll projects every unit, by the method backtested best per unit
// when o.Select is set; notes say what each rests on.
func (m *gradeModel) projectAll(c *engine.City, o *Options, b *engine.Births) ([]*UnitProjection, []string, error) {
	var chosen []string
	var notes []string
	var cohort *cohortChildren
	if o.Select {
		var bands []ErrorBand
		var fallback string
		var err error
		if chosen, fallback, bands, err = selectMethods(c, m.e, b, m.until, o); err != nil {
			return nil, nil, err
		}
		notes = append(notes, bandNote(bands))
		if slices.Contains(chosen, MethodCohort) {
			if cohort, err = newCohortChildren(c, m, o, b, fallback); err != nil {
				return nil, nil, err
			}
		}
	}
	var units []*UnitProjection
	for i := range m.e.Units {
		p, err := m.project(i)
		if err != nil {
			return nil, nil, err
		}
		note := gradeNote(p, m)
		if chosen != nil && !p.Closed {
			note += "; " + applyChoice(p, chosen[i], m, cohort)
		}
		units = append(units, p)
		notes = append(notes, note)
	}
	return units, notes, nil
}

// newCohortChildren makes the cohort projection from the fit's last year
// for the units that take the cohort method.
func newCohortChildren(c *engine.City, m *gradeModel, o *Options, b *engine.Births, fallback string) (*cohortChildren, error) {
	cr, _ := newCohortRun(c, m.e)
	fc, err := cr.project(m.e, b, o, m.until, int(m.last-m.until))
	if err != nil {
		return nil, fmt.Errorf("the cohort method, back-tested best: %w", err)
	}
	if fc == nil {
		return nil, fmt.Errorf("%w: the cohort method, back-tested best: %s has no census at or before %d", ErrInput, engine.PopulationFile, m.until)
	}
	cc := &cohortChildren{fc: fc, district: map[string]int{}, fallback: fallback}
	for i := range c.Districts {
		cc.district[c.Districts[i].ID] = i
	}
	return cc, nil
}

// gradeTable sums the units by district into children by age.
func gradeTable(c *engine.City, e *engine.Enrolment, last engine.Year, units []*UnitProjection) (*engine.Forecast, error) {
	dix := map[string]int{}
	for i := range c.Districts {
		dix[c.Districts[i].ID] = i
	}
	fc := &engine.Forecast{FirstYear: e.FirstYear, LastYear: last, MaxAge: engine.MaxGrade + engine.GradeAgeOffset, ByDistrict: map[int]*engine.AgeTable{}}
	cells := fc.Years() * (fc.MaxAge + 1)
	for _, p := range units {
		u := p.Unit
		di, ok := dix[u.District]
		if !ok {
			return nil, fmt.Errorf("%w: %s %q: district %q is not in the city", ErrInput, unitKind(u), u.ID, u.District)
		}
		t := fc.ByDistrict[di]
		if t == nil {
			t = &engine.AgeTable{Count: make([]float64, cells), Has: make([]bool, cells)}
			fc.ByDistrict[di] = t
		}
		for y := fc.FirstYear; y <= fc.LastYear; y++ {
			for g := p.Lo; g <= p.Hi; g++ {
				k := fc.Index(y, g+engine.GradeAgeOffset)
				t.Count[k] += p.At(y, g)
				t.Has[k] = true
			}
		}
	}
	return fc, nil
}

// gradeNote says what a unit's projection rests on.
func gradeNote(p *UnitProjection, m *gradeModel) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", unitKind(p.Unit), p.Unit.ID)
	if p.Unit.School && p.Unit.District != "" {
		fmt.Fprintf(&b, " (%s)", p.Unit.District)
	}
	if p.Closed {
		fmt.Fprintf(&b, ": no pupils in %d, not projected", m.until)
		return b.String()
	}
	name := m.sys.GradeName
	fmt.Fprintf(&b, ": grades %s–%s fitted on %d–%d; entry grade %s: ", name(p.Lo), name(p.Hi), max(m.e.FirstYear, m.until-engine.Year(m.window())+1), m.until, name(p.Lo))
	if p.Ratio[p.Lo] > 0 {
		fmt.Fprintf(&b, "%.3f × births %d years before", p.Ratio[p.Lo], p.Lo+engine.GradeAgeOffset)
	} else {
		b.WriteString("mean of the window")
	}
	b.WriteString("; progression")
	for g := p.Lo + 1; g <= p.Hi; g++ {
		fmt.Fprintf(&b, " %s:%.3f", name(g), p.Ratio[g])
		if p.Pooled[g] {
			b.WriteString("(pooled)")
		}
	}
	if m.prog.robust() {
		fmt.Fprintf(&b, " (%s ratios, shrunk with K = %g)", m.prog.Ratios, m.prog.shrink())
	}
	for _, o := range p.Outliers {
		b.WriteString("; outlier ")
		b.WriteString(o.String())
	}
	return b.String()
}
