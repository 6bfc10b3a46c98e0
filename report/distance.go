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
