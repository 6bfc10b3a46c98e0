package forecast

import (
	"math"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

// cohortGrades on school S (district D, grades 1–2: 30 and 40 pupils in
// 2020) with 100 + 10a children of age a in 2020 moved on a year at a time
// unchanged (age a in 2020 + h: 100 + 10(a − h)):
//
//	grade 1, 2021: 150 × 30/160 = 28.125   2022: 140 × 30/160 = 26.25
//	grade 2, 2021: 160 × 40/170 = 37.647…  2022: 150 × 40/170 = 35.294…
func TestCohortGrades(t *testing.T) {
	fc := &engine.Forecast{FirstYear: 2020, LastYear: 2022, MaxAge: 15, ByDistrict: map[int]*engine.AgeTable{}}
	tab := &engine.AgeTable{Count: make([]float64, fc.Years()*16), Has: make([]bool, fc.Years()*16)}
	for y := fc.FirstYear; y <= fc.LastYear; y++ {
		for a := 0; a <= 15; a++ {
			k := fc.Index(y, a)
			tab.Count[k], tab.Has[k] = float64(100+10*(a-int(y-2020))), true
		}
	}
	fc.ByDistrict[0] = tab
	for _, tc := range []struct {
		name     string
		district string
		grade2   bool // S has a grade 2 row in 2020
		want     [2][2]float64
		ok       bool
		wantNote string
	}{
		{"hand-checked", "D", true, [2][2]float64{{28.125, 160 * 40.0 / 170}, {26.25, 150 * 40.0 / 170}}, true, "method: cohort"},
		{"a grade without a row in 2020", "D", false, [2][2]float64{{-1, -1}, {-1, -1}}, false,
			"the back-tested cohort method has no children of this unit's grades' ages in 2020: method: naive"},
		{"district without children", "X", true, [2][2]float64{{-1, -1}, {-1, -1}}, false,
			"the back-tested cohort method has no children of this unit's grades' ages in 2020: method: naive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &engine.Enrolment{FirstYear: 2020, LastYear: 2020, Units: []engine.EnrolmentUnit{{ID: "S", School: true, District: tc.district,
				Pupils: make([]float64, engine.GradeSlots), Has: make([]bool, engine.GradeSlots)}}}
			u := &e.Units[0]
			u.Pupils[1], u.Has[1] = 30, true
			u.Pupils[2], u.Has[2] = 40, tc.grade2
			p := &UnitProjection{Unit: u, First: 2020, Last: 2022, Until: 2020, Lo: 1, Hi: 2, Pupils: make([]float64, 3*engine.GradeSlots)}
			for y := range 3 {
				p.Pupils[y*engine.GradeSlots+1], p.Pupils[y*engine.GradeSlots+2] = -1, -1
			}
			p.Pupils[1], p.Pupils[2] = 30, 40
			cc := &cohortChildren{fc: fc, district: map[string]int{"D": 0}, fallback: MethodNaive}
			if got := cohortGrades(p, e, cc); got != tc.ok {
				t.Fatalf("cohortGrades = %v, want %v", got, tc.ok)
			}
			for h := 1; h <= 2; h++ {
				for g := 1; g <= 2; g++ {
					near(t, "pupils", p.At(2020+engine.Year(h), g), tc.want[h-1][g-1])
				}
			}
			// applyChoice says what it used; naive carries 70 forward.
			note := applyChoice(p, MethodCohort, &gradeModel{e: e}, cc)
			if !strings.HasPrefix(note, tc.wantNote) {
				t.Errorf("note %q, want it to begin %q", note, tc.wantNote)
			}
			if !tc.ok && math.Abs(p.Total(2022)-70) > 1e-9 {
				t.Errorf("fallback total %v, want 70", p.Total(2022))
			}
		})
	}
}
