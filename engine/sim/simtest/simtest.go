// Package simtest checks the invariants of simulation results; every test
// that runs a simulation calls Check.
package simtest

import (
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// Check verifies, for every stage, year and area, that
// entrants = base + shared + placed + oversize + unplaced with no negative
// count; that each school admits by each route exactly what its areas were
// admitted, and no more than its entry seats except by oversize; and that
// area, district and city totals agree; that each school row holds the
// grades of the city's school system; and that only the stages the city
// runs have years.
func Check(tb testing.TB, c *engine.City, r *sim.Result) {
	tb.Helper()
	for st := range r.Stages {
		sr := &r.Stages[st]
		if sr.Stage != engine.Stage(st) {
			tb.Fatalf("stage %d holds the result of %s", st, sr.Stage)
		}
		want := int(r.Last-r.First) + 1
		if !c.Runs(sr.Stage) {
			want = 0
		}
		if len(sr.Years) != want {
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
	nA := len(c.Areas)
	if len(yr.AreaEntrants) != nA || len(yr.AreaAdmitted) != nA || len(yr.AreaBase) != nA {
		tb.Fatalf("%s %d: area slices %d/%d/%d, want %d", st, yr.Year, len(yr.AreaEntrants), len(yr.AreaAdmitted), len(yr.AreaBase), nA)
	}
	// Admissions per area and route, and per school and route.
	byArea := make([][admit.NumRoutes]int, nA)
	bySchool := map[int]*[admit.NumRoutes]int{}
	school := func(s int) *[admit.NumRoutes]int {
		if bySchool[s] == nil {
			bySchool[s] = new([admit.NumRoutes]int)
		}
		return bySchool[s]
	}
	for i := range c.Areas {
		if b := int(yr.AreaBase[i]); b != 0 {
			s := int(yr.Assign.School[i])
			if s < 0 || b < 0 {
				tb.Fatalf("%s %d area %q: %d base admissions at school %d", st, yr.Year, c.Areas[i].ID, b, s)
			}
			byArea[i][admit.RouteBase] += b
			school(s)[admit.RouteBase] += b
		}
	}
	for k, ad := range yr.Admissions {
		if ad.Students <= 0 || ad.Route >= admit.RouteUnplaced || ad.School < 0 {
			tb.Fatalf("%s %d: admission %d %+v", st, yr.Year, k, ad)
		}
		if k > 0 {
			p := yr.Admissions[k-1]
			if p.Area > ad.Area || (p.Area == ad.Area && (p.Route > ad.Route || (p.Route == ad.Route && p.School >= ad.School))) {
				tb.Fatalf("%s %d: admissions not sorted at %d: %+v then %+v", st, yr.Year, k, p, ad)
			}
		}
		byArea[ad.Area][ad.Route] += int(ad.Students)
		school(int(ad.School))[ad.Route] += int(ad.Students)
	}
	district := make([]sim.Totals, len(c.Districts))
	var city sim.Totals
	for i := range c.Areas {
		e, a := int(yr.AreaEntrants[i]), int(yr.AreaAdmitted[i])
		u := e - a
		got := byArea[i]
		sum := got[admit.RouteBase] + got[admit.RouteShared] + got[admit.RoutePlaced] + got[admit.RouteOversize]
		if e < 0 || u < 0 || sum != a {
			tb.Fatalf("%s %d area %q: entrants %d ≠ base %d + shared %d + placed %d + oversize %d + unplaced %d",
				st, yr.Year, c.Areas[i].ID, e, got[0], got[1], got[2], got[3], u)
		}
		for _, t := range []*sim.Totals{&district[c.Areas[i].District], &city} {
			t.Entrants += e
			t.Admitted += a
			t.Unplaced += u
			t.Base += got[admit.RouteBase]
			t.Shared += got[admit.RouteShared]
			t.Placed += got[admit.RoutePlaced]
			t.Oversize += got[admit.RouteOversize]
		}
	}
	seen := map[int]bool{}
	for k := range yr.Schools {
		row := &yr.Schools[k]
		seen[row.School] = true
		id := r.Schools[row.School].ID
		want := school(row.School)
		if row.Base != want[admit.RouteBase] || row.Shared != want[admit.RouteShared] || row.Placed != want[admit.RoutePlaced] || row.Oversize != want[admit.RouteOversize] {
			tb.Fatalf("%s %d school %q: routes %d/%d/%d/%d, its admissions add up to %v", st, yr.Year, id, row.Base, row.Shared, row.Placed, row.Oversize, *want)
		}
		if row.Admitted != row.Base+row.Shared+row.Placed+row.Oversize {
			tb.Fatalf("%s %d school %q: admitted %d ≠ sum of routes", st, yr.Year, id, row.Admitted)
		}
		if row.Admitted-row.Oversize > row.EntrySeats {
			tb.Fatalf("%s %d school %q: admitted %d (oversize %d) > entry seats %d", st, yr.Year, id, row.Admitted, row.Oversize, row.EntrySeats)
		}
		if grades := c.System.Grades(st); len(row.Grades) != grades || row.Grades[0] != row.Admitted || row.ClassesAvailable != row.Streams*grades {
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
	for s, n := range bySchool {
		if !seen[s] && (n[0]+n[1]+n[2]+n[3]) > 0 {
			tb.Fatalf("%s %d: admissions %v at school %q, which has no row", st, yr.Year, *n, r.Schools[s].ID)
		}
	}
	for d := range district {
		if got := yr.Districts[d].Totals; !sameCounts(got, district[d]) {
			tb.Fatalf("%s %d district %q: totals %+v, areas add up to %+v", st, yr.Year, c.Districts[d].ID, got, district[d])
		}
	}
	if !sameCounts(yr.City, city) {
		tb.Fatalf("%s %d city: totals %+v, areas add up to %+v", st, yr.Year, yr.City, city)
	}
}

func sameCounts(a, b sim.Totals) bool {
	return a.Entrants == b.Entrants && a.Admitted == b.Admitted && a.Unplaced == b.Unplaced &&
		a.Base == b.Base && a.Shared == b.Shared && a.Placed == b.Placed && a.Oversize == b.Oversize
}
