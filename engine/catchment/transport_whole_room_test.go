package catchment

import "testing"

// TestBestRoomKept checks that bestRoom's kept answers follow every
// change of the loads and lists, on a hand-made state: area 0 (10
// children) lists school 0 at 100 and school 1 at 200; areas 1 and 2 (10
// each) list school 0; school 0 has 20 seats, school 1 10, school 2 10.
func TestBestRoomKept(t *testing.T) {
	f := &flatSolution{
		n: 3, m: 3, u: 1000,
		supply: []int32{10, 10, 10},
		capa:   []int64{20, 10, 10},
		start:  []int32{0, 2, 3, 4},
		school: []int32{0, 1, 0, 0},
		cost:   []float64{100, 200, 50, 60},
	}
	w := new(wholeState)
	w.reset(f)
	for i := range int32(f.n) {
		w.assign[i] = -1
	}
	steps := []struct {
		name     string
		change   func()
		wantArc  int32
		wantCost float64
	}{
		{"all unplaced: school 0", func() {}, 0, 100},
		{"area 1 at school 0, 10 seats left: school 0", func() { w.place(1, 2) }, 0, 100},
		{"area 2 fills school 0: school 1", func() { w.place(2, 3) }, 1, 200},
		{"asked again: school 1", func() {}, 1, 200},
		{"area 2 leaves: school 0 again", func() { w.unplace(2) }, 0, 100},
		{"school 2 listed at 10: school 2", func() { w.addArc(0, Arc{School: 2, Cost: 10}) }, 4, 10},
	}
	for _, st := range steps {
		st.change()
		a, c := w.bestRoom(0, -1)
		if a != st.wantArc || c != st.wantCost {
			t.Fatalf("%s: bestRoom = arc %d at %v, want arc %d at %v", st.name, a, c, st.wantArc, st.wantCost)
		}
	}
}
