package plan

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
	"github.com/schoolplan/schoolplan/scenarios"
)

// farWalk decides a site an area's row does not hold without walking only
// when the row is short (the site is unreachable) or its last walk is no
// nearer than the base school.
func TestFarWalk(t *testing.T) {
	full := []network.Hit{{Target: 0, Dist: 1000}, {Target: 3, Dist: 5000}} // 100 m, 500 m
	tests := []struct {
		name      string
		row       []network.Hit
		base      float64
		wantLower engine.Meters
		wantFar   bool
	}{
		{"short row: not reached", full[:1], 800, 0, true},
		{"empty row: not reached", nil, math.Inf(1), 0, true},
		{"full row beyond the base school", full, 400, 500, true},
		{"full row as far as the base school", full, 500, 500, true},
		{"full row nearer than the base school: walk it", full, 600, 500, false},
		{"no base school: walk it", full, math.Inf(1), 500, false},
	}
	w := &stageWalks{k: 2}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lower, far := w.farWalk(tc.row, tc.base)
			if lower != tc.wantLower || far != tc.wantFar {
				t.Errorf("farWalk = %v, %v; want %v, %v", lower, far, tc.wantLower, tc.wantFar)
			}
		})
	}
}

// A street along y = 0 from x = 0 to 10 km, area A at (0, 10) and 60
// sites at (100 k, 10), k = 1..60: the walk from A to site k is
// 10 + 100 k + 10 m. The table holds A's 48 nearest (to 4.82 km); the
// sites beyond it are walked (within) when nearer than the base school,
// else out of reach. Every answer in reach is the exact walk.
func TestDistanceBeyondTheRow(t *testing.T) {
	b := citytest.New(2025, 2025)
	b.Stages(engine.Primary)
	d := b.District("D", -100, -100, 10100, 100)
	b.Area("A", d, 0, 10, 100)
	c := b.City()
	g, warns, err := network.Build(&network.Roads{File: "roads.geojson", Roads: []network.Road{
		{Index: 0, ID: "street", Line: orb.LineString{{0, 0}, {10000, 0}}}}})
	if err != nil || len(warns) > 0 {
		t.Fatalf("Build: %v, warnings %v", err, warns)
	}
	c.Roads = engine.NewRoads("roads.geojson", g, c)
	pl := &planner{s: &scenarios.Scenario{City: c, Policy: engine.Policy{Distance: engine.Network}}, o: &optSettings{}}
	var pts []walkPoint
	for k := 1; k <= 60; k++ {
		pts = append(pts, walkPoint{orb.Point{float64(100 * k), 10}, k - 1})
	}
	w, err := pl.newStageWalks(context.Background(), engine.Primary, pts)
	if err != nil {
		t.Fatal(err)
	}
	pl.walk[engine.Primary] = w
	tests := []struct {
		name  string
		base  float64
		reach int // sites 1..reach are in reach
	}{
		{"base school at 5,015 m: sites to 4.9 km", 5015, 49},
		{"base school at 4,500 m: sites to 4.4 km", 4500, 44},
		{"no base school: every site", math.Inf(1), 60},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := &model{st: engine.Primary, base: []int32{-1}, baseDist: []float64{tc.base}}
			for k := 1; k <= 60; k++ {
				s := &site{kind: siteCandidate, index: -1, point: pts[k-1].p}
				got, ok := pl.distance(m, 0, s)
				want := engine.Meters(20 + 100*k)
				inReach := ok && float64(got) < tc.base
				if inReach != (k <= tc.reach) {
					t.Errorf("site %d: distance %v, %v: in reach %v, want %v", k, got, ok, inReach, k <= tc.reach)
				}
				if ok && !approx.Equal(float64(got), float64(want), 0.1) {
					t.Errorf("site %d: walk %v, want %v", k, got, want)
				}
			}
		})
	}
}
