package sim_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// twoDistricts is the hand-worked city of these tests:
//
//	D0 [0,10000]×[0,10000]: areas A0 (1000,5000), A1 (4000,5000), A2 (9000,5000);
//	                        school P0 primary 1 stream at (2000,5000),
//	                        school J0 junior 1 stream at (5000,5000)
//	D1 [10000,20000]×[0,10000]: area A3 (15000,5000); school P1 primary 2 streams at (12000,5000)
//
// D0 has 30 children of every age in each area (90 in all); D1 has 50.
func twoDistricts() *citytest.Builder {
	b := citytest.New(2025, 2030)
	d0 := b.District("D0", 0, 0, 10000, 10000)
	d1 := b.District("D1", 10000, 0, 20000, 10000)
	b.Area("A0", d0, 1000, 5000, 100)
	b.Area("A1", d0, 4000, 5000, 100)
	b.Area("A2", d0, 9000, 5000, 100)
	b.Area("A3", d1, 15000, 5000, 100)
	b.School("P0", engine.KindPrimary, d0, 2000, 5000, 1)
	b.School("J0", engine.KindJunior, d0, 5000, 5000, 1)
	b.School("P1", engine.KindPrimary, d1, 12000, 5000, 2)
	b.DistrictChildren(d0, func(engine.Year, int) float64 { return 90 })
	b.DistrictChildren(d1, func(engine.Year, int) float64 { return 50 })
	return b
}

func run(t *testing.T, c *engine.City, opt *sim.Options) *sim.Result {
	t.Helper()
	r, err := sim.Run(context.Background(), c, opt)
	if err != nil {
		t.Fatal(err)
	}
	simtest.Check(t, c, r, opt.Changes...)
	return r
}

func school(t *testing.T, r *sim.Result, st engine.Stage, y engine.Year, id string) *sim.SchoolYear {
	t.Helper()
	yr := r.Stages[st].Year(y)
	for k := range yr.Schools {
		if r.Schools[yr.Schools[k].School].ID == id {
			return &yr.Schools[k]
		}
	}
	return nil
}

func area(t *testing.T, c *engine.City, r *sim.Result, st engine.Stage, y engine.Year, id string) (entrants, admitted int, school string) {
	t.Helper()
	yr := r.Stages[st].Year(y)
	for i := range c.Areas {
		if c.Areas[i].ID == id {
			s := ""
			if k := yr.Assign.School[i]; k >= 0 {
				s = r.Schools[k].ID
			}
			return int(yr.AreaEntrants[i]), int(yr.AreaAdmitted[i]), s
		}
	}
	t.Fatalf("no area %q", id)
	return
}

func TestNearestByDistance(t *testing.T) {
	type want struct {
		area               string
		entrants, admitted int
		school             string
	}
	tests := []struct {
		name  string
		cross bool
		want  []want
		// unplaced primary entrants in D0 and D1
		unplaced [2]int
	}{
		{
			name: "same district",
			// P0 has 45 seats for 90: A0 (nearest) all 30, A1 the other 15, A2 none.
			want:     []want{{"A0", 30, 30, "P0"}, {"A1", 30, 15, "P0"}, {"A2", 30, 0, "P0"}, {"A3", 50, 50, "P1"}},
			unplaced: [2]int{45, 0},
		},
		{
			name:  "cross district",
			cross: true,
			// A2 is 3000 m from P1 and 7000 m from P0: it goes to P1, which has room.
			want:     []want{{"A0", 30, 30, "P0"}, {"A1", 30, 15, "P0"}, {"A2", 30, 30, "P1"}, {"A3", 50, 50, "P1"}},
			unplaced: [2]int{15, 0},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := twoDistricts().City()
			r := run(t, c, &sim.Options{First: 2025, Last: 2026, Policy: engine.Policy{CrossDistrict: tc.cross}})
			for _, w := range tc.want {
				e, a, s := area(t, c, r, engine.Primary, 2025, w.area)
				if e != w.entrants || a != w.admitted || s != w.school {
					t.Errorf("%s: entrants %d admitted %d school %q, want %d %d %q", w.area, e, a, s, w.entrants, w.admitted, w.school)
				}
			}
			yr := r.Stages[engine.Primary].Year(2025)
			for d, u := range tc.unplaced {
				if got := yr.Districts[d].Unplaced; got != u {
					t.Errorf("district %d unplaced %d, want %d", d, got, u)
				}
			}
		})
	}
}

