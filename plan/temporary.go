package plan

import (
	"github.com/schoolplan/schoolplan/engine"
)

// Temporary classrooms in the plan: a temporary item adds streams entry
// classes in each entry year from its year to its to, each housed for the
// stage's grades years, until the cohort leaves.

// classroomYears is the classroom-years a temporary item uses over its
// life: streams × entry years × grades.
func (it *item) classroomYears() int {
	if !it.temp || it.to < it.year {
		return 0
	}
	return it.streams * int(it.to-it.year+1) * it.grades
}

// classroomsIn is the temporary classrooms the item uses in year y.
func (it *item) classroomsIn(y engine.Year) int {
	lo := max(it.year, y-engine.Year(it.grades)+1)
	hi := min(it.to, y)
	if !it.temp || hi < lo {
		return 0
	}
	return it.streams * int(hi-lo+1)
}

// temporaryChanges is a temporary item as a scenario change, with its
// cost and lead time.
func (pl *planner) temporaryChanges(it *item) []engine.Change {
	t := engine.Temporary{School: it.id, Stage: it.stage, StageGiven: it.kind == engine.KindNineYear,
		Streams: it.streams, From: it.year, To: it.to,
		Programme: engine.Programme{Cost: it.cost(pl.o), CostGiven: true, LeadTime: it.lead}}
	return []engine.Change{t}
}

// temporaryRuns splits entry years (in order) into runs of consecutive
// years.
func temporaryRuns(years []engine.Year) [][2]engine.Year {
	var out [][2]engine.Year
	for _, y := range years {
		if n := len(out); n > 0 && out[n-1][1]+1 == y {
			out[n-1][1] = y
			continue
		}
		out = append(out, [2]engine.Year{y, y})
	}
	return out
}
