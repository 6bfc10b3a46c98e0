package report_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

func writeWorkbook(tb testing.TB, opts *report.WorkbookOptions, rs ...*scenarios.Result) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := report.WriteWorkbook(&buf, opts, rs...); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// sheetCSV reads one sheet of a workbook with GDAL's XLSX driver, as CSV.
func sheetCSV(tb testing.TB, file, sheet string) [][]string {
	tb.Helper()
	cmd := exec.Command("ogr2ogr", "-f", "CSV", "/vsistdout/", file, sheet)
	cmd.Env = append(os.Environ(), "OGR_XLSX_HEADERS=FORCE", "OGR_XLSX_FIELD_TYPES=AUTO")
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("ogr2ogr %s %s: %v", file, sheet, err)
	}
	return parseCSV(tb, out)
}

func parseCSV(tb testing.TB, data []byte) [][]string {
	tb.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return recs
}

// sameCell compares a CSV field with GDAL's reading of the cell: numbers
// within 1e-9, true/false as GDAL's 1/0, text exactly.
func sameCell(want, got string) bool {
	if want == got {
		return true
	}
	switch want {
	case "true":
		return got == "1"
	case "false":
		return got == "0"
	}
	a, err1 := strconv.ParseFloat(want, 64)
	b, err2 := strconv.ParseFloat(got, 64)
	return err1 == nil && err2 == nil && approx.Equal(a, b, 1e-9)
}

// TestWorkbookWithGDAL writes the workbook of two scenarios and their
// comparison and reads every table sheet back with GDAL: same header,
// rows and values as the CSV file, numbers typed as numbers.
func TestWorkbookWithGDAL(t *testing.T) {
	needTool(t, "ogr2ogr")
	rs := runScenarios(t, tinyBaseline, tinyChanges)
	cmp, err := scenarios.Compare(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "results.xlsx")
	if err := os.WriteFile(file, writeWorkbook(t, &report.WorkbookOptions{Comparison: cmp}, rs...), 0o644); err != nil {
		t.Fatal(err)
	}
	csvOf := func(write func(io.Writer) error) [][]string {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		return parseCSV(t, buf.Bytes())
	}
	tests := []struct {
		sheet string
		want  [][]string
		types map[string]string // field: GDAL type
	}{
		{report.SheetSummary, csvOf(func(w io.Writer) error { return report.WriteSummaryCSV(w, rs...) }),
			map[string]string{"year": "Integer", "unplaced": "Integer", "utilisation_all_grades": "Real", "entry_utilisation": "Real", "district": "String"}},
		{report.SheetSchools, csvOf(func(w io.Writer) error { return report.WriteSchoolsCSV(w, rs...) }),
			map[string]string{"capacity": "Integer", "max_class_size": "Real", "grades": "String"}},
		{report.SheetAreas, csvOf(func(w io.Writer) error { return report.WriteAreasCSV(w, rs...) }),
			map[string]string{"area": "String", "entrants": "Integer", "distance_m": "Integer"}},
		{report.SheetIndicators, csvOf(func(w io.Writer) error { return report.WriteIndicatorsCSV(w, rs...) }),
			map[string]string{"radius_share": "Real", "cv_seats_per_pupil_pass": "Integer(Boolean)"}},
		{report.SheetComparison, csvOf(func(w io.Writer) error { return report.WriteCompareCSV(w, cmp) }),
			map[string]string{"d_unplaced": "Integer", "mean_distance_m": "Integer"}},
	}
	for _, tc := range tests {
		t.Run(tc.sheet, func(t *testing.T) {
			got := sheetCSV(t, file, tc.sheet)
			if len(got) != len(tc.want) || len(got) < 2 {
				t.Fatalf("%d rows, want %d", len(got), len(tc.want))
			}
			for i := range tc.want {
				if len(got[i]) != len(tc.want[i]) {
					t.Fatalf("row %d: %d fields, want %d", i, len(got[i]), len(tc.want[i]))
				}
				for j := range tc.want[i] {
					if !sameCell(tc.want[i][j], got[i][j]) {
						t.Errorf("row %d, %s: %q, want %q", i, tc.want[0][j], got[i][j], tc.want[i][j])
					}
				}
			}
			types := sheetTypes(t, file, tc.sheet)
			for f, typ := range tc.types {
				if types[f] != typ {
					t.Errorf("field %s: type %q, want %q", f, types[f], typ)
				}
			}
		})
	}
}

// sheetTypes returns GDAL's field types of a sheet.
func sheetTypes(tb testing.TB, file, sheet string) map[string]string {
	tb.Helper()
	cmd := exec.Command("ogrinfo", "-so", file, sheet)
	cmd.Env = append(os.Environ(), "OGR_XLSX_HEADERS=FORCE", "OGR_XLSX_FIELD_TYPES=AUTO")
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("ogrinfo %s: %v", file, err)
	}
	types := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok && strings.HasSuffix(v, "(0.0)") {
			types[k] = strings.TrimSuffix(v, " (0.0)")
		}
	}
	return types
}

