package geo_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

func TestDissolve(t *testing.T) {
	left := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	right := orb.Polygon{{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0}}}
	far := orb.MultiPolygon{{{{5, 5}, {6, 5}, {6, 6}, {5, 6}, {5, 5}}}}
	got, err := geo.Dissolve([]orb.Geometry{left, right, far})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d parts, want 2 (the two squares merged, and the far one)", len(got))
	}
	approx.Check(t, "area", planar.Area(got), 3, 1e-12)
	for _, p := range got {
		if len(p) != 1 {
			t.Errorf("a part with %d rings, want 1", len(p))
		}
	}
	if _, err := geo.Dissolve([]orb.Geometry{left, orb.Point{1, 1}}); err == nil {
		t.Error("a point dissolved")
	}
}
