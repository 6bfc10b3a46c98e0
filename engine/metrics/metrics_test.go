package metrics_test

import (
	"context"
	"math"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// tol is the tolerance of the indicators' hand-worked values (at most a
// few tens).
const tol = 1e-9

func TestWeightedCV(t *testing.T) {
	tests := []struct {
		name     string
		x, n     []float64
		cv, mean float64
	}{
		// Floor area per pupil 8, 4, 4 m² at schools of 500, 500 and 1000
		// pupils: x̄ = (4000+2000+4000)/2000 = 5; Σn(x−x̄)² = 500·9 +
		// 500·1 + 1000·1 = 6000; S = √(6000/2000) = √3; CV = √3/5.
		{"hand-worked", []float64{8, 4, 4}, []float64{500, 500, 1000}, math.Sqrt(3) / 5, 5},
		// Seats per pupil 1.08, 1.62, 1.08 at 500, 500, 1000 pupils:
		// x̄ = 2430/2000 = 1.215; Σn(x−x̄)² = 1500·0.135² + 500·0.405² =
		// 109.35; S = √0.054675; CV = 1/(3√3).
		{"seats", []float64{1.08, 1.62, 1.08}, []float64{500, 500, 1000}, 1 / (3 * math.Sqrt(3)), 1.215},
		{"equal", []float64{2, 2, 2}, []float64{1, 10, 100}, 0, 2},
		{"one school", []float64{3}, []float64{7}, 0, 3},
		{"zero weight left out", []float64{8, 4, 4, 1000}, []float64{500, 500, 1000, 0}, math.Sqrt(3) / 5, 5},
		{"empty", nil, nil, 0, 0},
		{"zero mean", []float64{0, 0}, []float64{1, 1}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cv, mean := metrics.WeightedCV(tc.x, tc.n)
			approx.Check(t, "cv", cv, tc.cv, tol)
			approx.Check(t, "mean", mean, tc.mean, tol)
		})
	}
}

// threeSchools is one district [0,10000]² with three primary schools and
// no children of school age, so enrolment is the enrolled property:
//
//	P0 2 streams, grade 2 120 pupils, grades 3–6 95 each (500), floor 4000 m²
//	P1 3 streams, grades 2–6 100 each (500), floor 2000 m²
//	P2 4 streams, grades 2–6 200 each (1000), floor 4000 m², 50 teachers
func threeSchools() *engine.City {
	b := citytest.New(2025, 2026)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 0 })
	p0 := b.School("P0", engine.KindPrimary, d, 1000, 1000, 2)
	p0.Enrolled = map[int]int{1: 0, 2: 120, 3: 95, 4: 95, 5: 95, 6: 95}
	p0.Resources = map[string]float64{"floor_area": 4000}
	p1 := b.School("P1", engine.KindPrimary, d, 9000, 1000, 3)
	p1.Enrolled = map[int]int{1: 0, 2: 100, 3: 100, 4: 100, 5: 100, 6: 100}
	p1.Resources = map[string]float64{"floor_area": 2000}
	p2 := b.School("P2", engine.KindPrimary, d, 5000, 9000, 4)
	p2.Enrolled = map[int]int{1: 0, 2: 200, 3: 200, 4: 200, 5: 200, 6: 200}
	p2.Resources = map[string]float64{"floor_area": 4000, "teachers": 50}
	return b.City()
}

