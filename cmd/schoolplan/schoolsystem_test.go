package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tinyVariant copies testdata/tiny to a temporary city folder with files
// replaced (name → content), next to a scenario s.yaml running it
// 2025–2027, and returns the folder and the scenario.
func tinyVariant(t *testing.T, edits map[string]string) (dir, scenario string) {
	t.Helper()
	const tiny = "../../testdata/tiny"
	root := t.TempDir()
	dir = filepath.Join(root, "city")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(tiny)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(tiny, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if s, ok := edits[e.Name()]; ok {
			data = []byte(s)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scenario = filepath.Join(root, "s.yaml")
	if err := os.WriteFile(scenario, []byte("city: city\nyears: [2025, 2027]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, scenario
}

const usCity = "name: tiny\nschool_system: {primary: {entry_age: 5, grades: 6}, junior: {entry_age: 11, grades: 3}}\n"

func TestValidateNamesSchoolSystem(t *testing.T) {
	primaryOnly := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"P1","stage":"primary","streams":1},"geometry":{"type":"Point","coordinates":[106.505,29.51]}},
{"type":"Feature","properties":{"id":"N1","stage":"nine_year","streams":1},"geometry":{"type":"Point","coordinates":[106.535,29.505]}}]}`
	tests := []struct {
		name  string
		edits map[string]string
		want  string // the end of the ok line
	}{
		{"default", nil, "forecast 2025–2030\n"},
		{"K–5/6–8", map[string]string{"city.yaml": usCity}, "forecast 2025–2030, grades K–5/6–8\n"},
		{"primary only", map[string]string{"city.yaml": "stages: [primary]\n", "schools.geojson": primaryOnly},
			"(1 primary, 0 junior, 1 nine-year), forecast 2025–2030, stages primary\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := tinyVariant(t, tc.edits)
			code, stdout, stderr := schoolplan(t, "validate", dir)
			if code != 0 || !strings.HasSuffix(stdout, tc.want) {
				t.Fatalf("exit %d: %q (want it to end %q) %s", code, stdout, tc.want, stderr)
			}
		})
	}
}

// The forecast by grade of a K–5/6–8 city names kindergarten K and holds
// the children aged 5 to 13.
func TestForecastByGradeKindergarten(t *testing.T) {
	dir, _ := tinyVariant(t, map[string]string{"city.yaml": usCity})
	code, byAge, stderr := schoolplan(t, "forecast", dir, "--format", "csv", "-q", "--years", "2025-2025", "--ages", "5-13")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, byGrade, stderr := schoolplan(t, "forecast", dir, "--format", "csv", "-q", "--years", "2025-2025", "--by", "grade")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ages, grades := readCSVString(t, byAge), readCSVString(t, byGrade)
	if got := strings.Join(grades[0], ","); got != "district,year,grade,children,new_housing" {
		t.Fatalf("header %s", got)
	}
	var names []string
	for _, r := range grades[1:10] {
		names = append(names, r[2])
	}
	if want := []string{"K", "1", "2", "3", "4", "5", "6", "7", "8"}; !slices.Equal(names, want) {
		t.Fatalf("grades %v, want %v", names, want)
	}
	if len(grades) != len(ages) {
		t.Fatalf("%d rows by grade, %d by age 5–13", len(grades), len(ages))
	}
	for k := 1; k < len(ages); k++ {
		if !slices.Equal(ages[k][3:], grades[k][3:]) || ages[k][0] != grades[k][0] {
			t.Fatalf("row %d: by age %v, by grade %v", k, ages[k], grades[k])
		}
	}
	code, js, stderr := schoolplan(t, "forecast", dir, "--format", "json", "-q", "--years", "2025-2025", "--by", "grade")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rows []struct {
		Grade     *int   `json:"grade"`
		GradeName string `json:"grade_name"`
	}
	if err := json.Unmarshal([]byte(js), &rows); err != nil {
		t.Fatal(err)
	}
	if rows[0].Grade == nil || *rows[0].Grade != 0 || rows[0].GradeName != "K" || rows[1].GradeName != "" {
		t.Fatalf("JSON rows %+v %+v", rows[0], rows[1])
	}
}

// A primary-only city writes primary tables and layers only.
func TestSimulatePrimaryOnly(t *testing.T) {
	_, scenario := tinyVariant(t, map[string]string{"city.yaml": "stages: [primary]\n",
		"schools.geojson": `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"P1","stage":"primary","streams":1},"geometry":{"type":"Point","coordinates":[106.505,29.51]}},
{"type":"Feature","properties":{"id":"N1","stage":"nine_year","streams":1,"enrolled":[40,41,42,43,44,45,46,47,48]},"geometry":{"type":"Point","coordinates":[106.535,29.505]}}]}`})
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := schoolplan(t, "simulate", scenario, "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stdout, "junior") || !strings.Contains(stdout, "primary") {
		t.Errorf("table:\n%s", stdout)
	}
	for _, f := range []string{"summary.csv", "schools.csv", "areas.csv", "indicators.csv", "summary.json"} {
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "junior") || !strings.Contains(string(data), "primary") {
			t.Errorf("%s names junior or not primary", f)
		}
	}
	layers, err := filepath.Glob(filepath.Join(out, "*_junior.geojson"))
	if err != nil || len(layers) != 0 {
		t.Errorf("junior layers %v (%v)", layers, err)
	}
	if layers, _ = filepath.Glob(filepath.Join(out, "*_primary.geojson")); len(layers) == 0 {
		t.Error("no primary layers")
	}
	// N1's primary grades start from its enrolled property: grades 2–6 hold
	// 41–45 pupils in 2025.
	data, err := os.ReadFile(filepath.Join(out, "schools.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), ";41;42;43;44;45\n") {
		t.Errorf("schools.csv has no row with N1's enrolled grades:\n%s", data)
	}
	code, _, stderr = schoolplan(t, "report", scenario, "-o", filepath.Join(t.TempDir(), "r.html"), "-q")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
}

// Comparing a full run with a primary-only one: junior rows come from the
// full run alone, and the HTML report holds both.
func TestCompareStages(t *testing.T) {
	dir, full := tinyVariant(t, nil)
	primary := filepath.Join(filepath.Dir(dir), "p.yaml")
	if err := os.WriteFile(primary, []byte("extends: s.yaml\nname: p\nstages: [primary]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := schoolplan(t, "compare", full, primary, "--format", "csv", "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := map[string]int{}
	for _, r := range readCSVString(t, stdout)[1:] {
		n[r[0]+"/"+r[1]]++
	}
	// 3 years × (2 districts + total) rows per scenario and stage.
	if n["s/primary"] != 9 || n["p/primary"] != 9 || n["s/junior"] != 9 || n["p/junior"] != 0 {
		t.Fatalf("rows by scenario and stage %v", n)
	}
	if layers, _ := filepath.Glob(filepath.Join(out, "p", "*_junior.geojson")); len(layers) != 0 {
		t.Errorf("primary-only scenario wrote junior layers %v", layers)
	}
	code, _, stderr = schoolplan(t, "report", full, primary, "-o", filepath.Join(t.TempDir(), "r.html"), "-q")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
}
