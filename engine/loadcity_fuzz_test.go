package engine_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// Fuzz targets for the loader as a whole: layer files laid over the tiny
// city, read through LoadCityFS. The load must succeed whole, giving a city
// whose invariants hold (checkCity), or fail with problems that each name a
// file of the city folder; never panic.

// FuzzLoadCity fuzzes schools.geojson and areas.geojson together.
func FuzzLoadCity(f *testing.F) {
	fsys := tinyFS(f, nil)
	schools, areas := fsys["city/schools.geojson"].Data, fsys["city/areas.geojson"].Data
	f.Add(schools, areas)
	f.Add([]byte(collection(
		feature(`"id":"P1","stage":"primary","streams":1e3,"opens":2030,"closes":2031`, pt),
		feature(`"id":"J1","stage":"junior","classes":3,"base_seats":80,"shared_seats":20,"floor_area":0`, pt),
	)), []byte(collection(
		feature(`"id":"A1","population":0,"households":0,"completion_year":2030`, pt),
		feature(`"id":"A2","population":5,"catchment_primary":["P1"],"catchment_junior":"J1"`, pt),
	)))
	f.Add([]byte(collection(feature(`"id":"P1","stage":"primary","streams":-1,"enrolled":[1,-2]`, pt))),
		[]byte(collection(feature(`"id":"A1","population":1e400,"district":"DX"`, pt))))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"P1","stage":"primary","streams":1}`),
		[]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"A1","population":1},"geometry":{"type":"Polygon","coordinates":[[[106.50,29.50],[106.54,29.50],[106.54,29.52],[106.50,29.50]]]}}]}`))
	f.Fuzz(func(t *testing.T, schools, areas []byte) {
		fsys := tinyFS(t, nil)
		fsys["city/schools.geojson"].Data = schools
		fsys["city/areas.geojson"].Data = areas
		loadAndCheck(t, fsys)
	})
}

// FuzzLoadCityDistricts fuzzes districts.geojson and catchments.geojson.
func FuzzLoadCityDistricts(f *testing.F) {
	fsys := tinyFS(f, nil)
	districts := fsys["city/districts.geojson"].Data
	f.Add(districts, []byte(nil))
	f.Add(districts, []byte(collection(
		feature(`"school":"P1","stage":"primary"`, `{"type":"Polygon","coordinates":[[[106.50,29.50],[106.52,29.50],[106.52,29.52],[106.50,29.52],[106.50,29.50]]]}`),
		feature(`"schools":["J1","N1"]`, `{"type":"Polygon","coordinates":[[[106.52,29.50],[106.54,29.50],[106.54,29.52],[106.52,29.52],[106.52,29.50]]]}`),
	)))
	f.Add([]byte(collection(
		feature(`"id":"D1"`, `{"type":"Polygon","coordinates":[[[106.50,29.50],[106.53,29.50],[106.53,29.52],[106.50,29.52],[106.50,29.50]]]}`),
		feature(`"id":"D2"`, `{"type":"Polygon","coordinates":[[[106.52,29.50],[106.54,29.50],[106.54,29.52],[106.52,29.52],[106.52,29.50]]]}`),
	)), []byte(nil))
	f.Fuzz(func(t *testing.T, districts, catchments []byte) {
		fsys := tinyFS(t, nil)
		fsys["city/districts.geojson"].Data = districts
		if catchments != nil {
			fsys["city/catchments.geojson"] = &fstest.MapFile{Data: catchments}
		}
		loadAndCheck(t, fsys)
	})
}

// FuzzLoadCityLayers fuzzes city.yaml (its layers: mapping) together with
// the layer file src.geojson it may name, so that the field mapping and
// the dissolve run.
func FuzzLoadCityLayers(f *testing.F) {
	fsys := tinyFS(f, nil)
	f.Add(strings.Replace(rosterCity, "roster.geojson", "src.geojson", 1), []byte(strings.Replace(rosterSchools, `"CLS":12,`, "", 1)))
	f.Add("layers:\n  districts: {file: src.geojson, dissolve: {id: C, name: City}}\n", fsys["city/districts.geojson"].Data)
	f.Add("layers:\n  districts: {file: src.geojson, dissolve: {by: id}}\n", fsys["city/districts.geojson"].Data)
	f.Add("layers:\n  areas: {file: src.geojson, generate_ids: true, fields: {population: pop}, defaults: {population: 10}}\n",
		[]byte(collection(feature(`"pop":3`, pt), feature(`"x":1`, pt))))
	f.Add("crs: EPSG:4547\nlayers:\n  catchments: {file: src.geojson, crs: wgs84, fields: {school: S}, values: {school: {a: P1, \"*\": \"*\"}}, defaults: {stage: primary}}\n",
		[]byte(collection(feature(`"S":"a"`, `{"type":"Polygon","coordinates":[[[106.50,29.50],[106.52,29.50],[106.52,29.52],[106.50,29.52],[106.50,29.50]]]}`))))
	f.Fuzz(func(t *testing.T, yaml string, src []byte) {
		fsys := tinyFS(t, nil)
		fsys["city/city.yaml"].Data = []byte(yaml)
		fsys["city/src.geojson"] = &fstest.MapFile{Data: src}
		loadAndCheck(t, fsys)
	})
}

