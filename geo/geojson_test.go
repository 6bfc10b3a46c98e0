package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// fc wraps features in a FeatureCollection.
func fc(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

// pt is a Point feature with the given properties (a JSON object body).
func pt(props string) string {
	return `{"type":"Feature","properties":{` + props + `},"geometry":{"type":"Point","coordinates":[106.5,29.5]}}`
}

// withGeom is a feature with properties {"id":id} and the given geometry JSON.
func withGeom(id, geom string) string {
	return `{"type":"Feature","properties":{"id":"` + id + `"},"geometry":` + geom + `}`
}

const square = `[[0,0],[1,0],[1,1],[0,1],[0,0]]`

// checkFeatures is the invariant every successful Decode keeps: indices in
// order, unique non-empty ids, valid geometry of an allowed kind, required
// properties present.
func checkFeatures(tb testing.TB, name string, feats []Feature, spec Spec) {
	tb.Helper()
	seen := make(map[string]int)
	idField := spec.IDField
	if idField == "" {
		idField = "id"
	}
	for i, f := range feats {
		if f.File != name || f.Index != i {
			tb.Errorf("feature %d: File, Index = %q, %d", i, f.File, f.Index)
		}
		if f.ID == "" {
			if !spec.NoID {
				tb.Errorf("feature %d: empty id", i)
			}
			continue
		}
		if j, dup := seen[f.ID]; dup {
			tb.Errorf("features %d and %d share id %q", j, i, f.ID)
		}
		seen[f.ID] = i
		if f.Geometry == nil {
			tb.Errorf("feature %d: nil geometry", i)
			continue
		}
		if err := validateGeometry(f.Geometry, false); err != nil {
			tb.Errorf("feature %d: %v", i, err)
		}
		if spec.Geometry != nil {
			ok := false
			for _, g := range spec.Geometry {
				ok = ok || g.GeoJSONType() == f.Geometry.GeoJSONType()
			}
			if !ok {
				tb.Errorf("feature %d: geometry %s not allowed", i, f.Geometry.GeoJSONType())
			}
		}
		for _, r := range spec.Required {
			if f.Props[r] == nil && r != idField {
				tb.Errorf("feature %d: required %q missing", i, r)
			}
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		spec     Spec
		wantIDs  []string
		wantGeom []orb.Geometry
	}{
		{
			name:    "points with string ids",
			doc:     fc(pt(`"id":"A-1","population":12`), pt(`"id":"A-2","population":7`)),
			spec:    Spec{Geometry: []orb.Geometry{orb.Point{}}, Required: []string{"id", "population"}},
			wantIDs: []string{"A-1", "A-2"}, wantGeom: []orb.Geometry{orb.Point{106.5, 29.5}, orb.Point{106.5, 29.5}},
		},
		{
			name:    "integer ids keep their digits",
			doc:     fc(pt(`"id":500101`), pt(`"id":-7`), pt(`"id":12345678901234567890123`), pt(`"id":3.0`), pt(`"id":1e3`)),
			wantIDs: []string{"500101", "-7", "12345678901234567890123", "3", "1000"},
		},
		{
			name:    "custom id field",
			doc:     fc(pt(`"adcode":500103,"name":"渝中区"`), pt(`"adcode":500106,"name":"沙坪坝区"`)),
			spec:    Spec{IDField: "adcode", Required: []string{"name"}},
			wantIDs: []string{"500103", "500106"},
		},
		{
			name: "feature id member when properties lack it",
			doc: fc(`{"type":"Feature","id":0,"properties":{"ES_ZONE":"Adams"},"geometry":{"type":"Point","coordinates":[-122.3,47.6]}}`,
				`{"type":"Feature","id":"x","properties":null,"geometry":{"type":"Point","coordinates":[-122.3,47.6]}}`),
			wantIDs: []string{"0", "x"},
		},
		{
			name: "polygon, multipolygon with hole, collection",
			doc: fc(withGeom("p", `{"type":"Polygon","coordinates":[`+square+`]}`),
				withGeom("m", `{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]],[[[5,0],[6,0],[6,1],[5,1],[5,0]]]]}`),
				withGeom("c", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}`)),
			wantIDs: []string{"p", "m", "c"},
			wantGeom: []orb.Geometry{
				orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
				orb.MultiPolygon{
					{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}},
					{{{5, 0}, {6, 0}, {6, 1}, {5, 1}, {5, 0}}}},
				orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}},
			},
		},
		{
			name: "members in any order, extra members, altitude",
			doc: `{"features":[{"geometry":{"coordinates":[1.5,-2.25,300],"bbox":[0,0,0,0],"type":"Point"},` +
				`"properties":{"id":"z","nested":{"a":[1,{"b":null}]}},"type":"Feature","bbox":[1,2,3,4]}],` +
				`"name":"x","crs":{"type":"name"},"type":"FeatureCollection"}`,
			wantIDs:  []string{"z"},
			wantGeom: []orb.Geometry{orb.Point{1.5, -2.25}},
		},
		{
			name:    "byte order mark, white space, escapes",
			doc:     "\xef\xbb\xbf \n" + fc(pt(`"id":"caf\u00e9 \"q\" \\ \/ \ud83d\ude00 \t"`)) + "\n\t ",
			wantIDs: []string{"café \"q\" \\ / 😀 \t"},
		},
		{
			name: "lines and multipoints",
			doc: fc(withGeom("l", `{"type":"LineString","coordinates":[[0,0],[1e1,2E-1]]}`),
				withGeom("ml", `{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3],[4,4]]]}`),
				withGeom("mp", `{"type":"MultiPoint","coordinates":[[-180,-90],[180,90]]}`)),
			wantIDs: []string{"l", "ml", "mp"},
			wantGeom: []orb.Geometry{
				orb.LineString{{0, 0}, {10, 0.2}},
				orb.MultiLineString{{{0, 0}, {1, 1}}, {{2, 2}, {3, 3}, {4, 4}}},
				orb.MultiPoint{{-180, -90}, {180, 90}},
			},
		},
		{
			name: "no ids needed",
			doc: fc(pt(`"school":"S1"`), pt(`"school":"S2","id":"c-2"`),
				`{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[1,2]}}`),
			spec:    Spec{NoID: true},
			wantIDs: []string{"", "c-2", ""},
		},
		{
			name: "empty collection",
			doc:  `{"type":"FeatureCollection","features":[]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feats, err := Decode("test.geojson", []byte(tt.doc), tt.spec)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			checkFeatures(t, "test.geojson", feats, tt.spec)
			if len(feats) != len(tt.wantIDs) {
				t.Fatalf("got %d features, want %d", len(feats), len(tt.wantIDs))
			}
			for i, f := range feats {
				if f.ID != tt.wantIDs[i] {
					t.Errorf("feature %d: ID = %q, want %q", i, f.ID, tt.wantIDs[i])
				}
				if tt.wantGeom != nil && !orb.Equal(f.Geometry, tt.wantGeom[i]) {
					t.Errorf("feature %d: geometry = %v, want %v", i, f.Geometry, tt.wantGeom[i])
				}
			}
		})
	}
}

