package forecast_test

import (
	"errors"
	"math"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

func near(tb testing.TB, got, want float64) bool {
	tb.Helper()
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

func TestSpreadByPopulation(t *testing.T) {
	b := citytest.New(2025, 2027)
	d0 := b.District("D0", 0, 0, 10, 10)
	d1 := b.District("D1", 10, 0, 20, 10)
	b.Area("A", d0, 1, 1, 100)
	b.Area("B", d0, 2, 2, 300)
	nh := b.Area("N", d0, 3, 3, 200) // new housing from 2026
	own := b.Area("C", d1, 11, 1, 50)
	b.DistrictChildren(d0, func(y engine.Year, age int) float64 { return float64(40 * (int(y) - 2024)) })
	b.AreaChildren(own, func(y engine.Year, age int) float64 { return 7 })
	c := b.City()
	c.Areas[nh].CompletionYear = 2026
	d := forecast.New(c)
	tests := []struct {
		year engine.Year
		want []float64
	}{
		// 2025: 40 children over A and B (400 residents): 10 and 30; N not built.
		{2025, []float64{10, 30, 0, 7}},
		// 2026: 80 over A and B: 20, 60; N adds 200 × 80/400 = 40 on top.
		{2026, []float64{20, 60, 40, 7}},
		{2027, []float64{30, 90, 60, 7}},
	}
	for _, tc := range tests {
		got, err := d.Children(nil, tc.year, 6)
		if err != nil {
			t.Fatal(err)
		}
		for i := range tc.want {
			if !near(t, got[i], tc.want[i]) {
				t.Errorf("%d: children %v, want %v", tc.year, got, tc.want)
				break
			}
		}
	}
	// Existing areas conserve the district total exactly.
	got, _ := d.Children(nil, 2027, 6)
	if !near(t, got[0]+got[1], 120) {
		t.Errorf("existing areas sum to %v, want 120", got[0]+got[1])
	}
}

func TestCheckNamesWhatIsMissing(t *testing.T) {
	b := citytest.New(2025, 2026)
	d0 := b.District("D0", 0, 0, 10, 10)
	d1 := b.District("D1", 10, 0, 20, 10)
	b.Area("A", d0, 1, 1, 100)
	b.Area("B", d1, 11, 1, 100)
	b.DistrictChildren(d0, func(engine.Year, int) float64 { return 1 })
	d := forecast.New(b.City())
	err := d.Check(2025, 2026, []int{6})
	if !errors.Is(err, forecast.ErrNoData) {
		t.Fatalf("err %v, want ErrNoData for D1", err)
	}
	if _, err := d.Children(nil, 2025, 6); !errors.Is(err, forecast.ErrNoData) {
		t.Fatalf("Children err %v", err)
	}
	if err := d.Check(2027, 2027, []int{6}); !errors.Is(err, forecast.ErrNoData) {
		t.Fatalf("a year past the forecast: err %v", err)
	}
}
