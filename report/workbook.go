package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/scenarios"
)

// Workbook. WriteWorkbook writes an Excel workbook (.xlsx) with a first
// sheet "overview" (the scenarios, city, years, the city's unplaced
// children by stage and year, and the tables left out), then one sheet per
// table: summary, schools, districts, indicators, summary_units and
// indicators_units (when schools belong to groups or sharing zones), comparison (when
// comparing), costs (when a scenario gives costs or phases) and areas, each with the CSV file's header frozen on top and
// numbers stored as numbers. A table with more rows than MaxRows is left
// out, and the overview says so and where the same figures are.

// ExcelMaxRows is the number of data rows an Excel sheet holds under its
// header (1,048,576 rows in all).
const ExcelMaxRows = 1<<20 - 1

// WorkbookOptions tune the workbook; nil means defaults.
type WorkbookOptions struct {
	// MaxRows is the most data rows of a sheet; a longer table is left
	// out. 0 means ExcelMaxRows, and more than that is ExcelMaxRows.
	MaxRows int
	// Comparison, when set, adds the comparison sheet (comparison.csv).
	Comparison *scenarios.Comparison
}

func (o *WorkbookOptions) maxRows() int {
	if o == nil || o.MaxRows <= 0 || o.MaxRows > ExcelMaxRows {
		return ExcelMaxRows
	}
	return o.MaxRows
}

// Sheet names of the workbook, in order.
const (
	SheetOverview   = "overview"
	SheetSummary    = "summary"
	SheetSchools    = "schools"
	SheetDistricts  = "districts"
	SheetIndicators = "indicators"
	// SheetSummaryUnits and SheetIndicatorsUnits are summary_units.csv
	// and indicators_units.csv: only when a school belongs to a group or
	// sharing zone.
	SheetSummaryUnits    = "summary_units"
	SheetIndicatorsUnits = "indicators_units"
	SheetComparison      = "comparison"
	SheetCosts           = "costs"
	SheetAreas           = "areas"
)

// sheet is one table of the workbook.
type sheet struct {
	name   string
	header []string
	rows   int                                   // data rows
	each   func(emit func([]string) error) error // calls emit per row
	file   string                                // where the figures are when the sheet is left out
}

// omitted is a table the workbook leaves out.
type omitted struct {
	Sheet string // sheet name
	Rows  int    // data rows it would have
	Where string // where the same figures are
}

// workbookSheets lists the table sheets of results.
func workbookSheets(opts *WorkbookOptions, results []*scenarios.Result) []sheet {
	per := func(rows func(*scenarios.Result, func([]string) error) error) func(func([]string) error) error {
		return func(emit func([]string) error) error {
			for _, r := range results {
				if err := rows(r, emit); err != nil {
					return err
				}
			}
			return nil
		}
	}
	var summary, schools, areas, indicators, districts int
	walk := anyWalks(results)
	for _, r := range results {
		districts += len(r.City.Districts)
		for st := range r.Stages {
			for yi := range r.Stages[st].Years {
				yr := &r.Stages[st].Years[yi]
				summary += len(yr.Districts) + 1
				indicators += len(yr.Districts) + 1
				schools += len(yr.Schools)
				areas += len(r.City.Areas)
			}
		}
	}
	out := []sheet{
		{SheetSummary, SummaryHeader, summary, per(summaryRows), "summary.csv"},
		{SheetSchools, SchoolsHeader, schools, per(schoolRows), "schools.csv"},
		{SheetDistricts, DistrictsHeader, districts, func(emit func([]string) error) error {
			return districtRows(results, emit)
		}, "the districts_STAGE map layers"},
		{SheetIndicators, distanceHeader(IndicatorsHeader, walk), indicators, per(distanceRows(walk, indicatorRows)), "indicators.csv"},
	}
	if AnyUnits(results...) {
		out = append(out, unitSheets(results, per)...)
	}
	if c := opts.comparison(); c != nil {
		n := 0
		_ = compareRecords(c, func([]string) error { n++; return nil })
		out = append(out, sheet{SheetComparison, compareHeader(c), n, func(emit func([]string) error) error {
			return compareRecords(c, emit)
		}, "comparison.csv"})
	}
	if AnyProgramme(results...) {
		out = append(out, costsSheet(results))
	}
	return append(out, sheet{SheetAreas, walkHeader(AreasHeader, walk), areas, per(func(r *scenarios.Result, emit func([]string) error) error {
		return areaRowsWalk(r, walk, emit)
	}), "areas.csv or areas.parquet, or the areas_STAGE map layers"})
}

