package forecast

import (
	"math"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

// choiceRolling is a back-test of six units with 100 pupils every year
// 2018–2024, origins 2019–2023 one year ahead, where every candidate but
// cohort projects 110 (10% off) and cohort projects cohort from the
// origin census on (NaN before it; the last unit only when last).
func choiceRolling(census engine.Year, cohort float64, last bool) *rolling {
	const nu = 6
	e := &engine.Enrolment{FirstYear: 2018, LastYear: 2024, Units: make([]engine.EnrolmentUnit, nu)}
	r := &rolling{e: e, h: 1, first: 2019, origins: 5, years: 7, nu: nu, cohort: &cohortRun{}}
	r.actual = make([]float64, nu*r.years)
	for k := range r.actual {
		r.actual[k] = 100
	}
	for m := range r.proj {
		r.proj[m] = make([]float64, r.origins*nu)
		for k := range r.proj[m] {
			r.proj[m][k] = 110
			if m == mCohort {
				r.proj[m][k] = math.NaN()
			}
		}
	}
	for oi := range r.origins {
		for i := range nu {
			if r.first+engine.Year(oi) >= census && (i < nu-1 || last) {
				r.set(mCohort, oi, i, 1, cohort)
			}
		}
	}
	r.chosen = make([]int8, r.origins*nu)
	return r
}

// The cohort method is chosen at t when it beat the method chosen without
// it by more than SelectMargin on at least minSelectErrors unit-years both
// projected (origins t−5 … t−1, one year ahead); a unit it cannot project
// takes that method.
func TestCohortChoice(t *testing.T) {
	for _, tc := range []struct {
		name   string
		census engine.Year
		cohort float64
		last   bool // the cohort method projects the last unit
		// at 2024: unit-years both scored and the choice; at origin
		// 2023 (scored on 2019–2022): the first and last unit's method.
		scored              int
		want                int
		wantFirst, wantLast int
	}{
		// 5 origins × 6 units, 1% against 10%; at 2023 4 × 6 = 24.
		{"better", 2019, 101, true, 30, mCohort, mCohort, mCohort},
		// 5 × 5; at 2023 4 × 5 = 20, enough: the last unit falls back.
		{"a unit without it falls back", 2019, 101, false, 25, mCohort, mCohort, mBlend},
		// Census 2021: 3 × 6 = 18 < 20.
		{"too few unit-years", 2021, 101, true, 18, mBlend, mBlend, mBlend},
		// 9.5% against 10%: within the margin.
		{"not better by the margin", 2019, 109.5, true, 30, mBlend, mBlend, mBlend},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := choiceRolling(tc.census, tc.cohort, tc.last)
			if _, n := r.scoreWith(mCohort, mBlend, -1, 2024); n != tc.scored {
				t.Errorf("scored on %d unit-years, want %d", n, tc.scored)
			}
			best, fallback := r.best(2024)
			if best != tc.want || fallback != mBlend {
				t.Errorf("best %s, fallback %s; want %s, blend", Methods[best], Methods[fallback], Methods[tc.want])
			}
			r.choose(4)
			first, last := int(r.chosen[4*r.nu]), int(r.chosen[4*r.nu+r.nu-1])
			if first != tc.wantFirst || last != tc.wantLast {
				t.Errorf("at 2023 the first unit takes %s, the last %s; want %s, %s", Methods[first], Methods[last], Methods[tc.wantFirst], Methods[tc.wantLast])
			}
			if v := r.at(mChosen, 4, r.nu-1, 1); math.IsNaN(v) {
				t.Error("the last unit has no chosen projection")
			}
		})
	}
}
