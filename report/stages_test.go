package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// stageScenarios writes the tiny baseline and, next to it, a primary-only
// scenario extending it; it returns both files.
func stageScenarios(tb testing.TB) (full, primary string) {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "city"), os.DirFS("../testdata/tiny")); err != nil {
		tb.Fatal(err)
	}
	full, primary = filepath.Join(dir, "full.yaml"), filepath.Join(dir, "primary.yaml")
	for name, yaml := range map[string]string{
		full:    "city: city\nyears: [2025, 2027]\npolicy: {seed: 7}\n",
		primary: "extends: full.yaml\nname: primary\nstages: [primary]\n",
	} {
		if err := os.WriteFile(name, []byte(yaml), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return full, primary
}

// A primary-only run has primary tables only; a page with it and a full run
// keeps both stages, the primary-only scenario's junior stage empty (but
// arrays, which the page's script walks).
func TestStagesNotRun(t *testing.T) {
	full, primary := stageScenarios(t)
	rs := runScenarios(t, full, primary)
	var buf bytes.Buffer
	if err := report.WriteSummaryJSON(&buf, rs[1]); err != nil {
		t.Fatal(err)
	}
	var sum []struct{ Stages []struct{ Stage string } }
	if err := json.Unmarshal(buf.Bytes(), &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum) != 1 || len(sum[0].Stages) != 1 || sum[0].Stages[0].Stage != "primary" {
		t.Fatalf("summary stages %+v", sum)
	}
	buf.Reset()
	if err := report.WriteTable(&buf, rs[1]); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "junior") {
		t.Errorf("table of a primary-only run names junior:\n%s", buf.String())
	}
	buf.Reset()
	if err := report.WriteHTML(&buf, nil, rs...); err != nil {
		t.Fatal(err)
	}
	m := reportDataRE.FindSubmatch(buf.Bytes())
	if m == nil {
		t.Fatal("no report data")
	}
	var data struct {
		Stages    []string
		Scenarios []struct {
			Stages []struct {
				Schools json.RawMessage
				Epochs  json.RawMessage
				City    []json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(m[1], &data); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(data.Stages, []string{"primary", "junior"}) || len(data.Scenarios) != 2 {
		t.Fatalf("page stages %v, %d scenarios", data.Stages, len(data.Scenarios))
	}
	junior := data.Scenarios[1].Stages[1]
	if string(junior.Schools) != "[]" || string(junior.Epochs) != "[]" || len(junior.City) != 3 || string(junior.City[0]) != "null" {
		t.Errorf("primary-only scenario's junior stage: schools %s, epochs %s, city %s", junior.Schools, junior.Epochs, junior.City)
	}
	// A page of the primary-only run alone has one stage.
	buf.Reset()
	if err := report.WriteHTML(&buf, nil, rs[1]); err != nil {
		t.Fatal(err)
	}
	if m = reportDataRE.FindSubmatch(buf.Bytes()); m == nil || json.Unmarshal(m[1], &data) != nil || !slices.Equal(data.Stages, []string{"primary"}) {
		t.Errorf("primary-only page stages %v", data.Stages)
	}
}
