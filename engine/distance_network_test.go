package engine_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestMonacoWalks loads the Monaco city (its roads an OpenStreetMap
// extract, testdata/monaco) and checks every walk from an area to a school
// of each stage: never shorter than the straight line, and the same as a
// search from the area alone (network.Query.PerSource), whether the table
// holds it (within the bound) or it is walked when asked (beyond it).
func TestMonacoWalks(t *testing.T) {
	c, err := engine.LoadCity("../testdata/monaco")
	if err != nil {
		t.Fatal(err)
	}
	if c.Roads == nil {
		t.Fatal("the Monaco city has no roads")
	}
	snaps, warns := c.Roads.SnapSchools(c.Schools, engine.SchoolsFile)
	if _, aw := c.Roads.AreaSnaps(); len(warns)+len(aw) > 0 {
		t.Errorf("snapping warnings: %v %v", warns, aw)
	}
	areas, _ := c.Roads.AreaSnaps()
	ref, err := c.Roads.Graph.Distances(context.Background(), areas, snaps, network.Query{K: len(snaps), PerSource: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, bound := range []engine.Meters{300, 3000} {
		for _, st := range engine.Stages {
			d, err := engine.NewNetworkDistances(context.Background(), c, snaps, engine.NetworkOptions{Stage: st, K: 1, Bound: bound})
			if err != nil {
				t.Fatal(err)
			}
			checkMonacoWalks(t, c, d, ref, st)
		}
	}
}

// checkMonacoWalks compares d's walks with the reference table (every
// area to every school).
func checkMonacoWalks(t *testing.T, c *engine.City, d engine.Distances, ref *network.Table, st engine.Stage) {
	t.Helper()
	for a := range c.Areas {
		want := map[int]float64{}
		for _, h := range ref.Of(a) {
			want[int(h.Target)] = float64(h.Dist.Meters())
		}
		for s := range c.Schools {
			if !c.Schools[s].Kind.Serves(st) {
				continue
			}
			got, ok := d.Area(a, s)
			w, reached := want[s]
			if ok != reached {
				t.Fatalf("area %s, school %s: reached %v, want %v", c.Areas[a].ID, c.Schools[s].ID, ok, reached)
			}
			approx.Check(t, "walk "+c.Areas[a].ID+"–"+c.Schools[s].ID, float64(got), w, 1e-9)
			if straight := geo.Distance(c.Areas[a].Point, c.Schools[s].Point); float64(got) < float64(straight) {
				t.Errorf("area %s, school %s: walk %v m shorter than the straight line %v m", c.Areas[a].ID, c.Schools[s].ID, got, straight)
			}
		}
		n, m := d.Nearest(a, nil)
		if n >= 0 && !approx.Equal(float64(m), nearestOf(c, want, st), 1e-9) {
			t.Errorf("area %s: nearest %s at %v m, want %v m", c.Areas[a].ID, c.Schools[n].ID, m, nearestOf(c, want, st))
		}
	}
}

// nearestOf is the shortest walk to a school of stage st in want.
func nearestOf(c *engine.City, want map[int]float64, st engine.Stage) float64 {
	best := -1.0
	for s, w := range want {
		if c.Schools[s].Kind.Serves(st) && (best < 0 || w < best) {
			best = w
		}
	}
	return best
}
