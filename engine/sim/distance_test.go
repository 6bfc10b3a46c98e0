package sim_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// riverCity is a city on two banks of a river along y = 0: a street on
// each bank (y = ±100 m, x from 0 to 2000 m), one bridge at x = 1000 m
// and a towpath under the bridge that it does not meet. School S
// (100, -110) is on the south bank, N (700, 110) on the north bank, one
// stream each. Areas, 10 entrants each:
//
//	A (100, 110)   north bank: 220 m in a straight line from S across the
//	               river, 620 m walk to N (10 + 600 + 10) and 2020 m to S
//	               (10 + 900 + 200 + 900 + 10);
//	B (1900, -90)  south bank: walks to N over the bridge, 1420 m
//	               (10 + 900 + 200 + 300 + 10), nearer than S (1820 m);
//	C (200, -90)   south bank: 120 m to S (10 + 100 + 10);
//	D (950, 3)     on the towpath: reaches no school.
func riverCity(t *testing.T, withRoads bool) *engine.City {
	t.Helper()
	return riverCityA(t, withRoads, 10)
}

// riverCityA is riverCity with nA entrants in area A.
func riverCityA(t *testing.T, withRoads bool, nA float64) *engine.City {
	t.Helper()
	b := citytest.New(2025, 2025)
	b.Stages(engine.Primary)
	d := b.District("D", -500, -500, 2500, 500)
	for _, a := range []struct {
		id   string
		x, y float64
	}{{"A", 100, 110}, {"B", 1900, -90}, {"C", 200, -90}, {"D", 950, 3}} {
		i := b.Area(a.id, d, a.x, a.y, 100)
		n := 10.0
		if a.id == "A" {
			n = nA
		}
		b.AreaChildren(i, func(engine.Year, int) float64 { return n })
	}
	b.School("S", engine.KindPrimary, d, 100, -110, 1)
	b.School("N", engine.KindPrimary, d, 700, 110, 1)
	c := b.City()
	if !withRoads {
		return c
	}
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
	return c
}

func TestRiverCityCatchments(t *testing.T) {
	type want struct {
		school string // "" for none
		dist   float64
	}
	tests := []struct {
		name      string
		distance  engine.DistanceKind
		catchment engine.CatchmentMode
		want      [4]want // areas A, B, C, D
		unplaced  int
	}{
		{"straight nearest: A across the river", engine.Straight, engine.Nearest,
			[4]want{{"S", 220}, {"N", 1216.5525}, {"S", 101.9804}, {"N", 271.9357}}, 0},
		{"network nearest: A on its own bank", engine.Network, engine.Nearest,
			[4]want{{"N", 620}, {"N", 1420}, {"S", 120}, {"", 0}}, 10},
		{"straight balanced", engine.Straight, engine.Balanced,
			[4]want{{"S", 220}, {"N", 1216.5525}, {"S", 101.9804}, {"N", 271.9357}}, 0},
		{"network balanced", engine.Network, engine.Balanced,
			[4]want{{"N", 620}, {"N", 1420}, {"S", 120}, {"", 0}}, 10},
		{"network balanced, areas split", engine.Network, engine.Balanced,
			[4]want{{"N", 620}, {"N", 1420}, {"S", 120}, {"", 0}}, 10},
		{"network zones fall back to nearest", engine.Network, engine.Zones,
			[4]want{{"N", 620}, {"N", 1420}, {"S", 120}, {"", 0}}, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := riverCity(t, true)
			r := run(t, c, &sim.Options{First: 2025, Last: 2025,
				Policy: engine.Policy{Distance: tc.distance, Catchment: tc.catchment, Split: strings.HasSuffix(tc.name, "split")}})
			yr := r.Stages[engine.Primary].Year(2025)
			for i, w := range tc.want {
				got := ""
				if s := yr.Assign.School[i]; s >= 0 {
					got = r.Schools[s].ID
				}
				if got != w.school {
					t.Errorf("area %s: school %q, want %q", c.Areas[i].ID, got, w.school)
				}
				if w.school != "" {
					approx.Check(t, "distance of "+c.Areas[i].ID, float64(yr.Assign.Dist[i]), w.dist, 1e-4)
				}
			}
			if yr.City.Unplaced != tc.unplaced {
				t.Errorf("unplaced %d, want %d (the towpath's children reach no school)", yr.City.Unplaced, tc.unplaced)
			}
			if r.Distance != tc.distance {
				t.Errorf("Result.Distance %v, want %v", r.Distance, tc.distance)
			}
		})
	}
}

// TestRiverCityDistances checks the run's walks, hand-computed, from the
// table (within the placement distance) and beyond it, and between schools.
func TestRiverCityDistances(t *testing.T) {
	for _, bound := range []engine.Meters{3000, 500} {
		c := riverCity(t, true)
		pol := engine.Policy{Distance: engine.Network, MaxDistance: [engine.NumStages]engine.Meters{bound, 0}}
		r := run(t, c, &sim.Options{First: 2025, Last: 2025, Policy: pol})
		checkRiverWalks(t, r.Stages[engine.Primary].Year(2025).Distances)
	}
}

// checkRiverWalks checks the walks of the river city.
func checkRiverWalks(t *testing.T, d engine.Distances) {
	t.Helper()
	tests := []struct {
		name   string
		area   int
		school int
		want   float64
		ok     bool
	}{
		{"A to N in the table", 0, 1, 620, true},
		{"A to S over the bridge", 0, 0, 2020, true},
		{"B to S along the south bank", 1, 0, 1820, true},
		{"D reaches nothing", 3, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := d.Area(tc.area, tc.school)
			if ok != tc.ok {
				t.Fatalf("reached %v, want %v", ok, tc.ok)
			}
			approx.Check(t, "walk", float64(got), tc.want, 1e-9)
		})
	}
	if m, ok := d.School(0, 1); !ok || !approx.Equal(float64(m), 10+900+200+300+10, 1e-9) {
		t.Errorf("S to N: %v %v, want 1420 m", m, ok)
	}
}