// TestWorkbookOverview checks the first sheet: the unplaced totals (the
// city rows of summary.csv) and, with a row limit, the tables left out.
func TestWorkbookOverview(t *testing.T) {
	needTool(t, "ogr2ogr")
	rs := runScenarios(t, tinyBaseline, tinyChanges)
	file := filepath.Join(t.TempDir(), "results.xlsx")
	if err := os.WriteFile(file, writeWorkbook(t, &report.WorkbookOptions{MaxRows: 100}, rs...), 0o644); err != nil {
		t.Fatal(err)
	}
	rows := sheetCSV(t, file, report.SheetOverview)
	cells := map[string][]string{}
	for _, r := range rows {
		cells[r[0]+"/"+r[1]] = r[2:]
	}
	tests := []struct {
		name, key string
		want      []string
	}{
		// The city rows of summary.csv (tiny: 10 unplaced in 2025 in both; the new school in tiny-changes clears 2027).
		{"unplaced 2025", "primary/2025", []string{"10", "10"}},
		{"unplaced 2027", "primary/2027", []string{"20", "0"}},
		{"areas left out", "areas/120", []string{"areas.csv or areas.parquet, or the areas_STAGE map layers"}},
		{"admissions", "admissions/", []string{"admissions.csv or admissions.parquet (schoolplan --out, --tables)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := cells[tc.key]
			if !ok {
				t.Fatalf("no row %s in %v", tc.key, rows)
			}
			for i, w := range tc.want {
				if i >= len(got) || got[i] != w {
					t.Errorf("%v, want %v", got, tc.want)
				}
			}
		})
	}
	if sheets := sheetNames(t, file); strings.Contains(sheets, "areas") || !strings.Contains(sheets, "schools") {
		t.Errorf("sheets %s: want schools and no areas", sheets)
	}
}

func sheetNames(tb testing.TB, file string) string {
	tb.Helper()
	out, err := exec.Command("ogrinfo", "-q", "-so", file).Output()
	if err != nil {
		tb.Fatal(err)
	}
	return string(out)
}

// TestWorkbookDeterministic writes the workbook of two runs of the same
// scenarios: the bytes must match.
func TestWorkbookDeterministic(t *testing.T) {
	var outs [2][]byte
	for k := range outs {
		rs := runScenarios(t, tinyBaseline, tinyChanges)
		cmp, err := scenarios.Compare(rs, nil)
		if err != nil {
			t.Fatal(err)
		}
		outs[k] = writeWorkbook(t, &report.WorkbookOptions{Comparison: cmp}, rs...)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("two workbooks of the same run differ (%d and %d bytes)", len(outs[0]), len(outs[1]))
	}
	if bytes.Contains(outs[0], []byte("docProps")) && len(outs[0]) < 1000 {
		t.Errorf("workbook too small: %d bytes", len(outs[0]))
	}
}

// TestWorkbookLayout: every table sheet has its header row frozen and in
// bold, columns at least 8 characters wide, and numbers stored as numbers.
func TestWorkbookLayout(t *testing.T) {
	rs := runScenarios(t, tinyBaseline)
	f, err := excelize.OpenReader(bytes.NewReader(writeWorkbook(t, nil, rs...)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sheet, numberCell, textCell string
	}{
		{report.SheetSummary, "F2", "A2"},    // entrants; scenario
		{report.SheetSchools, "J2", "D2"},    // capacity; name
		{report.SheetDistricts, "E2", "B2"},  // areas; district
		{report.SheetIndicators, "I2", "D2"}, // utilisation of all grades; district name
		{report.SheetAreas, "G2", "D2"},      // entrants; area
	}
	for _, tc := range tests {
		t.Run(tc.sheet, func(t *testing.T) {
			panes, err := f.GetPanes(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
				t.Errorf("panes %+v, want the first row frozen", panes)
			}
			if w, err := f.GetColWidth(tc.sheet, "A"); err != nil || w < 8 {
				t.Errorf("column A width %v (%v), want >= 8", w, err)
			}
			style, err := f.GetCellStyle(tc.sheet, "A1")
			if err != nil {
				t.Fatal(err)
			}
			if st, err := f.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
				t.Errorf("header not bold: %+v %v", st, err)
			}
			// Excelize writes a number with no type attribute (or "n"), and
			// text as a shared or inline string.
			if got, err := f.GetCellType(tc.sheet, tc.numberCell); err != nil ||
				(got != excelize.CellTypeUnset && got != excelize.CellTypeNumber) {
				t.Errorf("%s: type %v (%v), want a number", tc.numberCell, got, err)
			}
			if got, err := f.GetCellType(tc.sheet, tc.textCell); err != nil ||
				(got != excelize.CellTypeSharedString && got != excelize.CellTypeInlineString) {
				t.Errorf("%s: type %v (%v), want text", tc.textCell, got, err)
			}
		})
	}
}
