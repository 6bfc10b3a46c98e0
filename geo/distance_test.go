package geo_test

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

func TestDistanceToBoundary(t *testing.T) {
	square := orb.MultiPolygon{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}}
	tests := []struct {
		name string
		p    orb.Point
		want float64
	}{
		{"inside, nearest the left edge", orb.Point{2, 5}, 2},
		{"outside, beside an edge", orb.Point{13, 5}, 3},
		{"outside, past a corner", orb.Point{13, 14}, 5},
		{"on the boundary", orb.Point{10, 3}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			approx.Check(t, "DistanceToBoundary", float64(geo.DistanceToBoundary(tc.p, square)), tc.want, 1e-12)
		})
	}
}
