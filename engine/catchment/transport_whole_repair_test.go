package catchment

import (
	"context"
	"math"
	"slices"
	"testing"
)

// repairUncached is repair as it reads without rooms, and with a full
// scan of the grid up to Unplaced (widenRoomFull): every way out is sought
// again at every step. The reference of TestRepairRooms.
func (w *wholeState) repairUncached(j int32) {
	s := w.s
	for w.load[j] > s.capa[j] {
		bi, ba, bx := int32(-1), int32(-1), math.Inf(1)
		for _, mb := range w.members[j] {
			i := mb.area
			a, c := w.bestRoom(i, j)
			if a < 0 && s.grid != nil {
				a, c = w.widenRoomFull(i, j)
			}
			if x := float64(s.supply[i]) * (c - w.cost(i)); x < bx || x == bx && i < bi {
				bi, ba, bx = i, a, x
			}
		}
		w.unplace(bi)
		w.place(bi, ba)
		if ba >= 0 {
			w.touched[s.school[ba]] = true
		}
	}
}

// widenRoomFull is widenRoom from every school of the grid nearer than
// Unplaced, in the order of the scan.
func (w *wholeState) widenRoomFull(i, skip int32) (int32, float64) {
	s := w.s
	need := int64(s.supply[i])
	var near []Arc
	lim := s.u
	s.grid.scan(s.areas[i], false, &lim, func(j int32, d float64) {
		near = append(near, Arc{School: j, Cost: d})
	})
	best, bestJ := s.u, int32(-1)
	for _, arc := range near {
		j := arc.School
		if j == skip || !(arc.Cost >= 0) || arc.Cost >= best || w.load[j]+need > s.capa[j] {
			continue
		}
		if w.arcTo(i, j) < 0 {
			best, bestJ = arc.Cost, j
		}
	}
	if bestJ < 0 {
		return -1, s.u
	}
	return w.addArc(i, Arc{School: bestJ, Cost: best}), best
}

// roundAndRepair rounds a copy of the split answer res of s and repairs
// it with fix, in a whole state of its own, and returns that state.
func roundAndRepair(s *sspSolver, res *TransportResult, fix func(w *wholeState, j int32)) *wholeState {
	f := s.flat(cloneResult(res))
	w := new(wholeState)
	w.reset(f)
	for i := range f.n {
		w.round(int32(i))
	}
	for j := range f.m {
		if w.load[j] > f.capa[j] {
			fix(w, int32(j))
		}
	}
	return w
}

// TestRepairRooms checks that repair, answering from rooms and scanning
// the grid only as near as it must, moves the same areas to the same
// arcs, and lists the same new arcs, as the repair that seeks every way
// out at every step among all the schools nearer than Unplaced.
func TestRepairRooms(t *testing.T) {
	for _, c := range boundCases {
		t.Run(c.name, func(t *testing.T) {
			repaired := 0
			for seed := range uint64(8) {
				s := new(sspSolver)
				res, err := solveTransport(context.Background(), s, c.problem(seed), &TransportOptions{Split: true})
				if err != nil {
					t.Fatal(err)
				}
				got := roundAndRepair(s, res, (*wholeState).repair)
				want := roundAndRepair(s, res, (*wholeState).repairUncached)
				if !slices.Equal(got.assign, want.assign) || !slices.Equal(got.load, want.load) {
					t.Fatalf("seed %d: repair placed the areas otherwise than the reference", seed)
				}
				if !slices.Equal(got.s.school, want.s.school) || !slices.Equal(got.s.cost, want.s.cost) || !slices.Equal(got.s.xnext, want.s.xnext) {
					t.Fatalf("seed %d: repair listed other arcs than the reference", seed)
				}
				if len(got.s.school) > len(res.School) {
					repaired++
				}
			}
			t.Logf("%d of 8 seeds listed schools found on the grid", repaired)
		})
	}
}
