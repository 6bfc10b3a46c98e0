package engine_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

const tiny = "../testdata/tiny"

// tinyFS returns the tiny city as an in-memory file system, with files
// replaced by edits (name → content; "" removes the file).
func tinyFS(t testing.TB, edits map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir(tiny)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(tiny, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys["city/"+e.Name()] = &fstest.MapFile{Data: data}
	}
	for name, content := range edits {
		if content == "" {
			delete(fsys, "city/"+name)
			continue
		}
		fsys["city/"+name] = &fstest.MapFile{Data: []byte(content)}
	}
	return fsys
}

func TestLoadTiny(t *testing.T) {
	c, err := engine.LoadCity(tiny)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "tiny" || c.CRS != geo.WGS84 || len(c.Districts) != 2 || len(c.Areas) != 5 || len(c.Schools) != 4 {
		t.Fatalf("city %q %v: %d districts, %d areas, %d schools", c.Name, c.CRS, len(c.Districts), len(c.Areas), len(c.Schools))
	}
	// A2 has no district property: the join puts it in D1 (west of 106.52).
	// A4 is a polygon in D2.
	for id, want := range map[string]string{"A1": "D1", "A2": "D1", "A3": "D2", "A4": "D2", "A5": "D1"} {
		i := -1
		for k := range c.Areas {
			if c.Areas[k].ID == id {
				i = k
			}
		}
		if got := c.Districts[c.Areas[i].District].ID; got != want {
			t.Errorf("area %s in %s, want %s", id, got, want)
		}
	}
	p2 := &c.Schools[c.SchoolIndex("P2")]
	if p2.Streams[engine.Primary] != 2 || c.Districts[p2.District].ID != "D2" {
		t.Errorf("P2 (12 classes over 6 grades) %+v", p2)
	}
	n1 := &c.Schools[c.SchoolIndex("N1")]
	if n1.Kind != engine.KindNineYear || n1.Streams != [2]int{1, 1} || n1.Enrolled[9] != 48 || n1.Enrolled[1] != 40 {
		t.Errorf("N1 %+v", n1)
	}
	if j1 := &c.Schools[c.SchoolIndex("J1")]; j1.ClassSize[engine.Junior] != 40 {
		t.Errorf("J1 class size %v", j1.ClassSize)
	}
	if c.Forecast.FirstYear != 2025 || c.Forecast.LastYear != 2030 || c.Forecast.MaxAge != 15 || len(c.Forecast.ByDistrict) != 2 {
		t.Errorf("forecast %d–%d ages 0–%d, %d districts", c.Forecast.FirstYear, c.Forecast.LastYear, c.Forecast.MaxAge, len(c.Forecast.ByDistrict))
	}
	// The projection is metric: P1 and P2 are 0.025° of longitude apart at 29.51°N ≈ 2423 m.
	d := geo.Distance(c.Schools[c.SchoolIndex("P1")].Point, c.Schools[c.SchoolIndex("P2")].Point)
	if d < 2400 || d > 2450 {
		t.Errorf("P1–P2 %v m, want ≈ 2423", d)
	}
}

func feature(props, geom string) string {
	return `{"type":"Feature","properties":{` + props + `},"geometry":` + geom + `}`
}

func collection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

const pt = `{"type":"Point","coordinates":[106.505,29.51]}`

