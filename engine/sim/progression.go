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
	leavers, left := primaryLeavers(prev)
	areas := catchmentAreas(prev.Assign, len(r.plan.city.Schools))
	var out []admit.Progression
	add := func(s, p int, route admit.Route) {
		if left[p] && r.open[s] && len(areas[p]) > 0 {
			out = append(out, admit.Progression{School: int32(s), Primary: int32(p), Route: route, Areas: areas[p], Leavers: int32(leavers[p])})
		}
	}
	c := r.plan.city
	for s := range c.Schools {
		if c.Schools[s].Kind == engine.KindNineYear {
			add(s, s, admit.RouteNineYear)
		}
	}
	ids := schoolIDs(c.Schools)
	for s := range c.Schools {
		for _, id := range c.Schools[s].Feeders {
			add(s, ids[id], admit.RouteFeeder)
		}
	}
	return out
}

// primaryLeavers is each school's pupils in the last primary grade of
// year yr, and whether it ran the primary stage that year.
func primaryLeavers(yr *YearResult) (leavers map[int]int, ran map[int]bool) {
	leavers, ran = make(map[int]int, len(yr.Schools)), make(map[int]bool, len(yr.Schools))
	for i := range yr.Schools {
		row := &yr.Schools[i]
		ran[row.School] = true
		if n := len(row.Grades); n > 0 {
			leavers[row.School] = row.Grades[n-1]
		}
	}
	return leavers, ran
}

// catchmentAreas lists, per school, the areas whose base school it is
// (the first listed of a multi-school catchment), in area order.
func catchmentAreas(a *engine.Assignment, schools int) [][]int32 {
	out := make([][]int32, schools)
	for i, s := range a.School {
		if s >= 0 {
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