func TestWarmStartAndProgression(t *testing.T) {
	c := twoDistricts().City()
	r := run(t, c, &sim.Options{First: 2025, Last: 2027, Policy: engine.Policy{Retention: [2]float64{0.9, 1}}})
	// First year: every grade is admitted like the entry grade: 45 each.
	p0 := school(t, r, engine.Primary, 2025, "P0")
	if !slices.Equal(p0.Grades, []int{45, 45, 45, 45, 45, 45}) || p0.Enrolled != 270 || p0.Capacity != 270 {
		t.Fatalf("P0 2025: %+v", p0)
	}
	if p0.Utilisation != 1 || p0.ClassesNeeded != 6 || p0.ClassesAvailable != 6 {
		t.Fatalf("P0 2025 indicators: %+v", p0)
	}
	// 2026: each grade moves up with retention 0.9: round(40.5) = 41.
	p0 = school(t, r, engine.Primary, 2026, "P0")
	if !slices.Equal(p0.Grades, []int{45, 41, 41, 41, 41, 41}) {
		t.Fatalf("P0 2026 grades %v", p0.Grades)
	}
	// 2027: round(41 × 0.9) = 37 for grades 3–6, 41 for grade 2.
	p0 = school(t, r, engine.Primary, 2027, "P0")
	if !slices.Equal(p0.Grades, []int{45, 41, 37, 37, 37, 37}) {
		t.Fatalf("P0 2027 grades %v", p0.Grades)
	}
	// Junior: J0 has 50 seats for 90 twelve-year-olds in D0 each year.
	j0 := school(t, r, engine.Junior, 2027, "J0")
	if !slices.Equal(j0.Grades, []int{50, 50, 50}) || j0.Applicants != 90 || j0.Unplaced() != 40 {
		t.Fatalf("J0 2027: %+v", j0)
	}
}