// tinySchoolsCSV is the tiny city's schools as a point table.
const tinySchoolsCSV = "id,name,stage,streams,classes,class_size,district,lon,lat\n" +
	"P1,West Primary,primary,1,,,,106.505,29.51\n" +
	"P2,East Primary,primary,,12,,D2,106.53,29.51\n" +
	"J1,West Junior,junior,1,,40,,106.51,29.51\n" +
	"N1,East Nine-Year,nine_year,1,,,,106.535,29.505\n"

// FuzzLoadCityTable fuzzes the schools layer as a CSV table, or, when xlsx
// is set, as an XLSX workbook, in place of schools.geojson.
func FuzzLoadCityTable(f *testing.F) {
	f.Add([]byte(tinySchoolsCSV), false)
	f.Add([]byte("\ufeffID;Stage;X;Y\r\nP1;primary;106.5;29.51\r\n"), false)
	f.Add([]byte("id,stage,streams,lon,lat\nP1,primary,1,106.505,29.51\nP1,junior,1e9,200,29.51\n,,,,\n"), false)
	f.Add(schoolsXLSX(f), true)
	f.Fuzz(func(t *testing.T, data []byte, xlsx bool) {
		fsys := tinyFS(t, map[string]string{"schools.geojson": ""})
		name := "city/schools.csv"
		if xlsx {
			name = "city/schools.xlsx"
		}
		fsys[name] = &fstest.MapFile{Data: data}
		loadAndCheck(t, fsys)
	})
}