func TestLoadBadInput(t *testing.T) {
	goodSchool := feature(`"id":"P1","stage":"primary","streams":1`, pt)
	tests := []struct {
		name  string
		edits map[string]string
		// each of these must appear in one error line
		want []string
	}{
		{"missing districts file", map[string]string{"districts.geojson": ""}, []string{"districts.geojson"}},
		{"unknown crs", map[string]string{"city.yaml": "crs: bd09\n"}, []string{"city.yaml", "crs", "bd09"}},
		{"unknown city key", map[string]string{"city.yaml": "nmae: x\n"}, []string{"city.yaml", "nmae"}},
		{"school without stage", map[string]string{"schools.geojson": collection(feature(`"id":"P1","streams":1`, pt))},
			[]string{"schools.geojson", "feature 0", "P1", "stage"}},
		{"school with bad stage", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"high","streams":1`, pt))},
			[]string{"schools.geojson", "feature 0", "P1", "stage", "high"}},
		{"school without streams", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"primary"`, pt))},
			[]string{"schools.geojson", "P1", "streams"}},
		{"school with fractional streams", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1.5`, pt))},
			[]string{"schools.geojson", "P1", "streams"}},
		{"classes not dividing", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"primary","classes":13`, pt))},
			[]string{"schools.geojson", "P1", "classes"}},
		{"school in unknown district", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1,"district":"D9"`, pt))},
			[]string{"schools.geojson", "P1", "district", "D9"}},
		{"school outside every district", map[string]string{"schools.geojson": collection(goodSchool,
			feature(`"id":"P2","stage":"primary","streams":1`, `{"type":"Point","coordinates":[107.5,29.51]}`))},
			[]string{"schools.geojson", "feature 1", "P2", "geometry"}},
		{"closes before it opens", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1,"opens":2028,"closes":2027`, pt))},
			[]string{"schools.geojson", "P1", "closes"}},
		{"enrolled with the wrong grades", map[string]string{"schools.geojson": collection(feature(`"id":"P1","stage":"primary","streams":1,"enrolled":[1,2,3]`, pt))},
			[]string{"schools.geojson", "P1", "enrolled"}},
		{"a table layer's bad value names its row", map[string]string{"schools.geojson": "",
			"schools.csv": "id,stage,streams,opens,lon,lat\nP1,primary,1,1800,106.505,29.51\n"},
			[]string{"schools.csv: row 2", "P1", "opens", "1800"}},
		{"duplicate school ids", map[string]string{"schools.geojson": collection(goodSchool, goodSchool)},
			[]string{"schools.geojson", "P1"}},
		{"negative population", map[string]string{"areas.geojson": collection(feature(`"id":"A1","population":-5`, pt))},
			[]string{"areas.geojson", "feature 0", "A1", "population"}},
		{"population as text", map[string]string{"areas.geojson": collection(feature(`"id":"A1","population":"many"`, pt))},
			[]string{"areas.geojson", "A1", "population"}},
		{"area catchment names an unknown school", map[string]string{"areas.geojson": collection(feature(`"id":"A1","population":5,"catchment_primary":"P9"`, pt))},
			[]string{"areas.geojson", "A1", "catchment_primary", "P9"}},
		{"area catchment names a school of the other stage", map[string]string{"areas.geojson": collection(feature(`"id":"A1","population":5,"catchment_junior":"P1"`, pt))},
			[]string{"areas.geojson", "A1", "catchment_junior", "P1"}},
		{"area with a line geometry", map[string]string{"areas.geojson": collection(feature(`"id":"A1","population":5`, `{"type":"LineString","coordinates":[[106.50,29.51],[106.51,29.51]]}`))},
			[]string{"areas.geojson", "A1", "geometry"}},
		{"area with an out-of-range latitude", map[string]string{"areas.geojson": collection(feature(`"id":"A1","population":5`, `{"type":"Point","coordinates":[106.5,95]}`))},
			[]string{"areas.geojson", "A1", "geometry"}},
		{"catchment of an unknown school", map[string]string{"catchments.geojson": collection(feature(`"school":"P9"`,
			`{"type":"Polygon","coordinates":[[[106.50,29.50],[106.51,29.50],[106.51,29.51],[106.50,29.50]]]}`))},
			[]string{"catchments.geojson", "feature 0", "school", "P9"}},
		{"forecast for an unknown district", map[string]string{"forecast.csv": "district,year,age,count\nD9,2025,6,10\n"},
			[]string{"forecast.csv", "line 2", "district", "D9"}},
		{"forecast with a negative count", map[string]string{"forecast.csv": "district,year,age,count\nD1,2025,6,-1\n"},
			[]string{"forecast.csv", "line 2", "count"}},
		{"forecast with an unknown column", map[string]string{"forecast.csv": "district,year,age,count,colour\nD1,2025,6,1,red\n"},
			[]string{"forecast.csv", "colour"}},
		{"forecast row twice", map[string]string{"forecast.csv": "district,year,age,count\nD1,2025,6,1\nD1,2025,6,2\n"},
			[]string{"forecast.csv", "line 3"}},
		{"forecast mixing district and area rows", map[string]string{"forecast.csv": "area,district,year,age,count\n,D1,2025,6,1\nA1,,2025,6,2\n"},
			[]string{"forecast.csv", "D1", "both"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city")
			if err == nil {
				t.Fatal("loaded")
			}
			lines := []string{err.Error()}
			var list geo.Errors
			if errors.As(err, &list) {
				lines = lines[:0]
				for _, e := range list {
					lines = append(lines, e.Error())
				}
			}
			for _, line := range lines {
				ok := true
				for _, w := range tc.want {
					ok = ok && strings.Contains(line, w)
				}
				if ok {
					return
				}
			}
			t.Errorf("no error names all of %q:\n%s", tc.want, strings.Join(lines, "\n"))
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	edits := map[string]string{
		"schools.geojson": collection(
			feature(`"id":"P1","stage":"primary","streams":1`, pt),
			feature(`"id":"P2","stage":"primary"`, pt),
			feature(`"id":"P3","stage":"secondary","streams":1`, pt),
		),
		"areas.geojson": collection(
			feature(`"id":"A1","population":-1`, pt),
			feature(`"id":"A2","population":5,"district":"DX"`, pt),
		),
	}
	_, err := engine.LoadCityFS(tinyFS(t, edits), "city", "city")
	var list geo.Errors
	if !errors.As(err, &list) || len(list) != 4 {
		t.Fatalf("want 4 problems, got %v", err)
	}
}

func TestForecastByArea(t *testing.T) {
	csv := "area,year,age,count\nA1,2025,6,10\nA2,2025,6,20\n"
	c, err := engine.LoadCityFS(tinyFS(t, map[string]string{"forecast.csv": csv}), "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Forecast.ByArea) != 2 || len(c.Forecast.ByDistrict) != 0 {
		t.Fatalf("forecast %+v", c.Forecast)
	}
}

func FuzzForecastCSV(f *testing.F) {
	c, err := engine.LoadCity(tiny)
	if err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(tiny, "forecast.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data))
	f.Add("area,year,age,count\nA1,2025,6,10\n")
	f.Add("district,year,age,count\nD1,2025,6,1e400\n")
	f.Add("district,year,age,count\n\"D1,2025,6,1\n")
	f.Fuzz(func(t *testing.T, s string) {
		fc, err := engine.DecodeForecastCSV(strings.NewReader(s), "forecast.csv", c)
		if err == nil && fc == nil {
			t.Fatal("nil forecast without error")
		}
		if err != nil && !strings.Contains(err.Error(), "forecast.csv") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// No problem hides another: each file's problems are reported whatever
// the other files hold.
func TestLoadNoProblemHidesAnother(t *testing.T) {
	unclosed := `{"type":"Polygon","coordinates":[[[106.50,29.50],[106.52,29.50],[106.52,29.52],[106.50,29.52]]]}`
	badSchools := collection(
		feature(`"id":"P1","stage":"primary","streams":1`, pt),
		feature(`"id":"P1","stage":"primary","streams":1`, pt),
		feature(`"id":"P3","stage":"college","streams":1`, pt),
	)
	tests := []struct {
		name  string
		edits map[string]string
		want  []string // one problem each, in order
	}{
		{"every file", map[string]string{
			"city.yaml":       "nmae: x\n",
			"schools.geojson": badSchools,
			"areas.geojson":   collection(feature(`"id":"A1","population":-1,"district":"D1"`, pt)),
			"forecast.csv":    "district,year,age,count\nD1,2025,6,1\n\nD1,2025,7,x\n",
		}, []string{"city.yaml", `schools.geojson: feature 1 (id "P1"): id: duplicate id: also feature 0`,
			`schools.geojson: feature 2 (id "P3"): stage`, `areas.geojson: feature 0 (id "A1"): population`, "forecast.csv: line 4"}},
		{"a broken district leaves out the joins only", map[string]string{
			"districts.geojson": collection(feature(`"id":"D1"`, unclosed), feature(`"id":"D2"`, `{"type":"Polygon","coordinates":[[[106.52,29.50],[106.54,29.50],[106.54,29.52],[106.52,29.50]]]}`)),
			"schools.geojson":   badSchools,
		}, []string{`districts.geojson: feature 0 (id "D1"): geometry`, `schools.geojson: feature 1 (id "P1"): id: duplicate id`, `schools.geojson: feature 2 (id "P3"): stage`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.LoadCityFS(tinyFS(t, tc.edits), "city", "city")
			var list geo.Errors
			if !errors.As(err, &list) {
				t.Fatalf("want a list of problems, got %v", err)
			}
			if len(list) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(list), len(tc.want), err)
			}
			for i, w := range tc.want {
				if !strings.Contains(list[i].Error(), w) {
					t.Errorf("problem %d = %q, want it to name %q", i, list[i], w)
				}
			}
		})
	}
}
