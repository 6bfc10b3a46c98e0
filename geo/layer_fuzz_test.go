package geo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
)

// Fuzz targets for what the city loader reads through ReadLayer and has no
// target of its own: a GeoJSON layer as ReadLayer gives it (the usable
// features beside the problems, and the crs member), a whole shapefile (its
// .shp, .dbf, .cpg and .prj read together) and a city.yaml crs name.

func FuzzReadLayerGeoJSON(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[]}`))
	f.Add([]byte("\ufeff" + `{"features":[{"crs":1}],"crs":{"properties":{"name":"EPSG:4490"},"type":"name"}}`))
	f.Add([]byte(`{"crs":{"type":"link","properties":{"href":"x.prj"}},"features":[]}`))
	spec := Spec{Geometry: []orb.Geometry{orb.Point{}, orb.Polygon{}, orb.MultiPolygon{}}, Required: []string{"id"}, Planar: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"d/l.geojson": &fstest.MapFile{Data: data}}
		lyr, err := ReadLayer(fsys, "d/l.geojson", "city/l.geojson", spec, nil)
		if err == nil && lyr == nil {
			t.Fatal("no layer and no error")
		}
		if err != nil {
			checkLayerErrors(t, err, "city/l.geojson")
		}
		if lyr != nil {
			if lyr.Format != FormatGeoJSON {
				t.Fatalf("format %q", lyr.Format)
			}
			if err != nil && len(lyr.Features) == 0 {
				t.Fatal("a layer of no features returned with the error")
			}
			// With problems, a feature whose id another repeats is usable
			// too (DecodeUsable).
			unique := spec
			unique.NoID = err != nil
			checkFeatureSet(t, lyr.Features, "city/l.geojson", unique)
		}
	})
}

// checkLayerErrors checks that err is a non-empty Errors of *FeatureError
// each naming file.
func checkLayerErrors(t testing.TB, err error, files ...string) {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("error %T %v is not a non-empty Errors", err, err)
	}
	for _, e := range es {
		var fe *FeatureError
		if !errors.As(e, &fe) {
			t.Fatalf("error %v is not a *FeatureError", e)
		}
		named := false
		for _, f := range files {
			named = named || fe.File == f
		}
		if !named {
			t.Fatalf("error %v names file %q, not one of %q", e, fe.File, files)
		}
	}
}

// checkFeatureSet is checkFeatures without the Index = position rule (a
// usable subset, or a shapefile with deleted records, skips indexes):
// indexes increase instead.
func checkFeatureSet(t *testing.T, feats []Feature, file string, spec Spec) {
	t.Helper()
	seen := map[string]bool{}
	prev := -1
	for i, f := range feats {
		if f.File != file || f.Index <= prev || f.Geometry == nil {
			t.Fatalf("feature %d: file %q, index %d after %d, geometry %v", i, f.File, f.Index, prev, f.Geometry)
		}
		prev = f.Index
		if !spec.NoID && (f.ID == "" || seen[f.ID]) {
			t.Fatalf("feature %d: id %q empty or repeated", i, f.ID)
		}
		seen[f.ID] = true
		if err := validateGeometry(f.Geometry, spec.Planar); err != nil {
			t.Fatalf("feature %d: %v", i, err)
		}
		checkAssembled(t, f.Geometry)
	}
}

func FuzzDecodeShapefile(f *testing.F) {
	for _, layer := range []string{"districts", "schools"} {
		var sf Shapefile
		for ext, dst := range map[string]*[]byte{"shp": &sf.SHP, "dbf": &sf.DBF, "cpg": &sf.CPG, "prj": &sf.PRJ} {
			data, err := os.ReadFile(filepath.Join("testdata", "shp", layer+"."+ext))
			if err != nil {
				f.Fatal(err)
			}
			*dst = data
		}
		f.Add(sf.SHP, sf.DBF, string(sf.CPG), true)
		f.Add(sf.SHP, sf.DBF, "", false)
	}
	f.Add(shpFile(shpPoint, shpPointRec(shpPoint, 1, 2), shpNullRec()),
		dbfFile(0, []dbfCol{{"id", 'C', 4}}, [][]string{{"a"}, {"b"}}, 1), "UTF-8", true)
	spec := Spec{Geometry: []orb.Geometry{orb.Point{}, orb.Polygon{}, orb.MultiPolygon{}}, Required: []string{"id"}, Planar: true}
	f.Fuzz(func(t *testing.T, shp, dbf []byte, cpg string, withCPG bool) {
		sf := Shapefile{SHP: shp, DBF: dbf}
		if withCPG {
			sf.CPG = []byte(cpg)
		}
		lyr, err := DecodeShapefile("city/l.shp", sf, spec)
		if err != nil {
			if lyr != nil {
				t.Fatal("a layer returned with the error")
			}
			checkLayerErrors(t, err, "city/l.shp", "city/l.dbf", "city/l.cpg")
			return
		}
		if lyr == nil || lyr.Format != FormatShapefile || lyr.Deleted < 0 {
			t.Fatalf("layer %+v", lyr)
		}
		checkFeatureSet(t, lyr.Features, "city/l.shp", spec)
	})
}

func FuzzParseCRS(f *testing.F) {
	for _, s := range []string{"", "wgs84", "CGCS2000", "gcj02", "EPSG:4547", "urn:ogc:def:crs:EPSG::4547",
		"http://www.opengis.net/def/crs/EPSG/0/32610", "urn:ogc:def:crs:OGC:1.3:CRS84", "epsg:-1", "EPSG:99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCRS(s)
		if err != nil {
			if !errors.Is(err, ErrCRS) || !strings.Contains(err.Error(), "supported are") {
				t.Fatalf("error %v does not say what is supported", err)
			}
			return
		}
		again, err := ParseCRS(s)
		if err != nil || again.String() != c.String() {
			t.Fatalf("not deterministic: %v then %v (%v)", c, again, err)
		}
	})
}
