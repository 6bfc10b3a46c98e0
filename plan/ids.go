package plan

import (
	"strconv"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// stageLetter is the stage's letter in generated ids.
func stageLetter(st engine.Stage) string {
	if st == engine.Junior {
		return "J"
	}
	return "P"
}

// newID returns the next free id PREFIX-L-k.
func (pl *planner) newID(st engine.Stage) string {
	for {
		pl.next[st]++
		id := pl.o.IDPrefix + "-" + stageLetter(st) + "-" + strconv.Itoa(pl.next[st])
		if !pl.ids[id] {
			pl.ids[id] = true
			return id
		}
	}
}

// takenIDs is the school ids of the city and of the scenario's new
// schools, which generated ids must not repeat.
func takenIDs(s *scenarios.Scenario) map[string]bool {
	ids := map[string]bool{}
	for i := range s.City.Schools {
		ids[s.City.Schools[i].ID] = true
	}
	for _, ch := range s.Changes {
		if ns, ok := ch.(engine.NewSchool); ok {
			ids[ns.School.ID] = true
		}
	}
	return ids
}

// renumber numbers the plan's generated ids in order, without the gaps
// pruning left.
func (pl *planner) renumber() {
	for _, it := range pl.dropped {
		if it.generated {
			delete(pl.ids, it.id)
		}
	}
	for _, it := range pl.plan {
		if it.generated {
			delete(pl.ids, it.id)
		}
	}
	pl.next = [engine.NumStages]int{}
	for _, it := range pl.plan {
		if it.generated {
			it.id = pl.newID(it.stage)
		}
	}
}
