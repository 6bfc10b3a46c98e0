package sim_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// reductionCity runs the primary stage only: 60 children of every age
// each year in area A; P0 (2 streams of 45) is nearest to them, P1 (2
// streams) 2.8 km away, within the bureau's 3 km placement.
func reductionCity() *engine.City {
	b := citytest.New(2025, 2032)
	b.Stages(engine.Primary)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 60 })
	b.School("P0", engine.KindPrimary, d, 4500, 4500, 2)
	b.School("P1", engine.KindPrimary, d, 3000, 3000, 2)
	return b.City()
}

// row is one school's row in one year, as the test compares it.
type row struct {
	streams, entry, admitted, classes, capacity int
	grades                                      []int
}

// TestStreamReduction: a reduction shrinks the entry grade from its year;
// the older grades keep their pupils, move up, and keep their classes
// until they leave. A reduction to 0 streams stops admission but keeps
// teaching the pupils until the last cohort leaves (no row after), and
// moves none of them to another school, as a closure would.
func TestStreamReduction(t *testing.T) {
	tests := []struct {
		name    string
		streams int // P0's change in 2027
		p0      map[engine.Year]*row
		p1      map[engine.Year]*row
	}{
		// 45 entry seats from 2027: 45 at P0, the other 15 placed at P1.
		{"one stream fewer", -1, map[engine.Year]*row{
			2026: {2, 90, 60, 12, 540, []int{60, 60, 60, 60, 60, 60}},
			2027: {1, 45, 45, 11, 495, []int{45, 60, 60, 60, 60, 60}},
			2028: {1, 45, 45, 10, 450, []int{45, 45, 60, 60, 60, 60}},
			2031: {1, 45, 45, 7, 315, []int{45, 45, 45, 45, 45, 60}},
			2032: {1, 45, 45, 6, 270, []int{45, 45, 45, 45, 45, 45}},
		}, map[engine.Year]*row{
			2027: {2, 90, 15, 12, 540, []int{15, 0, 0, 0, 0, 0}},
		}},
		// No entry from 2027: the 2026 cohort is the last, in grade 6 in
		// 2031; P1 takes the 60 entrants, and only them.
		{"to zero: phased out", -2, map[engine.Year]*row{
			2026: {2, 90, 60, 12, 540, []int{60, 60, 60, 60, 60, 60}},
			2027: {0, 0, 0, 10, 450, []int{0, 60, 60, 60, 60, 60}},
			2028: {0, 0, 0, 8, 360, []int{0, 0, 60, 60, 60, 60}},
			2031: {0, 0, 0, 2, 90, []int{0, 0, 0, 0, 0, 60}},
			2032: nil,
		}, map[engine.Year]*row{
			2027: {2, 90, 60, 12, 540, []int{60, 0, 0, 0, 0, 0}},
			2032: {2, 90, 60, 12, 540, []int{60, 60, 60, 60, 60, 60}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch := []engine.Change{engine.Expand{School: "P0", Streams: tc.streams, Year: 2027}}
			r := run(t, reductionCity(), &sim.Options{First: 2025, Last: 2032, Changes: ch})
			for _, yr := range r.Stages[engine.Primary].Years {
				if yr.City.Unplaced != 0 {
					t.Errorf("%d: %d unplaced, want 0", yr.Year, yr.City.Unplaced)
				}
			}
			checkRows(t, r, 0, tc.p0)
			checkRows(t, r, 1, tc.p1)
		})
	}
}

// checkRows compares school s's rows with want (nil: no row).
func checkRows(t *testing.T, r *sim.Result, s int, want map[engine.Year]*row) {
	t.Helper()
	for y, w := range want {
		t.Run(fmt.Sprintf("%s %d", r.Schools[s].ID, y), func(t *testing.T) {
			got := findRow(r.Stages[engine.Primary].Year(y), s)
			if w == nil {
				if got != nil {
					t.Errorf("a row %+v, want none", *got)
				}
				return
			}
			if got == nil {
				t.Fatalf("no row, want %+v", *w)
			}
			g := row{got.Streams, got.EntrySeats, got.Admitted, got.ClassesAvailable, got.Capacity, got.Grades}
			if g.streams != w.streams || g.entry != w.entry || g.admitted != w.admitted || g.classes != w.classes ||
				g.capacity != w.capacity || !slices.Equal(g.grades, w.grades) {
				t.Errorf("got  %+v\nwant %+v", g, *w)
			}
		})
	}
}

// findRow is school s's row of yr, or nil.
func findRow(yr *sim.YearResult, s int) *sim.SchoolYear {
	for i := range yr.Schools {
		if yr.Schools[i].School == s {
			return &yr.Schools[i]
		}
	}
	return nil
}
