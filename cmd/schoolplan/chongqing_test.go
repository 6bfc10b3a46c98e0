package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/geo"
)

// The demo city as a bureau's GIS department would hand it over:
// Shapefiles in CGCS2000 / 3-degree Gauss–Krüger CM 105E (EPSG:4544), text
// in GBK, field names cut to the ten characters DBF allows. GDAL's ogr2ogr
// makes the files; city.yaml maps the cut names back, and the .prj files
// alone give the coordinate system. Simulated, it gives the GeoJSON demo's
// results exactly.
func TestChongqingAsGaussKrugerShapefiles(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr (Debian gdal-bin) is not installed")
	}
	dir := t.TempDir()
	geojsonDemo := filepath.Join(dir, "geojson")
	if err := demo.WriteTo(geojsonDemo); err != nil {
		t.Fatal(err)
	}
	shp := filepath.Join(dir, "shp")
	copyDir(t, filepath.Join(geojsonDemo, "scenarios"), filepath.Join(shp, "scenarios"))
	city := filepath.Join(shp, "city")
	if err := os.MkdirAll(city, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, layer := range []string{"districts", "areas", "schools"} {
		toShapefile(t, filepath.Join(geojsonDemo, "city", layer+".geojson"), filepath.Join(city, layer+".shp"))
	}
	for _, f := range []string{"forecast.csv", "population.csv", "births.csv", "survival.csv"} {
		data, err := os.ReadFile(filepath.Join(geojsonDemo, "city", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(city, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if cpg, err := os.ReadFile(filepath.Join(city, "schools.cpg")); err != nil || strings.TrimSpace(string(cpg)) != "GBK" {
		t.Fatalf("schools.cpg: %q, %v: want GBK", cpg, err)
	}
	cityYAML := "name: " + cityName(t, geojsonDemo) + `
layers:
  areas: {fields: {completion_year: completion}}
  schools: {fields: {junior_streams: junior_str, sharing_zone: sharing_zo, shared_seats: shared_sea}}
`
	if err := os.WriteFile(filepath.Join(city, "city.yaml"), []byte(cityYAML), 0o644); err != nil {
		t.Fatal(err)
	}

	if code, out, stderr := schoolplan(t, "validate", city); code != 0 {
		t.Fatalf("validate: exit %d\n%s%s", code, out, stderr)
	}
	for _, sc := range []string{"baseline.yaml", "seat-swap.yaml", "shared-lottery.yaml"} {
		want := simulateCSV(t, filepath.Join(geojsonDemo, "scenarios", sc))
		got := simulateCSV(t, filepath.Join(shp, "scenarios", sc))
		if got != want {
			t.Errorf("%s: the shapefile city's summary differs from the GeoJSON demo's", sc)
		}
	}
}

func simulateCSV(t *testing.T, scenario string) string {
	t.Helper()
	code, out, stderr := schoolplan(t, "simulate", "--quiet", "--format", "csv", scenario)
	if code != 0 {
		t.Fatalf("simulate %s: exit %d: %s", scenario, code, stderr)
	}
	return out
}

func cityName(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "city", "city.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if name, ok := strings.CutPrefix(line, "name: "); ok {
			return name
		}
	}
	t.Fatal("the demo's city.yaml names no city")
	return ""
}

// toShapefile converts a GCJ-02 GeoJSON layer of the demo to WGS84 (as the
// engine would) and has ogr2ogr write it as a GBK shapefile in EPSG:4544.
func toShapefile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type       string          `json:"type"`
			Properties json.RawMessage `json:"properties"`
			Geometry   struct {
				Type        string `json:"type"`
				Coordinates any    `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatal(err)
	}
	for i := range fc.Features {
		g := &fc.Features[i].Geometry
		g.Coordinates = gcjToWGS84(g.Coordinates)
	}
	wgs, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(t.TempDir(), filepath.Base(from))
	if err := os.WriteFile(tmp, wgs, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4544",
		"-lco", "ENCODING=GBK", to, tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
}

// gcjToWGS84 converts the positions of GeoJSON coordinates, however deep.
func gcjToWGS84(c any) any {
	list, ok := c.([]any)
	if !ok {
		return c
	}
	if len(list) >= 2 {
		if lon, ok := list[0].(float64); ok {
			p := geo.GCJ02ToWGS84(orb.Point{lon, list[1].(float64)})
			return []any{p[0], p[1]}
		}
	}
	for i := range list {
		list[i] = gcjToWGS84(list[i])
	}
	return list
}
