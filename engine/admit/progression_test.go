package admit_test

import (
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine/admit"
)

// TestProgressions runs line() (S1, S2: 30 base + 15 shared seats in zone
// 0; S3: 45 base seats; areas a 70, b 20, c 10 children, nearest S1, S2,
// S3) with leavers given priority. Indices: S1 0, S2 1, S3 2; a 0, b 1,
// c 2.
func TestProgressions(t *testing.T) {
	tests := []struct {
		name       string
		progs      []admit.Progression
		a, b, c    []string
		feederAtS1 int32
	}{{
		// c's 10 leavers take 10 of S1's 30 base seats before a does: a
		// keeps 20 base seats, S1's and S2's 15 shared seats, and 20 of
		// a are unplaced (S3 is beyond the 3 km placement limit).
		name:  "leavers first",
		progs: []admit.Progression{{School: 0, Primary: 2, Route: admit.RouteFeeder, Areas: []int32{2}, Leavers: 10}},
		a:     []string{"S1 base 20", "S1 shared 15", "S2 shared 15", "unplaced 20"},
		b:     []string{"S2 base 20"},
		c:     []string{"S1 feeder 10"}, feederAtS1: 10,
	}, {
		// Only 6 leavers: 6 of c go up, its other 4 go to S3 as usual.
		name:  "leavers cap",
		progs: []admit.Progression{{School: 0, Primary: 2, Route: admit.RouteNineYear, Areas: []int32{2}, Leavers: 6}},
		a:     []string{"S1 base 24", "S1 shared 15", "S2 shared 15", "unplaced 16"},
		b:     []string{"S2 base 20"},
		c:     []string{"S3 base 4", "S1 nine_year 6"},
	}, {
		// The 6 leavers of school 2 all went up into S1: none are left
		// for S2, which lists the same primary.
		name: "one primary's leavers counted once",
		progs: []admit.Progression{
			{School: 0, Primary: 2, Route: admit.RouteNineYear, Areas: []int32{2}, Leavers: 6},
			{School: 1, Primary: 2, Route: admit.RouteFeeder, Areas: []int32{2}, Leavers: 6}},
		a: []string{"S1 base 24", "S1 shared 15", "S2 shared 15", "unplaced 16"},
		b: []string{"S2 base 20"},
		c: []string{"S3 base 4", "S1 nine_year 6"},
	}, {
		// 40 leavers over b and c (30 children) but 30 base seats: b and c
		// take them all, a none.
		name:  "capped by the base seats",
		progs: []admit.Progression{{School: 0, Primary: 2, Route: admit.RouteFeeder, Areas: []int32{1, 2}, Leavers: 40}},
		a:     []string{"S1 shared 15", "S2 shared 15", "unplaced 40"},
		b:     []string{"S1 feeder 20"},
		c:     []string{"S1 feeder 10"}, feederAtS1: 30,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := line()
			r.progs = tc.progs
			out := r.run(t)
			for a, want := range [][]string{tc.a, tc.b, tc.c} {
				if got := routes(r.c, r, out, a); !slices.Equal(got, want) {
					t.Errorf("area %d: %q, want %q", a, got, want)
				}
			}
			if got := out.Taken[admit.RouteFeeder][0]; got != tc.feederAtS1 {
				t.Errorf("S1 took %d feeder leavers, want %d", got, tc.feederAtS1)
			}
		})
	}
}

// TestProgressionLottery: 25 leavers over b (20) and c (10) for S1's 30
// base seats: a seeded lottery says which 25 of the 30 children go up;
// the other 5 stay in their own catchment.
func TestProgressionLottery(t *testing.T) {
	r := line()
	r.progs = []admit.Progression{{School: 0, Primary: 2, Route: admit.RouteFeeder, Areas: []int32{1, 2}, Leavers: 25}}
	out := r.run(t)
	if got := out.Taken[admit.RouteFeeder][0]; got != 25 {
		t.Fatalf("S1 took %d feeder leavers, want 25", got)
	}
	again := r.run(t)
	if !slices.Equal(out.Other, again.Other) {
		t.Fatalf("same seed, different draws: %v then %v", out.Other, again.Other)
	}
}
