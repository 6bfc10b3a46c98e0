package forecast

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// Projection is a forecast of one method and band for a city: children by
// district (or area), year and age, spread over the residential areas with
// new housing on top. It answers the simulation's questions (Children,
// Check) like Demand does.
type Projection struct {
	Options Options
	// Table holds the children by district (and, for the table method, by
	// area), year and age, before the spread over areas: new housing is not
	// in it. Ages and years a method does not cover are absent.
	Table engine.Forecast
	// Start is the first year that is a projection rather than data: the
	// table's first year, the year after the census or the last observed
	// births (cohort), or the year after the fit (grade progression).
	Start engine.Year
	// Units are the grade-progression projections of each school or
	// district of enrolment.csv (nil for the other methods).
	Units []*UnitProjection
	// Notes say, per district, what the projection was made from.
	Notes []string

	city   *engine.City
	spread *Demand
	f      factors
	// owned[i]: area i has its own forecast rows (no housing rule).
	owned []bool
}

// Project makes the forecast o (nil: the table method) of city c.
func Project(c *engine.City, o *Options) (*Projection, error) {
	if o == nil {
		o = &Options{}
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	p := &Projection{Options: *o, city: c, f: newFactors(o)}
	var err error
	switch o.Method {
	case Table:
		p.Table = scaleTable(&c.Forecast, p.f)
		p.Start = c.Forecast.FirstYear
	case Cohort:
		err = p.projectCohort(c, o)
	case GradeProgression:
		err = p.projectGrades(c, o)
	}
	if err != nil {
		return nil, err
	}
	p.spreadTable(c)
	if err := p.checkHouseholds(c); err != nil {
		return nil, err
	}
	return p, nil
}

// projectCohort fills p by the cohort-component method. The projection
// starts after the last year with observed births, within the table.
func (p *Projection) projectCohort(c *engine.City, o *Options) error {
	fc, notes, err := projectCohort(c, o, p.f)
	if err != nil {
		return err
	}
	p.Table, p.Notes = *fc, notes
	p.Start = fc.FirstYear + 1
	if b := c.Demography.Births; b != nil {
		for _, s := range b.ByDistrict {
			p.Start = max(p.Start, s.LastObserved(b.FirstYear)+1)
		}
	}
	p.Start = min(p.Start, fc.LastYear)
	return nil
}

// projectGrades fills p by grade progression, and fails when a district
// with residential areas has no enrolment rows.
func (p *Projection) projectGrades(c *engine.City, o *Options) error {
	fc, units, notes, until, err := projectGrades(c, o, p.f)
	if err != nil {
		return err
	}
	p.Table, p.Units, p.Notes = *fc, units, notes
	p.Start = min(until+1, fc.LastYear)
	for di := range c.Districts {
		if fc.ByDistrict[di] == nil && hasAreas(c, di) {
			return fmt.Errorf("%w: %s has no rows for district %q, which has residential areas", ErrInput, engine.EnrolmentFile, c.Districts[di].ID)
		}
	}
	return nil
}

// spreadTable makes the demand that spreads p.Table over the areas, and
// notes which areas have rows of their own.
func (p *Projection) spreadTable(c *engine.City) {
	cc := *c
	cc.Forecast = p.Table
	p.spread = New(&cc)
	p.owned = make([]bool, len(c.Areas))
	for i := range p.owned {
		p.owned[i] = p.Table.ByArea[i] != nil
	}
}

// checkHouseholds fails when yields are per household and a new-housing
// area without rows of its own has no households.
func (p *Projection) checkHouseholds(c *engine.City) error {
	h := p.Options.Housing
	if h == nil || h.PerHousehold == nil {
		return nil
	}
	for i := range c.Areas {
		a := &c.Areas[i]
		if a.CompletionYear != 0 && !p.owned[i] && a.Households <= 0 {
			return fmt.Errorf("%w: new-housing area %q has no households for yields per household", ErrHousing, a.ID)
		}
	}
	return nil
}

// Children writes to dst[i] the resident children of the given age in year y
// living in area i, growing dst as needed, and returns it. Existing areas
// take their district's children by population share (or their own rows);
// new housing adds children by its yield or its district's per-resident
// rate, phased in from its completion year.
func (p *Projection) Children(dst []float64, y engine.Year, age int) ([]float64, error) {
	dst, err := p.spread.Children(dst, y, age)
	if err != nil {
		return dst, err
	}
	h := p.Options.Housing
	if h == nil {
		return dst, nil
	}
	v, perHousehold, hasYield := h.yield(age)
	for i := range p.city.Areas {
		a := &p.city.Areas[i]
		if a.CompletionYear == 0 || y < a.CompletionYear || p.owned[i] {
			continue
		}
		phase := h.phase(int(y - a.CompletionYear))
		switch {
		case hasYield && perHousehold:
			dst[i] = v * a.Households * phase * p.f.yield
		case hasYield:
			dst[i] = v * a.Population / 1000 * phase * p.f.yield
		default:
			dst[i] *= phase
		}
	}
	return dst, nil
}

// Check reports every (place, year, age) among years first..last and the
// given ages that the projection cannot answer, as one error.
func (p *Projection) Check(first, last engine.Year, ages []int) error {
	err := p.spread.Check(first, last, ages)
	if err != nil && p.Options.Method != Table {
		return fmt.Errorf("%s forecast: %w", p.Options.Method, err)
	}
	return err
}

// Districts returns, for year y and age, the children of each district
// (index as City.Districts) over all its areas and the part of them living
// in new housing.
func (p *Projection) Districts(y engine.Year, age int) (all, housing []float64, err error) {
	children, err := p.Children(nil, y, age)
	if err != nil {
		return nil, nil, err
	}
	all = make([]float64, len(p.city.Districts))
	housing = make([]float64, len(p.city.Districts))
	for i := range p.city.Areas {
		a := &p.city.Areas[i]
		all[a.District] += children[i]
		if a.CompletionYear != 0 {
			housing[a.District] += children[i]
		}
	}
	return all, housing, nil
}

// scaleTable applies a band's or draw's factors to forecast.csv, as if it
// were a cohort projection made in the year before its first year (B): a
// child born in b ≤ B carries the ratio factor once per year since B, one
// born later the births factor for b − B years and the ratio factor once
// per year of age and once for birth. The middle band is f itself.
func scaleTable(fc *engine.Forecast, f factors) engine.Forecast {
	if f.births == 1 && f.ratio == 1 {
		return *fc
	}
	out := *fc
	base := fc.FirstYear - 1
	scale := func(t *engine.AgeTable) *engine.AgeTable {
		s := &engine.AgeTable{Count: make([]float64, len(t.Count)), Has: t.Has}
		for y := fc.FirstYear; y <= fc.LastYear; y++ {
			for a := 0; a <= fc.MaxAge; a++ {
				k := fc.Index(y, a)
				b := y - engine.Year(a)
				m := f.ratios(int(y - base))
				if b > base {
					m = f.birthsAfter(int(b-base)) * f.ratios(a+1)
				}
				s.Count[k] = t.Count[k] * m
			}
		}
		return s
	}
	out.ByDistrict = make(map[int]*engine.AgeTable, len(fc.ByDistrict))
	for d, t := range fc.ByDistrict {
		out.ByDistrict[d] = scale(t)
	}
	out.ByArea = make(map[int]*engine.AgeTable, len(fc.ByArea))
	for a, t := range fc.ByArea {
		out.ByArea[a] = scale(t)
	}
	return out
}
