package sim_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// cohorts sets area a's children: age 11 in 2025 and age 12 in every
// year as given, every other age `other`.
func cohorts(b *citytest.Builder, a int, age11, age12, other float64) {
	b.AreaChildren(a, func(y engine.Year, age int) float64 {
		switch {
		case age == 12:
			return age12
		case age == 11 && y == 2025:
			return age11
		}
		return other
	})
}

// feederCity is one district on a line: area A (x 0) near primary P
// (x 1000), area B (x 9000) at primary Q (x 9000), and one junior school
// J (1 stream: 50 seats) at x 8000, nearer B. A's 11-year-olds of 2025
// are P's grade 6, its leavers into the 2026 junior entry.
func feederCity(feeders []string, aLeavers float64) *engine.City {
	b := citytest.New(2025, 2026)
	d := b.District("D", -1000, -1000, 10000, 1000)
	cohorts(b, b.Area("A", d, 0, 0, 1), aLeavers, 30, 10)
	cohorts(b, b.Area("B", d, 9000, 0, 1), 40, 40, 10)
	b.School("P", engine.KindPrimary, d, 1000, 0, 1)
	b.School("Q", engine.KindPrimary, d, 9000, 0, 1)
	b.School("J", engine.KindJunior, d, 8000, 0, 1).Feeders = feeders
	return b.City()
}

// nineYearCity is one district on a line: area A (x 0) whose nearest
// primary is the nine-year school N (x 1000, 1 stream each stage: 50
// junior entry seats), area C (x 1500) nearer primary Q (x 1700) but in
// N's junior catchment, nearer N than A. A nine-year school M far away
// (x 9000) lists N as a feeder when fedBy says so.
func nineYearCity(fedBy bool) *engine.City {
	b := citytest.New(2025, 2026)
	d := b.District("D", -1000, -1000, 20000, 1000)
	cohorts(b, b.Area("A", d, 0, 0, 1), 30, 30, 10)
	cohorts(b, b.Area("C", d, 1500, 0, 1), 40, 40, 10)
	b.School("N", engine.KindNineYear, d, 1000, 0, 1)
	b.School("Q", engine.KindPrimary, d, 1700, 0, 1)
	if fedBy {
		cohorts(b, b.Area("F", d, 19000, 0, 1), 10, 10, 10)
		b.School("M", engine.KindNineYear, d, 19000, 0, 1).Feeders = []string{"N"}
	}
	return b.City()
}

// TestProgression works every junior admission out by hand. 2025 is the
// first year: no primary year before it is run, so no leavers move up and
// the nearest areas take the base seats. 2026: the leavers take the base
// seats first.
func TestProgression(t *testing.T) {
	tests := []struct {
		name     string
		city     *engine.City
		want2025 []string
		want2026 []string
	}{{
		// No feeder: B (1000 m) fills 40 of J's 50 seats, A (8000 m)
		// the last 10, 20 of A unplaced; the same in 2026.
		name:     "no feeder",
		city:     feederCity(nil, 30),
		want2025: []string{"A J base 10", "A unplaced 20", "B J base 40"},
		want2026: []string{"A J base 10", "A unplaced 20", "B J base 40"},
	}, {
		// P feeds J: P's 30 leavers (A's 30 eleven-year-olds of 2025)
		// are A's 30 junior entrants of 2026, who take 30 of J's 50 base
		// seats first; B's 40 get the 20 left.
		name:     "feeder",
		city:     feederCity([]string{"P"}, 30),
		want2025: []string{"A J base 10", "A unplaced 20", "B J base 40"},
		want2026: []string{"A J feeder 30", "B J base 20", "B unplaced 20"},
	}, {
		// P had only 20 in grade 6 (10 of A's 12-year-olds moved in
		// since): 20 go up as feeder leavers; B (nearer) takes the 30
		// base seats left; A's other 10 and B's last 10 are unplaced.
		name:     "feeder capped by leavers",
		city:     feederCity([]string{"P"}, 20),
		want2025: []string{"A J base 10", "A unplaced 20", "B J base 40"},
		want2026: []string{"A J feeder 20", "A unplaced 10", "B J base 30", "B unplaced 10"},
	}, {
		// Without progression C (500 m) fills 40 of N's 50 junior seats
		// and A (1000 m) 10. In 2026 N's own 30 grade-6 pupils (A's
		// children: C goes to primary Q) move up first; C gets the 20
		// seats left.
		name:     "nine-year",
		city:     nineYearCity(false),
		want2025: []string{"A N base 10", "A unplaced 20", "C N base 40"},
		want2026: []string{"A N nine_year 30", "C N base 20", "C unplaced 20"},
	}, {
		// M lists N as a feeder, but N's 30 leavers all went up into N:
		// none are left for M, whose seats go to its own area F (in
		// 2026 F's 10 are M's own grade-6 leavers).
		name:     "nine-year school listed as a feeder",
		city:     nineYearCity(true),
		want2025: []string{"A N base 10", "A unplaced 20", "C N base 40", "F M base 10"},
		want2026: []string{"A N nine_year 30", "C N base 20", "C unplaced 20", "F M nine_year 10"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.city, &sim.Options{First: 2025, Last: 2026, Policy: engine.Policy{Placement: engine.PlaceNone}})
			for y, want := range map[engine.Year][]string{2025: tc.want2025, 2026: tc.want2026} {
				if got := juniorRoutes(tc.city, r, y); !slices.Equal(got, want) {
					t.Errorf("%d: junior admissions %q, want %q", y, got, want)
				}
			}
		})
	}
}

// juniorRoutes lists year y's junior admissions as "area school route n",
// and "area unplaced n", sorted.
func juniorRoutes(c *engine.City, r *sim.Result, y engine.Year) []string {
	yr := r.Stages[engine.Junior].Year(y)
	var out []string
	for i := range c.Areas {
		if n := yr.AreaBase[i]; n > 0 {
			out = append(out, fmt.Sprintf("%s %s base %d", c.Areas[i].ID, r.Schools[yr.Assign.School[i]].ID, n))
		}
		if u := yr.AreaEntrants[i] - yr.AreaAdmitted[i]; u > 0 {
			out = append(out, fmt.Sprintf("%s unplaced %d", c.Areas[i].ID, u))
		}
	}
	for _, ad := range yr.Admissions {
		out = append(out, fmt.Sprintf("%s %s %s %d", c.Areas[ad.Area].ID, r.Schools[ad.School].ID, ad.Route, ad.Students))
	}
	slices.Sort(out)
	return out
}
