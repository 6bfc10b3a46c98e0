package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A scenario with conversions validates and simulates; schools.csv shows
// the stage a school leaves emptying grade by grade and the stage it gains
// filling. On the tiny city (class sizes 45 primary, 50 junior): West
// Primary (P1, 1 stream) becomes a junior school of 2 streams in 2027, and
// East Nine-Year (N1, 1 stream each) a primary school in 2026.
func TestConvertValidateAndSimulate(t *testing.T) {
	root := t.TempDir()
	city := filepath.Join(root, "city")
	copyDir(t, filepath.Join("..", "..", "testdata", "tiny"), city)
	scenario := filepath.Join(root, "convert.yaml")
	text := "name: convert\ncity: city\nyears: [2025, 2030]\ncosts: {conversion_stream: 300}\nchanges:\n" +
		"  - convert: {school: P1, to: junior, year: 2027, streams: 2}\n" +
		"  - convert: {school: N1, to: primary, year: 2026}\n    cost: 0\n"
	if err := os.WriteFile(scenario, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := schoolplan(t, "validate", scenario); code != 0 || !strings.Contains(out, "ok") {
		t.Fatalf("validate: exit %d\n%s%s", code, out, stderr)
	}
	out := filepath.Join(root, "out")
	if code, _, stderr := schoolplan(t, "simulate", "-q", scenario, "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	got := schoolCells(t, filepath.Join(out, "schools.csv"), "capacity", "classes_available", "admitted")
	want := map[string]string{
		// P1's primary classes: 6 in 2026, one grade fewer a year after.
		"primary 2026 P1": "270 6", "primary 2027 P1": "225 5 0", "primary 2028 P1": "180 4 0", "primary 2030 P1": "90 2 0",
		// P1's junior stage: 2 streams × 3 grades × 50 from 2027.
		"junior 2026 P1": "", "junior 2027 P1": "300 6", "junior 2030 P1": "300 6",
		// N1's junior stage: 3 grades in 2025, then 2, 1, none.
		"junior 2025 N1": "150 3", "junior 2026 N1": "100 2 0", "junior 2027 N1": "50 1 0", "junior 2028 N1": "",
		"primary 2030 N1": "270 6",
	}
	for key, w := range want {
		g := got[key]
		if w == "" {
			if g != "" {
				t.Errorf("%s: a row (%s), want none", key, g)
			}
			continue
		}
		if !strings.HasPrefix(g+" ", w+" ") {
			t.Errorf("%s: capacity, classes, admitted %q, want %q…", key, g, w)
		}
	}
	costs, err := os.ReadFile(filepath.Join(out, "costs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// P1: 2 streams gained × 300; N1: given 0.
	if !strings.Contains(string(costs), "600") {
		t.Errorf("costs.csv has no 600 (P1's conversion):\n%s", costs)
	}
}

// schoolCells reads a schools.csv into "stage year id" → the columns
// named, space-separated.
func schoolCells(t *testing.T, path string, cols ...string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]int{}
	for i, h := range rows[0] {
		at[h] = i
	}
	out := map[string]string{}
	for _, row := range rows[1:] {
		var cells []string
		for _, c := range cols {
			cells = append(cells, row[at[c]])
		}
		out[row[at["stage"]]+" "+row[at["year"]]+" "+row[at["school"]]] = strings.Join(cells, " ")
	}
	return out
}
