package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/geo"
)

// The Alki case in miniature, in the tiny city's district D1: area ALKI is a
// C open to the east, [106.502, 106.510] × [29.502, 29.510] less its mouth
// [106.504, 106.510] × [29.504, 29.508]; zone PA (school PA) is the same C
// and zone PS (school PS) covers the mouth and east of it. The C's centroid,
// (106.5054, 29.506), lies in the mouth: placed there, ALKI's children would
// go to PS.
const (
	alkiC = `[[[106.502, 29.502], [106.510, 29.502], [106.510, 29.504], [106.504, 29.504], [106.504, 29.508], [106.510, 29.508], [106.510, 29.510], [106.502, 29.510], [106.502, 29.502]]]`

	alkiSchools = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "P1", "stage": "primary", "streams": 1}, "geometry": {"type": "Point", "coordinates": [106.505, 29.51]}},
{"type": "Feature", "properties": {"id": "P2", "stage": "primary", "classes": 12, "district": "D2"}, "geometry": {"type": "Point", "coordinates": [106.53, 29.51]}},
{"type": "Feature", "properties": {"id": "J1", "stage": "junior", "streams": 1}, "geometry": {"type": "Point", "coordinates": [106.51, 29.51]}},
{"type": "Feature", "properties": {"id": "PA", "stage": "primary", "streams": 1}, "geometry": {"type": "Point", "coordinates": [106.503, 29.506]}},
{"type": "Feature", "properties": {"id": "PS", "stage": "primary", "streams": 1}, "geometry": {"type": "Point", "coordinates": [106.512, 29.506]}}
]}`

	alkiCatchments = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"school": "PA", "stage": "primary"}, "geometry": {"type": "Polygon", "coordinates": ` + alkiC + `}},
{"type": "Feature", "properties": {"school": "PS", "stage": "primary"}, "geometry": {"type": "Polygon", "coordinates": [[[106.504, 29.504], [106.515, 29.504], [106.515, 29.508], [106.504, 29.508], [106.504, 29.504]]]}}
]}`

	// Area S straddles the D1/D2 line at 106.52: 6/10 of it in D1.
	alkiAreas = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "ALKI", "population": 400, "households": 150}, "geometry": {"type": "Polygon", "coordinates": ` + alkiC + `}},
{"type": "Feature", "properties": {"id": "S", "population": 1000, "households": 333}, "geometry": {"type": "Polygon", "coordinates": [[[106.514, 29.509], [106.524, 29.509], [106.524, 29.511], [106.514, 29.511], [106.514, 29.509]]]}},
{"type": "Feature", "properties": {"id": "A3", "population": 1500, "district": "D2"}, "geometry": {"type": "Point", "coordinates": [106.525, 29.51]}}
]}`
)

func alkiFS(t testing.TB, cityYAML string) map[string]string {
	t.Helper()
	return map[string]string{"schools.geojson": alkiSchools, "catchments.geojson": alkiCatchments, "areas.geojson": alkiAreas, "city.yaml": cityYAML}
}

// unit is one demand unit as a test expects it.
type unit struct {
	id, district string
	piece        int
	pop, hh      float64
	zone         string // primary zone school, "" none
}

func TestLoadPolygonAreas(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []unit
	}{
		{
			name: "split (default)",
			yaml: "name: alki\n",
			want: []unit{
				{"ALKI", "D1", 0, 400, 150, "PA"},
				// 333 households: 199.8 and 133.2, the larger remainder rounds up.
				{"S", "D1", 1, 600, 200, ""}, {"S", "D2", 2, 400, 133, ""},
				{"A3", "D2", 0, 1500, 0, ""},
			},
		},
		{
			name: "point",
			yaml: "name: alki\npolygon_areas: point\n",
			want: []unit{
				{"ALKI", "D1", 0, 400, 150, "PA"},
				// Whole, at its centroid (106.519, 29.51).
				{"S", "D1", 0, 1000, 333, ""},
				{"A3", "D2", 0, 1500, 0, ""},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := engine.LoadCityFS(tinyFS(t, alkiFS(t, tc.yaml)), "city", "")
			if err != nil {
				t.Fatal(err)
			}
			zones, err := catchment.ZoneSchools(c, engine.Primary)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Areas) != len(tc.want) {
				t.Fatalf("%d demand units, want %d", len(c.Areas), len(tc.want))
			}
			for i, w := range tc.want {
				a := &c.Areas[i]
				zone := ""
				for _, s := range zones[i] {
					zone += c.Schools[s].ID
				}
				got := unit{a.ID, c.Districts[a.District].ID, a.Piece, a.Population, a.Households, zone}
				if got != w {
					t.Errorf("unit %d: %+v, want %+v", i, got, w)
				}
				if mp, ok := geo.AsMultiPolygon(a.Geometry); ok && !geo.MultiPolygonContains(mp, a.Point) {
					t.Errorf("unit %d (%s): point outside its polygon", i, a.ID)
				}
			}
			// The centroid of ALKI lies in PS's zone: what the point must avoid.
			alki, _ := geo.AsMultiPolygon(c.Areas[0].Geometry)
			if ct := geo.Centroid(alki); geo.MultiPolygonContains(alki, ct) || !geo.MultiPolygonContains(c.Catchments[1].Geometry, ct) {
				t.Errorf("ALKI's centroid %v should lie outside it, in PS's zone", ct)
			}
		})
	}
}

func TestLoadPolygonAreasErrors(t *testing.T) {
	outside := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "FAR", "population": 10}, "geometry": {"type": "Polygon", "coordinates": [[[107.0, 29.0], [107.01, 29.0], [107.01, 29.01], [107.0, 29.01], [107.0, 29.0]]]}},
{"type": "Feature", "properties": {"id": "HALF", "population": 10}, "geometry": {"type": "Polygon", "coordinates": [[[106.53, 29.518], [106.54, 29.518], [106.54, 29.528], [106.53, 29.528], [106.53, 29.518]]]}}
]}`
	tests := []struct {
		name  string
		edits map[string]string
		want  []string
		is    error
	}{
		{
			name:  "bad polygon_areas",
			edits: map[string]string{"city.yaml": "polygon_areas: centroid\n"},
			want:  []string{`city/city.yaml: polygon_areas: "centroid"`, "want split or point"},
			is:    engine.ErrInvalid,
		},
		{
			name:  "areas outside the districts",
			edits: map[string]string{"areas.geojson": outside},
			want: []string{
				`city/areas.geojson: feature 0 (id "FAR"): geometry: the polygon has no district property and overlaps no district polygon`,
				`city/areas.geojson: feature 1 (id "HALF"): geometry: 80.0% of the polygon lies outside every district polygon (at most 50% may)`,
			},
			is: engine.ErrOutside,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nwant it to say %q", err, w)
				}
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("error %v does not wrap %v", err, tc.is)
			}
		})
	}
}

// TestSimulatePolygonAreas runs the split city under zones and nearest
// catchments and checks the simulation's invariants.
func TestSimulatePolygonAreas(t *testing.T) {
	c, err := engine.LoadCityFS(tinyFS(t, alkiFS(t, "")), "city", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []engine.CatchmentMode{engine.Zones, engine.Nearest} {
		r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2027, Policy: engine.Policy{Catchment: mode}})
		if err != nil {
			t.Fatal(err)
		}
		simtest.Check(t, c, r)
		if mode == engine.Zones {
			y := r.Stages[engine.Primary].Year(2025)
			if s := c.Schools[y.Assign.School[0]].ID; s != "PA" {
				t.Errorf("ALKI's base school %s, want PA", s)
			}
		}
	}
}
