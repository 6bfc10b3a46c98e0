package sim

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
)

// record fills the school, district and city rows of yr.
func (r *stageRun) record(yr *YearResult) {
	c := r.plan.city
	yr.Districts = make([]DistrictYear, len(c.Districts))
	for d := range yr.Districts {
		yr.Districts[d].District = d
	}
	large := r.opt.Policy.Limits.LargeSchoolFor(r.st)
	for s := range c.Schools {
		if !r.teach[s] {
			continue
		}
		row := r.schoolRow(s, yr.Year)
		yr.Schools = append(yr.Schools, row)
		for _, t := range yr.totals(c.Schools[s].District) {
			t.addSchool(&row, large)
		}
	}
	for i := range c.Areas {
		e, a, b := int(yr.AreaEntrants[i]), int(yr.AreaAdmitted[i]), int(yr.AreaBase[i])
		for _, t := range yr.totals(c.Areas[i].District) {
			t.Entrants += e
			t.Admitted += a
			t.Unplaced += e - a
			t.Base += b
		}
	}
	for _, ad := range yr.Admissions {
		for _, t := range yr.totals(c.Areas[ad.Area].District) {
			t.addRoute(ad.Route, int(ad.Students))
		}
	}
}

// totals is the totals of district d and of the city, which every count
// goes into.
func (yr *YearResult) totals(d int) [2]*Totals {
	return [2]*Totals{&yr.Districts[d].Totals, &yr.City}
}

// schoolRow is teaching school s's row of year y: its seats, this year's
// admissions by route, and its pupils by grade with the classes they need
// and the classes each grade has (gradeStreams).
func (r *stageRun) schoolRow(s int, y engine.Year) SchoolYear {
	sc := &r.plan.city.Schools[s]
	// One allocation holds the row's pupils and classes by grade.
	g := r.plan.city.System.Grades(r.st)
	buf := make([]int, 2*g)
	pupils, grades := buf[:g:g], buf[g:]
	copy(pupils, r.enrolled[s])
	classes := r.plan.gradeStreamsAll(grades, s, r.st, y)
	size := r.opt.Policy.ClassSizeFor(sc, r.st)
	taken := &r.adm.Taken
	row := SchoolYear{
		School: s, Streams: r.plan.entryStreams(s, r.st, y), ClassSize: size,
		EntrySeats: int(r.entry[s]), Capacity: classes * size,
		Applicants: int(r.adm.Applicants[s]), Admitted: int(r.adm.Total(s)),
		Base:   int(taken[admit.RouteBase][s] + taken[admit.RouteNineYear][s] + taken[admit.RouteFeeder][s]),
		Shared: int(taken[admit.RouteShared][s]),
		Placed: int(taken[admit.RoutePlaced][s]), Oversize: int(taken[admit.RouteOversize][s]),
		unplaced: int(taken[admit.RouteUnplaced][s]),
		Grades:   pupils, GradeStreams: grades, ClassesAvailable: classes,
	}
	for k, n := range row.Grades {
		row.Enrolled += n
		row.ClassesNeeded += (n + size - 1) / size
		if grades[k] > 0 {
			row.MaxClassSize = max(row.MaxClassSize, float64(n)/float64(grades[k]))
		}
	}
	if row.Capacity > 0 {
		row.Utilisation = float64(row.Enrolled) / float64(row.Capacity)
	}
	return row
}

// addSchool adds a school's row to t; a school enrolling more than large
// pupils counts as oversize.
func (t *Totals) addSchool(row *SchoolYear, large int) {
	t.EntrySeats += row.EntrySeats
	t.Capacity += row.Capacity
	t.Enrolled += row.Enrolled
	t.Schools++
	t.ClassesNeeded += row.ClassesNeeded
	t.ClassesAvailable += row.ClassesAvailable
	if row.Enrolled > row.Capacity {
		t.OverCapacity++
	}
	if row.Enrolled > large {
		t.OversizeSchools++
	}
}

// addRoute adds n admissions by route to t (the base count of single
// base schools is added from YearResult.AreaBase); nine-year and feeder
// admissions are base seats.
func (t *Totals) addRoute(route admit.Route, n int) {
	switch route {
	case admit.RouteBase, admit.RouteNineYear, admit.RouteFeeder:
		t.Base += n
	case admit.RouteShared:
		t.Shared += n
	case admit.RoutePlaced:
		t.Placed += n
	case admit.RouteOversize:
		t.Oversize += n
	}
}
