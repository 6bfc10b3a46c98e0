package report_test

import (
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// walkLayers are the layers that say which distance they hold, with the
// fields a walking run's layer gains and their types as ogrinfo names
// them (Monaco's years are 2025 to 2027).
var walkLayers = []struct {
	layer  string
	fields map[string]string
}{
	{"areas", map[string]string{"distance": "String", "walk_min_2025": "Real", "walk_min_2026": "Real", "walk_min_2027": "Real"}},
	{"schools", map[string]string{"distance": "String"}},
	{"districts", map[string]string{"distance": "String"}},
}

// TestLayersSayDistance writes the layers of Monaco run on straight lines
// and on foot, as GeoJSON and FlatGeobuf, and reads them with GDAL
// (ogrinfo, ogr2ogr): the walking run's layers have the field distance
// ("network" in every feature) and the areas layer walk_min by year, the
// walk to the area's school at 4.5 km/h; the straight run's have neither;
// the FlatGeobuf holds the GeoJSON's features.
func TestLayersSayDistance(t *testing.T) {
	needTool(t, "ogrinfo")
	needTool(t, "ogr2ogr")
	rs := runScenarios(t, monacoStraight, monacoNetwork)
	dir := t.TempDir()
	fgb := map[string]report.LayerFormat{}
	for _, l := range report.LayerFiles {
		fgb[l] = report.FlatGeobuf
	}
	for _, opts := range []*report.LayerOptions{nil, {Formats: fgb}} {
		if err := report.WriteLayers(dir, opts, rs...); err != nil {
			t.Fatal(err)
		}
	}
	runs := []struct {
		sub  string
		walk bool
	}{{"monaco-straight", false}, {"monaco-network", true}}
	for _, run := range runs {
		for _, wl := range walkLayers {
			for _, ext := range []string{".geojson", ".fgb"} {
				t.Run(run.sub+"/"+wl.layer+ext, func(t *testing.T) {
					base := filepath.Join(dir, run.sub, wl.layer+"_primary")
					fields, _ := ogrFields(t, base+ext)
					checkWalkFields(t, fields, wl.fields, run.walk)
					feats := ogrFeatures(t, base+ext)
					checkWalkFeatures(t, feats, run.walk)
					if ext == ".fgb" {
						sameFeatures(t, feats, featuresOf(t, ogrJSON(t, base+".geojson")))
					}
				})
			}
		}
	}
}

// checkWalkFields checks that fields has want, with their types, when
// walk is set, and no field of want otherwise; and that a walking run's
// layer has walk_min_YEAR (Real) for each distance_m_YEAR, a straight
// run's no walk_min at all.
func checkWalkFields(t *testing.T, fields, want map[string]string, walk bool) {
	t.Helper()
	for k, typ := range want {
		got, ok := fields[k]
		if ok != walk || walk && got != typ {
			t.Errorf("field %s: %q (present %v), want %q present %v", k, got, ok, typ, walk)
		}
	}
	for k := range fields {
		if strings.HasPrefix(k, "walk_min") && !walk {
			t.Errorf("field %s, want none", k)
		}
		if y, ok := strings.CutPrefix(k, "distance_m_"); ok && walk && fields["walk_min_"+y] != "Real" {
			t.Errorf("field %s but walk_min_%s %q, want Real", k, y, fields["walk_min_"+y])
		}
	}
}

// checkWalkFeatures checks each feature's distance ("network" when walk
// is set, absent otherwise) and its walks (checkWalkMin).
func checkWalkFeatures(t *testing.T, feats []map[string]any, walk bool) {
	t.Helper()
	if len(feats) == 0 {
		t.Fatal("no features")
	}
	walked := 0
	for i, f := range feats {
		props := f["properties"].(map[string]any)
		if d, ok := props["distance"]; ok != walk || walk && d != "network" {
			t.Errorf("feature %d: distance %v (present %v), want network: %v", i+1, d, ok, walk)
		}
		walked += checkWalkMin(t, i, props, walk)
	}
	if _, areas := feats[0]["properties"].(map[string]any)["population"]; walk && areas && walked == 0 {
		t.Error("no area has a walk")
	}
}

// checkWalkMin checks that an area's walk_min_YEAR is distance_m_YEAR at
// 75 m a minute (to the tenth of a minute; distance_m is rounded to the
// metre), present exactly where distance_m is when walk is set, and
// returns how many it has.
func checkWalkMin(t *testing.T, i int, props map[string]any, walk bool) int {
	t.Helper()
	walked := 0
	for _, y := range []string{"2025", "2026", "2027"} {
		d, hasD := props["distance_m_"+y].(float64)
		m, hasM := props["walk_min_"+y].(float64)
		switch {
		case hasM != (hasD && walk):
			t.Errorf("feature %d: walk_min_%s %v, distance_m_%s %v", i+1, y, props["walk_min_"+y], y, props["distance_m_"+y])
		case hasM && math.Abs(m-d/monacoWalkMPerMin) > 0.05+0.5/monacoWalkMPerMin:
			t.Errorf("feature %d: walk_min_%s %v, want %v m at 75 m/min", i+1, y, m, d)
		case hasM:
			walked++
		}
	}
	return walked
}

// sameFeatures compares GDAL's reading of the FlatGeobuf layer with its
// reading of the GeoJSON layer, feature by feature.
func sameFeatures(t *testing.T, got, want []map[string]any) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d features, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("feature %d:\n got %v\nwant %v", i+1, got[i], want[i])
		}
	}
}
