package sim

import "github.com/schoolplan/schoolplan/engine"

// Phasing out. A school that stops admitting a stage without closing (an
// expansion that takes its streams to 0, or any change that leaves it no
// entry classes) keeps teaching the pupils who entered before: each
// cohort moves up in the school, in the classes it had, until it leaves
// the stage. Only a closure (engine.Close) moves pupils to another school.
//
// A school teaches stage st in year y when it serves the stage, is open,
// and has classes in some grade (gradeStreams): the entry grade when it
// admits, or the grade of a cohort that entered before the reduction.
// It admits (stageRun.open) only with entry classes; a school that
// teaches without admitting is left out of the catchment and admission,
// but keeps its row in the results.

// teaches is whether school s teaches stage st in year y.
func (p *plan) teaches(s int, st engine.Stage, y engine.Year) bool {
	sc := &p.city.Schools[s]
	if !p.servesEver(s, st) || !sc.OpenIn(y) {
		return false
	}
	for k := range p.city.System.Grades(st) {
		if p.gradeStreams(s, st, y, k) > 0 {
			return true
		}
	}
	return false
}

// phasingOut is whether school s teaches stage st in year y without
// admitting to it.
func (p *plan) phasingOut(s int, st engine.Stage, y engine.Year) bool {
	return p.entryStreams(s, st, y) <= 0 && p.teaches(s, st, y)
}
