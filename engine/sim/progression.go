package sim

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
)

// progressions lists the junior stage's priority admissions of year y
// (admit.Progression): first each nine-year school's own primary leavers,
// then each junior school's feeder primaries in the order it lists them.
// The leavers are the primary's last grade in year y-1 of the primary
// run, and their areas its primary catchment areas that year; there are
// none in the first year (no year before it is run), in the primary
// stage, or when the primary stage is not run.
func (r *stageRun) progressions(y engine.Year) []admit.Progression {
	if r.st != engine.Junior || r.primary == nil {
		return nil
	}
	prev := r.primary.Year(y - 1)
	if prev == nil {
		return nil
	}
	c := r.plan.city
	pairs := r.progressionPairs(y)
	if len(pairs) == 0 {
		return nil
	}
	leavers, ran := primaryLeavers(prev, len(c.Schools))
	areas := catchmentAreas(prev.Assign, pairs, len(c.Schools))
	var out []admit.Progression
	for _, pr := range pairs {
		s, p := pr.school, pr.primary
		if ran[p] && r.open[s] && len(areas[p]) > 0 {
			out = append(out, admit.Progression{School: int32(s), Primary: int32(p), Route: pr.route, Areas: areas[p], Leavers: int32(leavers[p])})
		}
	}
	return out
}

// progressionPair is one school and a primary whose leavers it takes first.
type progressionPair struct {
	school, primary int
	route           admit.Route
}

// progressionPairs lists every school that is a nine-year school in year
// y with itself, then every school with each of its feeders in year y
// (the city's list, or a feeders change's; the loader, sim.Run and
// engine.CheckChanges checked the ids).
func (r *stageRun) progressionPairs(y engine.Year) []progressionPair {
	c := r.plan.city
	var out []progressionPair
	for s := range c.Schools {
		if r.plan.kind(s, y) == engine.KindNineYear {
			out = append(out, progressionPair{s, s, admit.RouteNineYear})
		}
	}
	var ids map[string]int
	for s := range c.Schools {
		for _, id := range r.plan.feedersIn(s, y) {
			if ids == nil {
				ids = schoolIDs(c.Schools)
			}
			out = append(out, progressionPair{s, ids[id], admit.RouteFeeder})
		}
	}
	return out
}

// primaryLeavers is each school's pupils in the last primary grade of
// year yr, and whether it ran the primary stage that year.
func primaryLeavers(yr *YearResult, schools int) (leavers []int, ran []bool) {
	leavers, ran = make([]int, schools), make([]bool, schools)
	for i := range yr.Schools {
		row := &yr.Schools[i]
		ran[row.School] = true
		if n := len(row.Grades); n > 0 {
			leavers[row.School] = row.Grades[n-1]
		}
	}
	return leavers, ran
}

// catchmentAreas lists, for each primary of pairs, the areas whose base
// school it is (the first listed of a multi-school catchment), in area
// order.
func catchmentAreas(a *engine.Assignment, pairs []progressionPair, schools int) [][]int32 {
	want := make([]bool, schools)
	for _, pr := range pairs {
		want[pr.primary] = true
	}
	out := make([][]int32, schools)
	for i, s := range a.School {
		if s >= 0 && want[s] {
			out[s] = append(out[s], int32(i))
		}
	}
	return out
}

// schoolIDs maps school ids to their index.
func schoolIDs(schools []engine.School) map[string]int {
	m := make(map[string]int, len(schools))
	for i := range schools {
		m[schools[i].ID] = i
	}
	return m
}