// schoolsXLSX is tinySchoolsCSV as a workbook.
func schoolsXLSX(f *testing.F) []byte {
	wb := excelize.NewFile()
	for r, line := range strings.Split(strings.TrimSpace(tinySchoolsCSV), "\n") {
		for c, v := range strings.Split(line, ",") {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := wb.SetCellValue("Sheet1", ref, v); err != nil {
				f.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// loadAndCheck loads the city folder "city" of fsys: a city and no error,
// or an error and no city, each problem naming a file of the folder.
func loadAndCheck(t testing.TB, fsys fstest.MapFS) {
	t.Helper()
	c, err := engine.LoadCityFS(fsys, "city", "city")
	if err == nil {
		if c == nil {
			t.Fatal("no city and no error")
		}
		checkCity(t, c)
		return
	}
	if c != nil {
		t.Fatal("a city returned with the error")
	}
	var list geo.Errors
	if !errors.As(err, &list) {
		list = geo.Errors{err}
	}
	if len(list) == 0 {
		t.Fatal("an empty list of problems")
	}
	for _, e := range list {
		if !strings.HasPrefix(e.Error(), "city/") {
			t.Fatalf("problem %q names no file of the city folder", e)
		}
	}
}

// checkCity checks the invariants of a loaded city.
func checkCity(t testing.TB, c *engine.City) {
	t.Helper()
	if len(c.Districts) == 0 || len(c.Schools) == 0 || len(c.Areas) == 0 {
		t.Fatalf("%d districts, %d schools, %d areas", len(c.Districts), len(c.Schools), len(c.Areas))
	}
	uniqueIDs(t, "district", len(c.Districts), func(i int) string { return c.Districts[i].ID })
	uniqueIDs(t, "school", len(c.Schools), func(i int) string { return c.Schools[i].ID })
	for i := range c.Schools {
		checkSchool(t, &c.Schools[i], len(c.Districts))
	}
	seen := map[string]bool{}
	for i := range c.Areas {
		a := &c.Areas[i]
		key := a.ID + "\x00" + string(rune(a.Piece))
		if a.ID == "" || seen[key] {
			t.Fatalf("area %d: id %q piece %d empty or repeated", i, a.ID, a.Piece)
		}
		seen[key] = true
		if a.District < 0 || a.District >= len(c.Districts) {
			t.Fatalf("area %s: district index %d of %d", a.ID, a.District, len(c.Districts))
		}
		if !inRange(a.Population, engine.MaxAreaPopulation) || !inRange(a.Households, engine.MaxAreaPopulation) {
			t.Fatalf("area %s: population %v, households %v", a.ID, a.Population, a.Households)
		}
		if !(a.Share > 0 && a.Share <= 1) || !finitePoint(a.Point) {
			t.Fatalf("area %s: share %v, point %v", a.ID, a.Share, a.Point)
		}
		for _, stage := range a.Catchment {
			for _, id := range stage {
				if c.SchoolIndex(id) < 0 {
					t.Fatalf("area %s: catchment school %q unknown", a.ID, id)
				}
			}
		}
	}
	for i, ct := range c.Catchments {
		for _, id := range ct.Schools {
			if c.SchoolIndex(id) < 0 {
				t.Fatalf("catchment %d: school %q unknown", i, id)
			}
		}
	}
}

func checkSchool(t testing.TB, s *engine.School, districts int) {
	t.Helper()
	if s.District < 0 || s.District >= districts || !finitePoint(s.Point) {
		t.Fatalf("school %s: district index %d of %d, point %v", s.ID, s.District, districts, s.Point)
	}
	served := false
	for k := range s.Streams {
		if s.Streams[k] < 0 || s.Streams[k] > engine.MaxStreams || s.ClassSize[k] < 0 || s.ClassSize[k] > engine.MaxClassSize ||
			s.BaseSeats[k] < 0 || s.BaseSeats[k] > engine.MaxSchoolSeats || s.SharedSeats[k] < 0 || s.SharedSeats[k] > engine.MaxSchoolSeats {
			t.Fatalf("school %s: stage %d streams %d, class size %d, seats %d+%d", s.ID, k, s.Streams[k], s.ClassSize[k], s.BaseSeats[k], s.SharedSeats[k])
		}
		served = served || s.Streams[k] > 0
	}
	if !served {
		t.Fatalf("school %s serves no stage: streams %v", s.ID, s.Streams)
	}
	for g, n := range s.Enrolled {
		if n < 0 || n > engine.MaxGradePupils {
			t.Fatalf("school %s: grade %d enrolled %d", s.ID, g, n)
		}
	}
	for k, v := range s.Resources {
		if !inRange(v, engine.MaxCount) {
			t.Fatalf("school %s: %s %v", s.ID, k, v)
		}
	}
}

func uniqueIDs(t testing.TB, what string, n int, id func(int) string) {
	t.Helper()
	seen := map[string]int{}
	for i := 0; i < n; i++ {
		if j, ok := seen[id(i)]; ok || id(i) == "" {
			t.Fatalf("%s %d: id %q empty or also %s %d", what, i, id(i), what, j)
		}
		seen[id(i)] = i
	}
}

func inRange(v, max float64) bool { return v >= 0 && v <= max }

func finitePoint(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// FuzzLoadCityShapefile fuzzes the districts layer as a shapefile (.shp,
// .dbf and .prj; the .cpg says GBK) in place of districts.geojson, so that
// the .prj's coordinate system is resolved as the loader does it.
func FuzzLoadCityShapefile(f *testing.F) {
	files := map[string][]byte{}
	for _, ext := range []string{"shp", "dbf", "prj", "cpg"} {
		data, err := os.ReadFile(filepath.Join("testdata", "tinyshp", "districts."+ext))
		if err != nil {
			f.Fatal(err)
		}
		files[ext] = data
	}
	f.Add(files["shp"], files["dbf"], files["prj"])
	f.Add(files["shp"], files["dbf"], []byte(nil))
	f.Add(files["shp"], files["dbf"], []byte(`PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`))
	f.Fuzz(func(t *testing.T, shp, dbf, prj []byte) {
		fsys := tinyFS(t, map[string]string{"districts.geojson": ""})
		fsys["city/districts.shp"] = &fstest.MapFile{Data: shp}
		fsys["city/districts.dbf"] = &fstest.MapFile{Data: dbf}
		fsys["city/districts.cpg"] = &fstest.MapFile{Data: files["cpg"]}
		if prj != nil {
			fsys["city/districts.prj"] = &fstest.MapFile{Data: prj}
		}
		loadAndCheck(t, fsys)
	})
}
