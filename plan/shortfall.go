package plan

import (
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// shortfall is the entrants of one catchment left unplaced, year by year:
// those whose base school is school (an index into the run's Schools), or,
// for school -1, those of a district with no base school.
type shortfall struct {
	school   int
	district int
	cs       int   // the school's class size (the stage's standard for -1)
	unplaced []int // by year from the scenario's first
}

// classes is the profile in entry classes: unplaced rounded up to whole
// classes of the school's size.
func (s *shortfall) classes() []int {
	out := make([]int, len(s.unplaced))
	for i, u := range s.unplaced {
		out[i] = (u + s.cs - 1) / s.cs
	}
	return out
}

// peak is the most unplaced in a year.
func (s *shortfall) peak() int {
	p := 0
	for _, u := range s.unplaced {
		p = max(p, u)
	}
	return p
}

// shortfalls gathers the unplaced entrants of stage st in run r, from the
// scenario's first year to target, by the base school of their area in
// each year: one shortfall per school with some, then one per district
// for areas with none, in school then district order.
func shortfalls(r *scenarios.Result, pol *engine.Policy, st engine.Stage, target engine.Year) []shortfall {
	first := r.Scenario.First
	n := int(target-first) + 1
	bySchool := map[int]*shortfall{}
	noBase := map[int]*shortfall{}
	for i := range r.Stages[st].Years {
		yr := &r.Stages[st].Years[i]
		if yr.Year > target || yr.Year < first {
			continue
		}
		for a := range yr.AreaEntrants {
			u := int(yr.AreaEntrants[a] - yr.AreaAdmitted[a])
			if u <= 0 {
				continue
			}
			sf := shortfallOf(r, pol, st, yr.Assign, a, bySchool, noBase, n)
			sf.unplaced[yr.Year-first] += u
		}
	}
	return orderShortfalls(bySchool, noBase)
}

// shortfallOf is the shortfall area a's unplaced entrants count in under
// assignment as, made when first needed.
func shortfallOf(r *scenarios.Result, pol *engine.Policy, st engine.Stage, as *engine.Assignment, a int,
	bySchool, noBase map[int]*shortfall, n int) *shortfall {
	s := -1
	if as != nil {
		s = int(as.School[a])
	}
	if s < 0 {
		d := r.City.Areas[a].District
		if noBase[d] == nil {
			noBase[d] = &shortfall{school: -1, district: d, cs: pol.ClassSizeFor(&engine.School{}, st), unplaced: make([]int, n)}
		}
		return noBase[d]
	}
	if bySchool[s] == nil {
		sc := &r.Schools[s]
		bySchool[s] = &shortfall{school: s, district: sc.District, cs: pol.ClassSizeFor(sc, st), unplaced: make([]int, n)}
	}
	return bySchool[s]
}

// orderShortfalls lists the shortfalls by school index, then those without
// a school by district.
func orderShortfalls(bySchool, noBase map[int]*shortfall) []shortfall {
	var out []shortfall
	for _, m := range []map[int]*shortfall{bySchool, noBase} {
		keys := make([]int, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, *m[k])
		}
	}
	return out
}