func TestChanges(t *testing.T) {
	newP2 := func() engine.School {
		s := engine.School{ID: "P2", Kind: engine.KindPrimary, District: 0, Opens: 2026, Point: orb.Point{8000, 5000}}
		s.Streams[engine.Primary] = 1
		return s
	}
	t.Run("new school opens to its entry grade", func(t *testing.T) {
		c := twoDistricts().City()
		r := run(t, c, &sim.Options{First: 2025, Last: 2027, Changes: []engine.Change{engine.NewSchool{School: newP2()}}})
		if p2 := school(t, r, engine.Primary, 2025, "P2"); p2 != nil {
			t.Fatalf("P2 open in 2025: %+v", p2)
		}
		// 2026: A2 (9000) is 1000 m from P2: P2 admits its 30; P0 has 60 applicants for 45 seats.
		p2 := school(t, r, engine.Primary, 2026, "P2")
		if p2 == nil || p2.Admitted != 30 || !slices.Equal(p2.Grades, []int{30, 0, 0, 0, 0, 0}) {
			t.Fatalf("P2 2026: %+v", p2)
		}
		if p0 := school(t, r, engine.Primary, 2026, "P0"); p0.Applicants != 60 || p0.Admitted != 45 {
			t.Fatalf("P0 2026: %+v", p0)
		}
		p2 = school(t, r, engine.Primary, 2027, "P2")
		if !slices.Equal(p2.Grades, []int{30, 30, 0, 0, 0, 0}) {
			t.Fatalf("P2 2027 grades %v", p2.Grades)
		}
		if u := r.Stages[engine.Primary].Year(2027).Districts[0].Unplaced; u != 15 {
			t.Fatalf("D0 unplaced 2027 = %d, want 15", u)
		}
	})
	t.Run("expand adds streams from its year", func(t *testing.T) {
		c := twoDistricts().City()
		r := run(t, c, &sim.Options{First: 2025, Last: 2026, Changes: []engine.Change{engine.Expand{School: "P0", Streams: 1, Year: 2026}}})
		if p0 := school(t, r, engine.Primary, 2025, "P0"); p0.EntrySeats != 45 || p0.Admitted != 45 {
			t.Fatalf("P0 2025: %+v", p0)
		}
		p0 := school(t, r, engine.Primary, 2026, "P0")
		if p0.EntrySeats != 90 || p0.Admitted != 90 || p0.Capacity != 540 || p0.Streams != 2 {
			t.Fatalf("P0 2026: %+v", p0)
		}
	})
	t.Run("close merges pupils into the target", func(t *testing.T) {
		c := twoDistricts().City()
		r := run(t, c, &sim.Options{First: 2025, Last: 2027, Changes: []engine.Change{
			engine.NewSchool{School: newP2()},
			engine.Close{School: "P0", Year: 2027, MergeInto: "P2"},
		}})
		if p0 := school(t, r, engine.Primary, 2027, "P0"); p0 != nil {
			t.Fatalf("P0 still open in 2027: %+v", p0)
		}
		// 2026 P0 grades [45 45 45 45 45 45] move up a grade into P2 [30 0 ...] moved up:
		// P2 2027 = entry + [45+30, 45, 45, 45, 45].
		p2 := school(t, r, engine.Primary, 2027, "P2")
		if !slices.Equal(p2.Grades[1:], []int{75, 45, 45, 45, 45}) {
			t.Fatalf("P2 2027 grades %v", p2.Grades)
		}
		// All of D0 now applies to P2 (45 seats for 90).
		if p2.Applicants != 90 || p2.Admitted != 45 || p2.MaxClassSize != 75 {
			t.Fatalf("P2 2027: %+v", p2)
		}
	})
	t.Run("bad changes", func(t *testing.T) {
		for _, ch := range []engine.Change{
			engine.Expand{School: "NOPE", Streams: 1, Year: 2026},
			engine.Close{School: "P0", Year: 2031},
			engine.Close{School: "P0", Year: 2026, MergeInto: "J0"},
			engine.Expand{School: "P0", Streams: -2, Year: 2026},
		} {
			_, err := sim.Run(context.Background(), twoDistricts().City(), &sim.Options{First: 2025, Last: 2030, Changes: []engine.Change{ch}})
			if !errors.Is(err, sim.ErrChange) {
				t.Errorf("%+v: err %v, want ErrChange", ch, err)
			}
		}
	})
}

func TestEntrantsRoundPerDistrict(t *testing.T) {
	b := citytest.New(2025, 2026)
	d := b.District("D", 0, 0, 1000, 1000)
	for _, id := range []string{"A", "B", "C"} {
		b.Area(id, d, 500, 500, 1)
	}
	b.School("P", engine.KindPrimary, d, 500, 500, 1)
	b.School("J", engine.KindJunior, d, 500, 500, 1)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 31.2 })
	c := b.City()
	r := run(t, c, &sim.Options{First: 2025, Last: 2025})
	// 10.4 each: cumulative 10.4, 20.8, 31.2 round to 10, 21, 31.
	yr := r.Stages[engine.Primary].Year(2025)
	if !slices.Equal(yr.AreaEntrants, []int32{10, 11, 10}) {
		t.Fatalf("entrants %v, want [10 11 10]", yr.AreaEntrants)
	}
}

