package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The Monaco city (testdata/monaco, © OpenStreetMap contributors, ODbL)
// run on straight lines and on foot.
const (
	monacoStraight = "../testdata/scenarios/monaco-straight.yaml"
	monacoNetwork  = "../testdata/scenarios/monaco-network.yaml"
)

// compareOf compares the runs of the scenario files names.
func compareOf(t *testing.T, names ...string) ([]*scenarios.Result, *scenarios.Comparison) {
	t.Helper()
	rs := runScenarios(t, names...)
	c, err := scenarios.Compare(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rs, c
}

// comparison.csv says which distance mean_distance_m holds, each
// scenario's, only when one walked; the printed table says it in words.
func TestCompareSaysDistance(t *testing.T) {
	tests := []struct {
		name      string
		files     []string
		want      map[string]string // scenario → its distance column; nil: no column
		wantTable map[string]string // scenario → its rows' last cell in the printed table
		wantJSON  []string          // comparison.json's distances
	}{
		{"straight only", []string{monacoStraight, monacoStraight}, nil, nil, nil},
		{"straight and walking", []string{monacoStraight, monacoNetwork},
			map[string]string{"monaco-straight": "straight", "monaco-network": "network"},
			map[string]string{"monaco-straight": "straight-line", "monaco-network": "walking, along the roads"},
			[]string{"straight", "network"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, c := compareOf(t, tc.files...)
			var buf bytes.Buffer
			if err := report.WriteCompareCSV(&buf, c); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			checkDistanceColumn(t, rows, tc.want)
			var table bytes.Buffer
			if err := report.WriteCompareTable(&table, c); err != nil {
				t.Fatal(err)
			}
			checkTableWords(t, table.String(), tc.wantTable)
			var js bytes.Buffer
			if err := report.WriteCompareJSON(&js, c, rs); err != nil {
				t.Fatal(err)
			}
			var got struct{ Distances []string }
			if err := json.Unmarshal(js.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Distances, tc.wantJSON) {
				t.Errorf("comparison.json distances %q, want %q", got.Distances, tc.wantJSON)
			}
		})
	}
}

// checkDistanceColumn checks that rows (a header, then rows whose first
// cell is the scenario) end in the column distance with want's value for
// the scenario; want nil: that they have no such column.
func checkDistanceColumn(t *testing.T, rows [][]string, want map[string]string) {
	t.Helper()
	has := slices.Contains(rows[0], "distance")
	if has != (want != nil) {
		t.Fatalf("header %v: column distance %v, want %v", rows[0], has, want != nil)
	}
	if want == nil {
		return
	}
	if rows[0][len(rows[0])-1] != "distance" {
		t.Errorf("header %v: distance is not last", rows[0])
	}
	for i, row := range rows[1:] {
		if got := row[len(row)-1]; got != want[row[0]] {
			t.Fatalf("row %d (%s): distance %q, want %q", i+2, row[0], got, want[row[0]])
		}
	}
}

// checkTableWords checks that every row of a scenario in a printed table
// (a line that starts with a year and names it: the districts and the
// indicators) ends in want's words for it, and, when want is nil, that the
// table names no distance.
func checkTableWords(t *testing.T, table string, want map[string]string) {
	t.Helper()
	rows := 0
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || len(f[0]) != 4 || f[0][0] != '2' {
			continue
		}
		for name, w := range want {
			if slices.Contains(f, name) {
				rows++
				if !strings.HasSuffix(strings.TrimSpace(line), w) {
					t.Errorf("row %q does not end in %q", line, w)
				}
			}
		}
	}
	if want != nil && rows == 0 {
		t.Errorf("no scenario rows in the table:\n%s", table)
	}
	if want == nil && (strings.Contains(table, "straight-line") || strings.Contains(table, "walking")) {
		t.Errorf("a table of straight runs names its distance:\n%s", table)
	}
}

// The workbook's sheets with distances (areas, indicators, comparison)
// gain the column distance (and areas walk_min), and the overview says
// what each scenario's distances measure, only when a run walked.
func TestWorkbookSaysDistance(t *testing.T) {
	tests := []struct {
		name     string
		files    []string
		overview []string // the overview's distance row; nil: none
	}{
		{"straight only", []string{monacoStraight}, nil},
		{"straight and walking", []string{monacoStraight, monacoNetwork},
			[]string{"distance", "straight-line", "walking, along the roads (walk_min at 4.5 km/h)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, c := compareOf(t, tc.files...)
			var buf bytes.Buffer
			if err := report.WriteWorkbook(&buf, &report.WorkbookOptions{Comparison: c}, rs...); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			walk := tc.overview != nil
			for sheet, cols := range map[string][]string{report.SheetAreas: {"distance", "walk_min"},
				report.SheetIndicators: {"distance"}, report.SheetComparison: {"distance"}} {
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, col := range cols {
					if got := slices.Contains(rows[0], col); got != walk {
						t.Errorf("sheet %s: column %s %v, want %v", sheet, col, got, walk)
					}
				}
			}
			checkOverviewDistance(t, f, tc.overview)
		})
	}
}

// checkOverviewDistance checks the overview's row that starts with
// "distance" is want (nil: that there is none).
func checkOverviewDistance(t *testing.T, f *excelize.File, want []string) {
	t.Helper()
	rows, err := f.GetRows(report.SheetOverview)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows {
		if len(row) > 0 && row[0] == "distance" {
			got = row
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("overview distance row %q, want %q", got, want)
	}
}

// The HTML report's data says what each scenario's distances measure, and
// the walking speed of a walk, only when a run walked.
func TestHTMLSaysDistance(t *testing.T) {
	type scen struct {
		Distance string  `json:"distance"`
		WalkKMH  float64 `json:"walk_kmh"`
	}
	tests := []struct {
		name  string
		files []string
		want  []scen
	}{
		{"straight only", []string{monacoStraight}, []scen{{}}},
		{"straight and walking", []string{monacoStraight, monacoNetwork}, []scen{{"straight", 0}, {"network", 4.5}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := reportDataRE.FindSubmatch(renderHTML(t, nil, tc.files...))
			if m == nil {
				t.Fatal("no report data")
			}
			var d struct{ Scenarios []scen }
			if err := json.Unmarshal(m[1], &d); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(d.Scenarios, tc.want) {
				t.Errorf("scenarios %+v, want %+v", d.Scenarios, tc.want)
			}
		})
	}
}
