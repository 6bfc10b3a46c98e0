package forecast

import (
	"errors"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// ErrNoData is wrapped by errors for a year, age or place the forecast does
// not cover.
var ErrNoData = errors.New("forecast: no data")

// Demand answers children by area, year and age for one city.
type Demand struct {
	city *engine.City
	// existingPop is the population of each district's existing areas
	// (those without a completion year), the base of the spread.
	existingPop []float64
	// areaTable is each area's own table, or nil when it takes a share of
	// its district's (resolved once: maps are slow in the per-area loop).
	areaTable []*engine.AgeTable
}

// New prepares the demand of c.
func New(c *engine.City) *Demand {
	d := &Demand{city: c, existingPop: make([]float64, len(c.Districts)), areaTable: make([]*engine.AgeTable, len(c.Areas))}
	for i := range c.Areas {
		a := &c.Areas[i]
		if a.CompletionYear == 0 {
			d.existingPop[a.District] += a.Population
		}
		d.areaTable[i] = c.Forecast.ByArea[i]
	}
	return d
}

// Check reports every (place, year, age) among years first..last and the
// given ages that the forecast cannot answer, as one error.
func (d *Demand) Check(first, last engine.Year, ages []int) error {
	var m missingList
	for y := first; y <= last; y++ {
		for _, age := range ages {
			d.checkYearAge(&m, y, age)
		}
	}
	d.checkSpread(&m)
	if len(m) > 0 {
		return fmt.Errorf("%w for %d place-year-ages: %v", ErrNoData, len(m), []string(m))
	}
	return nil
}

// missingList keeps the first 20 places without data, then "…".
type missingList []string

// note adds a place to the list, or the ellipsis once the list is full.
func (m *missingList) note(format string, args ...any) {
	if len(*m) < 20 {
		*m = append(*m, fmt.Sprintf(format, args...))
	} else if len(*m) == 20 {
		*m = append(*m, "…")
	}
}

// checkYearAge notes the district and area rows without a value for year y
// and age (an area only from its completion year).
func (d *Demand) checkYearAge(m *missingList, y engine.Year, age int) {
	c := d.city
	fc := &c.Forecast
	for i := range c.Districts {
		t := fc.ByDistrict[i]
		if t == nil {
			continue
		}
		if _, ok := fc.Lookup(t, y, age); !ok {
			m.note("district %q year %d age %d", c.Districts[i].ID, y, age)
		}
	}
	for i, t := range fc.ByArea {
		if _, ok := fc.Lookup(t, y, age); !ok && (c.Areas[i].CompletionYear == 0 || y >= c.Areas[i].CompletionYear) {
			m.note("area %q year %d age %d", c.Areas[i].ID, y, age)
		}
	}
}

// checkSpread notes, once per district, the districts whose areas without
// rows of their own cannot take a share of district rows.
func (d *Demand) checkSpread(m *missingList) {
	c := d.city
	fc := &c.Forecast
	seen := map[int]bool{}
	for i := range c.Areas {
		a := &c.Areas[i]
		if fc.ByArea[i] != nil || seen[a.District] {
			continue
		}
		switch {
		case fc.ByDistrict[a.District] == nil:
			m.note("district %q (area %q and others): no district rows and no area rows", c.Districts[a.District].ID, a.ID)
			seen[a.District] = true
		case d.existingPop[a.District] == 0:
			m.note("district %q: district rows but no existing population to spread them over", c.Districts[a.District].ID)
			seen[a.District] = true
		}
	}
}

// Children writes to dst[i] the resident children of the given age in year y
// living in area i, growing dst as needed, and returns it.
func (d *Demand) Children(dst []float64, y engine.Year, age int) ([]float64, error) {
	c := d.city
	if cap(dst) < len(c.Areas) {
		dst = make([]float64, len(c.Areas))
	} else {
		dst = dst[:len(c.Areas)]
		clear(dst)
	}
	rate, hasRate, err := d.districtRates(y, age)
	if err != nil {
		return dst, err
	}
	for i := range c.Areas {
		a := &c.Areas[i]
		if a.CompletionYear != 0 && y < a.CompletionYear {
			continue
		}
		if dst[i], err = d.areaChildren(i, y, age, rate, hasRate); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// districtRates returns each district's children of the age in year y per
// resident of its existing areas, and whether the district has rows.
func (d *Demand) districtRates(y engine.Year, age int) ([]float64, []bool, error) {
	c := d.city
	fc := &c.Forecast
	rate := make([]float64, len(c.Districts))
	hasRate := make([]bool, len(c.Districts))
	for di := range c.Districts {
		t := fc.ByDistrict[di]
		if t == nil {
			continue
		}
		hasRate[di] = true
		n, ok := fc.Lookup(t, y, age)
		if !ok {
			return nil, nil, fmt.Errorf("%w for district %q year %d age %d", ErrNoData, c.Districts[di].ID, y, age)
		}
		if d.existingPop[di] > 0 {
			rate[di] = n / d.existingPop[di]
		} else if n > 0 {
			return nil, nil, fmt.Errorf("%w: district %q has %v children of age %d in %d but no existing population to spread them over", ErrNoData, c.Districts[di].ID, n, age, y)
		}
	}
	return rate, hasRate, nil
}

// areaChildren is area i's children of the age in year y: its own rows, or
// its district's rate times its population.
func (d *Demand) areaChildren(i int, y engine.Year, age int, rate []float64, hasRate []bool) (float64, error) {
	c := d.city
	a := &c.Areas[i]
	if t := d.areaTable[i]; t != nil {
		n, ok := c.Forecast.Lookup(t, y, age)
		if !ok {
			return 0, fmt.Errorf("%w for area %q year %d age %d", ErrNoData, a.ID, y, age)
		}
		return n, nil
	}
	if !hasRate[a.District] {
		return 0, fmt.Errorf("%w for area %q: neither its rows nor district %q rows", ErrNoData, a.ID, c.Districts[a.District].ID)
	}
	return rate[a.District] * a.Population, nil
}
