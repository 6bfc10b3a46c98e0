package geo_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing/fstest"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/geo"
)

func ExampleReadLayer() {
	// A shapefile as GDAL writes it: GBK text named by schools.cpg.
	fsys := os.DirFS("testdata/shp")
	spec := geo.Spec{Geometry: []orb.Geometry{orb.Point{}}, Required: []string{"stage"}}
	layer, err := geo.ReadLayer(fsys, "schools.shp", "city/schools.shp", spec, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(layer.Format, len(layer.Features), "features,", layer.Deleted, "deleted")
	fmt.Println("prj:", strings.HasPrefix(layer.PRJ, `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"`))
	for _, f := range layer.Features {
		name, _, _ := f.String("name")
		streams, _, _ := f.Int("streams")
		fmt.Println(f.Index, f.ID, name, streams, f.Geometry)
	}
	// Output:
	// shapefile 2 features, 0 deleted
	// prj: true
	// 0 S-1 解放碑小学 4 [106.577 29.5574]
	// 1 S-2 朝天门中学 6 [106.5857 29.5655]
}

func ExampleFindLayer() {
	fsys := fstest.MapFS{
		"city/schools.csv":  {Data: []byte("id,lon,lat\n")},
		"city/areas.shp":    {},
		"city/areas.xlsx":   {},
		"city/forecast.csv": {},
	}
	for _, base := range []string{"schools", "areas", "catchments"} {
		name, err := geo.FindLayer(fsys, "city", base)
		fmt.Printf("%q %v\n", name, err)
	}
	// Output:
	// "city/schools.csv" <nil>
	// "" city/areas: the layer is in several files: areas.shp and areas.xlsx; keep one
	// "" city/catchments: no layer file (catchments.geojson, .json, .shp, .xlsx or .csv): file does not exist
}

func ExampleDecodeShapefile() {
	read := func(ext string) []byte {
		b, err := os.ReadFile("testdata/shp/districts." + ext)
		if err != nil {
			panic(err)
		}
		return b
	}
	sf := geo.Shapefile{SHP: read("shp"), DBF: read("dbf"), CPG: read("cpg"), PRJ: read("prj")}
	layer, err := geo.DecodeShapefile("districts.shp", sf, geo.Spec{})
	if err != nil {
		panic(err)
	}
	f := layer.Features[0]
	name, _, _ := f.String("name")
	poly := f.Geometry.(orb.Polygon)
	fmt.Println(f.ID, name, len(poly), "rings")
	fmt.Println("outer ring:", poly[0])

	// Without its .cpg the GBK text cannot be read, and the reader does not guess.
	sf.CPG = nil
	_, err = geo.DecodeShapefile("districts.shp", sf, geo.Spec{})
	fmt.Println(err)
	// Output:
	// D-1 渝中区 2 rings
	// outer ring: [[106.5 29.5] [106.6 29.5] [106.6 29.6] [106.5 29.6] [106.5 29.5]]
	// districts.dbf: feature 0 (id "D-1"): name: text encoding: text is not valid UTF-8 and the file does not say its encoding: add districts.cpg next to it holding the encoding's name, e.g. GBK
}

func ExampleDecodeCSV() {
	data := []byte("id,name,lng,lat,streams\n" +
		"007,东风小学,106.55,29.56,4\n" +
		"\n" +
		"S-2,,106.56,north,3\n")
	_, err := geo.DecodeCSV("schools.csv", data, geo.Spec{}, nil)
	fmt.Println(err)

	firstRow := data[:bytes.Index(data, []byte("\n\n"))]
	feats, err := geo.DecodeCSV("schools.csv", firstRow, geo.Spec{}, nil)
	if err != nil {
		panic(err)
	}
	f := feats[0]
	fmt.Printf("%s %q %v %v\n", f.ID, f.Props["id"], f.Props["streams"], f.Geometry)
	// Output:
	// schools.csv: row 4 (id "S-2"): lat: invalid geometry: want a number, got "north"
	// 007 "007" 4 [106.55 29.56]
}

func ExampleDecodeXLSX() {
	wb := excelize.NewFile()
	rows := [][]any{{"id", "Longitude", "Latitude", "stage"}, {1, 106.55, 29.56, "primary"}, {2, 106.56, 29.57, nil}}
	for r, row := range rows {
		if err := wb.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r+1), &row); err != nil {
			panic(err)
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		panic(err)
	}
	_, err := geo.DecodeXLSX("schools.xlsx", buf.Bytes(), geo.Spec{Required: []string{"stage"}}, nil)
	fmt.Println(err)
	// Output:
	// schools.xlsx (sheet "Sheet1"): row 3 (id "2"): stage: missing required property
}

func ExampleGeoJSONCRSName() {
	data := []byte(`{"type": "FeatureCollection",
	  "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
	  "features": [{"type": "Feature", "properties": {"id": "A"},
	    "geometry": {"type": "Point", "coordinates": [500000.0, 3300000.0]}}]}`)
	name, err := geo.GeoJSONCRSName(data)
	fmt.Println(name, err)

	// Projected coordinates pass Decode only with Spec.Planar.
	_, err = geo.Decode("areas.geojson", data, geo.Spec{})
	fmt.Println(err)
	feats, err := geo.Decode("areas.geojson", data, geo.Spec{Planar: true})
	fmt.Println(feats[0].Geometry, err)
	// Output:
	// urn:ogc:def:crs:EPSG::4547 <nil>
	// areas.geojson: feature 0 (id "A"): geometry: invalid geometry: [500000, 3300000] is no longitude and latitude: these look like projected coordinates (metres or feet); name their coordinate system with crs: in city.yaml
	// [500000 3.3e+06] <nil>
}

func ExampleParseEncoding() {
	for _, cpg := range []string{"UTF-8", "cp936\r\n", "GB2312", "GB18030", "Big5"} {
		enc, err := geo.ParseEncoding(cpg)
		fmt.Println(enc, err)
	}
	// Output:
	// UTF-8 <nil>
	// GBK <nil>
	// GBK <nil>
	// GB18030 <nil>
	// UTF-8 geo: text encoding: "Big5" is not supported; use UTF-8, GBK (also 936, CP936, GB2312) or GB18030
}
