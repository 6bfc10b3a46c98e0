package engine_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/schoolplan/schoolplan/engine"
)

// progressCall is one call of LoadOptions.Progress.
type progressCall struct{ done, total int64 }

// shapefileDistricts is the tiny city with its districts as a shapefile
// (and files the load does not read: the .shx and a README).
func shapefileDistricts(t *testing.T) fstest.MapFS {
	fsys := tinyFS(t, map[string]string{"districts.geojson": "", "districts.shx": "not read", "README.md": "not read"})
	for _, ext := range []string{"shp", "dbf", "cpg", "prj"} {
		data, err := os.ReadFile("testdata/tinyshp/districts." + ext)
		if err != nil {
			t.Fatal(err)
		}
		fsys["city/districts."+ext] = &fstest.MapFile{Data: data}
	}
	return fsys
}

const progressRoads = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[106.50, 29.51], [106.55, 29.51]]}}]}`

const progressCity = "name: tiny\ncrs: wgs84\nroads: roads.geojson\n"

func TestLoadProgress(t *testing.T) {
	// The tiny city's files: areas 897, city.yaml 98, districts 489,
	// forecast.csv 2592, schools 824 bytes.
	const tinyTotal = 897 + 98 + 489 + 2592 + 824
	big := `{"type": "FeatureCollection", "features": []}` + strings.Repeat(" ", 5<<19)
	cases := []struct {
		name      string
		fsys      fstest.MapFS
		total     int64
		minCalls  int // reports, the first and the last included
		wantError bool
	}{
		{"geojson city", tinyFS(t, nil), tinyTotal, 2, false},
		// .shp 372, .dbf 612, .cpg 3, .prj 176 in place of districts.geojson.
		{"shapefile districts, .shx and README not read", shapefileDistricts(t), tinyTotal - 489 + 372 + 612 + 3 + 176, 2, false},
		{"roads", tinyFS(t, map[string]string{"city.yaml": progressCity, "roads.geojson": progressRoads}),
			tinyTotal - 98 + int64(len(progressCity)+len(progressRoads)), 2, false},
		{"broken districts still reach the total", tinyFS(t, map[string]string{"districts.geojson": "{"}), tinyTotal - 489 + 1, 2, true},
		{"big file reported as read, 1 MiB at a time", tinyFS(t, map[string]string{"catchments.geojson": big}),
			tinyTotal + int64(len(big)), 4, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var calls []progressCall
			_, err := engine.LoadCityFSWith(tc.fsys, "city", "", engine.LoadOptions{Progress: func(done, total int64) {
				calls = append(calls, progressCall{done, total})
			}})
			if (err != nil) != tc.wantError {
				t.Fatalf("error %v, want one: %v", err, tc.wantError)
			}
			checkProgress(t, calls, tc.total, tc.minCalls)
		})
	}
}

// checkProgress checks that calls all have total, that done never goes
// down nor over total, and that the last call reaches it.
func checkProgress(t *testing.T, calls []progressCall, total int64, minCalls int) {
	t.Helper()
	if len(calls) < minCalls {
		t.Fatalf("%d calls %v, want at least %d", len(calls), calls, minCalls)
	}
	var prev int64
	for i, c := range calls {
		if c.total != total {
			t.Errorf("call %d: total %d, want %d", i, c.total, total)
		}
		if c.done < prev || c.done > c.total {
			t.Errorf("call %d: done %d after %d, of %d", i, c.done, prev, c.total)
		}
		prev = c.done
	}
	if last := calls[len(calls)-1]; last.done != total {
		t.Errorf("last call %v, want done = total %d", last, total)
	}
}

// LoadCity and LoadCityWith without Progress load the same city.
func TestLoadCityWithNoProgress(t *testing.T) {
	a, err := engine.LoadCity(tiny)
	if err != nil {
		t.Fatal(err)
	}
	b, err := engine.LoadCityWith(tiny, engine.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != b.Name || len(a.Areas) != len(b.Areas) || len(a.Schools) != len(b.Schools) {
		t.Errorf("LoadCityWith gave %s with %d areas, %d schools; LoadCity %s with %d, %d",
			b.Name, len(b.Areas), len(b.Schools), a.Name, len(a.Areas), len(a.Schools))
	}
}
