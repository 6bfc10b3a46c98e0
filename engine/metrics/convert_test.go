package metrics_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// A converted school's indicators are those of its kind of each year: S,
// a primary school of 3000 m² of floor area becoming a junior school in
// 2026, gives floor area per pupil to the primary indicators of 2025
// (where T, the other primary school, gives none: one school missing),
// and to the junior ones from 2026.
func TestConvertedSchoolIndicators(t *testing.T) {
	b := citytest.New(2025, 2027)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 1000, 5000, 100)
	b.School("S", engine.KindPrimary, d, 2000, 5000, 1).Resources = map[string]float64{"floor_area": 3000}
	b.School("T", engine.KindPrimary, d, 5000, 5000, 1)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 10 })
	c := b.City()
	toJunior := engine.Convert{School: "S", To: engine.KindJunior, Year: 2026, Streams: [engine.NumStages]int{0, 1}}
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2027, Changes: []engine.Change{toJunior}})
	if err != nil {
		t.Fatal(err)
	}
	ind := metrics.Compute(c, r, nil)
	floor := metrics.ResourceIndicator("floor_area")
	tests := []struct {
		st               engine.Stage
		y                engine.Year
		schools, missing int
	}{
		// 2025: S (60 pupils) gives it, T (no pupils) is left out.
		{engine.Primary, 2025, 1, 0},
		// 2026: S teaches grades 2–6, T grade 1: T is missing.
		{engine.Primary, 2026, 1, 1},
		{engine.Junior, 2026, 1, 0},
	}
	for _, tc := range tests {
		yi := ind.Stages[tc.st].Years[tc.y-2025]
		var got *metrics.CV
		for i := range yi.City.CV {
			if yi.City.CV[i].Indicator == floor {
				got = &yi.City.CV[i]
			}
		}
		if got == nil || got.Schools != tc.schools || got.Missing != tc.missing {
			t.Errorf("%s %d: floor area CV %+v, want %d schools, %d missing", tc.st, tc.y, got, tc.schools, tc.missing)
		}
	}
}