func runCity(t *testing.T, c *engine.City) *sim.Result {
	t.Helper()
	r, err := sim.Run(context.Background(), c, &sim.Options{First: c.Forecast.FirstYear, Last: c.Forecast.LastYear})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestComputeHandWorked(t *testing.T) {
	c := threeSchools()
	r := runCity(t, c)
	ind := metrics.Compute(c, r, &metrics.Options{LargeSchool: [engine.NumStages]int{900, 0}})
	ps := ind.Stages[engine.Primary]
	if ps.ServiceRadius != 500 || ps.StandardClassSize != 45 || ps.LargeClass != 55 || ps.LargeSchool != 900 || ps.CVLimit != 0.5 {
		t.Fatalf("thresholds %+v", ps)
	}
	if js := ind.Stages[engine.Junior]; js.ServiceRadius != 1000 || js.StandardClassSize != 50 || js.LargeSchool != 2500 || js.CVLimit != 0.45 {
		t.Fatalf("junior thresholds %+v", js)
	}
	y := ps.Years[0]
	for name, s := range map[string]metrics.Set{"city": y.City, "district": y.Districts[0]} {
		t.Run(name, func(t *testing.T) {
			if s.Schools != 3 || s.Enrolled != 2000 || s.Capacity != (2+3+4)*6*45 {
				t.Fatalf("schools %d enrolled %d capacity %d", s.Schools, s.Enrolled, s.Capacity)
			}
			approx.Check(t, "utilisation", s.Utilisation, 2000.0/2430, tol)
			// P0: grade 2 = 2 classes of 60; grades 3–6 = 2 classes of 48/47.
			// P1: 3 classes of 34/33/33 a grade. P2: 4 classes of 50 a grade.
			if s.Classes != 10+15+20 || s.MaxClassSize != 60 || s.OverStandard != 10+20 || s.Oversize != 2 || s.HugeClasses != 0 {
				t.Errorf("classes %d max %d >45 %d >55 %d >65 %d", s.Classes, s.MaxClassSize, s.OverStandard, s.Oversize, s.HugeClasses)
			}
			approx.Check(t, "mean class size", s.MeanClassSize, 2000.0/45, tol)
			// ceil(120/45)+4·ceil(95/45) + 5·ceil(100/45) + 5·ceil(200/45)
			if s.ClassesNeeded != 3+4*3+5*3+5*5 || s.ClassesAvailable != (2+3+4)*6 {
				t.Errorf("classes needed %d available %d", s.ClassesNeeded, s.ClassesAvailable)
			}
			if s.LargeSchools != 1 {
				t.Errorf("large schools %d, want 1 (P2 with 1000 > 900)", s.LargeSchools)
			}
			if len(s.CV) != 3 {
				t.Fatalf("CV %+v", s.CV)
			}
			want := []struct {
				name    string
				cv      float64
				schools int
				missing int
				pass    bool
			}{
				{metrics.SeatsPerPupil, 1 / (3 * math.Sqrt(3)), 3, 0, true},
				{"floor_area_per_pupil", math.Sqrt(3) / 5, 3, 0, true},
				{"teachers_per_100_pupils", 0, 1, 2, false},
			}
			for i, w := range want {
				got := s.CV[i]
				if got.Indicator != w.name || got.Schools != w.schools || got.Missing != w.missing || got.Pass != w.pass || got.Limit != 0.5 {
					t.Errorf("CV[%d] = %+v, want %+v", i, got, w)
				}
				approx.Check(t, w.name, got.Value, w.cv, tol)
			}
			approx.Check(t, "teachers per 100", s.CV[2].Mean, 5, tol)
		})
	}
}

// TestServiceRadius: 60 six-year-olds, 20 in A0 300 m from the only
// primary school and 40 in A1 700 m from it; its 45 seats go to the
// nearest first.
func TestServiceRadius(t *testing.T) {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A0", d, 5300, 5000, 100)
	b.Area("A1", d, 4300, 5000, 200)
	b.School("P0", engine.KindPrimary, d, 5000, 5000, 1)
	b.School("J0", engine.KindJunior, d, 5000, 5000, 1)
	b.DistrictChildren(d, func(_ engine.Year, age int) float64 {
		if age == 6 {
			return 60
		}
		return 0
	})
	c := b.City()
	r := runCity(t, c)
	for _, tc := range []struct {
		name   string
		radius engine.Meters
		within int
	}{
		{"default 500 m", 0, 20},
		{"800 m", 800, 45},
		{"200 m", 200, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ind := metrics.Compute(c, r, &metrics.Options{ServiceRadius: [engine.NumStages]engine.Meters{tc.radius, 0}})
			s := ind.Stages[engine.Primary].Years[0].City
			if s.Entrants != 60 || s.WithinRadius != tc.within {
				t.Fatalf("entrants %d within %d, want 60 and %d", s.Entrants, s.WithinRadius, tc.within)
			}
			approx.Check(t, "share", s.RadiusShare, float64(tc.within)/60, tol)
		})
	}
}
