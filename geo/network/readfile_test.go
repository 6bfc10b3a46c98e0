package network

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeRiverGeoJSON writes the river city's roads in lon/lat around
// Monaco, with the bridge's properties, and returns the folder.
func writeRiverGeoJSON(tb testing.TB) string {
	tb.Helper()
	var feats []string
	for _, r := range riverCity().Roads {
		var coords []string
		for _, p := range r.Line {
			ll := monacoProj.Inverse(p)
			coords = append(coords, fmt.Sprintf("[%.10f,%.10f]", ll[0], ll[1]))
		}
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","properties":{"id":%q,"bridge":%v,"layer":%d,"speed_kmh":5},"geometry":{"type":"LineString","coordinates":[%s]}}`,
			r.ID, r.Bridge, r.Level, strings.Join(coords, ",")))
	}
	feats = append(feats, `{"type":"Feature","properties":{"id":"motorway","walk":false},"geometry":{"type":"LineString","coordinates":[[7.40,43.70],[7.45,43.70]]}}`)
	dir := tb.TempDir()
	doc := `{"type":"FeatureCollection","features":[` + strings.Join(feats, ",\n") + "]}"
	if err := os.WriteFile(filepath.Join(dir, "roads.geojson"), []byte(doc), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// riverDistances reads the roads file name of dir and walks the river
// city's areas to its schools.
func riverDistances(tb testing.TB, dir, name string) (*Roads, []Hit) {
	tb.Helper()
	rs, err := ReadFile(os.DirFS(dir), name, "", monacoProj.Forward)
	if err != nil {
		tb.Fatal(err)
	}
	g, _, err := Build(rs)
	if err != nil {
		tb.Fatal(err)
	}
	src, _ := g.Snap(riverAreas[:1], nil, nil)
	dst, _ := g.Snap(riverSchools, nil, nil)
	tab, err := g.Distances(context.Background(), src, dst, Query{K: 2})
	if err != nil {
		tb.Fatal(err)
	}
	return rs, tab.Of(0)
}

func TestReadFileLayers(t *testing.T) {
	dir := writeRiverGeoJSON(t)
	tests := []struct {
		name  string
		file  string
		needs string // a tool that makes the file
	}{
		{"GeoJSON", "roads.geojson", ""},
		{"shapefile made by ogr2ogr", "roads.shp", "ogr2ogr"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needs != "" {
				if _, err := exec.LookPath(tc.needs); err != nil {
					t.Skipf("%s is not installed", tc.needs)
				}
				out, err := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", filepath.Join(dir, tc.file), filepath.Join(dir, "roads.geojson")).CombinedOutput()
				if err != nil {
					t.Fatalf("ogr2ogr: %v\n%s", err, out)
				}
			}
			rs, hits := riverDistances(t, dir, tc.file)
			if len(rs.Roads) != 4 || rs.NotWalkable != 1 {
				t.Errorf("%d roads and %d not walkable, want 4 and 1", len(rs.Roads), rs.NotWalkable)
			}
			if !rs.Roads[2].Bridge || rs.Roads[2].Level != 1 || rs.Roads[2].SpeedKMH != 5 {
				t.Errorf("bridge read as %+v", rs.Roads[2])
			}
			// As on the plane (TestRiverCity), to a decimetre of rounding
			// through lon/lat.
			want := []Hit{{1, 6200}, {0, 20200}}
			if len(hits) != 2 || hits[0].Target != 1 || hits[1].Target != 0 ||
				abs(float64(hits[0].Dist-want[0].Dist)) > 1 || abs(float64(hits[1].Dist-want[1].Dist)) > 2 {
				t.Errorf("hits %v, want %v", hits, want)
			}
		})
	}
}

func TestIsRoadsFile(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"roads.geojson", true}, {"ROADS.SHP", true}, {"roads.osm.pbf", true}, {"roads.csv", false}, {"roads.pbf", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsRoadsFile(tc.name); got != tc.want {
				t.Errorf("IsRoadsFile = %v, want %v", got, tc.want)
			}
		})
	}
}
