package plan

import (
	"math"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo/network"
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
