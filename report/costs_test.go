package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TestWriteFilesCosts: costs.csv and costs.json are written only when a
// scenario gives costs, lead times or phases; with several scenarios,
// every scenario gets its rows.
func TestWriteFilesCosts(t *testing.T) {
	tests := []struct {
		name      string
		files     []string
		wantCosts bool
		wantRows  int // rows of costs.csv under the header
	}{
		{"no programme", []string{tinyBaseline}, false, 0},
		{"programme", []string{costsScenario}, true, 3},
		{"compared with the baseline", []string{tinyBaseline, costsScenario}, true, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var res []*scenarios.Result
			for _, f := range tc.files {
				res = append(res, exampleRun(f))
			}
			f := &report.Files{Tables: []string{"summary"}, Layers: &report.LayerOptions{Layers: []string{}}}
			if err := report.WriteFiles(dir, f, res...); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(dir, "costs.csv"))
			if !tc.wantCosts {
				if err == nil {
					t.Fatalf("costs.csv written without a programme:\n%s", data)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(string(data), "\n") - 1; n != tc.wantRows {
				t.Errorf("%d rows, want %d:\n%s", n, tc.wantRows, data)
			}
			if _, err := os.Stat(filepath.Join(dir, "costs.json")); err != nil {
				t.Error(err)
			}
		})
	}
}

// An unpriced change (J1's stream, without a cost and without
// expansion_stream in the table) leaves the cost per seat empty in costs.csv and null
// in costs.json, and the change's cost null with source "unknown".
func TestCostsUnknown(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(costsScenario)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(data), "    cost: 1200\n", "", 1)
	yaml = strings.Replace(yaml, ", expansion_stream: 500}", "}", 1)
	yaml = strings.Replace(yaml, "extends: tiny-baseline.yaml", "extends: "+filepath.Join(mustAbs(t, "../testdata/scenarios"), "tiny-baseline.yaml"), 1)
	file := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	r := exampleRun(file)
	var csv, js bytes.Buffer
	if err := report.WriteCostsCSV(&csv, r); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteCostsJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, got, want string }{
		{"csv 中期 row", csv.String(), "tiny-programme,中期,2026,2030,2,1,0.00,40,120,,,59,0.4917\n"},
		{"csv total row", csv.String(), "tiny-programme,total,,,3,1,8600.00,85,390,,,329,0.8436\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.got, tc.want) {
				t.Errorf("got\n%s\nwant a line %q", tc.got, tc.want)
			}
		})
	}
	var out []report.CostsJSON
	if err := json.Unmarshal(js.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if c := out[0].Changes[1]; c.Cost != nil || c.Source != "unknown" || out[0].Total.CostPerSeat != nil {
		t.Errorf("J1's cost %v (%s), cost per seat %v: want null, unknown, null", c.Cost, c.Source, out[0].Total.CostPerSeat)
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The workbook has a costs sheet for a scenario with a programme only.
func TestWorkbookCostsSheet(t *testing.T) {
	tests := []struct {
		name string
		file string
		want bool
	}{{"baseline", tinyBaseline, false}, {"programme", costsScenario, true}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteWorkbook(&buf, nil, exampleRun(tc.file)); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			has := slices.Contains(f.GetSheetList(), report.SheetCosts)
			if has != tc.want {
				t.Fatalf("sheets %v: costs %v, want %v", f.GetSheetList(), has, tc.want)
			}
			if !has {
				return
			}
			if v, _ := f.GetCellValue(report.SheetCosts, "G4"); v != "9800" {
				t.Errorf("total cost G4 = %q, want 9800", v)
			}
		})
	}
}
