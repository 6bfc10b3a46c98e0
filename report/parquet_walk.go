package report

import (
	"math"
	"strconv"

	"github.com/parquet-go/parquet-go/format"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/scenarios"
)

// pqWalk are the WalkColumns of a Parquet table whose runs include one
// that walked the roads: distance (network or straight, dictionary-
// encoded) and walk_min (a 64-bit float, null for straight lines and rows
// without a school), the values of the CSV's cells. A table of straight
// runs only has neither: pqWalk is nil.
type pqWalk struct {
	kind, minutes *pqColumn
}

// newPQWalk returns the walk columns of a table of res, nil when no run
// of res walked.
func newPQWalk(res []*scenarios.Result) *pqWalk {
	if !anyWalks(res) {
		return nil
	}
	w := &pqWalk{
		kind:    newPQColumn(WalkColumns[0], true, false, format.RLEDictionary),
		minutes: newPQDouble(WalkColumns[1], true),
	}
	w.kind.dict.setTable([]string{engine.Straight.String(), engine.Network.String()})
	return w
}

// columns is cols with the walk columns, if any, at the end.
func (w *pqWalk) columns(cols ...*pqColumn) []*pqColumn {
	if w == nil {
		return cols
	}
	return append(cols, w.kind, w.minutes)
}

// add fills the walk columns of a row of run r whose distance is d (has:
// the row has a school, and so a distance).
func (w *pqWalk) add(r *scenarios.Result, d float64, has bool) {
	if w == nil {
		return
	}
	if r.Distance != engine.Network {
		w.kind.addKey(0)
		w.minutes.addNull()
		return
	}
	w.kind.addKey(1)
	if !has {
		w.minutes.addNull()
		return
	}
	w.minutes.addFloat(walkMinutes(r, d))
}

// walkMinutes is the walk of d metres in minutes at run r's walking speed,
// rounded to the tenth as walk_min's CSV cell is (the same number).
func walkMinutes(r *scenarios.Result, d float64) float64 {
	return tenths(network.WalkMinutes(geo.Meters(d), r.WalkKMH))
}

// tenths is v rounded to one decimal as ftoa(v, 1) rounds it, read back:
// the nearest float to k/10, k the whole number nearest v×10. Near a tie,
// where v×10 may have rounded, it goes through the decimal text, which
// rounds v itself; elsewhere it takes no allocation.
func tenths(v float64) float64 {
	x := v * 10
	if f := x - math.Floor(x); math.Abs(f-0.5) > 1e-6 {
		return math.Round(x) / 10
	}
	t, _ := strconv.ParseFloat(ftoa(v, 1), 64)
	return t
}
