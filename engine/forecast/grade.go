package forecast

import (
	"fmt"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// UnitProjection is one school's or district's enrolment, observed up to
// Until and projected by grade progression after it.
type UnitProjection struct {
	Unit        *engine.EnrolmentUnit
	First, Last engine.Year
	Until       engine.Year
	// Lo and Hi are the grades the unit teaches (from its history and the
	// school system: 1–6, 7–9 or 1–9 in 6+3); Lo is its entry grade.
	Lo, Hi int
	// Pupils by year and grade: index (y − First)·MaxGrade + grade − 1;
	// years up to Until are the data (a missing row counts 0).
	Pupils []float64
	// Ratio is the progression ratio used for each grade (index grade);
	// for the entry grade, the births-to-entry ratio (0 when the entry
	// grade is carried forward as the mean of the window).
	Ratio [engine.MaxGrade + 1]float64
	// Pooled marks grades whose ratio came from other units of the
	// district (or all units): the unit had no pair of years to fit.
	Pooled [engine.MaxGrade + 1]bool
	// Closed is set when the unit has no rows in Until: it is not projected.
	Closed bool
}

// At returns the unit's pupils in grade g of year y (0 outside).
func (u *UnitProjection) At(y engine.Year, g int) float64 {
	if y < u.First || y > u.Last || g < 1 || g > engine.MaxGrade {
		return 0
	}
	return u.Pupils[int(y-u.First)*engine.MaxGrade+g-1]
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

// gradeSpan is the grades a unit teaches, from the grades in its history
// and the school system sys: junior's grades (7–9 in 6+3) if it never had a
// grade below junior's entry grade, primary's (1–6) if never one above
// primary's last grade, else both stages' (1–9).
func gradeSpan(e *engine.Enrolment, u *engine.EnrolmentUnit, sys engine.SchoolSystem) (lo, hi int) {
	lo, hi = engine.MaxGrade+1, 0
	for k, has := range u.Has {
		if has {
			g := k%engine.MaxGrade + 1
			lo, hi = min(lo, g), max(hi, g)
		}
	}
	switch {
	case lo >= sys.EntryGrade(engine.Junior):
		return sys.EntryGrade(engine.Junior), sys.LastGrade(engine.Junior)
	case hi <= sys.LastGrade(engine.Primary):
		return sys.EntryGrade(engine.Primary), sys.LastGrade(engine.Primary)
	}
	return sys.EntryGrade(engine.Primary), sys.LastGrade(engine.Junior)
}

// systemGrades is an error unless the school system's grades all lie in
// 1–MaxGrade, the grades enrolment.csv holds (a system with kindergarten,
// grade K, or grades past 9 cannot be projected by grade progression).
func systemGrades(sys engine.SchoolSystem) error {
	if lo, hi := sys.EntryGrade(engine.Primary), sys.LastGrade(engine.Junior); lo < 1 || hi > engine.MaxGrade {
		return fmt.Errorf("%w: grade_progression works on grades 1–%d of %s, but the school system's grades are %s: use the table or cohort method",
			ErrInput, engine.MaxGrade, engine.EnrolmentFile, sys)
	}
	return nil
}

// gradeModel projects enrolment units by grade progression.
type gradeModel struct {
	e      *engine.Enrolment
	sys    engine.SchoolSystem
	o      *Options
	f      factors
	until  engine.Year
	last   engine.Year
	births func(district string) (*birthModel, error) // nil: no births
	// pooled[district][g] and pooledAll[g]: ratio of sums over the window.
	pooled    map[string]*[engine.MaxGrade + 1]float64
	pooledAll [engine.MaxGrade + 1]float64
}

func newGradeModel(e *engine.Enrolment, sys engine.SchoolSystem, o *Options, f factors, births func(string) (*birthModel, error)) (*gradeModel, error) {
	if err := systemGrades(sys); err != nil {
		return nil, err
	}
	until, err := fitUntil(e, o)
	if err != nil {
		return nil, err
	}
	m := &gradeModel{e: e, sys: sys, o: o, f: f, until: until, last: max(o.last(), until), births: births,
		pooled: map[string]*[engine.MaxGrade + 1]float64{}}
	w := engine.Year(o.window())
	var numAll, denAll [engine.MaxGrade + 1]float64
	num, den := map[string]*[engine.MaxGrade + 1]float64{}, map[string]*[engine.MaxGrade + 1]float64{}
	for i := range e.Units {
		u := &e.Units[i]
		if num[u.District] == nil {
			num[u.District], den[u.District] = new([engine.MaxGrade + 1]float64), new([engine.MaxGrade + 1]float64)
		}
		for g := 2; g <= engine.MaxGrade; g++ {
			for t := until; t > until-w && t > e.FirstYear; t-- {
				a, ok1 := e.Lookup(u, t, g)
				b, ok2 := e.Lookup(u, t-1, g-1)
				if ok1 && ok2 && b > 0 {
					num[u.District][g] += a
					den[u.District][g] += b
					numAll[g] += a
					denAll[g] += b
				}
			}
		}
	}
	for d := range num {
		r := new([engine.MaxGrade + 1]float64)
		for g := range r {
			if den[d][g] > 0 {
				r[g] = num[d][g] / den[d][g]
			}
		}
		m.pooled[d] = r
	}
	for g := range m.pooledAll {
		m.pooledAll[g] = 1
		if denAll[g] > 0 {
			m.pooledAll[g] = numAll[g] / denAll[g]
		}
	}
	return m, nil
}

// project projects unit u.
func (m *gradeModel) project(u *engine.EnrolmentUnit) (*UnitProjection, error) {
	e := m.e
	lo, hi := gradeSpan(e, u, m.sys)
	p := &UnitProjection{Unit: u, First: e.FirstYear, Last: m.last, Until: m.until, Lo: lo, Hi: hi,
		Pupils: make([]float64, (int(m.last-e.FirstYear)+1)*engine.MaxGrade)}
	open := false
	for y := e.FirstYear; y <= m.until; y++ {
		for g := 1; g <= engine.MaxGrade; g++ {
			if n, ok := e.Lookup(u, y, g); ok {
				p.Pupils[int(y-e.FirstYear)*engine.MaxGrade+g-1] = n
				if y == m.until {
					open = true
				}
			}
		}
	}
	if !open {
		p.Closed = true
		return p, nil
	}
	w := m.o.window()
	for g := lo + 1; g <= hi; g++ {
		if r, ok := meanProgression(e, u, g, m.until, w); ok {
			p.Ratio[g] = r
			continue
		}
		p.Pooled[g] = true
		if pr := m.pooled[u.District]; pr != nil && pr[g] > 0 {
			p.Ratio[g] = pr[g]
		} else {
			p.Ratio[g] = m.pooledAll[g]
		}
	}
	// Entry grade: births-to-entry ratio when births cover the window,
	// else the window's mean carried forward.
	age := lo + 5
	var bm *birthModel
	if m.births != nil && u.District != "" {
		var err error
		if bm, err = m.births(u.District); err != nil {
			bm = nil
		}
	}
	var sumRatio, sumEntry float64
	nRatio, nEntry := 0, 0
	for t := m.until; t > m.until-engine.Year(w) && t >= e.FirstYear; t-- {
		n, ok := e.Lookup(u, t, lo)
		if !ok {
			continue
		}
		sumEntry += n
		nEntry++
		if bm != nil && bm.observed(t-engine.Year(age)) {
			if b, err := bm.births(t - engine.Year(age)); err == nil && b > 0 {
				sumRatio += n / b
				nRatio++
			}
		}
	}
	useBirths := bm != nil && nRatio > 0
	if useBirths {
		p.Ratio[lo] = sumRatio / float64(nRatio)
	}
	meanEntry := 0.0
	if nEntry > 0 {
		meanEntry = sumEntry / float64(nEntry)
	}
	for y := m.until + 1; y <= m.last; y++ {
		row := int(y-e.FirstYear) * engine.MaxGrade
		prev := row - engine.MaxGrade
		if useBirths {
			b, err := bm.births(y - engine.Year(age))
			if err != nil {
				return nil, fmt.Errorf("%s %q: entry grade %d in %d: %w", unitKind(u), u.ID, lo, y, err)
			}
			p.Pupils[row+lo-1] = b * p.Ratio[lo] * m.f.ratio
		} else {
			p.Pupils[row+lo-1] = meanEntry * m.f.birthsAfter(int(y-m.until)) * m.f.ratio
		}
		for g := lo + 1; g <= hi; g++ {
			p.Pupils[row+g-1] = p.Pupils[prev+g-2] * p.Ratio[g] * m.f.ratio
		}
	}
	return p, nil
}

func unitKind(u *engine.EnrolmentUnit) string {
	if u.School {
		return "school"
	}
	return "district"
}

// projectGrades is the grade-progression method: each unit projected, then
// summed by district into children by age (age = grade + 5, ages 6–14).
// Years up to the fit's last year are the enrolment data.
func projectGrades(c *engine.City, o *Options, f factors) (*engine.Forecast, []*UnitProjection, []string, engine.Year, error) {
	e := c.Demography.Enrolment
	if e == nil {
		return nil, nil, nil, 0, fmt.Errorf("%w: grade_progression needs %s", ErrInput, engine.EnrolmentFile)
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
	dix := map[string]int{}
	for i := range c.Districts {
		dix[c.Districts[i].ID] = i
	}
	fc := &engine.Forecast{FirstYear: e.FirstYear, LastYear: m.last, MaxAge: engine.MaxGrade + 5, ByDistrict: map[int]*engine.AgeTable{}}
	cells := fc.Years() * (fc.MaxAge + 1)
	var units []*UnitProjection
	var notes []string
	for i := range e.Units {
		u := &e.Units[i]
		p, err := m.project(u)
		if err != nil {
			return nil, nil, nil, 0, err
		}
		units = append(units, p)
		notes = append(notes, gradeNote(p, m))
		di, ok := dix[u.District]
		if !ok {
			return nil, nil, nil, 0, fmt.Errorf("%w: %s %q: district %q is not in the city", ErrInput, unitKind(u), u.ID, u.District)
		}
		t := fc.ByDistrict[di]
		if t == nil {
			t = &engine.AgeTable{Count: make([]float64, cells), Has: make([]bool, cells)}
			fc.ByDistrict[di] = t
		}
		for y := fc.FirstYear; y <= fc.LastYear; y++ {
			for g := p.Lo; g <= p.Hi; g++ {
				k := fc.Index(y, g+5)
				t.Count[k] += p.At(y, g)
				t.Has[k] = true
			}
		}
	}
	return fc, units, notes, m.until, nil
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
	fmt.Fprintf(&b, ": grades %d–%d fitted on %d–%d; entry grade %d: ", p.Lo, p.Hi, max(m.e.FirstYear, m.until-engine.Year(m.o.window())+1), m.until, p.Lo)
	if p.Ratio[p.Lo] > 0 {
		fmt.Fprintf(&b, "%.3f × births %d years before", p.Ratio[p.Lo], p.Lo+5)
	} else {
		b.WriteString("mean of the window")
	}
	b.WriteString("; progression")
	for g := p.Lo + 1; g <= p.Hi; g++ {
		fmt.Fprintf(&b, " %d:%.3f", g, p.Ratio[g])
		if p.Pooled[g] {
			b.WriteString("(pooled)")
		}
	}
	return b.String()
}
