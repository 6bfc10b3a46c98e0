package network

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// riverCity is two banks of a river along y = 0: a street on each bank
// (y = ±100 m, x from 0 to 2000 m) and one bridge at x = 1000 m, plus a
// riverside path under the bridge's middle that it must not meet.
func riverCity() *Roads {
	line := func(ps ...orb.Point) orb.LineString { return ps }
	return &Roads{File: "roads.geojson", Roads: []Road{
		{Index: 0, ID: "north", Line: line(orb.Point{0, 100}, orb.Point{2000, 100})},
		{Index: 1, ID: "south", Line: line(orb.Point{0, -100}, orb.Point{2000, -100})},
		{Index: 2, ID: "bridge", Bridge: true, Level: 1, Line: line(orb.Point{1000, 100}, orb.Point{1000, -100})},
		{Index: 3, ID: "towpath", Line: line(orb.Point{900, 0}, orb.Point{1100, 0})},
	}}
}

// Areas and schools of the river city. Area A (100, 110) is 220 m in a
// straight line from school S (100, -110) across the river and 600 m from
// school N (700, 110) on its own bank.
var (
	riverAreas   = []orb.Point{{100, 110}, {1900, -90}, {950, 3}}
	riverSchools = []orb.Point{{100, -110}, {700, 110}}
)

func TestRiverCity(t *testing.T) {
	g, warns, err := Build(riverCity())
	if err != nil || len(warns) > 0 {
		t.Fatalf("Build: %v, warnings %v", err, warns)
	}
	src, _ := g.Snap(riverAreas, []string{"A", "B", "T"}, nil)
	tgt, _ := g.Snap(riverSchools, []string{"S", "N"}, nil)
	tab, err := g.Distances(context.Background(), src, tgt, Query{K: 2, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Hand-computed: A snaps 10 m to the north street; to N 600 m along
	// it, + 10 m; to S 900 m to the bridge, 200 m over it, 900 m back,
	// + 10 m at each end. B (1900, -90) snaps 10 m to the south street:
	// to S 1800 m + 10 + 10; to N 900 + 200 + 300 + 10 + 10 m. T (on the
	// towpath under the bridge) reaches nothing.
	tests := []struct {
		name string
		src  int
		want []Hit
	}{
		{"north bank: own bank first", 0, []Hit{{1, 6200}, {0, 20200}}},
		{"south bank: over the bridge is nearer", 1, []Hit{{1, 14200}, {0, 18200}}},
		{"towpath under the bridge", 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tab.Of(tc.src)
			if len(got) != len(tc.want) {
				t.Fatalf("hits %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("hit %d: %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
	if u := tab.Unreached(); len(u) != 1 || u[0] != 2 {
		t.Errorf("Unreached = %v, want [2]", u)
	}
	// Straight-line, A's nearest is S across the river.
	if geo.Distance(riverAreas[0], riverSchools[0]) >= geo.Distance(riverAreas[0], riverSchools[1]) {
		t.Error("the river city is meant to put S nearer A in a straight line")
	}
	approx.Check(t, "walk minutes of 620 m at 4.5 km/h", WalkMinutes(tab.Of(0)[0].Dist.Meters(), 4.5), 620/75.0, 1e-9)
}

func TestRiverCityMaxDist(t *testing.T) {
	g, _, err := Build(riverCity())
	if err != nil {
		t.Fatal(err)
	}
	src, _ := g.Snap(riverAreas[:1], nil, nil)
	tgt, _ := g.Snap(riverSchools, nil, nil)
	tests := []struct {
		name string
		q    Query
		want int
	}{
		{"within 1 km: own bank only", Query{MaxDist: 1000}, 1},
		{"within 3 km: both", Query{MaxDist: 3000}, 2},
		{"k=1 and within 100 m: the nearest", Query{K: 1, MaxDist: 100}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := g.Distances(context.Background(), src, tgt, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(tab.Of(0)); got != tc.want {
				t.Errorf("%d hits, want %d: %v", got, tc.want, tab.Of(0))
			}
		})
	}
}
