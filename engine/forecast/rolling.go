package forecast

import (
	"math"

	"github.com/schoolplan/schoolplan/engine"
)

// The methods the rolling back-test compares, by name.
const (
	// MethodClassic is grade progression with plain means of the window's
	// yearly ratios (Progression's zero value).
	MethodClassic = "progression"
	// MethodRobust is grade progression with pooled ratios (or the rule of
	// Options.Progression), outliers left out and shrinkage.
	MethodRobust = "progression_robust"
	// MethodCohort is the cohort-component projection of children by
	// age (population.csv, births.csv, survival.csv) turned into pupils
	// by each grade's enrolment/children ratio at the origin (see
	// cohortPupils); compared only where population data exist.
	MethodCohort = "cohort"
	// MethodTrend is a least-squares line through the unit's last
	// TrendYears totals.
	MethodTrend = "trend"
	// MethodNaive carries the last year's pupils forward.
	MethodNaive = "naive"
	// MethodBlend is the mean of robust progression and naive (from the
	// last year as the robust fit repaired it): their errors partly
	// cancel.
	MethodBlend = "blend"
	// MethodChosen is, per origin, the candidate (blend, robust
	// progression, trend, naive or cohort) with the lowest mean absolute
	// percentage error over all units and the SelectDepth origins before
	// it, scored on the years up to the origin only.
	MethodChosen = "chosen"
)

// Methods lists the compared methods in the order of the report.
var Methods = []string{MethodClassic, MethodRobust, MethodCohort, MethodTrend, MethodNaive, MethodBlend, MethodChosen}

const (
	mClassic = iota
	mRobust
	mCohort
	mTrend
	mNaive
	mBlend
	mChosen
	nMethods
)

// candidates are the methods MethodChosen picks from, in order of
// preference on a tie. Cohort comes last and is scored against the
// method chosen so far on the unit-years both projected (see best).
var candidates = [...]int{mBlend, mRobust, mTrend, mNaive, mCohort}

// SelectDepth is how many origins before a forecast's the method choice
// is scored on.
const SelectDepth = 5

// rolling holds every method's projected unit totals from a run of
// origins.
type rolling struct {
	e        *engine.Enrolment
	b        *engine.Births
	o        Options
	h        int         // horizons projected
	first    engine.Year // first origin
	origins  int
	years    int
	nu       int
	nd       int
	district []int     // unit → index of its district, in order of first appearance
	actual   []float64 // nu × years: unit total (NaN: no rows)
	proj     [nMethods][]float64
	chosen   []int8 // origins × nu
	outliers []Outlier
	cohort   *cohortRun // nil: no cohort-component projections
}

// newRolling projects every unit from each origin first … last, h years
// ahead, by every method.
func newRolling(e *engine.Enrolment, b *engine.Births, o *Options, first, last engine.Year, h int, cr *cohortRun) (*rolling, error) {
	r := &rolling{e: e, b: b, o: *o, h: h, first: first, origins: int(last-first) + 1,
		years: int(e.LastYear-e.FirstYear) + 1, nu: len(e.Units), cohort: cr}
	r.actual = make([]float64, r.nu*r.years)
	r.district = make([]int, r.nu)
	dix := map[string]int{}
	for i := range e.Units {
		d, ok := dix[e.Units[i].District]
		if !ok {
			d = len(dix)
			dix[e.Units[i].District] = d
		}
		r.district[i] = d
	}
	r.nd = len(dix)
	for i := range e.Units {
		for y := e.FirstYear; y <= e.LastYear; y++ {
			r.actual[i*r.years+int(y-e.FirstYear)] = unitTotal(e, &e.Units[i], y)
		}
	}
	for m := range r.proj {
		r.proj[m] = make([]float64, r.origins*r.nu*h)
		for k := range r.proj[m] {
			r.proj[m][k] = math.NaN()
		}
	}
	r.chosen = make([]int8, r.origins*r.nu)
	if r.cohort != nil {
		r.runCohorts()
	}
	for oi := range r.origins {
		if err := r.run(oi); err != nil {
			return nil, err
		}
		r.choose(oi)
	}
	return r, nil
}

