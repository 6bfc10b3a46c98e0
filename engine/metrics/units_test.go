package metrics_test

import (
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// TestSetsByUnit: on threeSchools, P0 and P1 form the group G1 and P2 the
// zone Z (as the key gives; a school with key "" is in no unit). By hand:
// G1 enrols 500 + 500 in (2+3)·6·45 = 1350 seats, in 10 + 15 classes, 10
// of them over 45 and 2 over 55 (P0's grade 2: 2 classes of 60); seats
// per pupil 540/500 = 1.08 and 810/500 = 1.62, weights equal: mean 1.35,
// deviation 0.27, CV 0.2; floor area 8 and 4 m² a pupil: mean 6,
// deviation 2, CV 1/3. Z is P2 alone: 1000 pupils in 1080 seats, 20
// classes of 50 (all over 45), one value so CV 0, and over the 900-pupil
// limit the options set.
func TestSetsByUnit(t *testing.T) {
	c := threeSchools()
	r := runCity(t, c)
	units := map[string]string{"P0": "G1", "P1": "G1", "P2": "Z"}
	got := metrics.SetsBy(c, r, engine.Primary, 2025, &metrics.Options{LargeSchool: [engine.NumStages]int{900, 0}},
		func(s *engine.School) string { return units[s.ID] })
	type want struct {
		schools, enrolled, capacity, classes, over, oversize, large int
		seatsCV, floorCV                                            float64
	}
	tests := []struct {
		unit string
		want want
	}{
		{"G1", want{2, 1000, 1350, 25, 10, 2, 0, 0.2, 1.0 / 3}},
		{"Z", want{1, 1000, 1080, 20, 20, 0, 1, 0, 0}},
	}
	if len(got) != len(tests) {
		t.Fatalf("%d units, want %d: %+v", len(got), len(tests), got)
	}
	for _, tc := range tests {
		t.Run(tc.unit, func(t *testing.T) {
			s, w := got[tc.unit], tc.want
			g := want{s.Schools, s.Enrolled, s.Capacity, s.Classes, s.OverStandard, s.Oversize, s.LargeSchools, 0, 0}
			w.seatsCV, w.floorCV = 0, 0
			if g != w {
				t.Errorf("schools, enrolled, capacity, classes, >45, >55, large = %+v, want %+v", g, w)
			}
			if len(s.CV) != 3 {
				t.Fatalf("CV %+v", s.CV)
			}
			approx.Check(t, "seats per pupil CV", s.CV[0].Value, tc.want.seatsCV, tol)
			approx.Check(t, "floor area CV", s.CV[1].Value, tc.want.floorCV, tol)
		})
	}
}

// TestSetsByRadius: the city of TestServiceRadius, P0 in the unit G. Its
// 45 seats go to the 20 children of A0 (300 m) and 25 of A1 (700 m): the
// unit's entrants are the 45 it admitted, 20 of them within 500 m, all 45
// within 800 m.
func TestSetsByRadius(t *testing.T) {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A0", d, 5300, 5000, 100)
	b.Area("A1", d, 4300, 5000, 200)
	b.School("P0", engine.KindPrimary, d, 5000, 5000, 1).Group = "G"
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := &metrics.Options{ServiceRadius: [engine.NumStages]engine.Meters{tc.radius, 0}}
			s := metrics.SetsBy(c, r, engine.Primary, 2025, o, func(s *engine.School) string { return s.Group })["G"]
			if s.Entrants != 45 || s.WithinRadius != tc.within {
				t.Fatalf("entrants %d within %d, want 45 and %d", s.Entrants, s.WithinRadius, tc.within)
			}
			approx.Check(t, "share", s.RadiusShare, float64(tc.within)/45, tol)
		})
	}
	if got := metrics.SetsBy(c, r, engine.Primary, 2030, nil, func(s *engine.School) string { return s.Group }); got != nil {
		t.Errorf("a year the run lacks: %+v, want nil", got)
	}
}
