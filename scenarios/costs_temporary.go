package scenarios

import "github.com/schoolplan/schoolplan/engine"

// temporary is the table's cost of temporary change t
// (temporary_classroom_year × its classroom-years; ok false without the
// key) and sets c's ClassroomYears and TemporarySeats.
func (r *Result) temporary(t engine.Temporary, c *ChangeCost) (cost float64, ok bool) {
	s := r.school(t.School)
	if s == nil {
		return 0, false
	}
	st, okStage := t.StageOf(s)
	if !okStage || !r.City.Runs(st) {
		return 0, false
	}
	c.ClassroomYears = t.ClassYears(r.City.System.Grades(st))
	c.TemporarySeats = t.Streams * int(t.To-t.From+1) * r.Scenario.Policy.ClassSizeFor(s, st)
	tab := r.Scenario.Costs
	if tab == nil || tab.TemporaryClassroomYear == nil {
		return 0, false
	}
	return *tab.TemporaryClassroomYear * float64(c.ClassroomYears), true
}

// temporarySeatsLast is the seats of the temporary classrooms school s
// uses in stage st in the run's last year (classes of size pupils).
func (r *Result) temporarySeatsLast(s *engine.School, st engine.Stage, size int) int {
	n := 0
	for _, ch := range r.Scenario.Changes {
		t, ok := ch.(engine.Temporary)
		if !ok || t.School != s.ID {
			continue
		}
		if tst, ok := t.StageOf(s); ok && tst == st {
			n += t.Classrooms(r.Last, r.City.System.Grades(st))
		}
	}
	return n * size
}
