package engine_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

func TestPlaceChecks(t *testing.T) {
	school := func(props, lonlat string) string {
		return collection(feature(`"id":"P1","stage":"primary","streams":1`,
			`{"type":"Point","coordinates":[106.505,29.51]}`),
			feature(`"id":"P2","stage":"primary","streams":1,`+props, `{"type":"Point","coordinates":`+lonlat+`}`))
	}
	tests := []struct {
		name    string
		schools string
		warning bool     // the problem is a warning, and the city loads
		want    []string // all in one message
	}{
		// 106.5205 is about 48 m east of D1's edge at 106.52 (inside D2).
		{"just outside the named district", school(`"district":"D1"`, `[106.5205,29.51]`), true,
			[]string{"feature 1", `"P2"`, "district", `"D1" is named, but the point lies 48 m outside it`, `it lies in district "D2" (East)`}},
		{"in the other district", school(`"district":"D1"`, `[106.535,29.51]`), false,
			[]string{"feature 1", `"P2"`, "district", `"D1" is named, but the point lies 1454 m outside it`, `district "D2" (East)`}},
		{"thousands of kilometres away", school(`"district":"D1"`, `[6.5,29.51]`), false,
			[]string{"feature 1", `"P2"`, "district", "km outside it", "it lies in no district"}},
		{"swapped coordinates", school(`"name":"x"`, `[29.51,106.505]`), false,
			[]string{"feature 1", `"P2"`, "geometry", "latitude 106.505 outside [-90, 90]: longitude and latitude look swapped"}},
		{"swapped, both in range", school(`"name":"x"`, `[29.51,86.505]`), false,
			[]string{"feature 1", `"P2"`, "geometry", "no district property", "it lies in no district"}},
		{"projected coordinates", school(`"name":"x"`, `[3500000,450000]`), false,
			[]string{"feature 1", `"P2"`, "geometry", "look like projected coordinates", "crs: in city.yaml"}},
		{"outside every district", school(`"name":"x"`, `[106.56,29.51]`), false,
			[]string{"feature 1", `"P2"`, "geometry", "no district property", `1939 m from the nearest, "D2" (East)`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list := loadProblems(t, map[string]string{"schools.geojson": tc.schools}, tc.warning)
			if len(list) != 1 || engine.IsWarning(list[0]) != tc.warning {
				t.Fatalf("want one problem (warning %v), got %v", tc.warning, list)
			}
			msg := engine.Plain(list[0])
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q lacks %q", msg, w)
				}
			}
		})
	}
}

// A city where latitude and longitude are both below 90, so that swapped
// coordinates pass the range checks and land somewhere.
func TestSwappedCoordinatesHint(t *testing.T) {
	fsys := tinyFS(t, map[string]string{
		"districts.geojson": collection(feature(`"id":"D1","name":"Square"`,
			`{"type":"Polygon","coordinates":[[[30,31],[32,31],[32,33],[30,33],[30,31]]]}`)),
		"schools.geojson": collection(
			feature(`"id":"P1","stage":"primary","streams":1`, `{"type":"Point","coordinates":[31,32]}`),
			feature(`"id":"P2","stage":"primary","streams":1`, `{"type":"Point","coordinates":[32.5,30.5]}`)),
		"areas.geojson": collection(feature(`"id":"A1","population":10`, `{"type":"Point","coordinates":[31,32]}`)),
		"forecast.csv":  "district,year,age,count\nD1,2025,6,10\n",
	})
	_, err := engine.LoadCityFS(fsys, "city", "city")
	if err == nil {
		t.Fatal("loaded")
	}
	want := `city/schools.geojson: feature 1 (id "P2"): geometry: outside every district: the point has no district property and it lies in no district; its coordinates look swapped (with x and y exchanged it would lie in district "D1" (Square)): write [x, y], i.e. [lon, lat]`
	if got := engine.Plain(err); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestEmptyLayersAndCatchmentChecks(t *testing.T) {
	zone := `{"type":"Polygon","coordinates":[[[106.50,29.50],[106.51,29.50],[106.51,29.52],[106.50,29.52],[106.50,29.50]]]}`
	tests := []struct {
		name    string
		edits   map[string]string
		warning bool
		want    string
	}{
		{"no schools", map[string]string{"schools.geojson": collection()}, false,
			"city/schools.geojson: missing value: the layer has no features; a city needs at least one"},
		{"no areas", map[string]string{"areas.geojson": collection()}, false,
			"city/areas.geojson: missing value: the layer has no features; a city needs at least one"},
		{"nothing left after the filter", map[string]string{"city.yaml": "layers: {schools: {filter: {stage: [high]}}}\n"}, false,
			"city/schools.geojson: missing value: the layer has no features left after the filter in city.yaml; a city needs at least one"},
		// West Junior J1 stands at 106.51, on the zone's east edge; East
		// Primary P2 at 106.53 lies 0.02° (1939 m) east of it.
		{"school outside its own catchment", map[string]string{"catchments.geojson": collection(
			feature(`"school":"P1"`, zone), feature(`"school":"P2","stage":"primary"`, zone))}, true,
			`city/catchments.geojson: feature 1: school: school outside its catchment: school "P2" lies 1939 m outside this catchment of its own`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list := loadProblems(t, tc.edits, tc.warning)
			if len(list) != 1 || engine.Plain(list[0]) != tc.want || engine.IsWarning(list[0]) != tc.warning {
				t.Errorf("got %v\nwant %s", list, tc.want)
			}
		})
	}
}

// loadProblems loads the tiny city with edits and returns its problems:
// the warnings of a city that must load (warning), else the errors of one
// that must not.
func loadProblems(t *testing.T, edits map[string]string, warning bool) geo.Errors {
	t.Helper()
	c, err := engine.LoadCityFS(tinyFS(t, edits), "city", "city")
	var list geo.Errors
	switch {
	case warning && err != nil:
		t.Fatalf("did not load: %v", err)
	case warning:
		list = c.Warnings
	case err == nil:
		t.Fatalf("loaded, with warnings %v", c.Warnings)
	case !errors.As(err, &list):
		list = geo.Errors{err}
	}
	return list
}
