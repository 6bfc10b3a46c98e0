package report

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// overview writes the rows of the first sheet from its top, one call per
// row; a later block (a headline, say) is one more method.
type overview struct {
	f     *excelize.File
	sheet string
	bold  int
	row   int
	err   error
}

// line writes values into the next row; a bold row when head is set.
func (o *overview) line(head bool, values ...any) {
	if o.err != nil {
		return
	}
	o.row++
	cell, err := excelize.CoordinatesToCellName(1, o.row)
	if err == nil {
		err = o.f.SetSheetRow(o.sheet, cell, &values)
	}
	if err == nil && head && len(values) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(values), o.row)
		err = o.f.SetCellStyle(o.sheet, cell, last, o.bold)
	}
	o.err = err
}

// writeOverview writes the first sheet: what was run, the city's
// unplaced children by stage and year per scenario, and the tables the
// workbook leaves out.
func writeOverview(f *excelize.File, sheet string, bold int, results []*scenarios.Result, left []omitted) error {
	o := &overview{f: f, sheet: sheet, bold: bold}
	o.identity(results)
	o.line(false)
	o.unplaced(results)
	o.line(false)
	o.leftOut(left)
	if o.err != nil {
		return o.err
	}
	if err := f.SetColWidth(sheet, "A", "A", 28); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "B", "Z", 16)
}

// identity lists the scenarios, the city and the years.
func (o *overview) identity(results []*scenarios.Result) {
	names := []any{"scenario"}
	for _, r := range results {
		names = append(names, r.Scenario.Name)
	}
	o.line(true, names...)
	o.line(false, "city", results[0].City.Name)
	first, last := results[0].First, results[0].Last
	for _, r := range results[1:] {
		first, last = min(first, r.First), max(last, r.Last)
	}
	o.line(false, "years", fmt.Sprintf("%d–%d", first, last))
	o.distances(results)
}

// distances says, when a scenario walked the roads, what each scenario's
// distances measure (distance_m, mean distance, within the radius) and
// at which walking speed its walk_min is given.
func (o *overview) distances(results []*scenarios.Result) {
	if !anyWalks(results) {
		return
	}
	kinds := []any{"distance"}
	for _, r := range results {
		text := English.distanceKind([]engine.DistanceKind{r.Distance}, 0)
		if r.Distance == engine.Network {
			text += fmt.Sprintf(" (walk_min at %s km/h)", strconv.FormatFloat(walkKMH(r), 'f', -1, 64))
		}
		kinds = append(kinds, text)
	}
	o.line(false, kinds...)
}

// unplaced tabulates the city's unplaced children by stage and year, a
// column per scenario (blank where a scenario has no such year).
func (o *overview) unplaced(results []*scenarios.Result) {
	o.line(true, "unplaced children, city total")
	head := []any{"stage", "year"}
	for _, r := range results {
		head = append(head, r.Scenario.Name)
	}
	o.line(true, head...)
	for _, st := range runStages(results) {
		for _, y := range unionYears(results, st) {
			row := []any{st.String(), int(y)}
			for _, r := range results {
				row = append(row, cityUnplaced(r, st, y))
			}
			o.line(false, row...)
		}
	}
}

// unionYears lists the years any result has for stage st, in order.
func unionYears(results []*scenarios.Result, st engine.Stage) []engine.Year {
	var first, last engine.Year
	for _, r := range results {
		ys := r.Stages[st].Years
		if len(ys) == 0 {
			continue
		}
		if first == 0 || ys[0].Year < first {
			first = ys[0].Year
		}
		last = max(last, ys[len(ys)-1].Year)
	}
	var out []engine.Year
	for y := first; first != 0 && y <= last; y++ {
		out = append(out, y)
	}
	return out
}

// cityUnplaced is r's city-wide unplaced children of stage st in year y,
// nil when r has no such year.
func cityUnplaced(r *scenarios.Result, st engine.Stage, y engine.Year) any {
	for yi := range r.Stages[st].Years {
		if yr := &r.Stages[st].Years[yi]; yr.Year == y {
			return yr.City.Unplaced
		}
	}
	return nil
}

// leftOut lists the tables not in the workbook and where they are.
func (o *overview) leftOut(left []omitted) {
	o.line(true, "not in this workbook", "rows", "where to find it")
	o.line(false, "admissions", "", "admissions.csv or admissions.parquet (schoolplan --out, --tables)")
	for _, l := range left {
		o.line(false, l.Sheet, l.Rows, l.Where)
	}
	o.line(false, "(a sheet holds at most "+strconv.Itoa(ExcelMaxRows)+" rows under its header)")
}
