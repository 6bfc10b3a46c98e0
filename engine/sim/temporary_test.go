package sim_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// juniorCity runs the junior stage only: one junior school J0 of the
// given streams (class size 50) and 100 children of every age each year,
// none placed elsewhere.
func juniorCity(streams int) *engine.City {
	b := citytest.New(2025, 2030)
	b.Stages(engine.Junior)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 100 })
	b.School("J0", engine.KindJunior, d, 1000, 1000, streams)
	return b.City()
}

// schoolYear is J0's row in year y.
type schoolYear struct {
	streams, entry, classes, capacity, unplaced int
	grades                                      []int
}

// TestTemporaryRun: one temporary stream in entry years 2026–2027 of a
// 1-stream junior school with 100 entrants a year. By hand: entry seats
// 100 in 2026–2027 (50 otherwise); the two big cohorts keep their second
// class up the three grades, so classes are 3, 4, 5, 5, 4, 3 and capacity
// 50 × classes; 50 unplaced in every year but 2026 and 2027.
func TestTemporaryRun(t *testing.T) {
	tmp := engine.Temporary{School: "J0", Streams: 1, From: 2026, To: 2027}
	want := map[engine.Year]schoolYear{
		2025: {1, 50, 3, 150, 50, []int{50, 50, 50}},
		2026: {2, 100, 4, 200, 0, []int{100, 50, 50}},
		2027: {2, 100, 5, 250, 0, []int{100, 100, 50}},
		2028: {1, 50, 5, 250, 50, []int{50, 100, 100}},
		2029: {1, 50, 4, 200, 50, []int{50, 50, 100}},
		2030: {1, 50, 3, 150, 50, []int{50, 50, 50}},
	}
	r := run(t, juniorCity(1), &sim.Options{First: 2025, Last: 2030, Changes: []engine.Change{tmp}})
	for _, yr := range r.Stages[engine.Junior].Years {
		t.Run(fmt.Sprint(yr.Year), func(t *testing.T) {
			w := want[yr.Year]
			if len(yr.Schools) != 1 {
				t.Fatalf("%d school rows, want 1", len(yr.Schools))
			}
			row := yr.Schools[0]
			got := schoolYear{row.Streams, row.EntrySeats, row.ClassesAvailable, row.Capacity, yr.City.Unplaced, row.Grades}
			if got.streams != w.streams || got.entry != w.entry || got.classes != w.classes || got.capacity != w.capacity ||
				got.unplaced != w.unplaced || !slices.Equal(got.grades, w.grades) {
				t.Errorf("got %+v, want %+v", got, w)
			}
			if row.MaxClassSize != 50 {
				t.Errorf("largest class %v, want 50", row.MaxClassSize)
			}
		})
	}
}
