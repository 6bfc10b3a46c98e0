package geo

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// Layers with Chinese names for the independent-reader test: GDAL's
// ogr2ogr writes them as a GBK shapefile, as CSV and as XLSX, and the
// readers of this package must give back the features Decode reads from
// the GeoJSON.
const ogrSchools = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "S-1", "name": "解放碑小学", "streams": 4, "share": 0.25},
 "geometry": {"type": "Point", "coordinates": [106.577, 29.5574]}},
{"type": "Feature", "properties": {"id": "S-2", "name": "朝天门中学", "streams": 6, "share": 0.5},
 "geometry": {"type": "Point", "coordinates": [106.5857, 29.5655]}},
{"type": "Feature", "properties": {"id": "S-3", "name": "渝中区人和街小学", "streams": 3, "share": 1},
 "geometry": {"type": "Point", "coordinates": [106.5512, 29.5533]}}
]}`

// Rings follow RFC 7946 (outer counter-clockwise); ogr2ogr reverses them
// for the shapefile, the reader turns them back.
const ogrDistricts = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "D-1", "name": "渝中区", "population": 580000},
 "geometry": {"type": "Polygon", "coordinates": [[[106.50, 29.50], [106.60, 29.50], [106.60, 29.60], [106.50, 29.60], [106.50, 29.50]],
   [[106.52, 29.52], [106.52, 29.54], [106.54, 29.54], [106.54, 29.52], [106.52, 29.52]]]}},
{"type": "Feature", "properties": {"id": "D-2", "name": "江北区", "population": 925000},
 "geometry": {"type": "MultiPolygon", "coordinates": [
   [[[106.70, 29.50], [106.80, 29.50], [106.80, 29.60], [106.70, 29.60], [106.70, 29.50]]],
   [[[106.90, 29.50], [107.00, 29.50], [107.00, 29.60], [106.90, 29.60], [106.90, 29.50]],
    [[106.92, 29.52], [106.92, 29.54], [106.94, 29.54], [106.94, 29.52], [106.92, 29.52]]]]}}
]}`

func TestReadersAgainstOGR(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr (Debian gdal-bin) is not installed: the independent-reader test is skipped")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ogr := func(args ...string) {
		t.Helper()
		cmd := exec.Command("ogr2ogr", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write("schools.geojson", ogrSchools)
	write("districts.geojson", ogrDistricts)
	ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "shp", "schools.geojson")
	ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "shp", "districts.geojson")
	ogr("-f", "CSV", "-lco", "GEOMETRY=AS_XY", "schools.csv", "schools.geojson")
	ogr("-f", "XLSX", "-oo", "AUTODETECT_TYPE=YES", "schools.xlsx", "schools.csv")
	// GBK really is what the shapefile holds.
	if cpg, err := os.ReadFile(filepath.Join(dir, "shp", "schools.cpg")); err != nil || strings.TrimSpace(string(cpg)) != "GBK" {
		t.Fatalf("schools.cpg = %q, %v; want GBK", cpg, err)
	}
	fsys := os.DirFS(dir)
	pointSpec := Spec{Geometry: []orb.Geometry{orb.Point{}}, Required: []string{"name"}}
	polySpec := Spec{Geometry: []orb.Geometry{orb.Polygon{}, orb.MultiPolygon{}}, Required: []string{"name"}}
	tests := []struct {
		name, file, source string
		spec               Spec
		format             Format
	}{
		{"shapefile points", "shp/schools.shp", ogrSchools, pointSpec, FormatShapefile},
		{"shapefile polygons with holes", "shp/districts.shp", ogrDistricts, polySpec, FormatShapefile},
		{"csv", "schools.csv", ogrSchools, pointSpec, FormatCSV},
		{"xlsx", "schools.xlsx", ogrSchools, pointSpec, FormatXLSX},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := Decode("source.geojson", []byte(tc.source), tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			l, err := ReadLayer(fsys, tc.file, "", tc.spec, nil)
			if err != nil {
				t.Fatal(err)
			}
			if l.Format != tc.format {
				t.Errorf("format %q, want %q", l.Format, tc.format)
			}
			if len(l.Features) != len(want) {
				t.Fatalf("%d features, want %d", len(l.Features), len(want))
			}
			for i, f := range l.Features {
				w := want[i]
				if f.Index != w.Index || f.ID != w.ID || !reflect.DeepEqual(f.Props, w.Props) {
					t.Errorf("feature %d: got index %d id %q props %v\nwant index %d id %q props %v", i, f.Index, f.ID, f.Props, w.Index, w.ID, w.Props)
				}
				// GDAL writes coordinates as the same float64 (shapefile)
				// or in shortest round-trip form (CSV), so they match exactly.
				if !reflect.DeepEqual(f.Geometry, w.Geometry) {
					t.Errorf("feature %d: geometry\n got %v\nwant %v", i, f.Geometry, w.Geometry)
				}
			}
		})
	}
}
