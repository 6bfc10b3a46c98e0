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
	c := d.city
	fc := &c.Forecast
	var missing []string
	note := func(format string, args ...any) {
		if len(missing) < 20 {
			missing = append(missing, fmt.Sprintf(format, args...))
		} else if len(missing) == 20 {
			missing = append(missing, "…")
		}
	}
	for y := first; y <= last; y++ {
		for _, age := range ages {
			for i := range c.Districts {
				t := fc.ByDistrict[i]
				if t == nil {
					continue
				}
				if _, ok := fc.Lookup(t, y, age); !ok {
					note("district %q year %d age %d", c.Districts[i].ID, y, age)
				}
			}
			for i, t := range fc.ByArea {
				if _, ok := fc.Lookup(t, y, age); !ok && (c.Areas[i].CompletionYear == 0 || y >= c.Areas[i].CompletionYear) {
					note("area %q year %d age %d", c.Areas[i].ID, y, age)
				}
			}
		}
	}
	seen := map[int]bool{}
	for i := range c.Areas {
		a := &c.Areas[i]
		if fc.ByArea[i] != nil {
			continue
		}
		if fc.ByDistrict[a.District] == nil {
			if !seen[a.District] {
				note("district %q (area %q and others): no district rows and no area rows", c.Districts[a.District].ID, a.ID)
				seen[a.District] = true
			}
			continue
		}
		if d.existingPop[a.District] == 0 && !seen[a.District] {
			note("district %q: district rows but no existing population to spread them over", c.Districts[a.District].ID)
			seen[a.District] = true
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w for %d place-year-ages: %v", ErrNoData, len(missing), missing)
	}
	return nil
}

// Children writes to dst[i] the resident children of the given age in year y
// living in area i, growing dst as needed, and returns it.
func (d *Demand) Children(dst []float64, y engine.Year, age int) ([]float64, error) {
	c := d.city
	fc := &c.Forecast
	if cap(dst) < len(c.Areas) {
		dst = make([]float64, len(c.Areas))
	} else {
		dst = dst[:len(c.Areas)]
		clear(dst)
	}
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
			return dst, fmt.Errorf("%w for district %q year %d age %d", ErrNoData, c.Districts[di].ID, y, age)
		}
		if d.existingPop[di] > 0 {
			rate[di] = n / d.existingPop[di]
		} else if n > 0 {
			return dst, fmt.Errorf("%w: district %q has %v children of age %d in %d but no existing population to spread them over", ErrNoData, c.Districts[di].ID, n, age, y)
		}
	}
	for i := range c.Areas {
		a := &c.Areas[i]
		if a.CompletionYear != 0 && y < a.CompletionYear {
			continue
		}
		if t := d.areaTable[i]; t != nil {
			n, ok := fc.Lookup(t, y, age)
			if !ok {
				return dst, fmt.Errorf("%w for area %q year %d age %d", ErrNoData, a.ID, y, age)
			}
			dst[i] = n
			continue
		}
		if !hasRate[a.District] {
			return dst, fmt.Errorf("%w for area %q: neither its rows nor district %q rows", ErrNoData, a.ID, c.Districts[a.District].ID)
		}
		dst[i] = rate[a.District] * a.Population
	}
	return dst, nil
}
