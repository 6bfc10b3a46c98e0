package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The tiny city with West Junior (J1) fed by West Primary (P1) and an
// area by East Nine-Year (N1): from the second year, admissions.csv lists P1's catchment children going up to
// J1 by the feeder route and East Nine-Year's (N1) own primary leavers by
// the nine_year route; in the first year neither route appears.
func TestFeederRoutesInAdmissionsCSV(t *testing.T) {
	root := t.TempDir()
	city := filepath.Join(root, "city")
	copyDir(t, filepath.Join("..", "..", "testdata", "tiny"), city)
	path := filepath.Join(city, "schools.geojson")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fed := strings.Replace(string(data), `"id": "J1",`, `"id": "J1", "feeders": "P1",`, 1)
	if fed == string(data) {
		t.Fatal("J1 not found in the tiny schools layer")
	}
	// An area by N1 makes it the nearest primary of some children: its
	// leavers are its primary catchment's junior entrants.
	areas := filepath.Join(city, "areas.geojson")
	adata, err := os.ReadFile(areas)
	if err != nil {
		t.Fatal(err)
	}
	a6 := `{"type": "Feature", "properties": {"id": "A6", "population": 600, "district": "D2"}, "geometry": {"type": "Point", "coordinates": [106.536, 29.505]}},` + "\n"
	withA6 := strings.Replace(string(adata), `"features": [`+"\n", `"features": [`+"\n"+a6, 1)
	scenario := "name: feeders\ncity: city\nyears: [2025, 2027]\npolicy: {catchment: nearest, seed: 7}\n"
	for name, text := range map[string]string{path: fed, areas: withA6, filepath.Join(root, "feeders.yaml"): scenario} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(root, "out")
	if code, _, stderr := schoolplan(t, "simulate", "-q", filepath.Join(root, "feeders.yaml"), "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	got := routeTotals(t, filepath.Join(out, "admissions.csv"))
	for _, key := range []string{"2026 J1 feeder", "2027 J1 feeder", "2026 N1 nine_year", "2027 N1 nine_year"} {
		if got[key] <= 0 {
			t.Errorf("no %s admissions in %v", key, got)
		}
	}
	for _, key := range []string{"2025 J1 feeder", "2025 N1 nine_year"} {
		if got[key] != 0 {
			t.Errorf("%d %s admissions in the first year", got[key], key)
		}
	}
}

// routeTotals adds up an admissions.csv's junior students by "year school
// route".
func routeTotals(t *testing.T, path string) map[string]int {
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
	got := map[string]int{}
	for _, row := range rows[1:] {
		if row[1] != "junior" {
			continue
		}
		n, err := strconv.Atoi(row[7])
		if err != nil {
			t.Fatal(err)
		}
		got[row[2]+" "+row[5]+" "+row[6]] += n
	}
	return got
}
