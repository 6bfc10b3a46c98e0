package report

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The map layers of a run that walked the roads (policy distance
// network) say so: the areas, schools and districts layers gain the
// property distance ("network"), and the areas layer walk_min_YEAR, the
// walk to the area's school in minutes (as walk_min of areas.csv) beside
// distance_m_YEAR, which holds the walk in metres. The layers of a
// straight-line run are as they were.

// walkMinField is the by-year field of the areas layer with the walk in
// minutes.
const walkMinField = "walk_min"

// runWalks reports whether run r walked the roads.
func runWalks(r *scenarios.Result) bool {
	return r.Result != nil && r.Distance == engine.Network
}

// walkProp sets props' distance property when run r walked the roads.
func walkProp(props map[string]any, r *scenarios.Result) {
	if runWalks(r) {
		props[WalkColumns[0]] = r.Distance.String()
	}
}
