package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/report"
)

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

type fc struct {
	Type     string `json:"type"`
	Features []struct {
		Properties map[string]any `json:"properties"`
		Geometry   struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

func readFC(tb testing.TB, name string) fc {
	tb.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	var f fc
	if err := json.Unmarshal(data, &f); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	if f.Type != "FeatureCollection" {
		tb.Fatalf("%s: type %q", name, f.Type)
	}
	return f
}

// pointsOf reads a Point layer's coordinates by id.
func pointsOf(tb testing.TB, f fc) map[string][2]float64 {
	tb.Helper()
	out := map[string][2]float64{}
	for _, ft := range f.Features {
		if ft.Geometry.Type != "Point" {
			continue
		}
		var p [2]float64
		if err := json.Unmarshal(ft.Geometry.Coordinates, &p); err != nil {
			tb.Fatal(err)
		}
		out[ft.Properties["id"].(string)] = p
	}
	return out
}

func TestWriteLayers(t *testing.T) {
	rs := runScenarios(t, tinyBaseline, tinyChanges)
	dir := t.TempDir()
	if err := report.WriteLayers(dir, nil, rs...); err != nil {
		t.Fatal(err)
	}
	for k, sub := range []string{"tiny-baseline", "tiny-changes"} {
		for _, st := range engine.Stages {
			for _, layer := range report.LayerFiles {
				f := readFC(t, filepath.Join(dir, sub, layer+"_"+st.String()+".geojson"))
				if len(f.Features) == 0 {
					t.Errorf("%s/%s_%s: no features", sub, layer, st)
				}
			}
		}
		schools := readFC(t, filepath.Join(dir, sub, "schools_primary.geojson"))
		want := map[string]int{"tiny-baseline": 3, "tiny-changes": 4}[sub] // P1, P2, N1 (+ P3)
		if len(schools.Features) != want {
			t.Errorf("%s: %d primary schools, want %d", sub, len(schools.Features), want)
		}
		for _, ft := range schools.Features {
			p := ft.Properties
			if _, ok := p["utilisation_all_grades_2030"]; !ok && p["id"] != "P1" {
				t.Errorf("%s: school %v has no utilisation_all_grades_2030: %v", sub, p["id"], p)
			}
			for _, key := range []string{"name", "district", "capacity_2027", "shortfall_2027", "classes_2027", "enrolled_2027"} {
				if _, ok := p[key]; !ok && (p["id"] != "P3" || k == 0) {
					t.Errorf("%s: school %v lacks %s", sub, p["id"], key)
				}
			}
		}
		areas := readFC(t, filepath.Join(dir, sub, "areas_junior.geojson"))
		if len(areas.Features) != 5 {
			t.Errorf("%s: %d areas", sub, len(areas.Features))
		}
		for _, ft := range areas.Features {
			for _, key := range []string{"entrants_2025", "unplaced_2025", "school_2025", "distance_m_2025"} {
				if _, ok := ft.Properties[key]; !ok {
					t.Errorf("%s: area %v lacks %s", sub, ft.Properties["id"], key)
				}
			}
		}
		districts := readFC(t, filepath.Join(dir, sub, "districts_junior.geojson"))
		if len(districts.Features) != 2 || districts.Features[0].Properties["unplaced_2025"] == nil {
			t.Errorf("%s: districts %+v", sub, districts.Features)
		}
	}
	// The tiny city is WGS84: coordinates come back as they went in.
	in := readFC(t, "../testdata/tiny/schools.geojson")
	out := readFC(t, filepath.Join(dir, "tiny-baseline", "schools_junior.geojson"))
	samePoints(t, pointsOf(t, in), pointsOf(t, out), 1e-6)
	// One result: the layers go in dir itself.
	one := t.TempDir()
	if err := report.WriteLayers(one, nil, rs[0]); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(one, "catchments_primary.geojson"))
	b, _ := os.ReadFile(filepath.Join(dir, "tiny-baseline", "catchments_primary.geojson"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the layers of one result differ from the same result's among several (or are missing)")
	}
}

func samePoints(tb testing.TB, want, got map[string][2]float64, tol float64) {
	tb.Helper()
	n := 0
	for id, p := range got {
		w, ok := want[id]
		if !ok {
			continue
		}
		n++
		if !approx.Equal(p[0], w[0], tol) || !approx.Equal(p[1], w[1], tol) {
			tb.Errorf("%s at %v, want %v", id, p, w)
		}
	}
	if n == 0 {
		tb.Error("no point to compare")
	}
}

// tinyGCJ02 writes the tiny test city as a city in GCJ-02 and a scenario
// of it for 2025–2026, and returns the scenario's file.
func tinyGCJ02(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	city := filepath.Join(dir, "city")
	if err := os.CopyFS(city, os.DirFS("../testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(city, "city.yaml"), []byte("name: tiny-gcj\ncrs: gcj02\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sc := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(sc, []byte("name: gcj\ncity: city\nyears: [2025, 2026]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestLayersGCJ02: a city in GCJ-02 gets its layers in GCJ-02.
func TestLayersGCJ02(t *testing.T) {
	sc := tinyGCJ02(t)
	city := filepath.Join(filepath.Dir(sc), "city")
	rs := runScenarios(t, sc)
	out := t.TempDir()
	if err := report.WriteLayers(out, nil, rs...); err != nil {
		t.Fatal(err)
	}
	in := pointsOf(t, readFC(t, filepath.Join(city, "schools.geojson")))
	samePoints(t, in, pointsOf(t, readFC(t, filepath.Join(out, "schools_primary.geojson"))), 2e-6)
	// And the point areas too.
	areas := pointsOf(t, readFC(t, filepath.Join(city, "areas.geojson")))
	samePoints(t, areas, pointsOf(t, readFC(t, filepath.Join(out, "areas_primary.geojson"))), 2e-6)
}

func TestLayersDeterministic(t *testing.T) {
	rs := runScenarios(t, tinyChanges)
	var a, b bytes.Buffer
	for _, layer := range report.LayerFiles {
		for _, st := range engine.Stages {
			a.Reset()
			b.Reset()
			if err := report.WriteLayer(&a, rs[0], layer, st, nil); err != nil {
				t.Fatal(err)
			}
			again := runScenarios(t, tinyChanges)
			if err := report.WriteLayer(&b, again[0], layer, st, nil); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %s: two runs give different bytes", layer, st)
			}
			if !strings.HasPrefix(a.String(), `{"type":"FeatureCollection","features":[`) {
				t.Errorf("%s %s: %.60s", layer, st, a.String())
			}
		}
	}
	if err := report.WriteLayer(&a, rs[0], "roads", engine.Primary, nil); err == nil {
		t.Error("unknown layer: no error")
	}
}
