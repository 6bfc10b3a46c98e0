package catchment

import (
	"context"
	"math"
	"testing"
)

// swapExists is swapInto's scan without the move: whether a member b of
// school k, of size in [lo, hi], lists j and passes the gain test.
func swapExists(w *wholeState, k, j int32, lo, hi int64, gainI, eps float64) bool {
	s := w.s
	for _, mb := range w.members[k] {
		b, sb := mb.area, int64(mb.supply)
		if sb < lo || sb > hi {
			continue
		}
		if bj := w.arcTo(b, j); bj >= 0 && gainI+float64(sb)*(s.cost[w.assign[b]]-s.cost[bj]) > eps {
			return true
		}
	}
	return false
}

// swapTally counts the tries of a state: those swapHopeless skips and
// those with a swap.
type swapTally struct{ hopeless, found int }

// checkSwapTries asks swapHopeless about every swap try of the state, as
// swapInto would, and fails when it calls one hopeless that has a swap.
func checkSwapTries(t *testing.T, w *wholeState, tally *swapTally) {
	t.Helper()
	s := w.s
	for i := range int32(s.n) {
		ai := w.assign[i]
		if ai < 0 {
			continue
		}
		cand, nc := w.swapTargets(i, ai)
		for _, a := range cand[:nc] {
			j, k := s.school[ai], s.school[a]
			si := int64(s.supply[i])
			gainI := float64(si) * (s.cost[ai] - s.cost[a])
			lo, hi := w.load[k]+si-s.capa[k], s.capa[j]-w.load[j]+si
			eps := 1e-9 * (gainI + 1)
			hopeless, exists := w.swapHopeless(k, j, lo, hi, gainI, eps), swapExists(w, k, j, lo, hi, gainI, eps)
			if hopeless && exists {
				t.Fatalf("area %d: swap into school %d called hopeless, but a member of it can take school %d", i, k, j)
			}
			if hopeless {
				tally.hopeless++
			}
			if exists {
				tally.found++
			}
		}
	}
}

// TestSwapHopeless checks that swapHopeless never skips a swap that the
// scan of the school's members finds: after rounding and repair, and
// after each improvement pass, whose moves and swaps change the members
// the kept lists were built from.
func TestSwapHopeless(t *testing.T) {
	for _, c := range boundCases {
		t.Run(c.name, func(t *testing.T) {
			var tally swapTally
			for seed := range uint64(8) {
				s := new(sspSolver)
				res, err := solveTransport(context.Background(), s, c.problem(seed), &TransportOptions{Split: true})
				if err != nil {
					t.Fatal(err)
				}
				f := s.flat(res)
				w := &s.whole
				w.reset(f)
				for i := range f.n {
					w.round(int32(i))
				}
				for j := range f.m {
					if w.load[j] > f.capa[j] {
						w.repair(int32(j))
					}
				}
				for pass := range 4 {
					checkSwapTries(t, w, &tally)
					work := w.workList()
					clear(w.touched)
					w.improvePass(work, pass < ejectPasses)
				}
			}
			if tally.hopeless == 0 {
				t.Errorf("no try was found hopeless")
			}
			t.Logf("%+v", tally)
		})
	}
}

// TestSwapPasses checks the gain test of the kept lists on hand-made
// values: a candidate passes when gainI + t exceeds ε, or misses it by
// less than the rounding margin.
func TestSwapPasses(t *testing.T) {
	tests := []struct {
		name          string
		gainI, t, eps float64
		want          bool
	}{
		{"clear gain", 1000, -400, 1e-6, true},
		{"clear loss", 1000, -1400, 1e-6, false},
		{"exactly ε: within the margin", 1000, -1000 + 1e-6, 1e-6, true},
		{"a margin's width below ε", 1000, -1000, 1e-6, false},
		{"no candidate", 1000, math.Inf(-1), 1e-6, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := passes(tt.gainI, tt.t, tt.eps); got != tt.want {
				t.Errorf("passes(%v, %v, %v) = %v, want %v", tt.gainI, tt.t, tt.eps, got, tt.want)
			}
		})
	}
}
