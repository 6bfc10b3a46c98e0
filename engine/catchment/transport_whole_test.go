package catchment_test

import (
	"math"
	"testing"

	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestSolveTransportWhole checks whole mode (the default) on the random
// instances in both forms: feasible with every area whole, at least the
// split optimum, and its bound below the split optimum.
func TestSolveTransportWhole(t *testing.T) {
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			var worst float64
			for _, in := range seeded(t, 2) {
				t.Run(in.name, func(t *testing.T) {
					p, dist := f.build(in, t)
					split := refOptimum(p, dist)
					r := solve(t, p, nil)
					checkTransport(t, p, r, nil)
					if r.Objective < split*(1-1e-9) {
						t.Fatalf("seed %d: whole objective %.12g below the split optimum %.12g", in.seed, r.Objective, split)
					}
					if !(r.LowerBound <= split*(1+1e-9)+1e-9) {
						t.Fatalf("seed %d: lower bound %.12g above the split optimum %.12g", in.seed, r.LowerBound, split)
					}
					if !(r.LowerBound <= r.Objective) || r.Gap < 0 {
						t.Fatalf("seed %d: bound %.12g, objective %.12g, gap %v", in.seed, r.LowerBound, r.Objective, r.Gap)
					}
					if split > 0 {
						worst = max(worst, r.Objective/split-1)
					}
					t.Logf("whole %.12g, split optimum %.12g, gap %.3g%%", r.Objective, split, 100*r.Gap)
				})
			}
			t.Logf("worst excess of whole over the split optimum: %.3g%%", 100*worst)
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
			checkTransport(t, &tc.p, r, nil)
			approx.Check(t, "objective", r.Objective, tc.want, 1e-12*max(1, math.Abs(tc.want)))
			for a, f := range tc.wantFlow {
				if r.Flow[a] != f {
					t.Fatalf("flows %v, want %v", r.Flow, tc.wantFlow)
				}
			}
		})
	}
}

// wholeOptimum enumerates every whole assignment of a tiny instance over
// the allowed arcs (a +Inf cost: no arc) and unplaced.
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
			if !math.IsInf(dist[i][j], 1) && load[j]+s <= int64(p.Capacity[j]) {
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
// exact whole optimum on instances small enough to enumerate, in
// geometric form (every school) and sparse form (the 2 nearest).
func TestSolveTransportWholeVsExact(t *testing.T) {
	t.Logf("-transport.seed=%d", *transportSeed)
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			var worst float64
			for k := range 40 {
				in := inst{name: "enum", seed: *transportSeed*1000 + uint64(k), areas: 9, schools: 3, k: 2,
					seats: 0.9 + 0.1*float64(k%4), unpl: 20000}
				if k%5 == 4 {
					in.unpl = 1500 // some areas better unplaced
				}
				p, dist := f.build(in, t)
				want := wholeOptimum(p, dist)
				split := refOptimum(p, dist)
				r := solve(t, p, nil)
				checkTransport(t, p, r, nil)
				if r.Objective < want*(1-1e-9) {
					t.Fatalf("seed %d: whole objective %.12g below the exact whole optimum %.12g", in.seed, r.Objective, want)
				}
				if !(r.LowerBound <= split*(1+1e-9)+1e-9) {
					t.Fatalf("seed %d: lower bound %.12g above the split optimum %.12g", in.seed, r.LowerBound, split)
				}
				// A heuristic: it must be feasible and not absurd, and the
				// log shows how far from the optimum it lands.
				if r.Objective > 2*want {
					t.Errorf("seed %d: whole objective %.12g, more than twice the exact whole optimum %.12g", in.seed, r.Objective, want)
				}
				if want > 0 {
					worst = max(worst, r.Objective/want-1)
				}
			}
			t.Logf("worst excess over the exact whole optimum: %.3g%% (ratio %.4f)", 100*worst, 1+worst)
		})
	}
}
