// Package simtest checks the invariants of simulation results; every test
// that runs a simulation calls Check.
package simtest

import (
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// Check verifies, for every stage, year and area, that
// entrants = admitted + unplaced with no negative count; that each school
// admits no more than its entry seats and exactly what its areas were
// admitted; and that area, district and city totals agree.
func Check(tb testing.TB, c *engine.City, r *sim.Result) {
	tb.Helper()
	for st := range r.Stages {
		sr := &r.Stages[st]
		if want := int(r.Last-r.First) + 1; len(sr.Years) != want {
			tb.Fatalf("%s: %d years, want %d", sr.Stage, len(sr.Years), want)
		}
		for yi := range sr.Years {
			yr := &sr.Years[yi]
			checkYear(tb, c, r, sr.Stage, yr)
		}
	}
}

func checkYear(tb testing.TB, c *engine.City, r *sim.Result, st engine.Stage, yr *sim.YearResult) {
	tb.Helper()
	if len(yr.AreaEntrants) != len(c.Areas) || len(yr.AreaAdmitted) != len(c.Areas) {
		tb.Fatalf("%s %d: area slices %d/%d, want %d", st, yr.Year, len(yr.AreaEntrants), len(yr.AreaAdmitted), len(c.Areas))
	}
	perSchool := make(map[int]int)
	district := make([]sim.Totals, len(c.Districts))
	var city sim.Totals
	for i := range c.Areas {
		e, a := int(yr.AreaEntrants[i]), int(yr.AreaAdmitted[i])
		u := e - a
		if e < 0 || a < 0 || u < 0 {
			tb.Fatalf("%s %d area %q: entrants %d, admitted %d, unplaced %d", st, yr.Year, c.Areas[i].ID, e, a, u)
		}
		s := int(yr.Assign.School[i])
		if s < 0 && a != 0 {
			tb.Fatalf("%s %d area %q: %d admitted without a school", st, yr.Year, c.Areas[i].ID, a)
		}
		if s >= 0 {
			perSchool[s] += a
		}
		for _, t := range []*sim.Totals{&district[c.Areas[i].District], &city} {
			t.Entrants += e
			t.Admitted += a
			t.Unplaced += u
		}
	}
	seen := map[int]bool{}
	for k := range yr.Schools {
		row := &yr.Schools[k]
		seen[row.School] = true
		id := r.Schools[row.School].ID
		if row.Admitted > row.EntrySeats {
			tb.Fatalf("%s %d school %q: admitted %d > entry seats %d", st, yr.Year, id, row.Admitted, row.EntrySeats)
		}
		if row.Admitted != perSchool[row.School] {
			tb.Fatalf("%s %d school %q: admitted %d, its areas were admitted %d", st, yr.Year, id, row.Admitted, perSchool[row.School])
		}
		if row.Admitted > row.Applicants {
			tb.Fatalf("%s %d school %q: admitted %d > applicants %d", st, yr.Year, id, row.Admitted, row.Applicants)
		}
		if len(row.Grades) != st.Grades() || row.Grades[0] != row.Admitted {
			tb.Fatalf("%s %d school %q: grades %v, admitted %d", st, yr.Year, id, row.Grades, row.Admitted)
		}
		sum := 0
		for _, n := range row.Grades {
			if n < 0 {
				tb.Fatalf("%s %d school %q: negative grade in %v", st, yr.Year, id, row.Grades)
			}
			sum += n
		}
		if sum != row.Enrolled {
			tb.Fatalf("%s %d school %q: enrolled %d, grades sum to %d", st, yr.Year, id, row.Enrolled, sum)
		}
	}
	for s, n := range perSchool {
		if n > 0 && !seen[s] {
			tb.Fatalf("%s %d: %d admitted to school %q, which has no row", st, yr.Year, n, r.Schools[s].ID)
		}
	}
	for d := range district {
		got := &yr.Districts[d]
		if got.Entrants != district[d].Entrants || got.Admitted != district[d].Admitted || got.Unplaced != district[d].Unplaced {
			tb.Fatalf("%s %d district %q: totals %+v, areas add up to %+v", st, yr.Year, c.Districts[d].ID, got.Totals, district[d])
		}
	}
	if yr.City.Entrants != city.Entrants || yr.City.Admitted != city.Admitted || yr.City.Unplaced != city.Unplaced {
		tb.Fatalf("%s %d city: totals %+v, areas add up to %+v", st, yr.Year, yr.City, city)
	}
}