func TestSeededLotteryAtTies(t *testing.T) {
	// Two areas at the same distance compete for 45 seats with 60 children.
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("L", d, 4000, 5000, 1)
	b.Area("R", d, 6000, 5000, 1)
	b.School("P", engine.KindPrimary, d, 5000, 5000, 1)
	b.School("J", engine.KindJunior, d, 5000, 5000, 1)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 60 })
	c := b.City()
	got := map[[2]int32]bool{}
	for seed := uint64(0); seed < 8; seed++ {
		r1 := run(t, c, &sim.Options{First: 2025, Last: 2025, Policy: engine.Policy{Seed: seed}})
		r2 := run(t, c, &sim.Options{First: 2025, Last: 2025, Policy: engine.Policy{Seed: seed}})
		a1 := r1.Stages[engine.Primary].Years[0].AreaAdmitted
		a2 := r2.Stages[engine.Primary].Years[0].AreaAdmitted
		if !slices.Equal(a1, a2) {
			t.Fatalf("seed %d: %v then %v", seed, a1, a2)
		}
		if a1[0]+a1[1] != 45 {
			t.Fatalf("seed %d: admitted %v, want 45 in all", seed, a1)
		}
		got[[2]int32{a1[0], a1[1]}] = true
	}
	if len(got) < 2 {
		t.Fatalf("8 seeds gave one draw %v: the lottery does not depend on the seed", got)
	}
}

func TestZonesPolicy(t *testing.T) {
	b := twoDistricts()
	// A2's zone is P1 across the district line; the other areas have no zone
	// and fall back to the nearest school of their district.
	b.SetAreaCatchment(2, engine.Primary, "P1")
	c := b.City()
	r := run(t, c, &sim.Options{First: 2025, Last: 2026, Policy: engine.Policy{Catchment: engine.Zones}})
	for _, w := range []struct {
		area, school string
		admitted     int
	}{{"A0", "P0", 30}, {"A1", "P0", 15}, {"A2", "P1", 30}, {"A3", "P1", 50}} {
		_, a, s := area(t, c, r, engine.Primary, 2025, w.area)
		if s != w.school || a != w.admitted {
			t.Errorf("%s: school %q admitted %d, want %q %d", w.area, s, a, w.school, w.admitted)
		}
	}
}

func TestBalancedSplit(t *testing.T) {
	// P0 (x 2000) and P1 (x 6000), 45 seats each; A0 (x 1000) 40 children,
	// A1 (x 3000) 40, A2 (x 7000) 10. Nearest would send 80 to P0. The
	// least total distance within the seats: A0 all and 5 of A1 at P0, the
	// other 35 of A1 and A2 at P1, every child on a base seat.
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10000, 10000)
	for i, x := range []float64{1000, 3000, 7000} {
		a := b.Area(fmt.Sprint("A", i), d, x, 5000, 1)
		n := []float64{40, 40, 10}[i]
		b.AreaChildren(a, func(engine.Year, int) float64 { return n })
	}
	b.School("P0", engine.KindPrimary, d, 2000, 5000, 1)
	b.School("P1", engine.KindPrimary, d, 6000, 5000, 1)
	b.School("J", engine.KindJunior, d, 5000, 5000, 10)
	c := b.City()
	// A1 → P1 is 3 km, the default unplaced cost: weigh it at 10 km.
	pol := engine.Policy{Catchment: engine.Balanced, Split: true, UnplacedCost: 10000}
	r := run(t, c, &sim.Options{First: 2025, Last: 2025, Policy: pol})
	yr := r.Stages[engine.Primary].Years[0]
	if yr.City.Base != 90 || yr.City.Unplaced != 0 || yr.City.Placed != 0 {
		t.Fatalf("city %+v", yr.City)
	}
	var got []string
	for i := range c.Areas {
		if yr.AreaBase[i] > 0 {
			got = append(got, fmt.Sprint(c.Areas[i].ID, " ", r.Schools[yr.Assign.School[i]].ID, " ", yr.AreaBase[i]))
		}
	}
	for _, ad := range yr.Admissions {
		got = append(got, fmt.Sprint(c.Areas[ad.Area].ID, " ", r.Schools[ad.School].ID, " ", ad.Students))
	}
	slices.Sort(got)
	if want := []string{"A0 P0 40", "A1 P0 5", "A1 P1 35", "A2 P1 10"}; !slices.Equal(got, want) {
		t.Fatalf("admissions %q, want %q", got, want)
	}
}
