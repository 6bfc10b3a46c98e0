package geo

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
)

func TestGeoJSONCRSName(t *testing.T) {
	tests := []struct {
		name, data, want, wantErr string
	}{
		{"named", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[]}`, "urn:ogc:def:crs:EPSG::4547", ""},
		{"after the features, with a BOM", "\ufeff" + `{"features":[{"crs":1}],"crs":{"properties":{"name":"EPSG:4490"},"type":"name"}}`, "EPSG:4490", ""},
		{"absent", `{"type":"FeatureCollection","features":[]}`, "", ""},
		{"null", `{"crs":null}`, "", ""},
		{"linked", `{"crs":{"type":"link","properties":{"href":"x.prj"}}}`, "", `unsupported coordinate system: a linked crs is not read; name the CRS instead, e.g. {"type": "name", "properties": {"name": "EPSG:4547"}}`},
		{"no name", `{"crs":{"type":"name","properties":{}}}`, "", `unsupported coordinate system: a named crs needs a non-empty properties.name string, got null`},
		{"not an object", `{"crs":"EPSG:4326"}`, "", `unsupported coordinate system: crs must be an object, got a string`},
		{"twice", `{"crs":null,"crs":null}`, "", `unsupported coordinate system: crs appears twice`},
		{"malformed", `{"crs":{"type":"name",}`, "", `unsupported coordinate system: malformed JSON at line 1, column 23: unexpected '}'`},
		{"not an object document", `[]`, "", `unsupported coordinate system: the document is not a JSON object`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := GeoJSONCRSName([]byte(tc.data))
			if tc.wantErr != "" {
				if err == nil || !errors.Is(err, ErrCRS) || trimGeo(err.Error()) != tc.wantErr {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// trimGeo drops the sentinel's package prefix as FeatureError does.
func trimGeo(s string) string {
	if len(s) > 5 && s[:5] == "geo: " {
		return s[5:]
	}
	return s
}

func TestDecodePlanar(t *testing.T) {
	data := []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},
	  "geometry":{"type":"Point","coordinates":[500000.5,3300000.25]}}]}`)
	if _, err := Decode("p.geojson", data, Spec{}); !errors.Is(err, ErrGeometry) {
		t.Errorf("lon/lat spec: error %v, want the range check", err)
	}
	feats, err := Decode("p.geojson", data, Spec{Planar: true})
	if err != nil {
		t.Fatal(err)
	}
	if feats[0].Geometry != (orb.Point{500000.5, 3300000.25}) || feats[0].ID != "1" {
		t.Errorf("got %v id %q", feats[0].Geometry, feats[0].ID)
	}
}

func TestFeatureErrorRow(t *testing.T) {
	tests := []struct {
		name string
		err  FeatureError
		want string
	}{
		{"feature", FeatureError{File: "a.geojson", Index: 11, ID: "A", Field: "pop", Err: ErrMissing}, `a.geojson: feature 11 (id "A"): pop: missing required property`},
		{"row", FeatureError{File: "a.csv", Index: 10, Row: 12, ID: "A", Field: "pop", Err: ErrMissing}, `a.csv: row 12 (id "A"): pop: missing required property`},
		{"row of the file", FeatureError{File: "a.csv", Index: -1, Row: 1, Err: ErrTable}, `a.csv: row 1: bad table`},
		{"file", FeatureError{File: "a.csv", Index: -1, Err: ErrTable}, `a.csv: bad table`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	f := Feature{File: "a.csv", Index: 3, Row: 5, ID: "x"}
	if got := f.Errorf("stage", "%w: bad", ErrType).Error(); got != `a.csv: row 5 (id "x"): stage: wrong type: bad` {
		t.Errorf("Feature.Errorf: %s", got)
	}
}

func cityFS(t *testing.T) fstest.MapFS {
	t.Helper()
	shp := shpFile(shpPoint, shpPointRec(shpPoint, 1, 2), shpPointRec(shpPoint, 3, 4))
	return fstest.MapFS{
		"c/districts.geojson": {Data: []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
			{"type":"Feature","properties":{"id":"D"},"geometry":{"type":"Point","coordinates":[500000,3300000]}}]}`)},
		"c/schools.SHP": {Data: shp},
		"c/schools.DBF": {Data: dbfFile(0, idCol, idRows("A", "B"), 1)},
		"c/schools.cpg": {Data: []byte("UTF-8")},
		"c/schools.prj": {Data: []byte(`PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 105E"]`)},
		"c/areas.csv":   {Data: []byte("id,lon,lat\nA,1,2\n")},
		"c/areas.xlsx":  {Data: []byte("x")},
		"c/sites.csv":   {Data: []byte("id,lon,lat\nA,1,2\n")},
		"c/lonely.shp":  {Data: shp},
		"c/notes.txt":   {Data: []byte("x")},
	}
}

func TestReadLayer(t *testing.T) {
	fsys := cityFS(t)
	tests := []struct {
		name, file string
		spec       Spec
		want       Layer
		wantErr    string
	}{
		{"geojson with crs", "c/districts.geojson", Spec{Planar: true}, Layer{Format: FormatGeoJSON, CRSName: "EPSG:4547",
			Features: []Feature{{File: "city/districts.geojson", Index: 0, ID: "D", Geometry: orb.Point{500000, 3300000}, Props: map[string]any{"id": "D"}}}}, ""},
		{"shapefile with upper-case sidecars", "c/schools.SHP", Spec{}, Layer{Format: FormatShapefile, Deleted: 1,
			PRJ:      `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 105E"]`,
			Features: []Feature{{File: "city/schools.SHP", Index: 0, ID: "A", Geometry: orb.Point{1, 2}, Props: map[string]any{"id": "A"}}}}, ""},
		{"csv", "c/sites.csv", Spec{}, Layer{Format: FormatCSV,
			Features: []Feature{{File: "city/sites.csv", Index: 0, Row: 2, ID: "A", Geometry: orb.Point{1, 2}, Props: map[string]any{"id": "A"}}}}, ""},
		{"shapefile without dbf", "c/lonely.shp", Spec{}, Layer{}, "city/lonely.dbf: file does not exist: a shapefile needs its .dbf file beside the .shp"},
		{"unknown extension", "c/notes.txt", Spec{}, Layer{}, `city/notes.txt: unknown layer format: the file type ".txt" is not read; use .geojson, .json, .shp, .xlsx or .csv`},
		{"missing file", "c/nothing.csv", Spec{}, Layer{}, "city/nothing.csv: open c/nothing.csv: file does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			display := "city/" + tc.file[2:]
			l, err := ReadLayer(fsys, tc.file, display, tc.spec, &LayerOptions{})
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v\nwant %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !layersEqual(*l, tc.want) {
				t.Errorf("layer\n got %#v\nwant %#v", *l, tc.want)
			}
		})
	}
}

func layersEqual(a, b Layer) bool {
	if a.Format != b.Format || a.CRSName != b.CRSName || a.PRJ != b.PRJ || a.Deleted != b.Deleted || len(a.Features) != len(b.Features) {
		return false
	}
	for i := range a.Features {
		fa, fb := a.Features[i], b.Features[i]
		if fa.File != fb.File || fa.Index != fb.Index || fa.Row != fb.Row || fa.ID != fb.ID || fa.Geometry != fb.Geometry || len(fa.Props) != len(fb.Props) {
			return false
		}
		for k, v := range fa.Props {
			if fb.Props[k] != v {
				return false
			}
		}
	}
	return true
}

func TestFindLayer(t *testing.T) {
	fsys := cityFS(t)
	tests := []struct {
		base, want, wantErr string
		notExist            bool
	}{
		{"districts", "c/districts.geojson", "", false},
		{"Schools", "c/schools.SHP", "", false},
		{"sites", "c/sites.csv", "", false},
		{"areas", "", "c/areas: the layer is in several files: areas.csv and areas.xlsx; keep one", false},
		{"catchments", "", "c/catchments: no layer file (catchments.geojson, .json, .shp, .xlsx or .csv): file does not exist", true},
		{"notes", "", "c/notes: no layer file (notes.geojson, .json, .shp, .xlsx or .csv): file does not exist", true},
	}
	for _, tc := range tests {
		t.Run(tc.base, func(t *testing.T) {
			got, err := FindLayer(fsys, "c", tc.base)
			if tc.wantErr != "" {
				if err == nil || trimGeo(err.Error()) != tc.wantErr || errors.Is(err, fs.ErrNotExist) != tc.notExist {
					t.Fatalf("error %v, want %s (not-exist %v)", err, tc.wantErr, tc.notExist)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
