package engine_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// feederSchools is the tiny city's schools with J1's and N1's feeders
// properties given as JSON values (empty: none).
func feederSchools(j1, n1 string) string {
	prop := func(v string) string {
		if v == "" {
			return ""
		}
		return `,"feeders":` + v
	}
	return collection(
		feature(`"id":"P1","stage":"primary","streams":1`, pt),
		feature(`"id":"P2","stage":"primary","streams":1`, pt),
		feature(`"id":"J1","stage":"junior","streams":1`+prop(j1), pt),
		feature(`"id":"N1","stage":"nine_year","streams":1`+prop(n1), pt))
}

func TestFeedersRead(t *testing.T) {
	csv := "id,stage,streams,feeders,lon,lat\n" +
		"P1,primary,1,,106.505,29.51\nP2,primary,1,,106.53,29.51\n" +
		"J1,junior,1,P1; P2,106.51,29.51\nN1,nine_year,1,P2,106.535,29.505\n"
	tests := []struct {
		name   string
		edits  map[string]string
		j1, n1 []string
	}{
		{"JSON array", map[string]string{"schools.geojson": feederSchools(`["P2","P1"]`, "")}, []string{"P2", "P1"}, nil},
		{"text separated by semicolons", map[string]string{"schools.geojson": feederSchools(`"P1;P2"`, `"P2"`)}, []string{"P1", "P2"}, []string{"P2"}},
		{"CSV cell", map[string]string{"schools.geojson": "", "schools.csv": csv}, []string{"P1", "P2"}, []string{"P2"}},
		{"none", map[string]string{"schools.geojson": feederSchools("", "")}, nil, nil},
		{"CSV column mapped onto feeders", map[string]string{"schools.geojson": "",
			"city.yaml":  "layers:\n  schools: {file: roster.csv, fields: {feeders: 对口小学}}\n",
			"roster.csv": strings.Replace(csv, "feeders", "对口小学", 1)}, []string{"P1", "P2"}, []string{"P2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city")
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Schools[2].Feeders; !slices.Equal(got, tc.j1) {
				t.Errorf("J1 feeders %q, want %q", got, tc.j1)
			}
			if got := c.Schools[3].Feeders; !slices.Equal(got, tc.n1) {
				t.Errorf("N1 feeders %q, want %q", got, tc.n1)
			}
		})
	}
}

// TestFeedersBad checks that every bad feeder is reported, each naming
// the file, the feature (index and id), the field and the id at fault.
func TestFeedersBad(t *testing.T) {
	tests := []struct {
		name  string
		edits map[string]string
		want  []string // one line each
	}{
		{"unknown id", map[string]string{"schools.geojson": feederSchools(`"P1;P9"`, "")},
			[]string{`schools.geojson: feature 2 (id "J1"): feeders: "P9": unknown id in the schools layer`}},
		{"a junior school as a feeder, a nine-year school listing itself", map[string]string{"schools.geojson": feederSchools("", `["J1","N1"]`)},
			[]string{`feature 3 (id "N1"): feeders: "J1" is a junior school, not primary`, `feature 3 (id "N1"): feeders: "N1" is the school itself`}},
		{"a primary school with feeders", map[string]string{"schools.geojson": collection(
			feature(`"id":"P1","stage":"primary","streams":1,"feeders":"P2"`, pt), feature(`"id":"P2","stage":"primary","streams":1`, pt))},
			[]string{`feature 0 (id "P1"): feeders: a primary school takes no feeders`}},
		{"empty id and one listed twice", map[string]string{"schools.geojson": feederSchools(`"P1;;P1"`, "")},
			[]string{`feature 2 (id "J1"): feeders: an empty id`, `feature 2 (id "J1"): feeders: "P1" is listed twice`}},
		{"mapped column", map[string]string{"schools.geojson": "",
			"city.yaml":  "layers:\n  schools: {file: roster.csv, fields: {feeders: 对口小学}}\n",
			"roster.csv": "id,stage,streams,对口小学,lon,lat\nP1,primary,1,,106.505,29.51\nJ1,junior,1,P1;P8,106.51,29.51\n"},
			[]string{`roster.csv: row 3 (id "J1"): feeders (from 对口小学): "P8": unknown id`}},
		{"primary stage not run", map[string]string{"city.yaml": "stages: [junior]\n", "schools.geojson": collection(
			feature(`"id":"J1","stage":"junior","streams":1,"feeders":"N1"`, pt), feature(`"id":"N1","stage":"nine_year","streams":1`, pt))},
			[]string{`feature 0 (id "J1"): feeders: feeders need both stages run`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city")
			var list geo.Errors
			if !errors.As(err, &list) {
				t.Fatalf("want a list of problems, got %v", err)
			}
			var lines []string
			for _, e := range list {
				if strings.Contains(e.Error(), "feeders") {
					lines = append(lines, e.Error())
				}
			}
			if len(lines) != len(tc.want) {
				t.Fatalf("%d feeder problems, want %d:\n%s", len(lines), len(tc.want), strings.Join(lines, "\n"))
			}
			for k, w := range tc.want {
				if !strings.Contains(lines[k], w) {
					t.Errorf("problem %d: %s\nwant it to contain %s", k, lines[k], w)
				}
			}
		})
	}
}

func TestCheckFeeders(t *testing.T) {
	c := &engine.City{Schools: []engine.School{
		{ID: "P1", Kind: engine.KindPrimary},
		{ID: "J1", Kind: engine.KindJunior, Feeders: []string{"P1", "P7"}},
	}}
	err := engine.CheckFeeders(c)
	if !errors.Is(err, engine.ErrUnknownID) || !strings.Contains(err.Error(), `school "J1": feeders: "P7": unknown id`) {
		t.Fatalf("got %v", err)
	}
	c.Schools[1].Feeders = []string{"P1"}
	if err := engine.CheckFeeders(c); err != nil {
		t.Fatal(err)
	}
}
