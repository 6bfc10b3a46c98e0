package catchment_test

import (
	"math"
	"testing"

	"github.com/schoolplan/schoolplan/engine/catchment"
)

func TestSolveTransportWhole(t *testing.T) {
	for _, in := range seeded(t, 2) {
		t.Run(in.name, func(t *testing.T) {
			p, dist := in.build(t)
			split := refOptimum(p, dist)
			r := solve(t, p, nil)
			checkTransport(t, p, r, true)
			if r.Objective < split*(1-1e-9) {
				t.Fatalf("whole objective %.10g below the split optimum %.10g", r.Objective, split)
			}
			if r.LowerBound > split*(1+1e-9) {
				t.Fatalf("lower bound %.10g above the split optimum %.10g", r.LowerBound, split)
			}
			t.Logf("whole %.10g, split optimum %.10g, gap %.3g%%", r.Objective, split, 100*r.Gap)
		})
	}
}

// TestSolveTransportWholeRepair checks rounding, repair and swaps on
// hand-made cases.
func TestSolveTransportWholeRepair(t *testing.T) {
	tests := []struct {
		name     string
		p        catchment.TransportProblem
		want     float64 // whole optimum
		wantFlow []int32
	}{
		{
			name: "one area moves",
			// Areas a (3 children) and b (2) both near school 0 (4 seats);
			// school 1 (10 seats) is far: b moving costs 2×(9−1), a 3×(10−2).
			p: catchment.TransportProblem{Supply: []int32{3, 2}, Capacity: []int32{4, 10}, Start: []int32{0, 2, 4},
				School: []int32{0, 1, 0, 1}, Cost: []float64{2, 10, 1, 9}, Unplaced: 100},
			want: 3*2 + 2*9, wantFlow: []int32{3, 0, 0, 2},
		},
		{
			name: "unplaced is cheaper",
			p: catchment.TransportProblem{Supply: []int32{3, 2}, Capacity: []int32{4, 10}, Start: []int32{0, 2, 4},
				School: []int32{0, 1, 0, 1}, Cost: []float64{2, 50, 1, 50}, Unplaced: 20},
			want: 3*2 + 2*20, wantFlow: []int32{3, 0, 0, 0},
		},
		{
			name: "swap",
			// Rounding puts a at 0 and b at 1; swapping saves.
			p: catchment.TransportProblem{Supply: []int32{2, 2}, Capacity: []int32{2, 2}, Start: []int32{0, 2, 4},
				School: []int32{0, 1, 0, 1}, Cost: []float64{5, 1, 1, 5}, Unplaced: 100},
			want: 2 + 2, wantFlow: []int32{0, 2, 2, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := solve(t, &tc.p, nil)
			checkTransport(t, &tc.p, r, true)
			near(t, "objective", r.Objective, tc.want, 1e-12)
			for a, f := range tc.wantFlow {
				if r.Flow[a] != f {
					t.Fatalf("flows %v, want %v", r.Flow, tc.wantFlow)
				}
			}
		})
	}
}

// wholeOptimum enumerates every whole assignment of a tiny instance over
// all schools (and unplaced).
func wholeOptimum(p *catchment.TransportProblem, dist [][]float64) float64 {
	n, m := len(p.Supply), len(p.Capacity)
	load := make([]int64, m)
	best := math.Inf(1)
	var rec func(i int, cost float64)
	rec = func(i int, cost float64) {
		if cost >= best {
			return
		}
		if i == n {
			best = cost
			return
		}
		s := int64(p.Supply[i])
		for j := range m {
			if load[j]+s <= int64(p.Capacity[j]) {
				load[j] += s
				rec(i+1, cost+float64(s)*dist[i][j])
				load[j] -= s
			}
		}
		rec(i+1, cost+float64(s)*p.Unplaced)
	}
	rec(0, 0)
	return best
}

// TestSolveTransportWholeVsExact compares the whole heuristic with the
// exact whole optimum on instances small enough to enumerate.
func TestSolveTransportWholeVsExact(t *testing.T) {
	t.Logf("-transport.seed=%d", *transportSeed)
	var worst float64
	for k := range 40 {
		in := inst{name: "enum", seed: *transportSeed*1000 + uint64(k), areas: 9, schools: 3, k: 3, seats: 0.9 + 0.1*float64(k%4), unpl: 20000}
		p, dist := in.build(t)
		want := wholeOptimum(p, dist)
		r := solve(t, p, nil)
		checkTransport(t, p, r, true)
		if r.Objective < want*(1-1e-9) {
			t.Fatalf("seed %d: whole objective %.10g below the exact whole optimum %.10g", in.seed, r.Objective, want)
		}
		// A heuristic: it must be feasible and not absurd, and the log
		// shows how far from the optimum it lands.
		if r.Objective > 2*want {
			t.Errorf("seed %d: whole objective %.10g, twice the exact whole optimum %.10g", in.seed, r.Objective, want)
		}
		worst = max(worst, r.Objective/want-1)
	}
	t.Logf("worst excess over the exact whole optimum: %.3g%%", 100*worst)
}
