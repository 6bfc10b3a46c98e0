package engine_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// A bureau's roster as it comes: other column names, its own stage codes,
// rows that are no school of the run, and no streams column.
const rosterSchools = `{"type":"FeatureCollection","features":[
{"type":"Feature","id":1,"properties":{"NAME":"West Primary","Status":"ELEM","CODE":"P1"},"geometry":{"type":"Point","coordinates":[106.505,29.51]}},
{"type":"Feature","id":2,"properties":{"NAME":"East Primary","Status":"ELEM","CODE":"P2","CLS":12,"district":"D2"},"geometry":{"type":"Point","coordinates":[106.53,29.51]}},
{"type":"Feature","id":3,"properties":{"NAME":"West Junior","Status":"MS","CODE":"J1"},"geometry":{"type":"Point","coordinates":[106.51,29.51]}},
{"type":"Feature","id":4,"properties":{"NAME":"A High School","Status":"HS","CODE":"P1"},"geometry":{"type":"Point","coordinates":[106.52,29.51]}},
{"type":"Feature","id":5,"properties":{"NAME":"East Nine-Year","Status":"K8","CODE":"N1"},"geometry":{"type":"Point","coordinates":[106.535,29.505]}}
]}`

const rosterCity = `name: roster
layers:
  schools:
    file: roster.geojson
    fields: {id: CODE, name: NAME, stage: Status, classes: CLS}
    values: {stage: {ELEM: primary, MS: junior, K8: nine_year}}
    filter: {Status: [ELEM, MS, K8]}
    defaults: {streams: 1}
`

func TestLayerMapping(t *testing.T) {
	fsys := tinyFS(t, map[string]string{"schools.geojson": "", "roster.geojson": rosterSchools, "city.yaml": rosterCity})
	// East Primary has classes and gets the default streams too: the
	// default applies only where the source has no value, so give it none.
	fsys["city/roster.geojson"].Data = []byte(strings.Replace(rosterSchools, `"CLS":12,`, ``, 1))
	c, err := engine.LoadCityFS(fsys, "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id, name string
		kind     engine.Kind
	}{
		{"P1", "West Primary", engine.KindPrimary},
		{"P2", "East Primary", engine.KindPrimary},
		{"J1", "West Junior", engine.KindJunior},
		{"N1", "East Nine-Year", engine.KindNineYear},
	}
	if len(c.Schools) != len(want) {
		t.Fatalf("%d schools, want %d", len(c.Schools), len(want))
	}
	for i, w := range want {
		s := c.Schools[i]
		if s.ID != w.id || s.Name != w.name || s.Kind != w.kind || s.Streams[engine.Primary]+s.Streams[engine.Junior] == 0 {
			t.Errorf("school %d = %s %q %v streams %v, want %s %q %v", i, s.ID, s.Name, s.Kind, s.Streams, w.id, w.name, w.kind)
		}
	}
	if len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "1 of 5 features left out by the filter Status in [ELEM, MS, K8]") {
		t.Errorf("notes = %q", c.Notes)
	}
}

func TestLayerMappingErrors(t *testing.T) {
	tests := []struct {
		name string
		city string
		file string // roster.geojson content; "" = rosterSchools
		want [][]string
	}{
		{"value missing from the map", strings.Replace(rosterCity, "K8: nine_year", "", 1), "",
			[][]string{{"roster.geojson", "feature 4", `"N1"`, "stage (from Status)", `"K8" is not in the values map`}}},
		{"streams and classes both", rosterCity, "", // East Primary has CLS and the default streams
			[][]string{{"roster.geojson", "feature 1", `"P2"`, "classes (from CLS)", "not both"}}},
		{"duplicate ids after the filter", strings.Replace(rosterCity, "[ELEM, MS, K8]", "[ELEM, MS, K8, HS]", 1), "",
			[][]string{{"roster.geojson", "feature 3", "id (from CODE)", "duplicate id", "also feature 0"}}},
		{"unknown layer", rosterCity + "  school: {file: x.geojson}\n", "",
			[][]string{{"city.yaml", "layers.school", "not a layer"}}},
		{"empty filter", strings.Replace(rosterCity, "[ELEM, MS, K8]", "[]", 1), "",
			[][]string{{"city.yaml", "layers.schools.filter.Status", "keeps no feature"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = rosterSchools
			}
			fsys := tinyFS(t, map[string]string{"schools.geojson": "", "roster.geojson": file, "city.yaml": tc.city})
			_, err := engine.LoadCityFS(fsys, "city", "city")
			if err == nil {
				t.Fatal("loaded")
			}
			var list geo.Errors
			if !errors.As(err, &list) {
				list = geo.Errors{err}
			}
			for _, want := range tc.want {
				if !anyLineHasAll(list, want) {
					t.Errorf("no error names all of %q:\n%v", want, err)
				}
			}
		})
	}
}

func anyLineHasAll(list geo.Errors, want []string) bool {
	for _, e := range list {
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(e.Error(), w)
		}
		if ok {
			return true
		}
	}
	return false
}