// unitTotal is unit u's pupils in year y, NaN when it has no rows.
func unitTotal(e *engine.Enrolment, u *engine.EnrolmentUnit, y engine.Year) float64 {
	var n float64
	any := false
	for g := 0; g <= engine.MaxGrade; g++ {
		if v, ok := e.Lookup(u, y, g); ok {
			n += v
			any = true
		}
	}
	if !any {
		return math.NaN()
	}
	return n
}

// act is unit i's total in year y (NaN: none or outside the data).
func (r *rolling) act(i int, y engine.Year) float64 {
	if y < r.e.FirstYear || y > r.e.LastYear {
		return math.NaN()
	}
	return r.actual[i*r.years+int(y-r.e.FirstYear)]
}

// at is method m's projection of unit i made at origin index oi, h years
// ahead (1-based).
func (r *rolling) at(m, oi, i, h int) float64 { return r.proj[m][(oi*r.nu+i)*r.h+h-1] }

func (r *rolling) set(m, oi, i, h int, v float64) { r.proj[m][(oi*r.nu+i)*r.h+h-1] = v }

// run projects origin oi by every method.
func (r *rolling) run(oi int) error {
	origin := r.first + engine.Year(oi)
	oo := r.o
	oo.Method, oo.Band, oo.Draw, oo.Until, oo.Last, oo.Select = GradeProgression, Mid, 0, origin, origin+engine.Year(r.h), false
	f := newFactors(&oo)
	births := r.birthsUntil(origin, &oo, f)
	for _, m := range [2]int{mClassic, mRobust} {
		po := oo
		po.Progression = robustProgression(r.o.Progression)
		if m == mClassic {
			po.Progression = Progression{}
		}
		gm, err := newGradeModel(r.e, po.System, &po, f, births)
		if err != nil {
			return err
		}
		if err := r.runProgression(gm, m, oi, origin); err != nil {
			return err
		}
	}
	r.runTotals(oi, origin)
	return nil
}

// birthsUntil returns the birth models of each district fitted on the
// births observed up to origin, made once per district; nil without births.
func (r *rolling) birthsUntil(origin engine.Year, oo *Options, f factors) func(string) (*birthModel, error) {
	if r.b == nil {
		return nil
	}
	cut := truncateBirths(r.b, origin)
	cache := map[string]*birthModel{}
	return func(d string) (*birthModel, error) {
		if bm, ok := cache[d]; ok {
			return bm, nil
		}
		bm, err := newBirthModel(cut, d, oo, f)
		if err == nil {
			cache[d] = bm
		}
		return bm, err
	}
}

// runProgression projects origin oi by the grade model gm of method m
// (classic or robust; the robust fit also gives the blend and, at the last
// origin, the outliers).
func (r *rolling) runProgression(gm *gradeModel, m, oi int, origin engine.Year) error {
	for i := range r.e.Units {
		p, err := gm.project(i)
		if err != nil {
			return err
		}
		if p.Closed {
			continue
		}
		for h := 1; h <= r.h; h++ {
			r.set(m, oi, i, h, p.Total(origin+engine.Year(h)))
			if m == mRobust {
				// Blend: with the last year as the robust fit
				// repaired it.
				r.set(mBlend, oi, i, h, (p.Total(origin+engine.Year(h))+p.Total(origin))/2)
			}
		}
		if m == mRobust && oi == r.origins-1 {
			r.outliers = append(r.outliers, p.Outliers...)
		}
	}
	return nil
}

// robustProgression is p with the pooled rule when p has the classic one.
func robustProgression(p Progression) Progression {
	if !p.robust() {
		p.Ratios = RatioPooled
	}
	return p
}

// runTotals projects origin oi by the trend and naive methods.
func (r *rolling) runTotals(oi int, origin engine.Year) {
	excl := r.o.Progression.excluded
	for i := range r.e.Units {
		base := r.act(i, origin)
		if math.IsNaN(base) {
			continue
		}
		total := func(y engine.Year) (float64, bool) { v := r.act(i, y); return v, !math.IsNaN(v) }
		a, b, ok := trendLine(origin, total, excl, r.e.FirstYear)
		for h := 1; h <= r.h; h++ {
			r.set(mNaive, oi, i, h, base)
			v := base
			if ok {
				v = trendAt(a, b, h)
			}
			r.set(mTrend, oi, i, h, v)
		}
	}
}

