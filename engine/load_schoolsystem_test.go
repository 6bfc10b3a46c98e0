package engine_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

const (
	fiveFourYAML = "school_system: {primary: {entry_age: 6, grades: 5}, junior: {entry_age: 11, grades: 4}}\n"
	usYAML       = "school_system: {primary: {entry_age: 5, grades: 6}, junior: {entry_age: 11, grades: 3}}\n"
)

// tinySchools is the tiny city's schools.geojson with P2's classes and N1's
// enrolled property replaced.
func tinySchools(p2, n1 string) string {
	return collection(
		feature(`"id":"P1","stage":"primary","streams":1`, pt),
		feature(`"id":"P2","stage":"primary","district":"D2",`+p2, `{"type":"Point","coordinates":[106.53,29.51]}`),
		feature(`"id":"J1","stage":"junior","streams":1`, `{"type":"Point","coordinates":[106.51,29.51]}`),
		feature(`"id":"N1","stage":"nine_year","streams":1,`+n1, `{"type":"Point","coordinates":[106.535,29.505]}`),
	)
}

func TestLoadSchoolSystem(t *testing.T) {
	tests := []struct {
		name      string
		edits     map[string]string
		system    engine.SchoolSystem
		stages    []engine.Stage
		p2Streams int
		n1        map[int]int // N1's enrolled
	}{
		{"default 6+3", nil, engine.SchoolSystem{}, []engine.Stage{engine.Primary, engine.Junior}, 2,
			map[int]int{1: 40, 2: 41, 3: 42, 4: 43, 5: 44, 6: 45, 7: 46, 8: 47, 9: 48}},
		{"5+4: 10 classes over 5 primary grades", map[string]string{"city.yaml": fiveFourYAML,
			"schools.geojson": tinySchools(`"classes":10`, `"enrolled":[40,41,42,43,44,45,46,47,48]`)},
			engine.FiveFourSchoolSystem, []engine.Stage{engine.Primary, engine.Junior}, 2,
			map[int]int{1: 40, 2: 41, 3: 42, 4: 43, 5: 44, 6: 45, 7: 46, 8: 47, 9: 48}},
		{"K–5/6–8: N1's enrolled keyed by name", map[string]string{"city.yaml": usYAML,
			"schools.geojson": tinySchools(`"classes":12`, `"enrolled":{"K":40,"1":41,"2":42,"3":43,"4":44,"5":45,"6":46,"7":47,"8":48}`)},
			engine.USSchoolSystem, []engine.Stage{engine.Primary, engine.Junior}, 2,
			map[int]int{0: 40, 1: 41, 2: 42, 3: 43, 4: 44, 5: 45, 6: 46, 7: 47, 8: 48}},
		{"K–5/6–8: kindergarten keyed 0", map[string]string{"city.yaml": usYAML,
			"schools.geojson": tinySchools(`"classes":12`, `"enrolled":{"0":40,"1":41,"2":42,"3":43,"4":44,"5":45,"6":46,"7":47,"8":48}`)},
			engine.USSchoolSystem, []engine.Stage{engine.Primary, engine.Junior}, 2,
			map[int]int{0: 40, 1: 41, 2: 42, 3: 43, 4: 44, 5: 45, 6: 46, 7: 47, 8: 48}},
		{"primary only: the nine-year school stays", map[string]string{"city.yaml": "stages: [primary]\n",
			"schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1`, pt),
				feature(`"id":"N1","stage":"nine_year","classes":18`, pt))},
			engine.SchoolSystem{}, []engine.Stage{engine.Primary}, 0, nil},
		{"junior only", map[string]string{"city.yaml": "stages: [junior]\n",
			"schools.geojson": collection(feature(`"id":"J1","stage":"junior","streams":1`, pt))},
			engine.SchoolSystem{}, []engine.Stage{engine.Junior}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city")
			if err != nil {
				t.Fatal(err)
			}
			if c.System != tc.system {
				t.Errorf("system %+v, want %+v", c.System, tc.system)
			}
			if got := c.Stages(); !slices.Equal(got, tc.stages) {
				t.Errorf("stages %v, want %v", got, tc.stages)
			}
			for _, st := range engine.Stages {
				if c.Runs(st) != slices.Contains(tc.stages, st) {
					t.Errorf("Runs(%s) = %v", st, c.Runs(st))
				}
			}
			if tc.p2Streams > 0 {
				if got := c.Schools[c.SchoolIndex("P2")].Streams[engine.Primary]; got != tc.p2Streams {
					t.Errorf("P2 streams %d, want %d", got, tc.p2Streams)
				}
			}
			if tc.n1 != nil {
				if got := c.Schools[c.SchoolIndex("N1")].Enrolled; !maps.Equal(got, tc.n1) {
					t.Errorf("N1 enrolled %v, want %v", got, tc.n1)
				}
			}
		})
	}
}

