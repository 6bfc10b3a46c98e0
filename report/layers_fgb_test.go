package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
)

// needTool skips the test when an external program is not installed.
func needTool(tb testing.TB, name string) {
	tb.Helper()
	if _, err := exec.LookPath(name); err != nil {
		tb.Skipf("%s is not installed (Debian: gdal-bin)", name)
	}
}

// ogrFeatures converts a layer to GeoJSON with GDAL's ogr2ogr and returns
// its features with null properties dropped.
func ogrFeatures(tb testing.TB, name string) []map[string]any {
	tb.Helper()
	out, err := exec.Command("ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO", "-lco", "COORDINATE_PRECISION=6",
		"/vsistdout/", name).Output()
	if err != nil {
		tb.Fatalf("ogr2ogr %s: %v", name, err)
	}
	return featuresOf(tb, out)
}

func featuresOf(tb testing.TB, data []byte) []map[string]any {
	tb.Helper()
	var f struct {
		Features []map[string]any `json:"features"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		tb.Fatal(err)
	}
	for _, ft := range f.Features {
		props := ft["properties"].(map[string]any)
		for k, v := range props {
			if v == nil {
				delete(props, k)
			}
		}
		delete(ft, "type")
	}
	return f.Features
}

// ogrFields returns the "name: Type" lines of ogrinfo's summary of a layer
// and its feature count line.
func ogrFields(tb testing.TB, name string) (fields map[string]string, count string) {
	tb.Helper()
	out, err := exec.Command("ogrinfo", "-al", "-so", name).Output()
	if err != nil {
		tb.Fatalf("ogrinfo %s: %v", name, err)
	}
	fields = map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if c, ok := strings.CutPrefix(line, "Feature Count: "); ok {
			count = c
		}
		if k, v, ok := strings.Cut(line, ": "); ok && strings.HasSuffix(v, "(0.0)") {
			fields[k] = strings.TrimSuffix(v, " (0.0)")
		}
	}
	return fields, count
}

// TestFlatGeobufWithGDAL writes every layer as FlatGeobuf and as GeoJSON
// and checks that GDAL reads the FlatGeobuf back to the GeoJSON's
// features: same count, order, properties and coordinates; and that the
// columns have the types planned.
func TestFlatGeobufWithGDAL(t *testing.T) {
	needTool(t, "ogr2ogr")
	rs := runScenarios(t, tinyBaseline, tinyChanges)
	fgb := map[string]report.LayerFormat{}
	for _, l := range report.LayerFiles {
		fgb[l] = report.FlatGeobuf
	}
	dir := t.TempDir()
	if err := report.WriteLayers(dir, nil, rs...); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteLayers(dir, &report.LayerOptions{Formats: fgb}, rs...); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"tiny-baseline", "tiny-changes"} {
		for _, st := range engine.Stages {
			for _, layer := range report.LayerFiles {
				base := filepath.Join(dir, sub, layer+"_"+st.String())
				t.Run(sub+"/"+layer+"_"+st.String(), func(t *testing.T) {
					want := featuresOf(t, ogrJSON(t, base+".geojson"))
					got := ogrFeatures(t, base+".fgb")
					if len(got) != len(want) || len(got) == 0 {
						t.Fatalf("%d features, want %d", len(got), len(want))
					}
					for i := range want {
						if !reflect.DeepEqual(got[i], want[i]) {
							t.Errorf("feature %d:\n got %v\nwant %v", i, got[i], want[i])
						}
					}
				})
			}
		}
	}
	tests := []struct {
		name, file string
		count      string
		fields     map[string]string
	}{
		{"areas", "tiny-baseline/areas_junior.fgb", "5", map[string]string{"id": "String", "population": "Real",
			"completion_year": "Integer", "entrants_2025": "Integer", "unplaced_2030": "Integer",
			"school_2027": "String", "distance_m_2025": "Integer"}},
		{"schools", "tiny-changes/schools_primary.fgb", "4", map[string]string{"id": "String",
			"utilisation_all_grades_2030": "Real", "entry_utilisation_2030": "Real", "capacity_2027": "Integer", "opens": "Integer"}},
		{"districts", "tiny-baseline/districts_primary.fgb", "2", map[string]string{"name": "String",
			"entrants_2025": "Integer", "radius_share_2025": "Real"}},
	}
	for _, tc := range tests {
		t.Run("fields/"+tc.name, func(t *testing.T) {
			fields, count := ogrFields(t, filepath.Join(dir, tc.file))
			if count != tc.count {
				t.Errorf("feature count %s, want %s", count, tc.count)
			}
			for k, v := range tc.fields {
				if fields[k] != v {
					t.Errorf("field %s: %q, want %q", k, fields[k], v)
				}
			}
		})
	}
}

// ogrJSON passes a GeoJSON layer through ogr2ogr too, so that both sides
// are written by the same GeoJSON writer.
func ogrJSON(tb testing.TB, name string) []byte {
	tb.Helper()
	out, err := exec.Command("ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO", "-lco", "COORDINATE_PRECISION=6",
		"/vsistdout/", name).Output()
	if err != nil {
		tb.Fatalf("ogr2ogr %s: %v", name, err)
	}
	return bytes.TrimSpace(out)
}

// TestFlatGeobufDeterministic writes the layers twice.
func TestFlatGeobufDeterministic(t *testing.T) {
	rs := runScenarios(t, tinyBaseline)
	opts := &report.LayerOptions{Layers: []string{"areas", "schools"},
		Formats: map[string]report.LayerFormat{"areas": report.FlatGeobuf, "schools": report.FlatGeobuf}}
	var outs [2]string
	for k := range outs {
		outs[k] = t.TempDir()
		if err := report.WriteLayers(outs[k], opts, rs...); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"areas_primary.fgb", "schools_junior.fgb"} {
		a, b := readFile(t, filepath.Join(outs[0], f)), readFile(t, filepath.Join(outs[1], f))
		if !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s differs between runs (%d and %d bytes)", f, len(a), len(b))
		}
	}
}

func readFile(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// TestFlatGeobufCRS: a city in GCJ-02 (no EPSG code) gets a layer that
// does not claim WGS 84 (the header names GCJ-02; GDAL shows no SRS); a
// WGS 84 city's layer says EPSG:4326.
func TestFlatGeobufCRS(t *testing.T) {
	needTool(t, "ogrinfo")
	sc := tinyGCJ02(t)
	opts := &report.LayerOptions{Layers: []string{"schools"}, Formats: map[string]report.LayerFormat{"schools": report.FlatGeobuf}}
	tests := []struct {
		name, scenario string
		wantEPSG4326   bool
	}{
		{"gcj02", sc, false},
		{"wgs84", tinyBaseline, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if err := report.WriteLayers(out, opts, runScenarios(t, tc.scenario)...); err != nil {
				t.Fatal(err)
			}
			info, err := exec.Command("ogrinfo", "-so", "-al", filepath.Join(out, "schools_primary.fgb")).Output()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(info), `ID["EPSG",4326]`); got != tc.wantEPSG4326 {
				t.Errorf("EPSG:4326 named: %v, want %v:\n%s", got, tc.wantEPSG4326, info)
			}
			if !strings.Contains(string(info), "Feature Count: 3") {
				t.Errorf("want 3 primary schools:\n%s", info)
			}
		})
	}
}
