package plan_test

import (
	"math"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/plan"
)

// years is the years from..to.
func years(from, to engine.Year) []engine.Year {
	var out []engine.Year
	for y := from; y <= to; y++ {
		out = append(out, y)
	}
	return out
}

// profile is a shortfall profile of 2025–2035 with g classes in from..to.
func profile(g int, from, to engine.Year) []int {
	out := make([]int, 11)
	for y := from; y <= to; y++ {
		out[y-2025] += g
	}
	return out
}

// wantCover is what a test expects of one layer.
type wantCover struct {
	open      engine.Year
	temporary []engine.Year
	uncovered []engine.Year
	cost      float64
}

// The prices of the hand-computed cases: a junior stage (3 grades), a
// temporary classroom at 40 a year (a temporary entry class 120 over its
// three years), a permanent stream at 600; no discounting unless a case
// sets it.
func TestCoverShortfall(t *testing.T) {
	base := plan.Prices{First: 2025, Grades: 3, ClassroomYear: 40, Stream: 600, Lead: 1}
	tests := []struct {
		name       string
		classes    []int
		rate       float64
		lead, tlag int
		room, max  int
		want       []wantCover
	}{
		// 4 × 120 = 480 < 600: leasing beats building.
		{name: "4-year bulge leases", classes: profile(1, 2028, 2031), room: 1,
			want: []wantCover{{temporary: years(2028, 2031), cost: 480}}},
		// Discounted at 3%: 40·Σ 1.03^−t over t = 3..7 = 408.32 against
		// 600·1.03^−2 = 565.56 decided in 2027.
		{name: "4-year bulge discounted", classes: profile(1, 2028, 2031), rate: 0.03, room: 1,
			want: []wantCover{{temporary: years(2028, 2031), cost: 408.3194854}}},
		// 9 × 120 = 1080 > 600, opening in the first year (decided 2026).
		{name: "lasting growth builds", classes: profile(1, 2027, 2035), room: 1,
			want: []wantCover{{open: 2027, cost: 600}}},
		// Without room, the growth is leased all along.
		{name: "lasting growth without room", classes: profile(1, 2027, 2035), room: 0,
			want: []wantCover{{temporary: years(2027, 2035), cost: 1080}}},
		// A 3-year lead: the stream opens in 2028 at the earliest, three
		// temporary classes before it: 600 + 360 = 960 < 11 × 120.
		{name: "lead time leases until the school opens", classes: profile(1, 2025, 2035), lead: 3, room: 1,
			want: []wantCover{{open: 2028, temporary: years(2025, 2027), cost: 960}}},
		// Room for one stream: it goes to the layer that saves most (the
		// first, tied, wins); the second leases.
		{name: "room for one of two layers", classes: profile(2, 2025, 2035), room: 1,
			want: []wantCover{{open: 2026, temporary: []engine.Year{2025}, cost: 720},
				{temporary: years(2025, 2035), cost: 1320}}},
		// Two classes a year for three years use 6 classrooms in 2027; at
		// most 4, the top layer gives up its 2027 class, then its 2026
		// one (5 > 4 still), which are left uncovered (for a new school).
		{name: "classroom limit", classes: profile(2, 2025, 2027), max: 4,
			want: []wantCover{{temporary: years(2025, 2027), cost: 360},
				{temporary: []engine.Year{2025}, uncovered: []engine.Year{2026, 2027}, cost: 120}}},
		// At most 5: one class given up is enough.
		{name: "classroom limit of 5", classes: profile(2, 2025, 2027), max: 5,
			want: []wantCover{{temporary: years(2025, 2027), cost: 360},
				{temporary: years(2025, 2026), uncovered: []engine.Year{2027}, cost: 240}}},
		// Over the limit with room: the layer takes a permanent stream
		// although it costs more (600 + 120 > 360).
		{name: "classroom limit with room builds", classes: profile(2, 2025, 2027), max: 4, room: 1,
			want: []wantCover{{open: 2026, temporary: []engine.Year{2025}, cost: 720},
				{temporary: years(2025, 2027), cost: 360}}},
		// Temporary classrooms decided in 2025 are ready in 2026: 2025
		// is left uncovered.
		{name: "temporary lead", classes: profile(1, 2025, 2026), tlag: 1, room: 1,
			want: []wantCover{{temporary: []engine.Year{2026}, uncovered: []engine.Year{2025}, cost: 120}}},
		{name: "no shortfall", classes: make([]int, 11), room: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			p.DiscountRate, p.TemporaryLead = tt.rate, tt.tlag
			if tt.lead != 0 {
				p.Lead = tt.lead
			}
			got := plan.CoverShortfall(tt.classes, &p, tt.room, tt.max)
			if len(got) != len(tt.want) {
				t.Fatalf("%d layers, want %d: %+v", len(got), len(tt.want), got)
			}
			for k, w := range tt.want {
				checkCover(t, &got[k], k+1, w)
			}
		})
	}
}

// checkCover compares one layer's cover with what is wanted, and checks
// that its years are split between the permanent stream, the temporary
// classes and the uncovered years.
func checkCover(t *testing.T, c *plan.Cover, layer int, w wantCover) {
	t.Helper()
	if c.Layer != layer || c.Open != w.open || !slices.Equal(c.Temporary, w.temporary) || !slices.Equal(c.Uncovered, w.uncovered) {
		t.Errorf("layer %d: got layer %d open %d temporary %v uncovered %v, want open %d temporary %v uncovered %v",
			layer, c.Layer, c.Open, c.Temporary, c.Uncovered, w.open, w.temporary, w.uncovered)
	}
	approx.Check(t, "cost", c.Cost, w.cost, 1e-6)
	n := len(c.Temporary) + len(c.Uncovered)
	for _, y := range c.Years {
		if c.Open != 0 && y >= c.Open {
			n++
		}
	}
	if n != len(c.Years) {
		t.Errorf("layer %d: %d years met or uncovered, want the layer's %d", layer, n, len(c.Years))
	}
	if c.PermanentCost < 0 || math.IsNaN(c.TemporaryCost) {
		t.Errorf("layer %d: costs %v, %v", layer, c.TemporaryCost, c.PermanentCost)
	}
}
