package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// schoolplan runs the command line and returns exit code, stdout, stderr.
func schoolplan(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/schoolplan -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the golden file; if the change is intended, run go test ./cmd/schoolplan -update and review the diff", name)
	}
}

func TestSimulateDemoGolden(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := schoolplan(t, "simulate", "--out", dir, "--quiet", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"baseline — primary", "baseline — junior", "total", "渝北区", "unplaced"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	for _, name := range []string{"summary.csv", "schools.csv", "summary.json"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "demo-baseline-"+name, data)
	}
	// Same inputs, same bytes.
	dir2 := t.TempDir()
	if code, _, stderr := schoolplan(t, "simulate", "--out", dir2, "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	for _, name := range []string{"summary.csv", "schools.csv", "areas.csv", "admissions.csv", "summary.json"} {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(dir2, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func TestSimulateOutColumns(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := schoolplan(t, "simulate", "../../testdata/scenarios/tiny-changes.yaml", "--out", dir, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := map[string][]string{
		"summary.csv":    {"scenario", "stage", "year", "district", "entrants", "admitted", "unplaced"},
		"schools.csv":    {"scenario", "stage", "year", "school", "capacity", "enrolled", "entrants", "admitted", "entry_utilisation", "utilisation_all_grades"},
		"areas.csv":      {"scenario", "stage", "year", "area", "entrants", "admitted", "unplaced", "school", "distance_m"},
		"admissions.csv": {"scenario", "stage", "year", "area", "school", "route", "students", "distance_m"},
	}
	for name, cols := range want {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, c := range cols {
			if !slices.Contains(rows[0], c) {
				t.Errorf("%s: no column %q in %v", name, c, rows[0])
			}
		}
		if len(rows) < 2 {
			t.Errorf("%s: no rows", name)
		}
		for _, r := range rows[1:] {
			if r[0] != "tiny-changes" {
				t.Fatalf("%s: scenario %q", name, r[0])
			}
		}
	}
	// 2 stages × 6 years × (2 districts + total).
	data, _ := os.ReadFile(filepath.Join(dir, "summary.csv"))
	if n := strings.Count(string(data), "\n") - 1; n != 2*6*3 {
		t.Errorf("summary.csv has %d rows, want 36", n)
	}
}

func TestSimulateFormats(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"csv", "scenario,stage,year,district"},
		{"json", `"scenario": "tiny-baseline"`},
		{"table", "tiny-baseline — primary"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			code, out, stderr := schoolplan(t, "simulate", "../../testdata/scenarios/tiny-baseline.yaml", "--format", tc.format)
			if code != 0 || !strings.Contains(out, tc.want) {
				t.Fatalf("exit %d, stdout lacks %q: %s%s", code, tc.want, out, stderr)
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	bad := t.TempDir()
	if err := os.CopyFS(bad, os.DirFS("../../testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	schools := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"P1","stage":"primary"},"geometry":{"type":"Point","coordinates":[106.505,29.51]}},
{"type":"Feature","properties":{"id":"P2","stage":"college","streams":2},"geometry":{"type":"Point","coordinates":[106.505,29.51]}}]}`
	if err := os.WriteFile(filepath.Join(bad, "schools.geojson"), []byte(schools), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
	}{
		{"valid city", []string{"validate", "../../testdata/tiny"}, 0, []string{"ok"}},
		{"valid scenario", []string{"validate", "../../testdata/scenarios/tiny-changes.yaml"}, 0, []string{"ok"}},
		{"every problem listed", []string{"validate", bad}, 3, []string{"feature 0 (id \"P1\"): streams", "feature 1 (id \"P2\"): stage"}},
		{"unknown flag", []string{"simulate", "--colour"}, 2, nil},
		{"bad format", []string{"simulate", "--format", "xml"}, 2, nil},
		{"missing scenario", []string{"simulate", "nope.yaml"}, 1, nil},
		{"unknown command", []string{"simulat"}, 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := schoolplan(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, stderr)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestDemoWritesARunnableCity(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "start")
	if code, _, stderr := schoolplan(t, "demo", dir); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := schoolplan(t, "simulate", filepath.Join(dir, "scenarios", "new-school.yaml"), "--format", "csv")
	if code != 0 || !strings.Contains(out, "new-school-2027") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Writing again refuses to overwrite.
	if code, _, _ := schoolplan(t, "demo", dir); code == 0 {
		t.Fatal("demo overwrote an existing folder")
	}
}
