package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/internal/approx"
)

// The Monaco city walks the streets of an OpenStreetMap extract
// (testdata/monaco, © OpenStreetMap contributors, ODbL).
const (
	monacoNetworkYAML  = "../../testdata/scenarios/monaco-network.yaml"
	monacoStraightYAML = "../../testdata/scenarios/monaco-straight.yaml"
)

// readCSV reads a CSV file of the output folder.
func readCSV(t *testing.T, path string) [][]string {
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
	return rows
}

// simulateOut runs simulate with --out and returns the folder.
func simulateOut(t *testing.T, yaml string) string {
	t.Helper()
	out := t.TempDir()
	code, _, stderr := schoolplan(t, "simulate", yaml, "-q", "--out", out, "--tables", "areas,admissions,indicators", "--layers", "none", "--table-format", "csv")
	if code != 0 {
		t.Fatalf("simulate %s: exit %d: %s", yaml, code, stderr)
	}
	if stderr != "" {
		t.Errorf("simulate %s: stderr %q, want none (every area and school is near a street)", yaml, stderr)
	}
	return out
}

// TestMonacoNetworkEndToEnd runs the Monaco city with network distances
// through the command line: areas.csv and admissions.csv say they hold
// walks, with the walking minutes at 4.5 km/h (75 m a minute), and a
// straight run's tables keep their columns as before.
func TestMonacoNetworkEndToEnd(t *testing.T) {
	tests := []struct {
		name, yaml string
		walk       bool
	}{
		{"network", monacoNetworkYAML, true},
		{"straight", monacoStraightYAML, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := simulateOut(t, tc.yaml)
			for _, table := range []string{"areas.csv", "admissions.csv"} {
				rows := readCSV(t, filepath.Join(out, table))
				header := rows[0]
				if got := slices.Contains(header, "walk_min"); got != tc.walk {
					t.Fatalf("%s header %v: walk_min %v, want %v", table, header, got, tc.walk)
				}
				if tc.walk {
					checkWalkColumns(t, table, header, rows[1:])
				}
			}
			ind := readCSV(t, filepath.Join(out, "indicators.csv"))
			if k := slices.Index(ind[0], "distance"); (k >= 0) != tc.walk || tc.walk && ind[1][k] != "network" {
				t.Errorf("indicators.csv: distance column at %d (row %v), want one saying network: %v", k, ind[1], tc.walk)
			}
		})
	}
}

// checkWalkColumns checks that every row with a distance holds a walk
// and its minutes at 75 m a minute.
func checkWalkColumns(t *testing.T, table string, header []string, rows [][]string) {
	t.Helper()
	col := func(name string) int { return slices.Index(header, name) }
	dm, kind, mins := col("distance_m"), col("distance"), col("walk_min")
	with := 0
	for i, r := range rows {
		if r[kind] != "network" {
			t.Fatalf("%s row %d: distance %q, want network", table, i+2, r[kind])
		}
		if r[dm] == "" {
			continue
		}
		with++
		m, err1 := strconv.ParseFloat(r[dm], 64)
		w, err2 := strconv.ParseFloat(r[mins], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s row %d: %q m, %q min", table, i+2, r[dm], r[mins])
		}
		approx.Check(t, table+" walk minutes", w, m/75, 0.06)
	}
	if with == 0 {
		t.Errorf("%s: no row with a distance", table)
	}
}

// TestMonacoNetworkDeterministic: two runs write the same bytes, and the
// walks are never shorter than the straight run's lines to the same
// school.
func TestMonacoNetworkDeterministic(t *testing.T) {
	a, b := simulateOut(t, monacoNetworkYAML), simulateOut(t, monacoNetworkYAML)
	for _, table := range []string{"areas.csv", "admissions.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, table))
		y, _ := os.ReadFile(filepath.Join(b, table))
		if string(x) != string(y) {
			t.Errorf("%s differs between two runs", table)
		}
	}
	straight := walkLengths(t, simulateOut(t, monacoStraightYAML))
	walked := walkLengths(t, a)
	same := 0
	for k, w := range walked {
		if s, ok := straight[k]; ok {
			same++
			if w+0.5 < s { // both rounded to the metre
				t.Errorf("%s: walk %v m shorter than the straight line %v m", k, w, s)
			}
		}
	}
	if same == 0 {
		t.Error("no area kept its school from straight lines to walks")
	}
}

// walkLengths reads admissions.csv's distance by stage, year, area, piece
// and school.
func walkLengths(t *testing.T, out string) map[string]float64 {
	t.Helper()
	rows := readCSV(t, filepath.Join(out, "admissions.csv"))
	col := func(name string) int { return slices.Index(rows[0], name) }
	m := map[string]float64{}
	for _, r := range rows[1:] {
		if r[col("distance_m")] == "" {
			continue
		}
		d, err := strconv.ParseFloat(r[col("distance_m")], 64)
		if err != nil {
			t.Fatal(err)
		}
		key := strings.Join([]string{r[col("stage")], r[col("year")], r[col("area")], r[col("piece")], r[col("school")]}, "/")
		m[key] = d
	}
	return m
}

// TestMonacoNetworkChangesCatchments: on foot, areas A00b and A01b are
// nearest other schools than in a straight line (A00b: École du Parc 353 m
// away in a straight line, École de Fontvieille 490 m on foot).
func TestMonacoNetworkChangesCatchments(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       map[string]string // area → its primary school in 2025
	}{
		{"straight", monacoStraightYAML, map[string]string{"A00b": "P-PAR", "A01b": "P-PAR"}},
		{"network", monacoNetworkYAML, map[string]string{"A00b": "P-FON", "A01b": "P-CON"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows := readCSV(t, filepath.Join(simulateOut(t, tc.yaml), "areas.csv"))
			col := func(name string) int { return slices.Index(rows[0], name) }
			got := map[string]string{}
			for _, r := range rows[1:] {
				if r[col("stage")] == "primary" && r[col("year")] == "2025" {
					got[r[col("area")]] = r[col("school")]
				}
			}
			for a, s := range tc.want {
				if got[a] != s {
					t.Errorf("area %s: school %q, want %q", a, got[a], s)
				}
			}
		})
	}
}
