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
// area, district and city totals agree; that nine_year and feeder
// admissions come only in the junior stage after the first year, at a
// school that is a nine-year school that year (sim.Result.KindIn) or one
// listing feeders that year (in the city, or by one of changes, the
// run's: engine.FeedersIn); that each school row holds the grades of the
// city's school system and the classes of each, adding up to its classes
// available, and pupils only in grades with classes; and that only the
// stages the city runs have years.
func Check(tb testing.TB, c *engine.City, r *sim.Result, changes ...engine.Change) {
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
			checkYear(tb, c, r, sr.Stage, yr, changes)
		}
	}
}

// yearCheck is the check of one stage-year: the admissions it counted by
// area and route and by school and route.
type yearCheck struct {
	tb       testing.TB
	c        *engine.City
	r        *sim.Result
	st       engine.Stage
	yr       *sim.YearResult
	byArea   [][admit.NumRoutes]int
	bySchool map[int]*[admit.NumRoutes]int
	changes  []engine.Change
}

// checkYear checks one stage-year: its admissions, its areas, its school
// rows and its district and city totals.
func checkYear(tb testing.TB, c *engine.City, r *sim.Result, st engine.Stage, yr *sim.YearResult, changes []engine.Change) {
	tb.Helper()
	nA := len(c.Areas)
	if len(yr.AreaEntrants) != nA || len(yr.AreaAdmitted) != nA || len(yr.AreaBase) != nA {
		tb.Fatalf("%s %d: area slices %d/%d/%d, want %d", st, yr.Year, len(yr.AreaEntrants), len(yr.AreaAdmitted), len(yr.AreaBase), nA)
	}
	k := &yearCheck{tb: tb, c: c, r: r, st: st, yr: yr, changes: changes,
		byArea: make([][admit.NumRoutes]int, nA), bySchool: map[int]*[admit.NumRoutes]int{}}
	k.countBase()
	k.countAdmissions()
	district, city := k.areas()
	k.schoolRows()
	k.totals(district, city)
}

// schoolRows checks every school row, and that no school without a row
// admitted anyone.
func (k *yearCheck) schoolRows() {
	k.tb.Helper()
	seen := map[int]bool{}
	for j := range k.yr.Schools {
		seen[k.yr.Schools[j].School] = true
		k.schoolRow(&k.yr.Schools[j])
	}
	for s, n := range k.bySchool {
		if !seen[s] && baseSeats(n)+n[admit.RouteShared]+n[admit.RoutePlaced]+n[admit.RouteOversize] > 0 {
			k.tb.Fatalf("%s %d: admissions %v at school %q, which has no row", k.st, k.yr.Year, *n, k.r.Schools[s].ID)
		}
	}
}

// totals checks the year's district and city totals against what its
// areas add up to.
func (k *yearCheck) totals(district []sim.Totals, city sim.Totals) {
	k.tb.Helper()
	for d := range district {
		if got := k.yr.Districts[d].Totals; !sameCounts(got, district[d]) {
			k.tb.Fatalf("%s %d district %q: totals %+v, areas add up to %+v", k.st, k.yr.Year, k.c.Districts[d].ID, got, district[d])
		}
	}
	if !sameCounts(k.yr.City, city) {
		k.tb.Fatalf("%s %d city: totals %+v, areas add up to %+v", k.st, k.yr.Year, k.yr.City, city)
	}
}

// school is school s's admissions by route.
func (k *yearCheck) school(s int) *[admit.NumRoutes]int {
	if k.bySchool[s] == nil {
		k.bySchool[s] = new([admit.NumRoutes]int)
	}
	return k.bySchool[s]
}

