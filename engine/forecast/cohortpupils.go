package forecast

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// cohortRun is what the back-test's cohort-component method needs: the
// city (districts, population.csv, survival.csv), each enrolment unit's
// district in it, and what kept the method from projecting.
type cohortRun struct {
	city     *engine.City
	district []int         // unit → index in city.Districts; −1: none
	skipped  []engine.Year // origins with no census at or before them
	err      error         // a projection failed: the method is left out
	missing  []string      // units without a projection at the last origin run
}

// newCohortRun prepares the cohort-component method for the units of e,
// or returns nil and the note that says why there is none.
func newCohortRun(c *engine.City, e *engine.Enrolment) (*cohortRun, string) {
	switch {
	case c == nil:
		return nil, "no cohort-component row: it needs the city's " + engine.PopulationFile + " (give a city folder or a scenario)"
	case c.Demography.Population == nil:
		return nil, "no cohort-component row: the city has no " + engine.PopulationFile
	}
	ix := make(map[string]int, len(c.Districts))
	for i := range c.Districts {
		ix[c.Districts[i].ID] = i
	}
	cr := &cohortRun{city: c, district: make([]int, len(e.Units))}
	for i := range e.Units {
		d, ok := ix[e.Units[i].District]
		if !ok {
			d = -1
		}
		cr.district[i] = d
	}
	return cr, ""
}

// project is the cohort projection of children by district and age made
// with what was known at origin: the latest census at or before it, births
// observed up to it, survival.csv, and ratios from censuses and enrolment
// up to it. nil without a census by then.
func (cr *cohortRun) project(e *engine.Enrolment, b *engine.Births, o *Options, origin engine.Year, h int) (*engine.Forecast, error) {
	pop := truncatePopulation(cr.city.Demography.Population, origin)
	if pop == nil {
		return nil, nil
	}
	c := *cr.city
	c.Demography = engine.Demography{Population: pop, Enrolment: e, Survival: cr.city.Demography.Survival}
	if b != nil {
		c.Demography.Births = truncateBirths(b, origin)
	}
	oo := Options{Method: Cohort, Last: origin + engine.Year(h), MaxAge: o.MaxAge, Window: o.Window,
		Until: origin, Ratios: o.Ratios, Births: o.Births}
	fc, _, err := projectCohort(&c, &oo, newFactors(&oo))
	return fc, err
}

// truncatePopulation keeps the census years up to until; nil when none is.
func truncatePopulation(p *engine.Population, until engine.Year) *engine.Population {
	k := 0
	for k < len(p.Years) && p.Years[k] <= until {
		k++
	}
	if k == 0 {
		return nil
	}
	out := &engine.Population{Years: p.Years[:k], ByDistrict: make(map[string][][]float64, len(p.ByDistrict))}
	for d, rows := range p.ByDistrict {
		out.ByDistrict[d] = rows[:k]
	}
	return out
}

// cohortPupils turns the district's projected children into unit u's
// pupils in year y: each grade g the unit has at the origin O keeps its
// enrolment/children ratio of O,
//
//	E(u, g, y) = C(d, g+5, y) × E(u, g, O) / C(d, g+5, O)
//
// (C: the cohort projection's children of age g + 5 — the grade's normal
// age — in the unit's district d; E(u, g, O) / C(d, g+5, O) is the
// district's enrolment ratio of the grade times the unit's share of the
// district's pupils in it), summed over the grades. False when a grade
// with pupils has no children to scale by.
func cohortPupils(e *engine.Enrolment, u *engine.EnrolmentUnit, fc *engine.Forecast, t *engine.AgeTable, origin, y engine.Year) (float64, bool) {
	var sum float64
	given := false
	for g := 0; g <= engine.MaxGrade; g++ {
		n, ok := e.Lookup(u, origin, g)
		if !ok {
			continue
		}
		given = true
		if n == 0 {
			continue
		}
		a := g + engine.GradeAgeOffset
		c0, ok0 := fc.Lookup(t, origin, a)
		c, ok1 := fc.Lookup(t, y, a)
		if !ok0 || !ok1 || c0 <= 0 {
			return 0, false
		}
		sum += c * n / c0
	}
	return sum, given
}

// runCohorts projects every origin by the cohort-component method. A
// failed projection leaves the method out everywhere (cr.err says why).
func (r *rolling) runCohorts() {
	cr := r.cohort
	for oi := range r.origins {
		origin := r.first + engine.Year(oi)
		fc, err := cr.project(r.e, r.b, &r.o, origin, r.h)
		if err != nil {
			cr.err = fmt.Errorf("the projection from %d: %w", origin, err)
			for k := range r.proj[mCohort] {
				r.proj[mCohort][k] = math.NaN()
			}
			return
		}
		if fc == nil {
			cr.skipped = append(cr.skipped, origin)
			continue
		}
		cr.missing = cr.missing[:0]
		for i := range r.e.Units {
			if !math.IsNaN(r.act(i, origin)) && !r.cohortUnit(fc, oi, i) {
				cr.missing = append(cr.missing, r.e.Units[i].ID)
			}
		}
	}
}

// cohortUnit sets unit i's cohort projections from origin oi by the
// forecast fc; false when fc cannot project the unit at every horizon.
func (r *rolling) cohortUnit(fc *engine.Forecast, oi, i int) bool {
	d := r.cohort.district[i]
	if d < 0 || fc.ByDistrict[d] == nil {
		return false
	}
	t := fc.ByDistrict[d]
	origin := r.first + engine.Year(oi)
	for h := 1; h <= r.h; h++ {
		v, ok := cohortPupils(r.e, &r.e.Units[i], fc, t, origin, origin+engine.Year(h))
		if !ok {
			return false
		}
		r.set(mCohort, oi, i, h, v)
	}
	return true
}

// compared reports whether the cohort method projected from any of the
// origins.
func (cr *cohortRun) compared(origins []engine.Year) bool {
	if cr == nil || cr.err != nil {
		return false
	}
	for _, o := range origins {
		if !slices.Contains(cr.skipped, o) {
			return true
		}
	}
	return false
}

// notes say what the cohort-component row leaves out, and why.
func (cr *cohortRun) notes(origins []engine.Year) []string {
	if cr.err != nil {
		return []string{"no cohort-component row: " + cr.err.Error()}
	}
	var out []string
	var skipped []string
	for _, o := range origins {
		if slices.Contains(cr.skipped, o) {
			skipped = append(skipped, fmt.Sprint(o))
		}
	}
	word := "origin"
	if len(skipped) > 1 {
		word = "origins"
	}
	switch {
	case len(skipped) == len(origins):
		return []string{fmt.Sprintf("no cohort-component row: %s has no census at or before %s %s", engine.PopulationFile, word, strings.Join(skipped, ", "))}
	case len(skipped) > 0:
		out = append(out, fmt.Sprintf("cohort: %s has no census at or before %s %s: compared from the later origins only", engine.PopulationFile, word, strings.Join(skipped, ", ")))
	}
	if len(cr.missing) > 0 {
		out = append(out, fmt.Sprintf("cohort: no children of the grades' ages in the district of %s: not projected", strings.Join(cr.missing, ", ")))
	}
	return out
}