// score is the mean absolute percentage error of method m over the
// origins before year t (at most SelectDepth), counting only years up to
// t: of unit i, or of all units when i < 0; false without any.
func (r *rolling) score(m, i int, t engine.Year) (float64, bool) {
	s, n := r.scoreWith(m, m, i, t)
	return s, n > 0
}

// scoreWith is score over the unit-years that method with also projected,
// and the number of them.
func (r *rolling) scoreWith(m, with, i int, t engine.Year) (float64, int) {
	var e apeSum
	for o := t - 1; o >= t-SelectDepth && o >= r.first; o-- {
		oi := int(o - r.first)
		if oi >= r.origins {
			continue
		}
		for h := 1; h <= r.h && o+engine.Year(h) <= t; h++ {
			r.addErrors(&e, m, with, i, oi, h)
		}
	}
	if e.n == 0 {
		return 0, 0
	}
	return 100 * e.sum / float64(e.n), e.n
}

// apeSum sums absolute proportional errors.
type apeSum struct {
	sum float64
	n   int
}

// addErrors adds method m's errors from origin oi, h years ahead, of unit
// i (every unit when i < 0), where method with also projected.
func (r *rolling) addErrors(e *apeSum, m, with, i, oi, h int) {
	y := r.first + engine.Year(oi+h)
	for u := range r.nu {
		if i >= 0 && u != i {
			continue
		}
		a, p := r.act(u, y), r.at(m, oi, u, h)
		if math.IsNaN(a) || math.IsNaN(p) || a <= 0 || math.IsNaN(r.at(with, oi, u, h)) {
			continue
		}
		e.sum += math.Abs(p-a) / a
		e.n++
	}
}

// best is the candidate with the lowest score before year t over all
// units, where blend (the default) gives way only to a candidate whose
// score is lower by more than SelectMargin: one choice for the city,
// scored on every unit's errors, proved steadier in the back-tests than a
// choice per unit scored on a few years each (which picked the trend for
// units it then failed), and the margin keeps the choice from flipping on
// noise when the history is short.
//
// The cohort method, when there is one, is weighed last against the
// method chosen without it (fallback, which projects the units the cohort
// method cannot).
func (r *rolling) best(t engine.Year) (best, fallback int) {
	best = mBlend
	bestScore, ok := r.score(mBlend, -1, t)
	if !ok {
		return best, best
	}
	for _, m := range candidates {
		if m == mCohort {
			continue
		}
		if s, ok := r.score(m, -1, t); ok && s < bestScore*(1-SelectMargin) {
			best, bestScore = m, s/(1-SelectMargin)
		}
	}
	if r.cohort != nil && r.cohortBeats(best, t) {
		return mCohort, best
	}
	return best, best
}

// cohortBeats reports whether the cohort method scored lower by more than
// SelectMargin than method m before year t, both scored on the unit-years
// both projected (the cohort method projects only from origins with a
// census), at least minSelectErrors of them.
func (r *rolling) cohortBeats(m int, t engine.Year) bool {
	sc, n := r.scoreWith(mCohort, m, -1, t)
	sm, _ := r.scoreWith(m, mCohort, -1, t)
	return n >= minSelectErrors && sc < sm*(1-SelectMargin)
}

// minSelectErrors is the fewest unit-years the cohort method is chosen on.
const minSelectErrors = 20

// SelectMargin is how much lower (relatively) another candidate's score
// must be than blend's to be chosen over it.
const SelectMargin = 0.1

// choose fills MethodChosen at origin oi.
func (r *rolling) choose(oi int) {
	origin := r.first + engine.Year(oi)
	best, fallback := r.best(origin)
	for i := range r.e.Units {
		m := best
		if m == mCohort && math.IsNaN(r.at(m, oi, i, 1)) {
			m = fallback
		}
		r.chosen[oi*r.nu+i] = int8(m)
		for h := 1; h <= r.h; h++ {
			r.set(mChosen, oi, i, h, r.at(m, oi, i, h))
		}
	}
}
