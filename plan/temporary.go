package plan

import (
	"github.com/schoolplan/schoolplan/engine"
)

// Temporary classrooms in the plan: a temporary item adds streams entry
// classes in each entry year from its year to its to, each housed for the
// stage's grades years, until the cohort leaves.

// temporary is a temporary item as the engine's change, whose Classrooms
// and ClassYears are the one definition of what it uses (zero for an item
// that is not temporary).
func (it *item) temporary() engine.Temporary {
	if !it.temp {
		return engine.Temporary{}
	}
	return engine.Temporary{School: it.id, Stage: it.stage, Streams: it.streams, From: it.year, To: it.to}
}

// classroomYears is the classroom-years a temporary item uses over its
// life: streams × entry years × grades.
func (it *item) classroomYears() int { return it.temporary().ClassYears(it.grades) }

// classroomsIn is the temporary classrooms the item uses in year y.
func (it *item) classroomsIn(y engine.Year) int { return it.temporary().Classrooms(y, it.grades) }

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
