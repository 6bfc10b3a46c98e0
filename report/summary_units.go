package report

import (
	"cmp"
	"io"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Groups (集团化) and sharing zones (大学区) as reporting units of the
// summary: summary_units.csv, the units of summary.json, the printed
// table's units block, the workbook's summary_units sheet and the HTML
// report's unit sections. A unit's rows stand apart from the district
// rows, which still add up to the city's.
//
// A unit has no areas of its own; its figures add up its schools' rows:
// its entrants are the children whose base school (catchment) is one of
// its schools, admitted the entrants its schools admitted (from
// anywhere, by every route), unplaced those of its entrants left without
// a seat. So entrants − admitted is unplaced only for a unit that admits
// exactly its own children.

// SummaryUnitsHeader is the header of summary_units.csv: the columns of
// summary.csv with the district's two replaced by the unit's kind (group
// or zone) and its name.
var SummaryUnitsHeader = append([]string{"scenario", "stage", "year", "unit", "unit_id"}, SummaryHeader[5:]...)

// unitTotal is one unit's totals.
type unitTotal struct {
	ID string
	sim.Totals
}

// unitTotals adds up the school rows of yr by the unit key gives each
// school ("" for none), in unit name order; large is the stage's school
// size limit (a school enrolling more counts as oversize).
func unitTotals(r *scenarios.Result, yr *sim.YearResult, large int, key func(*engine.School) string) []unitTotal {
	by := map[string]*sim.Totals{}
	for j := range yr.Schools {
		row := &yr.Schools[j]
		k := key(&r.Schools[row.School])
		if k == "" {
			continue
		}
		if by[k] == nil {
			by[k] = &sim.Totals{}
		}
		addUnitSchool(by[k], row, large)
	}
	out := make([]unitTotal, 0, len(by))
	for k, t := range by {
		out = append(out, unitTotal{k, *t})
	}
	slices.SortFunc(out, func(a, b unitTotal) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// addUnitSchool adds school row to a unit's totals t.
func addUnitSchool(t *sim.Totals, row *sim.SchoolYear, large int) {
	t.Entrants += row.Applicants
	t.Admitted += row.Admitted
	t.Unplaced += row.Unplaced()
	t.Base += row.Base
	t.Shared += row.Shared
	t.Placed += row.Placed
	t.Oversize += row.Oversize
	t.EntrySeats += row.EntrySeats
	t.Capacity += row.Capacity
	t.Enrolled += row.Enrolled
	t.Schools++
	t.ClassesNeeded += row.ClassesNeeded
	t.ClassesAvailable += row.ClassesAvailable
	if row.Enrolled > row.Capacity {
		t.OverCapacity++
	}
	if row.Enrolled > large {
		t.OversizeSchools++
	}
}

// unitsOf calls emit for each unit kind of yr (groups, then zones) with
// its units; kinds without a unit are skipped.
func unitsOf(r *scenarios.Result, st engine.Stage, yr *sim.YearResult, emit func(kind string, units []unitTotal) error) error {
	large := r.Scenario.Policy.Limits.LargeSchoolFor(st)
	for _, u := range unitKinds {
		us := unitTotals(r, yr, large, u.key)
		if len(us) == 0 {
			continue
		}
		if err := emit(u.kind, us); err != nil {
			return err
		}
	}
	return nil
}

// WriteUnitSummaryCSV writes summary_units.csv: per scenario, stage and
// year, a row for each group (集团化) and then each sharing zone (大学区),
// in name order (see the package's units section for what a unit's
// figures count).
func WriteUnitSummaryCSV(w io.Writer, results ...*scenarios.Result) error {
	return writeCSV(w, SummaryUnitsHeader, results, unitSummaryRows)
}

// unitSummaryRows calls emit for each unit of each stage and year of r.
func unitSummaryRows(r *scenarios.Result, emit func([]string) error) error {
	for st := range r.Stages {
		sr := &r.Stages[st]
		for yi := range sr.Years {
			yr := &sr.Years[yi]
			err := unitsOf(r, sr.Stage, yr, func(kind string, us []unitTotal) error {
				for i := range us {
					rec := totalsRow(r, sr.Stage, yr.Year, us[i].ID, kind, &us[i].Totals)
					if err := emit(rec); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
