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

// temporaryChanges is a temporary item as scenario changes: the entry
// seats it adds, from its first entry year to its last, as an expansion
// of streams and its reversal the year after.
func (pl *planner) temporaryChanges(it *item) []engine.Change {
	var stages []engine.Stage
	if it.kind == engine.KindNineYear {
		stages = []engine.Stage{it.stage}
	}
	prog := engine.Programme{Cost: it.cost(pl.o), CostGiven: true, LeadTime: it.lead}
	out := []engine.Change{engine.Expand{School: it.id, Streams: it.streams, Year: it.year, Stages: stages, Programme: prog}}
	if it.to < pl.s.Last {
		out = append(out, engine.Expand{School: it.id, Streams: -it.streams, Year: it.to + 1, Stages: stages,
			Programme: engine.Programme{CostGiven: true}})
	}
	return out
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
