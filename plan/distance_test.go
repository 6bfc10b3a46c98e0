package plan_test

import (
	"context"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/internal/citytest"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// riverScenario is a primary city on two banks of a river along y = 0: a
// street on each bank (y = ±100 m, x from 0 to 2000 m), one bridge at
// x = 1000 m and a towpath (y = 0, x from 900 to 1100 m) under it that it
// does not meet. Area A (100, 110), on the north bank, has 100 entrants a
// year; its only school S (300, -110), one stream, is across the river:
// 297 m in a straight line, a 1820 m walk (10 + 900 + 200 + 700 + 10).
// The candidate sites, one stream each at the same cost:
//
//	SOUTH (150, -110)  across the river: 226 m in a straight line, nearer
//	                   than S; a 1970 m walk, farther than S;
//	NORTH (600, 110)   on A's bank: 500 m in a straight line, farther
//	                   than S; a 520 m walk, nearer than S;
//	TOW   (950, 3)     on the towpath: 857 m in a straight line, beyond
//	                   placement; no walk reaches it.
//
// Bureau placement sends children up to 800 m; a site seats A's children
// as their new base school (nearer than S) or by placement.
func riverScenario(t *testing.T, dist engine.DistanceKind) *scenarios.Scenario {
	t.Helper()
	b := citytest.New(2025, 2026)
	b.Stages(engine.Primary)
	d := b.District("D", -500, -500, 2500, 500)
	a := b.Area("A", d, 100, 110, 100)
	b.AreaChildren(a, func(engine.Year, int) float64 { return 100 })
	b.School("S", engine.KindPrimary, d, 300, -110, 1)
	c := b.City()
	c.CRS, c.Projection = geo.WGS84, geo.NewProjection(orb.Point{106.5, 29.5})
	line := func(ps ...orb.Point) orb.LineString { return ps }
	g, warns, err := network.Build(&network.Roads{File: "roads.geojson", Roads: []network.Road{
		{Index: 0, ID: "north", Line: line(orb.Point{0, 100}, orb.Point{2000, 100})},
		{Index: 1, ID: "south", Line: line(orb.Point{0, -100}, orb.Point{2000, -100})},
		{Index: 2, ID: "bridge", Bridge: true, Level: 1, Line: line(orb.Point{1000, 100}, orb.Point{1000, -100})},
		{Index: 3, ID: "towpath", Line: line(orb.Point{900, 0}, orb.Point{1100, 0})},
	}})
	if err != nil || len(warns) > 0 {
		t.Fatalf("Build: %v, warnings %v", err, warns)
	}
	c.Roads = engine.NewRoads("roads.geojson", g, c)
	return &scenarios.Scenario{Name: "river", First: 2025, Last: 2026, City: c,
		Policy: engine.Policy{Catchment: engine.Nearest, Distance: dist, MaxDistance: [engine.NumStages]engine.Meters{800, 0}}}
}

// riverSites are the candidate sites of riverScenario named in ids.
func riverSites(ids ...string) []plan.Candidate {
	at := map[string]orb.Point{"SOUTH": {150, -110}, "NORTH": {600, 110}, "TOW": {950, 3}}
	var out []plan.Candidate
	for _, id := range ids {
		out = append(out, plan.Candidate{ID: id, Point: at[id], Streams: 2, Cost: 1000})
	}
	return out
}

func TestOptimizeWalks(t *testing.T) {
	tests := []struct {
		name  string
		dist  engine.DistanceKind
		sites []string
		want  string // the new school's site; "" for none
	}{
		{"straight: the site across the river is nearer than S", engine.Straight, []string{"SOUTH", "NORTH", "TOW"}, "SOUTH"},
		{"walking: the site on A's bank is nearer than S", engine.Network, []string{"SOUTH", "NORTH", "TOW"}, "NORTH"},
		{"walking: the site across the river is farther than S and beyond placement", engine.Network, []string{"SOUTH"}, ""},
		{"walking: no walk reaches the towpath", engine.Network, []string{"TOW"}, ""},
		{"straight: the towpath is farther than S and beyond placement", engine.Straight, []string{"TOW"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := riverScenario(t, tc.dist)
			pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{
				Candidates: riverSites(tc.sites...), MaxNew: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, ch := range pr.Changes {
				if ch.New {
					got = ch.School
				}
			}
			if got != tc.want {
				t.Errorf("new school at %q, want %q (changes %+v)", got, tc.want, pr.Changes)
			}
			if tc.want != "" && pr.Residual != 0 {
				t.Errorf("residual %d, want 0", pr.Residual)
			}
		})
	}
}

// A candidate site 400 m from the nearest street is snapped with a
// progress message naming it by its place among the candidates and its id.
func TestOptimizeWalksFarSite(t *testing.T) {
	s := riverScenario(t, engine.Network)
	sites := append(riverSites("NORTH"), plan.Candidate{ID: "FAR", Point: orb.Point{600, 500}, Streams: 2, Cost: 1000})
	var msgs []string
	_, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{
		Candidates: sites, MaxNew: 1, Progress: func(m string) { msgs = append(msgs, m) }})
	if err != nil {
		t.Fatal(err)
	}
	want := `primary: candidate sites: feature 1 (id "FAR"): geometry: far from any walkable road: the nearest is 400 m away (more than 300 m); check the position or add the road`
	if n := count(msgs, want); n != 1 {
		t.Errorf("%d messages %q, want 1; messages:\n%s", n, want, strings.Join(msgs, "\n"))
	}
}

// count is how many of msgs are m.
func count(msgs []string, m string) int {
	n := 0
	for _, x := range msgs {
		if x == m {
			n++
		}
	}
	return n
}
