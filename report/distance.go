package report

import (
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/scenarios"
)

// WalkColumns are the columns areas.csv and admissions.csv gain when a run
// of the table walked the roads (policy distance network): which distance
// distance_m holds (network or straight) and the walk in minutes at the
// policy's walking speed (blank for straight lines). A table of straight
// runs only has neither.
var WalkColumns = []string{"distance", "walk_min"}

// anyWalks reports whether a run of results walked the roads.
func anyWalks(results []*scenarios.Result) bool {
	return slices.ContainsFunc(results, func(r *scenarios.Result) bool {
		return r.Result != nil && r.Distance == engine.Network
	})
}

// walkHeader is header with WalkColumns when walk is set.
func walkHeader(header []string, walk bool) []string {
	if !walk {
		return header
	}
	return slices.Concat(header, WalkColumns)
}

// walkCells appends to rec the WalkColumns of a row of run r whose
// distance is d (has: the row has a school, and so a distance).
func walkCells(rec []string, r *scenarios.Result, d float64, has bool) []string {
	rec = append(rec, r.Distance.String())
	if !has || r.Distance != engine.Network {
		return append(rec, "")
	}
	return append(rec, ftoa(network.WalkMinutes(geo.Meters(d), r.WalkKMH), 1))
}

// admissionDistance is the distance from area a to school s in year yr of
// run r: the walk when the run walked, else the straight line.
func admissionDistance(r *scenarios.Result, yr *sim.YearResult, a, s int) float64 {
	if yr.Distances != nil && yr.Distances.Kind() == engine.Network {
		if d, ok := yr.Distances.Area(a, s); ok {
			return float64(d)
		}
	}
	return float64(geo.Distance(r.City.Areas[a].Point, r.Schools[s].Point))
}

// distanceRows is rows with the run's distance (network or straight)
// added to every row when walk is set: the column "distance" of tables
// whose distances (within the service radius, say) a walking run measures
// on foot.
func distanceRows(walk bool, rows func(*scenarios.Result, func([]string) error) error) func(*scenarios.Result, func([]string) error) error {
	if !walk {
		return rows
	}
	return func(r *scenarios.Result, emit func([]string) error) error {
		return rows(r, func(rec []string) error { return emit(append(rec, r.Distance.String())) })
	}
}

// distanceHeader is header with the column "distance" when walk is set.
func distanceHeader(header []string, walk bool) []string {
	if !walk {
		return header
	}
	return slices.Concat(header, WalkColumns[:1])
}

// comparisonWalks reports whether a scenario of c walked the roads.
func comparisonWalks(c *scenarios.Comparison) bool {
	return slices.Contains(c.Distance, engine.Network)
}

// compareHeader is CompareHeader, with the column "distance" when a
// scenario of c walked the roads.
func compareHeader(c *scenarios.Comparison) []string {
	return distanceHeader(CompareHeader, comparisonWalks(c))
}

// walkLabel is cells with cell when walk is set: the column a printed
// table gains when a run walked the roads.
func walkLabel(cells []string, walk bool, cell string) []string {
	if !walk {
		return cells
	}
	return append(cells, cell)
}

// walkCell is a printed row's cell of that column, tab-ended; "" when
// walk is not set.
func walkCell(walk bool, cell string) string {
	if !walk {
		return ""
	}
	return cell + "\t"
}

// distanceKind is, in the language, what the distances of scenario k
// measure (kinds: each scenario's): a straight line or a walk along the
// roads.
func (l Lang) distanceKind(kinds []engine.DistanceKind, k int) string {
	if k < len(kinds) && kinds[k] == engine.Network {
		return l.Label("distance_network")
	}
	return l.Label("distance_straight")
}

// walkKMH is the walking speed run r gives walking minutes at.
func walkKMH(r *scenarios.Result) float64 {
	if r.WalkKMH > 0 {
		return r.WalkKMH
	}
	return engine.DefaultWalkKMH
}

// setDistances says, in the page's data of each scenario (hs, one per
// result), what its distances measure and the walking speed of its walking
// minutes, when a scenario of the report walked the roads; a report of
// straight-line runs says nothing.
func setDistances(hs []htmlScenario, results []*scenarios.Result) {
	if !anyWalks(results) {
		return
	}
	for k, r := range results {
		hs[k].Distance = r.Distance.String()
		if r.Distance == engine.Network {
			hs[k].WalkKMH = walkKMH(r)
		}
	}
}

// compareDistances is what each scenario of c measured (network or
// straight) when one walked the roads; nil otherwise.
func compareDistances(c *scenarios.Comparison) []string {
	if !comparisonWalks(c) {
		return nil
	}
	out := make([]string, len(c.Distance))
	for k, d := range c.Distance {
		out[k] = d.String()
	}
	return out
}
