package report

import (
	"io"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The kinds of reporting unit of indicators_units.csv.
const (
	UnitGroup = "group" // 集团化: the schools of a school's group
	UnitZone  = "zone"  // 大学区: the schools of a sharing zone
)

// unitKinds are the reporting units, in the order of their rows, with the
// school field that names a school's unit.
var unitKinds = []struct {
	kind string
	key  func(*engine.School) string
}{
	{UnitGroup, func(s *engine.School) string { return s.Group }},
	{UnitZone, func(s *engine.School) string { return s.SharingZone }},
}

// UnitIndicatorsHeader is the header of indicators_units.csv: the columns
// of indicators.csv with the district's two replaced by the unit's kind
// (group or zone) and its name.
var UnitIndicatorsHeader = append([]string{"scenario", "stage", "year", "unit", "unit_id"}, IndicatorsHeader[5:]...)

// AnyUnits reports whether a school of some run belongs to a group or a
// sharing zone: indicators_units.csv is written only then.
func AnyUnits(results ...*scenarios.Result) bool {
	for _, r := range results {
		for i := range r.Schools {
			if r.Schools[i].Group != "" || r.Schools[i].SharingZone != "" {
				return true
			}
		}
	}
	return false
}

// WriteUnitIndicatorsCSV writes indicators_units.csv: per scenario, stage
// and year, a row for each group (集团化) and then each sharing zone
// (大学区), in name order, with the indicators of metrics.SetsBy under
// the scenario's limits (see its doc for a unit's entrants).
func WriteUnitIndicatorsCSV(w io.Writer, results ...*scenarios.Result) error {
	return writeCSV(w, UnitIndicatorsHeader, results, unitIndicatorRows)
}

// unitIndicatorRows calls emit for each stage, year and unit of r.
func unitIndicatorRows(r *scenarios.Result, emit func([]string) error) error {
	names := cvIndicators()
	opts := r.MetricsOptions(nil)
	th := thresholds(r, opts)
	for st := range th.Stages {
		si := &th.Stages[st]
		for yi := range r.Stages[st].Years { // none for a stage not run
			y := r.Stages[st].Years[yi].Year
			for _, u := range unitKinds {
				sets := metrics.SetsBy(r.City, r.Result, si.Stage, y, opts, u.key)
				if err := emitUnits(sets, []string{r.Scenario.Name, si.Stage.String(), itoa(int(y)), u.kind}, si, names, emit); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// thresholds are r's indicators without their years: each stage's
// thresholds under opts, for the cells of a unit's row.
func thresholds(r *scenarios.Result, opts *metrics.Options) *metrics.Indicators {
	none := *r.Result
	for st := range none.Stages {
		none.Stages[st].Years = nil
	}
	return metrics.Compute(r.City, &none, opts)
}

// emitUnits emits a row for each unit of sets, in name order, after head.
func emitUnits(sets map[string]metrics.Set, head []string, si *metrics.StageIndicators, names []string, emit func([]string) error) error {
	ids := make([]string, 0, len(sets))
	for id := range sets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		s := sets[id]
		rec := append(slices.Clone(head), id)
		if err := emit(append(rec, setCells(si, &s, names)...)); err != nil {
			return err
		}
	}
	return nil
}
