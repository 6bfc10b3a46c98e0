package engine_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// The tiny city's schools, as a roster table.
const schoolsCSV = "id,name,stage,streams,classes,district,class_size,lon,lat\n" +
	"P1,West Primary,primary,1,,,,106.505,29.51\n" +
	"P2,East Primary,primary,,12,D2,,106.53,29.51\n" +
	"J1,West Junior,junior,1,,,40,106.51,29.51\n" +
	"N1,East Nine-Year,nine_year,1,,,,106.535,29.505\n"

func rosterXLSX(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, line := range strings.Split(strings.TrimSpace(schoolsCSV), "\n") {
		for c, cell := range strings.Split(line, ",") {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var v any = cell
			if r > 0 && cell != "" && strings.ContainsAny(cell[:1], "0123456789") {
				v = mustFloat(t, cell)
			}
			if cell != "" {
				f.SetCellValue("Sheet1", name, v)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestLayerFormats(t *testing.T) {
	base, err := engine.LoadCityFS(tinyFS(t, nil), "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edits map[string]string
	}{
		{"schools as CSV", map[string]string{"schools.geojson": "", "schools.csv": schoolsCSV}},
		{"schools as XLSX", map[string]string{"schools.geojson": "", "schools.xlsx": rosterXLSX(t)}},
		{"schools as a CSV named in city.yaml", map[string]string{"schools.geojson": "", "roster.csv": strings.Replace(schoolsCSV, "lon,lat", "E,N", 1),
			"city.yaml": "layers: {schools: {file: roster.csv, x: E, y: N}}\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city")
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Schools) != len(base.Schools) {
				t.Fatalf("%d schools, want %d", len(c.Schools), len(base.Schools))
			}
			for i := range c.Schools {
				got, want := c.Schools[i], base.Schools[i]
				if got.ID != want.ID || got.Name != want.Name || got.Kind != want.Kind || got.District != want.District ||
					got.Streams != want.Streams || got.ClassSize != want.ClassSize || got.Point.Equal(want.Point) == false {
					t.Errorf("school %d: %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func TestLayerCRS(t *testing.T) {
	// The tiny city's districts with a crs member.
	withMember := func(name string) string {
		d := string(tinyFS(t, nil)["city/districts.geojson"].Data)
		return strings.Replace(d, `"type": "FeatureCollection",`, `"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "`+name+`"}},`, 1)
	}
	tests := []struct {
		name    string
		edits   map[string]string
		warning bool
		want    string // "" loads clean
	}{
		{"CRS84 member in a WGS84 city", map[string]string{"districts.geojson": withMember("urn:ogc:def:crs:OGC:1.3:CRS84")}, false, ""},
		{"CGCS2000 member in a WGS84 city", map[string]string{"districts.geojson": withMember("EPSG:4490"), "city.yaml": "crs: wgs84\n"}, false, ""},
		{"a member the city contradicts", map[string]string{"districts.geojson": withMember("EPSG:4326"), "city.yaml": "crs: gcj02\n"}, false,
			`city/districts.geojson: crs: coordinates do not fit the coordinate system: the file says wgs84 (its crs member), but city.yaml says crs: gcj02; give the layer's own in city.yaml's layers.districts.crs`},
		{"the layer's crs overrides the member", map[string]string{"districts.geojson": withMember("EPSG:4326"), "city.yaml": "crs: gcj02\nlayers: {districts: {crs: gcj02}}\n"}, true,
			`city/districts.geojson: crs: coordinates do not fit the coordinate system: the file says wgs84 (its crs member), city.yaml's layers.districts.crs says gcj02, which is used`},
		{"an unknown member", map[string]string{"districts.geojson": withMember("EPSG:9999")}, false,
			`city/districts.geojson: crs: its crs member: unsupported coordinate system "EPSG:9999"`},
		{"two files for a layer", map[string]string{"schools.csv": schoolsCSV}, false,
			`city/schools: the layer is in several files: schools.csv and schools.geojson; keep one`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == "" {
				if c, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city"); err != nil || len(c.Warnings) > 0 {
					t.Fatalf("err %v, warnings %v", err, c)
				}
				return
			}
			list := loadProblems(t, tc.edits, tc.warning)
			if len(list) != 1 || !strings.HasPrefix(engine.Plain(list[0]), tc.want) {
				t.Errorf("got %v\nwant %s", list, tc.want)
			}
		})
	}
}

// The tiny city with every layer in Gauss–Krüger metres (EPSG:4544, named
// by each file's crs member) loads to the same places as in lon/lat.
func TestProjectedLayers(t *testing.T) {
	base, err := engine.LoadCityFS(tinyFS(t, nil), "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	gk, err := geo.EPSG(4544)
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]string{"city.yaml": "name: tiny\n"}
	for _, layer := range []string{"districts", "schools", "areas"} {
		edits[layer+".geojson"] = reproject(t, string(tinyFS(t, nil)["city/"+layer+".geojson"].Data), gk)
	}
	c, err := engine.LoadCityFS(tinyFS(t, edits), "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	// The local plane's origin is the districts' centre in each file's own
	// coordinates, so the planes differ by a shift: compare distances.
	for i := range base.Schools {
		for j := range base.Areas {
			want := geo.Distance(base.Schools[i].Point, base.Areas[j].Point)
			got := geo.Distance(c.Schools[i].Point, c.Areas[j].Point)
			if !approx.Equal(float64(got), float64(want), 1e-3) {
				t.Errorf("school %s to area %s: %v m, want %v", c.Schools[i].ID, c.Areas[j].ID, got, want)
			}
		}
	}
	for i := range base.Areas {
		if c.Areas[i].District != base.Areas[i].District {
			t.Errorf("area %s in district %d, want %d", c.Areas[i].ID, c.Areas[i].District, base.Areas[i].District)
		}
	}
}

// reproject converts a GeoJSON document's positions from lon/lat to crs and
// names crs in its crs member.
func reproject(t *testing.T, doc string, crs geo.CRS) string {
	t.Helper()
	var fc map[string]any
	if err := json.Unmarshal([]byte(doc), &fc); err != nil {
		t.Fatal(err)
	}
	var walk func(any) any
	walk = func(c any) any {
		list, ok := c.([]any)
		if !ok {
			return c
		}
		if x, isNum := list[0].(float64); isNum {
			p := crs.FromWGS84(orb.Point{x, list[1].(float64)})
			return []any{p[0], p[1]}
		}
		for i := range list {
			list[i] = walk(list[i])
		}
		return list
	}
	for _, f := range fc["features"].([]any) {
		g := f.(map[string]any)["geometry"].(map[string]any)
		g["coordinates"] = walk(g["coordinates"])
	}
	fc["crs"] = map[string]any{"type": "name", "properties": map[string]any{"name": crs.String()}}
	out, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
