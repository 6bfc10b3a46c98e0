package plan_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// mpCity is a junior-only city for the multi-period tests: one district,
// one area at (5000, 5000) with entrants(y) children of every age in year
// y, and one junior school J0 of one stream (50 seats a year) at (1000,
// 1000); floor, when > 0, is J0's floor_area, too small for any
// expansion under the national standard.
func mpCity(entrants func(engine.Year) float64, floor float64) *scenarios.Scenario {
	b := citytest.New(2025, 2032)
	b.Stages(engine.Junior)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(y engine.Year, _ int) float64 { return entrants(y) })
	sc := b.School("J0", engine.KindJunior, d, 1000, 1000, 1)
	if floor > 0 {
		sc.Resources = map[string]float64{"floor_area": floor}
	}
	c := b.City()
	c.CRS, c.Projection = geo.WGS84, geo.NewProjection(orb.Point{106.5, 29.5})
	return &scenarios.Scenario{Name: "mp", First: 2025, Last: 2032, City: c,
		Policy: engine.Policy{Catchment: engine.Nearest}}
}

// between is n entrants in from..to and 50 (J0's seats) otherwise.
func between(n float64, from, to engine.Year) func(engine.Year) float64 {
	return func(y engine.Year) float64 {
		if y >= from && y <= to {
			return n
		}
		return 50
	}
}

// mpOptions are the hand-computed cases' prices: a temporary classroom 40
// a year (a temporary junior class 120 over its three years), a stream
// 600, no discounting.
func mpOptions() *plan.OptimizeOptions {
	return &plan.OptimizeOptions{MultiPeriod: true, DiscountRate: -1, TemporaryCost: 40, StreamCost: 600,
		SchoolCost: 8000, AllowExpand: 2, MaxTemporary: -1, Leads: plan.Leads{NewSchool: 3, Expand: 1, Temporary: -1}}
}

// changeText is a proposed change in a line: kind, school, streams, years
// and cost.
func changeText(ch *plan.ProposedChange) string {
	switch {
	case ch.Temporary:
		return fmt.Sprintf("temporary %s %d %d–%d cost %v", ch.School, ch.Streams, ch.Year, ch.To, ch.Cost)
	case ch.New:
		return fmt.Sprintf("new %s %d from %d cost %v", ch.School, ch.Streams, ch.Year, ch.Cost)
	}
	return fmt.Sprintf("expand %s %d from %d cost %v", ch.School, ch.Streams, ch.Year, ch.Cost)
}

func TestOptimizeMultiPeriod(t *testing.T) {
	tests := []struct {
		name     string
		entrants func(engine.Year) float64
		floor    float64
		opt      func(*plan.OptimizeOptions)
		cands    []plan.Candidate
		want     []string
		cost     float64 // discounted (no rate: the nominal cost)
		residual int
	}{
		// 50 short in 2028–2031: 4 temporary classes × 3 years × 40 =
		// 480 < 600 for a stream.
		{name: "4-year bulge leases", entrants: between(100, 2028, 2031),
			want: []string{"temporary J0 1 2028–2031 cost 480"}, cost: 480},
		// 50 short from 2027 on (6 years): 720 leased > 600 for a stream
		// opening in 2027, decided in 2026.
		{name: "lasting growth builds", entrants: between(100, 2027, 2032),
			want: []string{"expand J0 1 from 2027 cost 600"}, cost: 600},
		// 50 short from 2025 (8 years) with an expansion lead of 2: it
		// opens in 2027 at the earliest, two temporary classes before it:
		// 600 + 240 = 840 < 960 leased throughout.
		{name: "lead time leases until the stream opens", entrants: between(100, 2025, 2032),
			opt:  func(o *plan.OptimizeOptions) { o.Leads.Expand = 2 },
			want: []string{"expand J0 1 from 2027 cost 600", "temporary J0 1 2025–2026 cost 240"}, cost: 840},
		// As lasting growth, but J0 has 1 m² of floor area: no expansion
		// passes the standard, so the growth is leased: 6 × 120.
		{name: "land-limited expansion leases", entrants: between(100, 2027, 2032), floor: 1,
			want: []string{"temporary J0 1 2027–2032 cost 720"}, cost: 720},
		// 100 short from 2025, no land to expand and at most 3 temporary
		// classrooms (one class a year): the second class a year needs a
		// new school; with no lead it opens in 2025 at the candidate
		// site beside the area (3 streams, 9800), becomes its base school
		// and seats all 150, and no temporary class is left.
		{name: "land and classroom limits build a new school", entrants: between(150, 2025, 2032), floor: 1,
			opt: func(o *plan.OptimizeOptions) {
				o.MaxTemporary, o.Leads.NewSchool, o.MinStreams = 3, -1, 3
			},
			cands: []plan.Candidate{{ID: "S1", Point: orb.Point{5100, 5000}, Streams: 3, Cost: 9800}},
			want:  []string{"new S1 3 from 2025 cost 9800"}, cost: 9800},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mpOptions()
			if tt.opt != nil {
				tt.opt(o)
			}
			o.Candidates = tt.cands
			o.Progress = func(m string) { t.Log(m) }
			if o.Candidates == nil {
				o.MaxNew = -1
			}
			pr, err := plan.Optimize(context.Background(), mpCity(tt.entrants, tt.floor), o)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i := range pr.Changes {
				got = append(got, changeText(&pr.Changes[i]))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			checkMultiPeriod(t, pr, tt.cost, tt.residual)
		})
	}
}

// checkMultiPeriod checks a multi-period proposal's cost and residual, and
// that the bound is at most the cost and the districts add up to it.
func checkMultiPeriod(t *testing.T, pr *plan.Proposal, cost float64, residual int) {
	t.Helper()
	removed := 0
	for _, ch := range pr.Changes {
		removed += ch.Removed
	}
	if before, after := unplacedBy(pr.Before, engine.Junior, pr.Target), unplacedBy(pr.After, engine.Junior, pr.Target); removed != before-after || after != pr.Residual {
		t.Errorf("the changes remove %d, the runs differ by %d − %d; residual %d", removed, before, after, pr.Residual)
	}
	mp := pr.MultiPeriod
	if mp == nil {
		t.Fatal("no multi-period result")
	}
	approx.Check(t, "discounted cost", mp.Cost, cost, 1e-6)
	if pr.Residual != residual {
		t.Errorf("residual %d, want %d", pr.Residual, residual)
	}
	if mp.Bound > mp.Cost+1e-6 {
		t.Errorf("bound %v over the cost %v", mp.Bound, mp.Cost)
	}
	sum, bound := 0.0, 0.0
	for _, d := range mp.Districts {
		sum += d.Cost
		bound += d.Bound
	}
	approx.Check(t, "districts' cost", sum, mp.Cost, 1e-6)
	approx.Check(t, "districts' bound", bound, mp.Bound, 1e-6)
}
