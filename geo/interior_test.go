package geo

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/internal/approx"
)

// cShape is a C open to the east: [0, 8] × [0, 8] less [2, 8] × [2, 6].
// Its centroid (3.4, 4) lies in the mouth.
var cShape = orb.Polygon{{{0, 0}, {8, 0}, {8, 2}, {2, 2}, {2, 6}, {8, 6}, {8, 8}, {0, 8}, {0, 0}}}

func TestInteriorPoint(t *testing.T) {
	tests := []struct {
		name string
		mp   orb.MultiPolygon
		want orb.Point // -1, -1: any point inside
	}{
		// Square: its centroid.
		{"square", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 2}, {0, 2}}}}, orb.Point{2, 1}},
		// C: area 40, centroid ((64·4 − 24·5)/40, 4) = (3.4, 4), in the
		// mouth. The scan line y = 4 meets no vertex and crosses the C at
		// x = 0 and 2: the point is (1, 4).
		{"C-shaped, centroid outside", orb.MultiPolygon{cShape}, orb.Point{1, 4}},
		// L: [0, 10] × [0, 1] and [0, 1] × [0, 10]; centroid (2.76, 2.76)
		// outside. Scan line halfway between the vertex heights 1 and 10
		// nearest the middle 5: y = 5.5, crossing x = 0 and 1.
		{"L-shaped", orb.MultiPolygon{{{{0, 0}, {10, 0}, {10, 1}, {1, 1}, {1, 10}, {0, 10}}}}, orb.Point{0.5, 5.5}},
		// Ring with a hole over its centroid: the hole is outside.
		{"hole at the centroid", orb.MultiPolygon{{{{0, 0}, {6, 0}, {6, 6}, {0, 6}}, {{2, 2}, {4, 2}, {4, 4}, {2, 4}}}}, orb.Point{-1, -1}},
		// Two islands: the centroid falls between them; the wider wins.
		{"two islands", orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}, {{{10, 0}, {13, 0}, {13, 2}, {10, 2}}}}, orb.Point{11.5, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := InteriorPoint(tc.mp)
			if !MultiPolygonContains(tc.mp, got) {
				t.Fatalf("InteriorPoint = %v, outside the polygon", got)
			}
			if tc.want != (orb.Point{-1, -1}) {
				nearPoint(t, got, tc.want, 1e-9, "InteriorPoint")
			}
		})
	}
}

func TestArea(t *testing.T) {
	tests := []struct {
		name string
		mp   orb.MultiPolygon
		want float64
	}{
		{"C-shaped", orb.MultiPolygon{cShape}, 40},
		{"clockwise square with a hole", orb.MultiPolygon{{{{0, 0}, {0, 6}, {6, 6}, {6, 0}}, {{2, 2}, {4, 2}, {4, 4}, {2, 4}}}}, 32},
		{"two parts", orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}, {{{10, 0}, {13, 0}, {13, 2}, {10, 2}}}}, 10},
		{"empty", nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			approx.Check(t, "Area", Area(tc.mp), tc.want, 1e-12)
		})
	}
}

func TestBoundaryIndex(t *testing.T) {
	// Polygon 0 (class 1) is [0, 10]²; polygon 1 (class 2) is [10, 20] × [0, 10].
	ix := NewBoundaryIndex([]orb.MultiPolygon{
		{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}},
		{{{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}}}},
	}, []uint8{1, 2})
	sq := func(x0, y0, x1, y1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
	}
	tests := []struct {
		name string
		mp   orb.MultiPolygon
		mask uint8
		want []int32
	}{
		{"inside one, off every edge", sq(2, 2, 4, 4), 3, nil},
		{"across the shared edge", sq(8, 2, 12, 4), 3, []int32{0, 1}},
		{"across it, class 2 only", sq(8, 2, 12, 4), 2, []int32{1}},
		{"touching an edge from inside", sq(6, 2, 10, 4), 1, []int32{0}},
		{"holding a whole polygon", sq(-5, -5, 25, 15), 3, []int32{0, 1}},
		{"outside everything", sq(30, 30, 31, 31), 3, nil},
		{"no class asked", sq(8, 2, 12, 4), 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ix.Meets(nil, tc.mp, tc.mask)
			if len(got) != len(tc.want) {
				t.Fatalf("Meets = %v, want %v", got, tc.want)
			}
			for k := range got {
				if got[k] != tc.want[k] {
					t.Fatalf("Meets = %v, want %v", got, tc.want)
				}
			}
			if ix.Touches(tc.mp, tc.mask) != (len(tc.want) > 0) {
				t.Errorf("Touches disagrees with Meets %v", got)
			}
		})
	}
}
