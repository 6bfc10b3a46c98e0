package admit_test

import (
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// round is an admission round under test.
type round struct {
	c      *engine.City
	pol    engine.Policy
	ent    []int32
	seats  []int32
	shared []int32
	zone   []int32
	over   []int32
	swaps  []admit.Swap
	progs  []admit.Progression
	assign *engine.Assignment
}

func (r *round) run(t *testing.T) *admit.Result {
	t.Helper()
	if r.assign == nil {
		open := make([]bool, len(r.c.Schools))
		for i := range open {
			open[i] = true
		}
		r.assign = catchment.Nearest(r.c, catchment.Options{Stage: engine.Primary, Open: open})
	}
	n := len(r.c.Schools)
	for _, s := range []*[]int32{&r.shared, &r.over} {
		if *s == nil {
			*s = make([]int32, n)
		}
	}
	if r.zone == nil {
		r.zone = make([]int32, n)
		for i := range r.zone {
			r.zone[i] = -1
		}
	}
	in := &admit.Input{City: r.c, Stage: engine.Primary, Year: 2025, Policy: &r.pol, Entrants: r.ent,
		Assign: r.assign, Seats: r.seats, Shared: r.shared, Zone: r.zone, Oversize: r.over, Swaps: r.swaps,
		Progressions: r.progs}
	var out admit.Result
	if err := admit.Admit(in, &out); err != nil {
		t.Fatal(err)
	}
	check(t, in, &out)
	return &out
}

// check is the invariant checker of every admission test: per area,
// entrants = base + shared + placed + oversize + unplaced; per school, no
// more than its seats except by oversize.
func check(tb testing.TB, in *admit.Input, out *admit.Result) {
	tb.Helper()
	got := make([]int32, len(in.Entrants))
	perSchool := make([]int32, len(in.Seats))
	for i, b := range out.Base {
		got[i] += b
		if b > 0 {
			perSchool[in.Assign.School[i]] += b
		}
	}
	for _, ad := range out.Other {
		got[ad.Area] += ad.Students
		if ad.Route != admit.RouteOversize {
			perSchool[ad.School] += ad.Students
		}
	}
	for i := range got {
		if got[i] != out.Admitted[i] || got[i] > in.Entrants[i] || got[i] < 0 {
			tb.Fatalf("area %d: admissions add up to %d, admitted %d, entrants %d", i, got[i], out.Admitted[i], in.Entrants[i])
		}
	}
	for s := range perSchool {
		if perSchool[s] > in.Seats[s] {
			tb.Fatalf("school %d: %d admitted beyond oversize, %d seats", s, perSchool[s], in.Seats[s])
		}
		if int(out.Taken[admit.RouteOversize][s]) > int(in.Oversize[s]) {
			tb.Fatalf("school %d: oversize %d > room %d", s, out.Taken[admit.RouteOversize][s], in.Oversize[s])
		}
	}
}

// routes returns area a's admissions as (school id, route, students) text.
func routes(c *engine.City, r *round, out *admit.Result, a int) []string {
	var s []string
	if b := out.Base[a]; b > 0 {
		s = append(s, c.Schools[r.assign.School[a]].ID+" base "+itoa(b))
	}
	for _, ad := range out.Other {
		if int(ad.Area) == a {
			s = append(s, c.Schools[ad.School].ID+" "+ad.Route.String()+" "+itoa(ad.Students))
		}
	}
	if u := r.ent[a] - out.Admitted[a]; u > 0 {
		s = append(s, "unplaced "+itoa(u))
	}
	return s
}

func itoa(n int32) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// line: one district along y = 0. S1 (x 1000) and S2 (x 5000) share zone 0,
// each 45 seats of which 15 shared; S3 (x 9000) has 45 base seats.
// Area a (x 0) has 70 children, b (x 4000) 20, c (x 9500) 10.
func line() *round {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, -100, 10000, 100)
	b.School("S1", engine.KindPrimary, d, 1000, 0, 1)
	b.School("S2", engine.KindPrimary, d, 5000, 0, 1)
	b.School("S3", engine.KindPrimary, d, 9000, 0, 1)
	b.Area("a", d, 0, 0, 1)
	b.Area("b", d, 4000, 0, 1)
	b.Area("c", d, 9500, 0, 1)
	return &round{c: b.City(), ent: []int32{70, 20, 10}, seats: []int32{45, 45, 45},
		shared: []int32{15, 15, 0}, zone: []int32{0, 0, -1}, over: []int32{10, 10, 10}}
}