// countBase counts each area's base admissions at its single base school.
func (k *yearCheck) countBase() {
	k.tb.Helper()
	for i := range k.c.Areas {
		b := int(k.yr.AreaBase[i])
		if b == 0 {
			continue
		}
		s := int(k.yr.Assign.School[i])
		if s < 0 || b < 0 {
			k.tb.Fatalf("%s %d area %q: %d base admissions at school %d", k.st, k.yr.Year, k.c.Areas[i].ID, b, s)
		}
		k.byArea[i][admit.RouteBase] += b
		k.school(s)[admit.RouteBase] += b
	}
}

// countAdmissions counts the other admissions, checking that each is of
// children to a school by a seat route and that they are sorted by area,
// route and school, one row each.
func (k *yearCheck) countAdmissions() {
	k.tb.Helper()
	ads := k.yr.Admissions
	for j, ad := range ads {
		if ad.Students <= 0 || ad.Route >= admit.RouteUnplaced || ad.School < 0 {
			k.tb.Fatalf("%s %d: admission %d %+v", k.st, k.yr.Year, j, ad)
		}
		if j > 0 && !admissionBefore(ads[j-1], ad) {
			k.tb.Fatalf("%s %d: admissions not sorted at %d: %+v then %+v", k.st, k.yr.Year, j, ads[j-1], ad)
		}
		k.progression(ad)
		k.byArea[ad.Area][ad.Route] += int(ad.Students)
		k.school(int(ad.School))[ad.Route] += int(ad.Students)
	}
}

// admissionBefore reports whether p sorts strictly before a by area, route
// and school.
func admissionBefore(p, a admit.Admission) bool {
	if p.Area != a.Area {
		return p.Area < a.Area
	}
	if p.Route != a.Route {
		return p.Route < a.Route
	}
	return p.School < a.School
}

// areas checks that each area's entrants are its admissions by every
// route plus its unplaced, none negative, and adds the areas up by
// district and for the city.
func (k *yearCheck) areas() (district []sim.Totals, city sim.Totals) {
	k.tb.Helper()
	district = make([]sim.Totals, len(k.c.Districts))
	for i := range k.c.Areas {
		e, a := int(k.yr.AreaEntrants[i]), int(k.yr.AreaAdmitted[i])
		u := e - a
		got := k.byArea[i]
		base := baseSeats(&got)
		sum := base + got[admit.RouteShared] + got[admit.RoutePlaced] + got[admit.RouteOversize]
		if e < 0 || u < 0 || sum != a {
			k.tb.Fatalf("%s %d area %q: entrants %d ≠ base %d (nine_year %d, feeder %d) + shared %d + placed %d + oversize %d + unplaced %d",
				k.st, k.yr.Year, k.c.Areas[i].ID, e, base, got[admit.RouteNineYear], got[admit.RouteFeeder],
				got[admit.RouteShared], got[admit.RoutePlaced], got[admit.RouteOversize], u)
		}
		for _, t := range []*sim.Totals{&district[k.c.Areas[i].District], &city} {
			t.Entrants += e
			t.Admitted += a
			t.Unplaced += u
			t.Base += base
			t.Shared += got[admit.RouteShared]
			t.Placed += got[admit.RoutePlaced]
			t.Oversize += got[admit.RouteOversize]
		}
	}
	return district, city
}

// schoolRow checks a school's row against the admissions counted for it
// and its entry seats, and checks its grades.
func (k *yearCheck) schoolRow(row *sim.SchoolYear) {
	k.tb.Helper()
	st, y := k.st, k.yr.Year
	id := k.r.Schools[row.School].ID
	want := k.school(row.School)
	if row.Base != baseSeats(want) || row.Shared != want[admit.RouteShared] || row.Placed != want[admit.RoutePlaced] || row.Oversize != want[admit.RouteOversize] {
		k.tb.Fatalf("%s %d school %q: routes %d/%d/%d/%d, its admissions add up to %v", st, y, id, row.Base, row.Shared, row.Placed, row.Oversize, *want)
	}
	if row.Admitted != row.Base+row.Shared+row.Placed+row.Oversize {
		k.tb.Fatalf("%s %d school %q: admitted %d ≠ sum of routes", st, y, id, row.Admitted)
	}
	if row.Admitted-row.Oversize > row.EntrySeats {
		k.tb.Fatalf("%s %d school %q: admitted %d (oversize %d) > entry seats %d", st, y, id, row.Admitted, row.Oversize, row.EntrySeats)
	}
	k.grades(row, id)
}