func TestDecodeProps(t *testing.T) {
	doc := fc(`{"type":"Feature","properties":{"id":"a","n":12,"f":2.5,"s":"x","b":true,"z":null,"l":["p","q"],"o":{"k":1}},` +
		`"geometry":{"type":"Point","coordinates":[1,2]}}`)
	feats, err := Decode("p.geojson", []byte(doc), Spec{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "a", "n": 12.0, "f": 2.5, "s": "x", "b": true, "z": nil,
		"l": []any{"p", "q"}, "o": map[string]any{"k": 1.0}}
	if !reflect.DeepEqual(feats[0].Props, want) {
		t.Errorf("Props = %#v, want %#v", feats[0].Props, want)
	}
}

func TestDecodeErrors(t *testing.T) {
	type errCase struct {
		name      string
		doc       string
		spec      Spec
		wantIs    error
		wantIndex int
		wantID    string
		wantField string
		wantMsg   string // a part of the message
	}
	areas := Spec{Geometry: []orb.Geometry{orb.Point{}, orb.Polygon{}}, Required: []string{"population"}}
	tests := []errCase{
		{"malformed JSON", `{"type":"FeatureCollection","features":[`, areas, ErrSyntax, -1, "", "", "line 1"},
		{"malformed JSON later", fc(pt(`"id":"a","population":1`)) + `x`, areas, ErrSyntax, -1, "", "", "after top-level value"},
		{"trailing comma", fc(pt(`"id":"a","population":1,`)), areas, ErrSyntax, -1, "", "", "unexpected"},
		{"bad number", fc(pt(`"id":"a","population":01`)), areas, ErrSyntax, -1, "", "", "unexpected"},
		{"control character", fc(pt("\"id\":\"a\x01\"")), areas, ErrSyntax, -1, "", "", "control character"},
		{"a Feature", pt(`"id":"a"`), areas, ErrNotCollection, -1, "", "type", `"Feature"`},
		{"an array", `[1,2]`, areas, ErrNotCollection, -1, "", "", "not an object"},
		{"no type", `{"features":[]}`, areas, ErrNotCollection, -1, "", "type", "no type"},
		{"no features", `{"type":"FeatureCollection"}`, areas, ErrNotCollection, -1, "", "features", "no features"},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`, areas, ErrNotCollection, -1, "", "features", "array"},
		{"feature not an object", fc(`17`), areas, ErrNotCollection, 0, "", "", "feature 0: "},
		{"feature type wrong", fc(`{"type":"Place","properties":{"id":"a","population":1},"geometry":{"type":"Point","coordinates":[1,2]}}`),
			areas, ErrNotCollection, 0, "a", "type", "Feature"},
		{"null geometry", fc(withGeom("A-7", `null`)), Spec{}, ErrNoGeometry, 0, "A-7", "geometry", "missing geometry"},
		{"absent geometry", fc(`{"type":"Feature","properties":{"id":"A-7"}}`), Spec{}, ErrNoGeometry, 0, "A-7", "geometry", "missing geometry"},
		{"geometry type not allowed", fc(withGeom("L", `{"type":"LineString","coordinates":[[0,0],[1,1]]}`)),
			Spec{Geometry: []orb.Geometry{orb.Point{}, orb.Polygon{}}}, ErrGeometryType, 0, "L", "geometry", "got LineString, want Point or Polygon"},
		{"unknown geometry type", fc(withGeom("u", `{"type":"Circle","coordinates":[0,0]}`)), Spec{}, ErrGeometry, 0, "u", "geometry", `"Circle"`},
		{"geometry without coordinates", fc(withGeom("c", `{"type":"Point"}`)), Spec{}, ErrGeometry, 0, "c", "geometry", "without coordinates"},
		{"coordinates nested wrongly", fc(withGeom("n", `{"type":"Polygon","coordinates":[[0,0],[1,1]]}`)), Spec{}, ErrGeometry, 0, "n", "geometry", "position"},
		{"position of one number", fc(withGeom("n", `{"type":"Point","coordinates":[1]}`)), Spec{}, ErrGeometry, 0, "n", "geometry", "position"},
		{"position with a string", fc(withGeom("n", `{"type":"Point","coordinates":[1,"2"]}`)), Spec{}, ErrGeometry, 0, "n", "geometry", "position"},
		{"non-finite coordinate", fc(withGeom("inf", `{"type":"Point","coordinates":[1e400,2]}`)), Spec{}, ErrGeometry, 0, "inf", "geometry", "float64 range"},
		{"longitude out of range", fc(withGeom("lon", `{"type":"Point","coordinates":[181,2]}`)), Spec{}, ErrGeometry, 0, "lon", "geometry", "longitude 181"},
		{"latitude out of range", fc(withGeom("lat", `{"type":"LineString","coordinates":[[0,0],[1,-90.5]]}`)), Spec{}, ErrGeometry, 0, "lat", "geometry", "position 1: latitude -90.5"},
		{"ring not closed", fc(withGeom("open", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`)), Spec{}, ErrGeometry, 0, "open", "geometry", "ring 0: not closed"},
		{"ring too short", fc(withGeom("short", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}`)), Spec{}, ErrGeometry, 0, "short", "geometry", "3 positions"},
		{"ring of zero area", fc(withGeom("flat", `{"type":"MultiPolygon","coordinates":[[`+square+`],[[[0,0],[1,1],[2,2],[0,0]]]]}`)), Spec{}, ErrGeometry, 0, "flat", "geometry", "polygon 1: ring 0: zero area"},
		{"hole of zero area", fc(withGeom("flat", `{"type":"Polygon","coordinates":[`+square+`,[[0,0],[0,1],[0,0.5],[0,0]]]}`)), Spec{}, ErrGeometry, 0, "flat", "geometry", "ring 1: zero area"},
		{"empty multipolygon", fc(withGeom("e", `{"type":"MultiPolygon","coordinates":[]}`)), Spec{}, ErrGeometry, 0, "e", "geometry", "empty"},
		{"line of one position", fc(withGeom("l", `{"type":"LineString","coordinates":[[0,0]]}`)), Spec{}, ErrGeometry, 0, "l", "geometry", "1 positions"},
		{"null in collection", fc(withGeom("gc", `{"type":"GeometryCollection","geometries":[null]}`)), Spec{}, ErrGeometry, 0, "gc", "geometry", "geometry 0 is null"},
		{"missing required property", fc(pt(`"id":"A-1","population":5`), pt(`"id":"A-7"`)), areas, ErrMissing, 1, "A-7", "population", "missing required property"},
		{"null required property", fc(pt(`"id":"A-7","population":null`)), areas, ErrMissing, 0, "A-7", "population", "missing required property"},
		{"missing id", fc(pt(`"population":5`)), areas, ErrMissing, 0, "", "id", "feature 0: id: missing"},
		{"missing custom id", fc(pt(`"id":"x","population":5`)), Spec{IDField: "code"}, ErrMissing, 0, "", "code", "code: missing"},
		{"duplicate id", fc(pt(`"id":"A","population":1`), pt(`"id":"B","population":1`), pt(`"id":"A","population":1`)), areas, ErrDuplicateID, 2, "A", "id", "also feature 0"},
		{"duplicate id without ids needed", fc(pt(`"id":"A"`), pt(`"x":1`), pt(`"id":"A"`)), Spec{NoID: true}, ErrDuplicateID, 2, "A", "id", "also feature 0"},
		{"bad id without ids needed", fc(pt(`"id":true`)), Spec{NoID: true}, ErrID, 0, "", "id", "a boolean"},
		{"duplicate numeric id", fc(pt(`"id":7`), pt(`"id":"7"`)), Spec{}, ErrDuplicateID, 1, "7", "id", "also feature 0"},
		{"boolean id", fc(pt(`"id":true`)), Spec{}, ErrID, 0, "", "id", "a boolean"},
		{"fractional id", fc(pt(`"id":2.5`)), Spec{}, ErrID, 0, "", "id", "2.5"},
		{"empty id", fc(pt(`"id":""`)), Spec{}, ErrID, 0, "", "id", "empty"},
		{"object id", fc(pt(`"id":{"a":1}`)), Spec{}, ErrID, 0, "", "id", "an object"},
		{"number beyond float64", fc(pt(`"id":"big","population":1e999`)), areas, ErrRange, 0, "big", "population", "out of range"},
		{"duplicate property", fc(pt(`"id":"d","population":1,"population":2`)), areas, ErrDuplicateKey, 0, "d", "population", "twice"},
		{"duplicate geometry member", fc(`{"type":"Feature","properties":{"id":"g"},"geometry":null,"geometry":{"type":"Point","coordinates":[1,2]}}`),
			Spec{}, ErrDuplicateKey, 0, "g", "geometry", "twice"},
		{"properties not an object", fc(`{"type":"Feature","id":"p","properties":[1],"geometry":{"type":"Point","coordinates":[1,2]}}`),
			Spec{}, ErrType, 0, "p", "properties", "object or null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feats, err := Decode("areas.geojson", []byte(tt.doc), tt.spec)
			if err == nil {
				t.Fatalf("Decode succeeded with %d features, want an error", len(feats))
			}
			if feats != nil {
				t.Errorf("Decode returned %d features with its error", len(feats))
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %T is not Errors", err)
			}
			var fe *FeatureError
			for _, e := range es {
				if errors.As(e, &fe) && errors.Is(fe, tt.wantIs) {
					break
				}
				fe = nil
			}
			if fe == nil {
				t.Fatalf("no *FeatureError wrapping %v in:\n%v", tt.wantIs, err)
			}
			if fe.File != "areas.geojson" || fe.Index != tt.wantIndex || fe.ID != tt.wantID || fe.Field != tt.wantField {
				t.Errorf("FeatureError{File: %q, Index: %d, ID: %q, Field: %q}, want {%q, %d, %q, %q}",
					fe.File, fe.Index, fe.ID, fe.Field, "areas.geojson", tt.wantIndex, tt.wantID, tt.wantField)
			}
			msg := fe.Error()
			wantParts := []string{"areas.geojson: ", tt.wantMsg}
			if tt.wantIndex >= 0 {
				wantParts = append(wantParts, fmt.Sprintf("feature %d", tt.wantIndex))
			}
			if tt.wantID != "" {
				wantParts = append(wantParts, fmt.Sprintf("(id %q)", tt.wantID))
			}
			if tt.wantField != "" {
				wantParts = append(wantParts, tt.wantField+": ")
			}
			for _, p := range wantParts {
				if !strings.Contains(msg, p) {
					t.Errorf("message %q lacks %q", msg, p)
				}
			}
			if strings.Contains(msg, "geo: ") {
				t.Errorf("message %q repeats the package prefix", msg)
			}
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(err, %v) is false on the whole list", tt.wantIs)
			}
		})
	}
}

// TestDecodeReportsAllErrors checks that a problem does not hide the next.
func TestDecodeReportsAllErrors(t *testing.T) {
	doc := fc(
		pt(`"id":"ok-1","population":1`),
		pt(`"id":"A-7"`), // no population
		withGeom("open", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`),
		pt(`"id":"ok-1","population":3`), // duplicate
		pt(`"id":"ok-2","population":2`),
	)
	spec := Spec{Required: []string{"population"}}
	feats, err := Decode("areas.geojson", []byte(doc), spec)
	if feats != nil {
		t.Errorf("got %d features with errors", len(feats))
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v is not Errors", err)
	}
	want := []string{
		`areas.geojson: feature 1 (id "A-7"): population: missing required property`,
		`areas.geojson: feature 2 (id "open"): population: missing required property`,
		`areas.geojson: feature 2 (id "open"): geometry: invalid geometry: ring 0: not closed (first position differs from last)`,
		`areas.geojson: feature 3 (id "ok-1"): id: duplicate id: also feature 0`,
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Error())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "4 problems:\n\t") || !strings.Contains(msg, want[3]) {
		t.Errorf("Errors.Error() = %q", msg)
	}

	// Three bad features, three errors.
	doc = fc(pt(`"population":1`), pt(`"id":"b"`), pt(`"id":"c","population":1`), pt(`"id":"d","population":"x"`),
		`{"type":"Feature","properties":{"id":"e","population":1},"geometry":null}`)
	_, err = Decode("three.geojson", []byte(doc), spec)
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("got %v, want 3 errors", err)
	}
}

func TestFeatureErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *FeatureError
		want string
	}{
		{"full", &FeatureError{File: "areas.geojson", Index: 12, ID: "A-7", Field: "population", Err: ErrMissing},
			`areas.geojson: feature 12 (id "A-7"): population: missing required property`},
		{"no id", &FeatureError{File: "a.geojson", Index: 3, Field: "id", Err: ErrMissing},
			`a.geojson: feature 3: id: missing required property`},
		{"whole file", &FeatureError{File: "a.geojson", Index: -1, Err: fmt.Errorf("%w at line 1, column 2: x", ErrSyntax)},
			`a.geojson: malformed JSON at line 1, column 2: x`},
		{"no file, no field", &FeatureError{Index: 0, ID: "x", Err: errors.New("boom")}, `feature 0 (id "x"): boom`},
		{"nil error", &FeatureError{Index: -1}, `unknown error`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	// Long lists are cut in the message, not in the list.
	var es Errors
	for i := range 60 {
		es = append(es, &FeatureError{Index: i, Err: ErrMissing})
	}
	if msg := es.Error(); !strings.Contains(msg, "… and 10 more") || strings.Count(msg, "\n") != 51 {
		t.Errorf("Errors.Error() of 60 = %q", msg)
	}
	if got := (Errors{ErrMissing}).Error(); got != ErrMissing.Error() {
		t.Errorf("one error: %q", got)
	}
}

func TestFeatureAccessors(t *testing.T) {
	f := &Feature{File: "s.geojson", Index: 4, ID: "S1", Props: map[string]any{
		"name": "Yuzhong No. 1", "streams": 6.0, "ratio": 2.5, "code": 500103.0, "neg": -3.0,
		"null": nil, "flag": true, "list": []any{"a", "b", 7.0}, "badlist": []any{"a", 1.5},
		"strs": []string{"x"}, "num": json.Number("42"), "int": 9, "huge": 1e300, "inf": math.Inf(1),
		"obj": map[string]any{},
	}}
	type result = accessorResult
	tests := []struct {
		name  string
		get   func(string) result
		field string
		want  result
	}{
		{"String of string", str(f), "name", result{"Yuzhong No. 1", true, false}},
		{"String of integer", str(f), "code", result{"500103", true, false}},
		{"String of int", str(f), "int", result{"9", true, false}},
		{"String of json.Number", str(f), "num", result{"42", true, false}},
		{"String of fraction", str(f), "ratio", result{"", true, true}},
		{"String of bool", str(f), "flag", result{"", true, true}},
		{"String absent", str(f), "nope", result{"", false, false}},
		{"String null", str(f), "null", result{"", false, false}},
		{"Float of number", flt(f), "ratio", result{2.5, true, false}},
		{"Float of json.Number", flt(f), "num", result{42.0, true, false}},
		{"Float of int", flt(f), "int", result{9.0, true, false}},
		{"Float of string", flt(f), "name", result{0.0, true, true}},
		{"Float of infinity", flt(f), "inf", result{0.0, true, true}},
		{"Float absent", flt(f), "nope", result{0.0, false, false}},
		{"Int of integer", integer(f), "streams", result{6, true, false}},
		{"Int of negative", integer(f), "neg", result{-3, true, false}},
		{"Int of fraction", integer(f), "ratio", result{0, true, true}},
		{"Int of huge", integer(f), "huge", result{0, true, true}},
		{"Int of string", integer(f), "name", result{0, true, true}},
		{"Int null", integer(f), "null", result{0, false, false}},
		{"Strings of array", strs(f), "list", result{[]string{"a", "b", "7"}, true, false}},
		{"Strings of one string", strs(f), "name", result{[]string{"Yuzhong No. 1"}, true, false}},
		{"Strings of []string", strs(f), "strs", result{[]string{"x"}, true, false}},
		{"Strings of bad element", strs(f), "badlist", result{[]string(nil), true, true}},
		{"Strings of object", strs(f), "obj", result{[]string(nil), true, true}},
		{"Strings absent", strs(f), "nope", result{[]string(nil), false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.get(tt.field)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
	// The error names the feature and field.
	_, _, err := f.Int("ratio")
	var fe *FeatureError
	if !errors.As(err, &fe) || !errors.Is(err, ErrType) || fe.Field != "ratio" || fe.ID != "S1" || fe.Index != 4 {
		t.Fatalf("Int error = %#v", err)
	}
	if want := `s.geojson: feature 4 (id "S1"): ratio: wrong type: want an integer, got 2.5`; err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
}

type accessorResult = struct {
	v   any
	ok  bool
	err bool
}

func str(f *Feature) func(string) accessorResult {
	return func(k string) accessorResult { v, ok, err := f.String(k); return accessorResult{v, ok, err != nil} }
}
func flt(f *Feature) func(string) accessorResult {
	return func(k string) accessorResult { v, ok, err := f.Float(k); return accessorResult{v, ok, err != nil} }
}
func integer(f *Feature) func(string) accessorResult {
	return func(k string) accessorResult { v, ok, err := f.Int(k); return accessorResult{v, ok, err != nil} }
}
func strs(f *Feature) func(string) accessorResult {
	return func(k string) accessorResult { v, ok, err := f.Strings(k); return accessorResult{v, ok, err != nil} }
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "schools.geojson")
	if err := os.WriteFile(path, []byte(fc(pt(`"id":"S1"`), pt(`"id":"S1"`))), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(path, Spec{})
	var fe *FeatureError
	if !errors.As(err, &fe) || fe.File != path || !errors.Is(err, ErrDuplicateID) {
		t.Errorf("ReadFile error = %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "none.geojson"), Spec{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
}

// TestScannerMatchesEncodingJSON checks the hand-written reader against
// encoding/json on values and on what is valid.
func TestScannerMatchesEncodingJSON(t *testing.T) {
	docs := []string{
		`0`, `-0`, `1.5e300`, `123456789012345678901234567890`, `0.1`, `1e-400`, `1e23`, `9007199254740993`,
		`4.9406564584124654e-324`, `"\u00e9\ud83d\ude00\ud800x\udc00"`, "\"\xff\xfe\"", `[]`, `{}`, `{"a":1,"a":2}`,
		`[1,[2,[3,{"x":null}]]]`, `true`, `false`, `null`, `[1,]`, `{"a"}`, `01`, `1.`, `.5`, `-`, `1e`, `"\x"`, `tru`,
		`[1 2]`, `{"a":1,}`, "\"a\tb\"", `"\u12"`, ` [ 1 , 2 ] `, `{"a":[]}x`, `106.123456789012345`, `29.56789`,
	}
	for _, doc := range docs {
		t.Run(doc, func(t *testing.T) { compareWithJSON(t, []byte(doc)) })
	}
}

// compareWithJSON decodes data with the scanner and with encoding/json.
func compareWithJSON(tb testing.TB, data []byte) {
	tb.Helper()
	s := scanner{data: data}
	got := s.value()
	s.end()
	var want any
	err := json.Unmarshal(data, &want)
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		// A number beyond float64: encoding/json refuses it, the scanner
		// flags it.
		if s.err != nil || !s.overflow {
			tb.Errorf("%q: scanner err %v, overflow %v; encoding/json: %v", data, s.err, s.overflow, err)
		}
	case (err != nil) != (s.err != nil):
		tb.Errorf("%q: scanner error %v, encoding/json error %v", data, s.err, err)
	case err == nil && !reflect.DeepEqual(got, want):
		tb.Errorf("%q: scanner %#v, encoding/json %#v", data, got, want)
	}
}

func FuzzScanValue(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\n",true,null]}`, `-0.0e-0`, `"\ud83d\ude00"`, `[[[]]]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { compareWithJSON(t, data) })
}

// fuzzSeeds are documents, good and bad, for FuzzDecode.
func fuzzSeeds() []string {
	return []string{
		fc(pt(`"id":"A-1","population":12`), pt(`"id":2,"population":7.5`)),
		fc(withGeom("p", `{"type":"Polygon","coordinates":[`+square+`,[[0.2,0.2],[0.2,0.4],[0.4,0.4],[0.2,0.2]]]}`)),
		fc(withGeom("m", `{"coordinates":[[`+square+`]],"type":"MultiPolygon"}`)),
		fc(withGeom("c", `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"GeometryCollection","geometries":[]}]}`)),
		fc(withGeom("l", `{"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]}`)),
		fc(`{"type":"Feature","id":5,"properties":null,"geometry":{"type":"MultiPoint","coordinates":[[1,2,3]]}}`),
		fc(pt(`"id":"x"`), pt(`"id":"x"`), withGeom("y", "null"), `3`),
		fc(withGeom("o", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}`)),
		fc(pt(`"id":1e400`)),
		`{"type":"FeatureCollection","features":[`,
		`[]`,
		"\xef\xbb\xbf" + fc(),
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	spec := Spec{Geometry: []orb.Geometry{orb.Point{}, orb.Polygon{}, orb.MultiPolygon{}, orb.Collection{}}, Required: []string{"id"}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, sp := range []Spec{{}, spec, {NoID: true, IDField: "name"}} {
			feats, err := Decode("fuzz.geojson", data, sp)
			if err != nil {
				if feats != nil {
					t.Fatalf("features with error %v", err)
				}
				var es Errors
				if !errors.As(err, &es) || len(es) == 0 {
					t.Fatalf("error %T %v is not a non-empty Errors", err, err)
				}
				for _, e := range es {
					var fe *FeatureError
					if !errors.As(e, &fe) || fe.File != "fuzz.geojson" {
						t.Fatalf("error %v is not a *FeatureError of the file", e)
					}
				}
			} else {
				checkFeatures(t, "fuzz.geojson", feats, sp)
			}
			// Syntax errors are exactly encoding/json's.
			valid := json.Valid([]byte(strings.TrimPrefix(string(data), "\xef\xbb\xbf")))
			if valid == errors.Is(err, ErrSyntax) {
				t.Fatalf("json.Valid %v but Decode error %v", valid, err)
			}
		}
	})
}

// pointCollection builds a FeatureCollection of n point features like an
// areas file.
func pointCollection(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		lon := 106.2 + float64(i%1000)*0.000731
		lat := 29.3 + float64(i/1000%1000)*0.000517
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"id":"A-%d","population":%d,"households":%d,"district":"5001%02d","completion_year":null},`+
			`"geometry":{"type":"Point","coordinates":[%s,%s]}}`,
			i, 100+i%900, 40+i%300, i%38, strconv.FormatFloat(lon, 'f', 6, 64), strconv.FormatFloat(lat, 'f', 6, 64))
	}
	b.WriteString("]}\n")
	return []byte(b.String())
}

func BenchmarkDecode(b *testing.B) {
	spec := Spec{Geometry: []orb.Geometry{orb.Point{}}, Required: []string{"population"}}
	for _, n := range []int{1000, 10000, 100000} {
		data := pointCollection(n)
		b.Run(fmt.Sprintf("n=%d/geo", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				feats, err := Decode("bench.geojson", data, spec)
				if err != nil || len(feats) != n {
					b.Fatal(err)
				}
			}
		})
		// Baseline: encoding/json into a lean struct, geometry left raw
		// (orb/geojson would pull in a BSON module this repository does not
		// require).
		b.Run(fmt.Sprintf("n=%d/encoding-json", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var doc struct {
					Type     string `json:"type"`
					Features []struct {
						Type       string          `json:"type"`
						Properties map[string]any  `json:"properties"`
						Geometry   json.RawMessage `json:"geometry"`
					} `json:"features"`
				}
				if err := json.Unmarshal(data, &doc); err != nil || len(doc.Features) != n {
					b.Fatal(err)
				}
			}
		})
	}
}