func TestLoadSchoolSystemBadInput(t *testing.T) {
	junior := feature(`"id":"J1","stage":"junior","streams":1`, pt)
	primary := feature(`"id":"P1","stage":"primary","streams":1`, pt)
	square := `{"type":"Polygon","coordinates":[[[106.50,29.50],[106.51,29.50],[106.51,29.51],[106.50,29.50]]]}`
	tests := []struct {
		name  string
		edits map[string]string
		want  []string // each must appear in one error line
	}{
		{"junior not where primary ends", map[string]string{"city.yaml": "school_system: {primary: {entry_age: 6, grades: 5}, junior: {entry_age: 12, grades: 3}}\n"},
			[]string{"city.yaml", "school_system.junior.entry_age", "12", "primary ends"}},
		{"entry age out of range", map[string]string{"city.yaml": "school_system: {primary: {entry_age: 2, grades: 6}, junior: {entry_age: 8, grades: 3}}\n"},
			[]string{"city.yaml", "school_system.primary.entry_age", "2", "3 to 15"}},
		{"too many grades", map[string]string{"city.yaml": "school_system: {primary: {entry_age: 6, grades: 10}, junior: {entry_age: 16, grades: 3}}\n"},
			[]string{"city.yaml", "school_system.primary.grades", "10"}},
		{"junior left out", map[string]string{"city.yaml": "school_system: {primary: {entry_age: 6, grades: 6}}\n"},
			[]string{"city.yaml", "school_system.junior.grades", "0"}},
		{"empty school system", map[string]string{"city.yaml": "school_system: {}\n"},
			[]string{"city.yaml", "school_system", "give primary and junior"}},
		{"unknown school system key", map[string]string{"city.yaml": "school_system: {primary: {entry_age: 6, years: 6}}\n"},
			[]string{"city.yaml", "years"}},
		{"unknown stage", map[string]string{"city.yaml": "stages: [primary, senior]\n"},
			[]string{"city.yaml", "stages", "senior"}},
		{"no stages", map[string]string{"city.yaml": "stages: []\n"},
			[]string{"city.yaml", "stages", "empty"}},
		{"a stage twice", map[string]string{"city.yaml": "stages: [junior, junior]\n"},
			[]string{"city.yaml", "stages", "junior", "twice"}},
		{"junior school in a primary city", map[string]string{"city.yaml": "stages: [primary]\n", "schools.geojson": collection(primary, junior)},
			[]string{"schools.geojson", "feature 1", "J1", "stage", "junior school", "only primary"}},
		{"primary school in a junior city", map[string]string{"city.yaml": "stages: [junior]\n", "schools.geojson": collection(junior, primary)},
			[]string{"schools.geojson", "feature 1", "P1", "stage", "only junior"}},
		{"junior catchment in a primary city", map[string]string{"city.yaml": "stages: [primary]\n", "schools.geojson": collection(primary),
			"areas.geojson": collection(feature(`"id":"A1","population":5,"catchment_junior":"P1"`, pt))},
			[]string{"areas.geojson", "A1", "catchment_junior", "does not run junior"}},
		{"junior catchment polygon in a primary city", map[string]string{"city.yaml": "stages: [primary]\n", "schools.geojson": collection(primary),
			"catchments.geojson": collection(feature(`"school":"P1","stage":"junior"`, square))},
			[]string{"catchments.geojson", "feature 0", "stage", "does not run junior"}},
		{"classes not dividing over 5 grades", map[string]string{"city.yaml": fiveFourYAML, "schools.geojson": collection(feature(`"id":"P1","stage":"primary","classes":12`, pt))},
			[]string{"schools.geojson", "P1", "classes", "12 classes", "5 grades"}},
		{"kindergarten in 6+3", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1,"enrolled":{"K":3}`, pt))},
			[]string{"schools.geojson", "P1", "enrolled", `"K"`, "[1 2 3 4 5 6]"}},
		{"K and 0 both given", map[string]string{"city.yaml": usYAML, "schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1,"enrolled":{"K":3,"0":4}`, pt))},
			[]string{"schools.geojson", "P1", "enrolled", "grade K is given twice"}},
		{"5 values for a K–5 school", map[string]string{"city.yaml": usYAML, "schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1,"enrolled":[1,2,3,4,5]`, pt))},
			[]string{"schools.geojson", "P1", "enrolled", "5 values", "[K 1 2 3 4 5]"}},
		{"grade 9 in a 6–8 school", map[string]string{"city.yaml": usYAML, "schools.geojson": collection(feature(`"id":"J1","stage":"junior","streams":1,"enrolled":{"9":3}`, pt))},
			[]string{"schools.geojson", "J1", "enrolled", `"9"`, "[6 7 8]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city")
			if err == nil {
				t.Fatal("loaded")
			}
			lines := []string{err.Error()}
			var list geo.Errors
			if errors.As(err, &list) {
				lines = lines[:0]
				for _, e := range list {
					lines = append(lines, e.Error())
				}
			}
			for _, line := range lines {
				ok := !strings.HasPrefix(tc.want[0], "city.yaml") || !strings.Contains(line, "engine:")
				for _, w := range tc.want {
					ok = ok && strings.Contains(line, w)
				}
				if ok {
					return
				}
			}
			t.Errorf("no error names all of %q:\n%s", tc.want, strings.Join(lines, "\n"))
		})
	}
}

// Every problem of city.yaml's school system and stages is reported at once.
func TestLoadSchoolSystemEveryProblem(t *testing.T) {
	yaml := "school_system: {primary: {entry_age: 2, grades: 6}, junior: {entry_age: 12, grades: 12}}\nstages: [upper]\n"
	_, err := engine.LoadCityFS(tinyFS(t, map[string]string{"city.yaml": yaml}), "city", "city")
	var list geo.Errors
	if !errors.As(err, &list) || len(list) != 4 {
		t.Fatalf("want 4 problems (primary.entry_age, junior.grades, junior.entry_age, stages), got %v", err)
	}
}