// grades checks that a school row holds one count per grade of the city's
// school system, none negative, the entry grade this year's admissions,
// adding up to its enrolment.
func (k *yearCheck) grades(row *sim.SchoolYear, id string) {
	k.tb.Helper()
	st, y := k.st, k.yr.Year
	if grades := k.c.System.Grades(st); len(row.Grades) != grades || row.Grades[0] != row.Admitted ||
		len(row.GradeStreams) != grades || row.GradeStreams[0] != row.Streams {
		k.tb.Fatalf("%s %d school %q: grades %v, classes %v, admitted %d, streams %d", st, y, id, row.Grades, row.GradeStreams, row.Admitted, row.Streams)
	}
	k.classes(row, id)
	sum := 0
	for g, n := range row.Grades {
		if n < 0 || (n > 0 && row.GradeStreams[g] <= 0) {
			k.tb.Fatalf("%s %d school %q: negative grade, or pupils in a grade without classes, in %v (classes %v)", st, y, id, row.Grades, row.GradeStreams)
		}
		sum += n
	}
	if sum != row.Enrolled {
		k.tb.Fatalf("%s %d school %q: enrolled %d, grades sum to %d", st, y, id, row.Enrolled, sum)
	}
}

// classes checks that a school row's classes of each grade add up to its
// classes available, and hold its capacity.
func (k *yearCheck) classes(row *sim.SchoolYear, id string) {
	k.tb.Helper()
	classes := 0
	for _, n := range row.GradeStreams {
		classes += n
	}
	if classes != row.ClassesAvailable || row.Capacity != classes*row.ClassSize {
		k.tb.Fatalf("%s %d school %q: classes %v, available %d, capacity %d", k.st, k.yr.Year, id, row.GradeStreams, row.ClassesAvailable, row.Capacity)
	}
}

// sameCounts reports whether a and b agree on entrants, admissions by
// route and unplaced.
func sameCounts(a, b sim.Totals) bool {
	return a.Entrants == b.Entrants && a.Admitted == b.Admitted && a.Unplaced == b.Unplaced &&
		a.Base == b.Base && a.Shared == b.Shared && a.Placed == b.Placed && a.Oversize == b.Oversize
}

// baseSeats is the base-seat admissions among n: the base, nine_year and
// feeder routes.
func baseSeats(n *[admit.NumRoutes]int) int {
	return n[admit.RouteBase] + n[admit.RouteNineYear] + n[admit.RouteFeeder]
}

// progression checks that a nine_year or feeder admission is to a junior
// place after the first year: nine_year at a nine-year school, feeder at
// a school that lists feeders.
func (k *yearCheck) progression(ad admit.Admission) {
	k.tb.Helper()
	if ad.Route != admit.RouteNineYear && ad.Route != admit.RouteFeeder {
		return
	}
	sc := &k.r.Schools[ad.School]
	ok := k.st == engine.Junior && k.yr.Year > k.r.First
	if ad.Route == admit.RouteNineYear {
		ok = ok && k.r.KindIn(int(ad.School), k.yr.Year) == engine.KindNineYear
	} else {
		ok = ok && len(engine.FeedersIn(sc, k.yr.Year, k.changes)) > 0
	}
	if !ok {
		k.tb.Fatalf("%s %d: %s admission %+v at school %q (%s, feeders %q)", k.st, k.yr.Year, ad.Route, ad, sc.ID, sc.Kind, engine.FeedersIn(sc, k.yr.Year, k.changes))
	}
}