func TestRoutes(t *testing.T) {
	tests := []struct {
		name string
		set  func(*round)
		want []string // area a's admissions
	}{
		// Base: S1 has 30 base seats. Shared by distance: S1's 15, then
		// S2's 15. The last 10: S2 has 10 seats free but 5 km away, beyond
		// the 3 km placement limit.
		{"shared by distance, placement out of reach", nil,
			[]string{"S1 base 30", "S1 shared 15", "S2 shared 15", "unplaced 10"}},
		{"placement within 6 km", func(r *round) { r.pol.MaxDistance[engine.Primary] = 6000 },
			[]string{"S1 base 30", "S1 shared 15", "S2 shared 15", "S2 placed 10"}},
		// S2's 10 unused base seats join the pool.
		{"release unused base seats", func(r *round) { r.pol.Shared.ReleaseUnusedBase = true },
			[]string{"S1 base 30", "S1 shared 15", "S2 shared 25"}},
		// Oversize: S1 is full; its class of 45 may grow to 55.
		{"oversize", func(r *round) { r.pol.Placement = engine.PlaceOversize },
			[]string{"S1 base 30", "S1 shared 15", "S2 shared 15", "S1 oversize 10"}},
		{"no placement", func(r *round) { r.pol.Placement = engine.PlaceNone; r.pol.MaxDistance[engine.Primary] = 6000 },
			[]string{"S1 base 30", "S1 shared 15", "S2 shared 15", "unplaced 10"}},
		// Without a zone, shared seats are not given out as such; the
		// bureau places children in them like any free seat.
		{"no sharing zone", func(r *round) { r.zone = []int32{-1, -1, -1}; r.pol.MaxDistance[engine.Primary] = 6000 },
			[]string{"S1 base 30", "S1 placed 15", "S2 placed 25"}},
		// By lottery with one applicant area, each child takes the
		// nearest zone school with a seat: the same as by distance.
		{"shared by lottery", func(r *round) { r.pol.Shared.Priority = engine.ByLottery },
			[]string{"S1 base 30", "S1 shared 15", "S2 shared 15", "unplaced 10"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := line()
			if tc.set != nil {
				tc.set(r)
			}
			out := r.run(t)
			if got := routes(r.c, r, out, 0); !slices.Equal(got, tc.want) {
				t.Fatalf("area a: %q, want %q", got, tc.want)
			}
			if got := routes(r.c, r, out, 1); !slices.Equal(got, []string{"S2 base 20"}) {
				t.Fatalf("area b: %q", got)
			}
		})
	}
}

func TestSharedLotteryIsSeeded(t *testing.T) {
	// Two areas compete for S1's 15 shared seats after base: a (x 0) and
	// d (x 1100, also S1's catchment but nearer). By distance d goes
	// first; by lottery the split depends on the seed only.
	mk := func(seed uint64, prio engine.SharedPriority) []int32 {
		r := line()
		r.c.Areas = append(r.c.Areas, r.c.Areas[0])
		r.c.Areas[3].ID, r.c.Areas[3].Point[0] = "d", 1100
		r.ent = []int32{70, 20, 10, 40}
		r.shared = []int32{15, 0, 0}
		r.pol.Shared.Priority, r.pol.Seed, r.pol.Placement = prio, seed, engine.PlaceNone
		out := r.run(t)
		return []int32{out.Admitted[0], out.Admitted[3]}
	}
	// By distance: d (100 m) takes S1's 30 base seats, then 10 of the 15
	// shared seats; a gets the other 5.
	if got := mk(1, engine.ByDistance); !slices.Equal(got, []int32{5, 40}) {
		t.Fatalf("by distance %v, want [5 40]", got)
	}
	seen := map[[2]int32]bool{}
	for seed := uint64(0); seed < 10; seed++ {
		a, b := mk(seed, engine.ByLottery), mk(seed, engine.ByLottery)
		if !slices.Equal(a, b) {
			t.Fatalf("seed %d: %v then %v", seed, a, b)
		}
		if a[0]+a[1] != 30+15 || a[1] < 30 {
			t.Fatalf("seed %d: %v: want 45 in all, d's 30 base seats kept", seed, a)
		}
		seen[[2]int32{a[0], a[1]}] = true
	}
	if len(seen) < 2 {
		t.Fatalf("10 seeds, one outcome %v", seen)
	}
}

