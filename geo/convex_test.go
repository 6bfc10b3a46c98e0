package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/internal/approx"
)

func TestConvexRing(t *testing.T) {
	tests := []struct {
		name string
		mp   orb.MultiPolygon
		ok   bool
	}{
		{"square, closed", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}, true},
		{"clockwise, with a collinear vertex", orb.MultiPolygon{{{{0, 0}, {0, 1}, {1, 1}, {1, 0.5}, {1, 0}}}}, true},
		{"C-shaped", orb.MultiPolygon{cShape}, false},
		{"pentagram", orb.MultiPolygon{{star(5, 2)}}, false},
		{"with a hole", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, {{1, 1}, {2, 1}, {2, 2}}}}, false},
		{"two parts", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}}}, {{{5, 0}, {6, 0}, {6, 1}}}}, false},
		{"flat", orb.MultiPolygon{{{{0, 0}, {1, 0}, {2, 0}}}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := ConvexRing(tc.mp)
			if ok != tc.ok {
				t.Fatalf("ConvexRing ok = %v, want %v", ok, tc.ok)
			}
			if ok && ringArea2(r) <= 0 {
				t.Errorf("ring %v is not counter-clockwise", r)
			}
		})
	}
}

// star returns the ring through the n corners of a regular polygon taking
// every step-th one (step 2 of 5: a pentagram).
func star(n, step int) orb.Ring {
	r := make(orb.Ring, n)
	for k := range n {
		a := 2 * math.Pi * float64(k*step%n) / float64(n)
		r[k] = orb.Point{math.Cos(a), math.Sin(a)}
	}
	return r
}

func TestClipConvex(t *testing.T) {
	square := orb.Ring{{0, 0}, {4, 0}, {4, 4}, {0, 4}}
	tests := []struct {
		name    string
		subject orb.MultiPolygon
		want    float64
	}{
		// The C [0, 8]² less [2, 8] × [2, 6] within [0, 4]²: 16 − 2·2 = 12.
		{"C-shaped zone", orb.MultiPolygon{cShape}, 12},
		{"zone with a hole", orb.MultiPolygon{{{{-1, -1}, {5, -1}, {5, 5}, {-1, 5}}, {{1, 1}, {3, 1}, {3, 3}, {1, 3}}}}, 12},
		{"zone holding the square", orb.MultiPolygon{{{{-10, -10}, {10, -10}, {10, 10}, {-10, 10}}}}, 16},
		{"zone beside it", orb.MultiPolygon{{{{5, 0}, {6, 0}, {6, 1}}}}, 0},
		{"two parts, one inside", orb.MultiPolygon{{{{1, 1}, {2, 1}, {2, 2}, {1, 2}}}, {{{9, 9}, {10, 9}, {10, 10}}}}, 1},
		{"half plane", orb.MultiPolygon{{{{2, -10}, {10, -10}, {10, 10}, {2, 10}}}}, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ClipConvex(tc.subject, square)
			approx.Check(t, "area", Area(got), tc.want, 1e-12)
			if tc.want == 0 && got != nil {
				t.Errorf("ClipConvex = %v, want nothing", got)
			}
		})
	}
}
