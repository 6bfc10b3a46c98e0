package engine_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// Every problem of a shapefile's .prj names the layer file and its crs.
func TestLayerPRJProblems(t *testing.T) {
	const cgcs = `DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]`
	tests := []struct {
		name, prj string
		want      []string
	}{
		{"good", `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",` + cgcs + `,PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`, nil},
		{"two problems", `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",` + cgcs + `,NITPRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`, []string{
			"city/districts.shp: crs: its .prj file: geo: unsupported coordinate system: GEOGCS: NITPRIMEM[…] is not supported",
			`city/districts.shp: crs: its .prj file: geo: unsupported coordinate system: GEOGCS "GCS_China_Geodetic_Coordinate_System_2000" has no PRIMEM`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := tinyFS(t, map[string]string{"districts.geojson": ""})
			for _, ext := range []string{"shp", "dbf", "cpg"} {
				data, err := os.ReadFile(filepath.Join("testdata", "tinyshp", "districts."+ext))
				if err != nil {
					t.Fatal(err)
				}
				fsys["city/districts."+ext] = &fstest.MapFile{Data: data}
			}
			fsys["city/districts.prj"] = &fstest.MapFile{Data: []byte(tc.prj)}
			_, err := engine.LoadCityFS(fsys, "city", "city")
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var list geo.Errors
			if !errors.As(err, &list) || len(list) != len(tc.want) {
				t.Fatalf("err %v, want %d problems", err, len(tc.want))
			}
			for i, e := range list {
				if e.Error() != tc.want[i] {
					t.Errorf("got  %s\nwant %s", e, tc.want[i])
				}
			}
		})
	}
}
