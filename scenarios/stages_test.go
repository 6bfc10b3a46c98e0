package scenarios_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/scenarios"
)

// tinyCopy copies the tiny city to a temporary folder with files replaced
// (name → content) and returns the folder.
func tinyCopy(t *testing.T, edits map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "city")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(tinyCity)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(tinyCity, e.Name()))
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
	return dir
}

// writeScenario writes files (name → YAML) next to the city folder dir and
// returns the path of the first name given.
func writeStagesScenario(t *testing.T, dir string, name, yaml string) string {
	t.Helper()
	file := filepath.Join(filepath.Dir(dir), name)
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// A scenario with stages: [primary] runs only primary school, whose results
// are those of the full run, and leaves the city it shares untouched.
func TestScenarioStages(t *testing.T) {
	dir := tinyCopy(t, nil)
	writeStagesScenario(t, dir, "base.yaml", "city: city\nyears: [2025, 2030]\npolicy: {seed: 7}\n")
	tests := []struct {
		name string
		yaml string
		want []engine.Stage
	}{
		{"every stage", "extends: base.yaml\n", []engine.Stage{engine.Primary, engine.Junior}},
		{"primary", "extends: base.yaml\nstages: [primary]\n", []engine.Stage{engine.Primary}},
		{"junior", "extends: base.yaml\nstages: [junior]\n", []engine.Stage{engine.Junior}},
		{"both, named", "extends: base.yaml\nstages: [junior, primary]\n", []engine.Stage{engine.Primary, engine.Junior}},
	}
	ss := make([]*scenarios.Scenario, len(tests))
	for k, tc := range tests {
		ss[k] = mustLoad(t, writeStagesScenario(t, dir, "s.yaml", tc.yaml))
	}
	full, err := scenarios.Run(context.Background(), ss[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ss[k]
			if got := s.City.Stages(); !slices.Equal(got, tc.want) {
				t.Fatalf("stages %v, want %v", got, tc.want)
			}
			r, err := scenarios.Run(context.Background(), s, nil)
			if err != nil {
				t.Fatal(err)
			}
			simtest.Check(t, s.City, r.Result)
			for _, st := range tc.want {
				for yi := range r.Stages[st].Years {
					if got, want := r.Stages[st].Years[yi].City, full.Stages[st].Years[yi].City; got != want {
						t.Fatalf("%s %d: %+v, the full run has %+v", st, r.Stages[st].Years[yi].Year, got, want)
					}
				}
			}
		})
	}
	// Another file extending the restricted one keeps its stages.
	s := mustLoad(t, writeStagesScenario(t, dir, "t.yaml", "extends: s.yaml\nname: t\n"))
	if got := s.City.Stages(); !slices.Equal(got, tests[len(tests)-1].want) {
		t.Errorf("extending file: stages %v", got)
	}
}

func mustLoad(t *testing.T, file string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestScenarioStagesBad(t *testing.T) {
	both := tinyCopy(t, nil)
	primary := tinyCopy(t, map[string]string{
		"city.yaml": "name: tiny\nstages: [primary]\n",
		"schools.geojson": `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"P1","stage":"primary","streams":1},"geometry":{"type":"Point","coordinates":[106.505,29.51]}},
{"type":"Feature","properties":{"id":"N1","stage":"nine_year","streams":1},"geometry":{"type":"Point","coordinates":[106.535,29.505]}}]}`,
	})
	tests := []struct {
		name string
		city string
		yaml string
		want []string // in the message
	}{
		{"unknown stage", both, "stages: [senior]\n", []string{"stages", "senior"}},
		{"no stage", both, "stages: []\n", []string{"stages", "empty"}},
		{"a stage twice", both, "stages: [primary, primary]\n", []string{"stages", "twice"}},
		{"a stage the city does not run", primary, "stages: [junior]\n", []string{"stages", "junior", "only primary"}},
		{"expanding a junior school", both, "stages: [primary]\nchanges:\n  - expand: {school: J1, streams: 1, year: 2026}\n",
			[]string{"changes[0]", "expand.school", "junior school", "only primary"}},
		{"closing a junior school", both, "stages: [primary]\nchanges:\n  - close: {school: J1, year: 2026}\n",
			[]string{"changes[0]", "close.school", "junior school"}},
		{"a new junior school", primary, "changes:\n  - new_school: {id: J9, at: [106.51, 29.51], stage: junior, streams: 2, opens: 2026}\n",
			[]string{"changes[0]", "new_school.stage", "junior school", "only primary"}},
		{"a seat swap of primary schools in a junior run", both, "stages: [junior]\nchanges:\n  - seat_swap: {schools: [P1, P2], seats: 5, year: 2026}\n",
			[]string{"changes[0]", "seat_swap.schools", "primary school", "only junior"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := writeStagesScenario(t, tc.city, "s.yaml", "city: city\nyears: [2025, 2030]\n"+tc.yaml)
			_, err := scenarios.Load(file)
			if !errors.Is(err, scenarios.ErrScenario) {
				t.Fatalf("err = %v, want ErrScenario", err)
			}
			for _, w := range append(tc.want, "s.yaml") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q should name %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "engine:") {
				t.Errorf("error %q names a package", err)
			}
		})
	}
}

// A housing yield keyed by stage covers the ages of that stage in the
// city's school system: 6–10 for 5+4 primary, 11–14 for its junior.
func TestHousingYieldFollowsSchoolSystem(t *testing.T) {
	dir := tinyCopy(t, map[string]string{"city.yaml": "name: tiny\nschool_system: {primary: {entry_age: 6, grades: 5}, junior: {entry_age: 11, grades: 4}}\n",
		"schools.geojson": `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"P1","stage":"primary","streams":1},"geometry":{"type":"Point","coordinates":[106.505,29.51]}},
{"type":"Feature","properties":{"id":"J1","stage":"junior","streams":1},"geometry":{"type":"Point","coordinates":[106.51,29.51]}}]}`})
	s := mustLoad(t, writeStagesScenario(t, dir, "s.yaml", "city: city\nyears: [2025, 2030]\nforecast: {housing: {per_1000: {primary: 50, junior: 20}}}\n"))
	got := s.Forecast.Housing.PerThousand
	want := []float64{0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10, 5, 5, 5, 5}
	if !slices.Equal(got, want) {
		t.Fatalf("yields by age %v, want %v", got, want)
	}
}