func TestNetworkWithoutRoads(t *testing.T) {
	c := riverCity(t, false)
	_, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2025, Policy: engine.Policy{Distance: engine.Network}})
	if !errors.Is(err, engine.ErrNoRoads) {
		t.Fatalf("err %v, want ErrNoRoads", err)
	}
}

// TestRiverCityPlacement: A has 60 entrants for N's 45 seats; N's
// members are A (620 m) and B (1420 m), so A takes them all and 15 of A
// and all 10 of B are left for placement at S (45 seats, 10 taken by C).
// B walks 1820 m to S, A 2020 m: within 3 km both are placed there, B
// first; within 2 km only B.
func TestRiverCityPlacement(t *testing.T) {
	tests := []struct {
		name     string
		maxDist  engine.Meters
		placed   map[string]int // by area, at S
		unplaced int
	}{
		{"within 3 km", 3000, map[string]int{"A": 15, "B": 10}, 10},
		{"within 2 km: A's walk is too long", 2000, map[string]int{"B": 10}, 25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := riverCityA(t, true, 60)
			pol := engine.Policy{Distance: engine.Network, MaxDistance: [engine.NumStages]engine.Meters{tc.maxDist, 0}}
			r := run(t, c, &sim.Options{First: 2025, Last: 2025, Policy: pol})
			yr := r.Stages[engine.Primary].Year(2025)
			got := map[string]int{}
			for _, ad := range yr.Admissions {
				if ad.Route.String() == "placed" {
					if r.Schools[ad.School].ID != "S" {
						t.Errorf("area %s placed at %s, want S", c.Areas[ad.Area].ID, r.Schools[ad.School].ID)
					}
					got[c.Areas[ad.Area].ID] += int(ad.Students)
				}
			}
			if len(got) != len(tc.placed) {
				t.Errorf("placed %v, want %v", got, tc.placed)
			}
			for a, n := range tc.placed {
				if got[a] != n {
					t.Errorf("area %s: %d placed, want %d", a, got[a], n)
				}
			}
			if yr.City.Unplaced != tc.unplaced {
				t.Errorf("unplaced %d, want %d", yr.City.Unplaced, tc.unplaced)
			}
		})
	}
}

// TestFarSnapWarns: an area 490 m from the nearest street (the north
// street at y = 100) is snapped all the same, with a warning that names
// it; its children still walk (to N, 490 + 600 + 10 m).
func TestFarSnapWarns(t *testing.T) {
	c := riverCity(t, false)
	c.Areas = append(c.Areas, engine.Area{ID: "FAR", District: 0, Point: orb.Point{100, 590}, Geometry: orb.Point{100, 590}, Population: 100, Share: 1})
	cc := riverCity(t, true)
	c.Roads = engine.NewRoads("roads.geojson", cc.Roads.Graph, c)
	c.Forecast.ByArea[4] = c.Forecast.ByArea[0] // 10 entrants, as A
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2025, Policy: engine.Policy{Distance: engine.Network}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.DistanceWarnings) != 1 || !strings.Contains(r.DistanceWarnings[0], `"FAR"`) || !strings.Contains(r.DistanceWarnings[0], "far from any walkable road") {
		t.Fatalf("warnings %q, want one naming FAR", r.DistanceWarnings)
	}
	t.Log(r.DistanceWarnings[0])
	d, ok := r.Stages[engine.Primary].Year(2025).Distances.Area(4, 1)
	if !ok || !approx.Equal(float64(d), 490+600+10, 1e-9) {
		t.Errorf("FAR to N: %v %v, want 1100 m", d, ok)
	}
}

// TestRiverCityConversionWalks checks that a school converted to teach a
// stage is walked to in that stage: N becomes a nine-year school in the
// first year, so every junior entrant who can walk anywhere walks to N (A
// 620 m, B 1420 m, C 1320 m over the bridge: 10 + 800 + 200 + 300 + 10)
// and only the towpath's children are unplaced.
func TestRiverCityConversionWalks(t *testing.T) {
	c := riverCity(t, true)
	c.RunStages = []engine.Stage{engine.Primary, engine.Junior}
	toNine := engine.Convert{School: "N", To: engine.KindNineYear, Year: 2025, Streams: [engine.NumStages]int{0, 1}}
	r := run(t, c, &sim.Options{First: 2025, Last: 2025, Changes: []engine.Change{toNine},
		Policy: engine.Policy{Distance: engine.Network}})
	yr := r.Stages[engine.Junior].Year(2025)
	want := []struct {
		school string
		dist   float64
	}{{"N", 620}, {"N", 1420}, {"N", 1320}, {"", 0}}
	for i, w := range want {
		got := ""
		if s := yr.Assign.School[i]; s >= 0 {
			got = r.Schools[s].ID
		}
		if got != w.school {
			t.Errorf("junior area %s: school %q, want %q", c.Areas[i].ID, got, w.school)
		}
		if w.school != "" {
			approx.Check(t, "junior distance of "+c.Areas[i].ID, float64(yr.Assign.Dist[i]), w.dist, 1e-4)
		}
	}
	if yr.City.Unplaced != 10 {
		t.Errorf("junior unplaced %d, want 10 (the towpath's children)", yr.City.Unplaced)
	}
}