func TestMultiSchoolCatchment(t *testing.T) {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, -100, 10000, 100)
	b.School("S1", engine.KindPrimary, d, 1000, 0, 1)
	b.School("S2", engine.KindPrimary, d, 5000, 0, 1)
	m := b.Area("m", d, 3000, 0, 1)
	b.SetAreaCatchment(m, engine.Primary, "S1", "S2")
	c := b.City()
	open := []bool{true, true}
	assign, err := catchment.Zones(c, catchment.Options{Stage: engine.Primary, Open: open}, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int32]bool{}
	for seed := uint64(0); seed < 6; seed++ {
		r := &round{c: c, ent: []int32{50}, seats: []int32{30, 30}, assign: assign}
		r.pol.Seed = seed
		out := r.run(t)
		s1, s2 := out.Taken[admit.RouteBase][0], out.Taken[admit.RouteBase][1]
		if s1+s2 != 50 || s1 > 30 || s2 > 30 || out.Base[0] != 0 {
			t.Fatalf("seed %d: S1 %d S2 %d (single-school base %d)", seed, s1, s2, out.Base[0])
		}
		seen[s1] = true
	}
	if len(seen) < 2 {
		t.Fatalf("the lottery does not depend on the seed: %v", seen)
	}
}

func TestSeatSwap(t *testing.T) {
	b := citytest.New(2025, 2025)
	d0 := b.District("D0", 0, -100, 5000, 100)
	d1 := b.District("D1", 5000, -100, 10000, 100)
	b.School("A", engine.KindPrimary, d0, 4000, 0, 1)
	b.School("B", engine.KindPrimary, d1, 6000, 0, 1)
	b.Area("p", d0, 1000, 0, 1)
	b.Area("q", d1, 9000, 0, 1)
	swaps := []admit.Swap{{School: 0, District: 1, Seats: 10}, {School: 1, District: 0, Seats: 10}}
	tests := []struct {
		name  string
		set   func(*round)
		wantP []string
	}{
		// A keeps 35 base seats for p; nobody of D1 needs A's 10 swapped
		// seats, so they go back to p. B's 10 swapped seats go to p.
		{"swap", nil, []string{"A base 45", "B base 10", "unplaced 5"}},
		{"swap and placement across districts", func(r *round) {
			r.pol.PlacementCrossDistrict = true
			r.pol.MaxDistance[engine.Primary] = 6000
		}, []string{"A base 45", "B base 10", "B placed 5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &round{c: b.City(), ent: []int32{60, 20}, seats: []int32{45, 45}, swaps: swaps}
			if tc.set != nil {
				tc.set(r)
			}
			out := r.run(t)
			if got := routes(r.c, r, out, 0); !slices.Equal(got, tc.wantP) {
				t.Fatalf("p: %q, want %q", got, tc.wantP)
			}
			if got := routes(r.c, r, out, 1); !slices.Equal(got, []string{"B base 20"}) {
				t.Fatalf("q: %q", got)
			}
		})
	}
}

func TestBadPlan(t *testing.T) {
	r := line()
	r.shared = []int32{50, 0, 0}
	r.assign = nil
	open := []bool{true, true, true}
	r.assign = catchment.Nearest(r.c, catchment.Options{Stage: engine.Primary, Open: open})
	in := &admit.Input{City: r.c, Stage: engine.Primary, Year: 2025, Policy: &r.pol, Entrants: r.ent, Assign: r.assign,
		Seats: r.seats, Shared: r.shared, Zone: r.zone, Oversize: r.over}
	var out admit.Result
	if err := admit.Admit(in, &out); err == nil {
		t.Fatal("50 shared seats out of 45 accepted")
	}
}