// unitSheets are the sheets of summary_units.csv and
// indicators_units.csv; per runs a table's rows over every result.
func unitSheets(results []*scenarios.Result, per func(func(*scenarios.Result, func([]string) error) error) func(func([]string) error) error) []sheet {
	count := func(each func(func([]string) error) error) int {
		n := 0
		_ = each(func([]string) error { n++; return nil })
		return n
	}
	// Both tables have a row per unit with a school open in a stage and
	// year: the cheap summary counts the rows of both.
	summary := per(unitSummaryRows)
	n := count(summary)
	return []sheet{
		{SheetSummaryUnits, SummaryUnitsHeader, n, summary, "summary_units.csv"},
		{SheetIndicatorsUnits, UnitIndicatorsHeader, n, per(unitIndicatorRows), "indicators_units.csv"},
	}
}

func (o *WorkbookOptions) comparison() *scenarios.Comparison {
	if o == nil {
		return nil
	}
	return o.Comparison
}

// WriteWorkbook writes the workbook of results (see the package's
// Workbook section) to w. The same results give the same bytes.
func WriteWorkbook(w io.Writer, opts *WorkbookOptions, results ...*scenarios.Result) error {
	if len(results) == 0 {
		return fmt.Errorf("workbook: no scenario results")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := setDocProps(f, results); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetOverview); err != nil {
		return err
	}
	var kept []sheet
	var left []omitted
	for _, s := range workbookSheets(opts, results) {
		if s.rows > opts.maxRows() {
			left = append(left, omitted{s.name, s.rows, s.file})
			continue
		}
		kept = append(kept, s)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := writeOverview(f, SheetOverview, bold, results, left); err != nil {
		return err
	}
	for _, s := range kept {
		if err := writeSheet(f, s, bold); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	return saveDeterministic(f, w)
}

// setDocProps sets fixed document properties, so that the file does not
// carry the time it was written.
func setDocProps(f *excelize.File, results []*scenarios.Result) error {
	names := make([]string, len(results))
	for i, r := range results {
		names[i] = r.Scenario.Name
	}
	return f.SetDocProps(&excelize.DocProperties{
		Title:          strings.Join(names, ", "),
		Subject:        results[0].City.Name,
		Creator:        "schoolplan",
		LastModifiedBy: "schoolplan",
		Created:        "2000-01-01T00:00:00Z",
		Modified:       "2000-01-01T00:00:00Z",
	})
}

// writeSheetHeader writes the header row in bold, frozen, with each
// column as wide as its name asks.
func writeSheetHeader(sw *excelize.StreamWriter, header []string, bold int) error {
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, h := range header {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(h)); err != nil {
			return err
		}
	}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	return sw.SetRow("A1", head)
}

// writeSheet streams one table: the header in bold, frozen, then its rows.
func writeSheet(f *excelize.File, s sheet, bold int) error {
	if _, err := f.NewSheet(s.name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	if err := writeSheetHeader(sw, s.header, bold); err != nil {
		return err
	}
	kinds := columnKinds(s.header)
	row := 2
	vals := make([]any, len(s.header))
	err = s.each(func(rec []string) error {
		for i, v := range rec {
			vals[i] = cellValue(kinds[i], v)
		}
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cell, vals[:len(rec)])
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// Column kinds of the workbook.
const (
	kindNumber = iota
	kindText
	kindBool
)

// textColumns are the CSV columns that hold text; the others hold numbers
// (or true/false for the _pass columns).
var textColumns = map[string]bool{"scenario": true, "stage": true, "district": true, "district_name": true,
	"school": true, "name": true, "area": true, "route": true, "grades": true, "id": true, "parent": true,
	"unit": true, "unit_id": true, "distance": true}

func columnKinds(header []string) []int {
	out := make([]int, len(header))
	for i, h := range header {
		switch {
		case textColumns[h]:
			out[i] = kindText
		case strings.HasSuffix(h, "_pass"):
			out[i] = kindBool
		}
	}
	return out
}

// cellValue is the cell of CSV text v in a column of kind: a number or a
// boolean where the column holds them, nil (a blank cell) for an empty
// field, else the text.
func cellValue(kind int, v string) any {
	if v == "" {
		return nil
	}
	switch kind {
	case kindNumber:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n
		}
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			return x
		}
	case kindBool:
		if b, err := strconv.ParseBool(v); err == nil {
			return b
		}
	}
	return v
}

// columnWidth is a column's width in characters: its header's, at least
// 8 and 14 for names, at most 30.
func columnWidth(h string) float64 {
	w := len(h) + 2
	switch h {
	case "name", "district_name", "scenario":
		w = max(w, 24)
	case "school", "area", "district", "grades":
		w = max(w, 14)
	}
	return float64(min(max(w, 8), 30))
}
