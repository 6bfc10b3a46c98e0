package forecast_test

import (
	"fmt"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// BenchmarkCompareMethods back-tests every method on synthetic districts ×
// 11 years × 9 grades from 5 origins (2011–2015), 5 years ahead; the
// classic progression alone (RunBacktest, one origin) is the baseline.
func BenchmarkCompareMethods(b *testing.B) {
	for _, n := range []int{50, 500} {
		spec := syntheticSpec
		spec.Districts, spec.Lo, spec.Hi = n, 1, 9
		e, _ := synthEnrolment(b, spec)
		origins := []engine.Year{2011, 2012, 2013, 2014, 2015}
		b.Run(fmt.Sprintf("districts=%d/origins=5", n), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := forecast.CompareMethods(e, nil, &forecast.Options{}, forecast.CompareOptions{Origins: origins}); err != nil {
					b.Fatal(err)
				}
			}
		})
		city, births := benchCohortCity(e)
		b.Run(fmt.Sprintf("districts=%d/origins=5+cohort", n), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := forecast.CompareMethods(e, births, &forecast.Options{}, forecast.CompareOptions{Origins: origins, City: city}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("districts=%d/classic-one-origin", n), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := forecast.RunBacktest(e, nil, 2015, &forecast.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchCohortCity is a city of e's districts with a 2010 census (ages
// 6–14 from the grades' pupils ÷ 0.95, the other ages 90) and 90 births a
// year 2000–2020, for the cohort method.
func benchCohortCity(e *engine.Enrolment) (*engine.City, *engine.Births) {
	c := &engine.City{}
	pop := &engine.Population{Years: []engine.Year{2010}, ByDistrict: map[string][][]float64{}}
	births := &engine.Births{FirstYear: 2000, LastYear: 2020, ByDistrict: map[string]*engine.BirthSeries{}}
	for i := range e.Units {
		u := &e.Units[i]
		c.Districts = append(c.Districts, engine.District{ID: u.District})
		ages := make([]float64, 16)
		for a := range ages {
			ages[a] = 90
			if v, ok := e.Lookup(u, 2010, a-engine.GradeAgeOffset); ok && a > engine.GradeAgeOffset {
				ages[a] = v / 0.95
			}
		}
		pop.ByDistrict[u.District] = [][]float64{ages}
		s := &engine.BirthSeries{Births: make([]float64, 21), HasBirths: make([]bool, 21), Forecast: make([]bool, 21),
			Women: make([]float64, 21), HasWomen: make([]bool, 21)}
		for k := range s.Births {
			s.Births[k], s.HasBirths[k] = 90, true
		}
		births.ByDistrict[u.District] = s
	}
	c.Demography.Population = pop
	return c, births
}
