package geo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// readPrj returns a test .prj file's text.
func readPrj(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "prj", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestParseWKTFiles reads the .prj files GDAL writes, in both flavours.
func TestParseWKTFiles(t *testing.T) {
	tests := []struct {
		code    int    // EPSG code of the file
		want    string // String() of the CRS read, "" for an error
		wantErr string // part of the error message
	}{
		{4326, "wgs84", ""},
		{4490, "EPSG:4490", ""},
		{4269, "EPSG:4269", ""},
		{4152, "EPSG:4152", ""},
		{4547, "EPSG:4547", ""},
		{4491, "EPSG:4491", ""},
		{4513, "EPSG:4513", ""},
		{4502, "EPSG:4502", ""},
		{32610, "EPSG:32610", ""},
		{32750, "EPSG:32750", ""},
		{26910, "EPSG:26910", ""},
		{3857, "EPSG:3857", ""},
		{3395, "EPSG:3395", ""},
		{2926, "EPSG:2926", ""},
		{2927, "EPSG:2927", ""},
		{2285, "EPSG:2285", ""},
		{32148, "EPSG:32148", ""},
		{2855, "EPSG:2855", ""},
		{4214, "", "Beijing_1954\" needs a datum shift"},
		{2436, "", "Beijing_1954\" needs a datum shift"},
		{4610, "", "Xian_1980\" needs a datum shift"},
		{2383, "", "Xian_1980\" needs a datum shift"},
		{4267, "", "1927\" needs a datum shift"},
		{26710, "", "1927\" needs a datum shift"},
	}
	for _, tt := range tests {
		for _, flavour := range []string{"esri", "ogc"} {
			name := "epsg" + itoa(tt.code) + "." + flavour + ".prj"
			t.Run(name, func(t *testing.T) {
				c, err := ParseWKT(readPrj(t, name))
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrCRS) {
						t.Fatalf("ParseWKT = %v, %v; want an ErrCRS containing %q", c, err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatalf("ParseWKT: %v", err)
				}
				if c.String() != tt.want || c.Code() != tt.code {
					t.Errorf("ParseWKT = %v (code %d), want %s", c, c.Code(), tt.want)
				}
				if byCode := mustEPSG(tt.code); c != byCode {
					t.Errorf("ParseWKT = %#v, not == EPSG(%d)", c, tt.code)
				}
			})
		}
	}
}

func itoa(n int) string {
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestParseWKTOutsideTable reads .prj files of systems not in the EPSG
// table: each must project exactly as the table's system with the same
// parameters on a sibling datum.
func TestParseWKTOutsideTable(t *testing.T) {
	tests := []struct {
		file     string
		twin     int // same projection parameters, another datum
		wantCode int
	}{
		{"epsg3740.esri.prj", 26910, 0}, // NAD83(HARN) / UTM 10N
		{"epsg3740.ogc.prj", 26910, 3740},
		{"epsg6597.esri.prj", 2285, 0}, // NAD83(2011) / Washington North (ftUS)
		{"epsg6597.ogc.prj", 2285, 6597},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			text := readPrj(t, tt.file)
			c, err := ParseWKT(text)
			if err != nil {
				t.Fatal(err)
			}
			twin := mustEPSG(tt.twin)
			if c == twin || c.Code() != tt.wantCode || c.Geographic() || c.Unit() != twin.Unit() {
				t.Errorf("ParseWKT = %v code %d unit %v; want a CRS apart from %v with code %d, unit %v",
					c, c.Code(), c.Unit(), twin, tt.wantCode, twin.Unit())
			}
			again, err := ParseWKT(text)
			if err != nil || again != c {
				t.Errorf("reading the same text twice gave %#v, %v; want == %#v", again, err, c)
			}
			for _, p := range []orb.Point{{-123, 47}, {-121.5, 48.2}, {-117.2, 49}} {
				// .prj files give angles to 15 digits: 1e-13° is 1e-8 m.
				nearPoint(t, c.FromWGS84(p), twin.FromWGS84(p), 1e-6, "FromWGS84")
				q := twin.FromWGS84(p)
				nearPoint(t, c.ToWGS84(q), p, 1e-11, "ToWGS84")
			}
		})
	}
}

// wktCustom are systems written by hand, with the PROJ string cs2cs checks
// them against (TestWKTAgainstCS2CS) and a point inside.
var wktCustom = []struct {
	name, wkt, proj string
	at              orb.Point
	origin          orb.Point // lon/lat of the false origin
	fe, fn          float64   // its easting and northing in the unit
}{
	{
		"OGC LCC 1SP",
		`PROJCS["test lcc 1sp",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],
		PROJECTION["Lambert_Conformal_Conic_1SP"],PARAMETER["latitude_of_origin",45],PARAMETER["central_meridian",-100],
		PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",1000],PARAMETER["false_northing",2000],UNIT["metre",1]]`,
		"+proj=lcc +lat_1=45 +lat_0=45 +lon_0=-100 +k_0=0.9999 +x_0=1000 +y_0=2000 +datum=WGS84 +units=m",
		orb.Point{-97.3, 47.2}, orb.Point{-100, 45}, 1000, 2000,
	},
	{
		"ESRI LCC one parallel",
		`PROJCS["test_lcc_esri",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],
		PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",10.0],
		PARAMETER["Standard_Parallel_1",52.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",52.0],UNIT["Meter",1.0]]`,
		"+proj=lcc +lat_1=52 +lat_0=52 +lon_0=10 +k_0=0.9996 +x_0=0 +y_0=0 +datum=WGS84 +units=m",
		orb.Point{13.4, 52.5}, orb.Point{10, 52}, 0, 0,
	},
	{
		"OGC Mercator 2SP",
		`PROJCS["test merc 2sp",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],
		PROJECTION["Mercator_2SP"],PARAMETER["standard_parallel_1",41],PARAMETER["central_meridian",51],
		PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1]]`,
		"+proj=merc +lat_ts=41 +lon_0=51 +x_0=0 +y_0=0 +datum=WGS84 +units=m",
		orb.Point{53.1, 39.9}, orb.Point{51, 0}, 0, 0,
	},
	{
		"TM in international feet off the equator",
		`PROJCS["test tm ft",GEOGCS["NAD83",DATUM["North_American_Datum_1983",SPHEROID["GRS 1980",6378137,298.257222101],TOWGS84[0,0,0,0,0,0,0]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],
		PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",31],PARAMETER["central_meridian",-110.1666666666667],
		PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",700000],PARAMETER["false_northing",0],UNIT["foot",0.3048]]`,
		"+proj=tmerc +lat_0=31 +lon_0=-110.1666666666667 +k=0.9999 +x_0=213360 +y_0=0 +ellps=GRS80 +units=ft",
		orb.Point{-111.9, 33.4}, orb.Point{-110.1666666666667, 31}, 700000, 0,
	},
}

// TestParseWKTCustom checks hand-written systems at their false origin and
// by round trip.
func TestParseWKTCustom(t *testing.T) {
	for _, tt := range wktCustom {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseWKT(tt.wkt)
			if err != nil {
				t.Fatal(err)
			}
			if c.Code() != 0 || c.Geographic() {
				t.Errorf("%v: code %d, geographic %v", c, c.Code(), c.Geographic())
			}
			nearPoint(t, c.FromWGS84(tt.origin), orb.Point{tt.fe, tt.fn}, 1e-6, "false origin")
			nearPoint(t, c.ToWGS84(c.FromWGS84(tt.at)), tt.at, 1e-11, "round trip")
		})
	}
}

func TestParseWKTErrors(t *testing.T) {
	geog := `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
	tm := func(params string) string {
		return `PROJCS["x",` + geog + `,PROJECTION["Transverse_Mercator"],` + params + `,UNIT["Meter",1.0]]`
	}
	full := `PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0]`
	tests := []struct {
		name, wkt string
		sentinel  error
		want      []string // parts of the message, in order
	}{
		{"empty", "", ErrWKT, []string{"empty"}},
		{"not closed", `GEOGCS["x",DATUM["y"`, ErrWKT, []string{"not closed"}},
		{"trailing text", geog + "]", ErrWKT, []string{"after the end"}},
		{"unclosed quote", `GEOGCS["x]`, ErrWKT, []string{"quoted name is not closed"}},
		{"bad number", `GEOGCS["x",1.2.3]`, ErrWKT, []string{"bad number"}},
		{"too deep", strings.Repeat("A[", 40) + strings.Repeat("]", 40), ErrWKT, []string{"nested more than"}},
		{"WKT2", `GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]]]`, ErrCRS, []string{"WKT2"}},
		{"compound", `COMPD_CS["x",` + geog + `]`, ErrCRS, []string{"COMPD_CS"}},
		{"unknown projection", `PROJCS["x",` + geog + `,PROJECTION["Albers"],` + full + `,UNIT["Meter",1.0]]`, ErrCRS, []string{`PROJECTION "Albers" is not supported`}},
		{"missing parameter", tm(`PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Latitude_Of_Origin",0.0]`), ErrCRS, []string{`PARAMETER["scale_factor", …] is missing`}},
		{"every problem", tm(`PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],PARAMETER["Azimuth",3]`),
			ErrCRS, []string{"2 problems", `PARAMETER["false_northing", …] is missing`, `PARAMETER "Azimuth" is not used`}},
		{"parameter twice", tm(full + `,PARAMETER["Scale_Factor",1.0]`), ErrCRS, []string{`"Scale_Factor" is given twice`}},
		{"Paris meridian", `GEOGCS["x",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Paris",2.33722917],UNIT["Degree",0.0174532925199433]]`, ErrCRS, []string{"Greenwich"}},
		{"grads", `GEOGCS["x",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0],UNIT["Grad",0.01570796326794897]]`, ErrCRS, []string{"degrees"}},
		{"datum shift", `GEOGCS["x",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563],TOWGS84[1,2,3,0,0,0,0]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]`, ErrCRS, []string{"TOWGS84 asks for a datum shift"}},
		{"unknown datum", strings.Replace(geog, "D_WGS_1984", "D_ETRS_1989", 1), ErrCRS, []string{`datum "D_ETRS_1989" is not supported`}},
		{"authority mismatch", strings.Replace(readPrjText("epsg4547.ogc.prj"), `"central_meridian",114`, `"central_meridian",117`, 1), ErrCRS, []string{"says it is EPSG:4547 but its parameters differ"}},
		{"Lambert on the equator", `PROJCS["x",` + geog + `,PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",0],PARAMETER["standard_parallel_1",10],PARAMETER["standard_parallel_2",-10],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1]]`, ErrCRS, []string{"not a cone"}},
		{"auxiliary sphere type", `PROJCS["x",` + geog + `,PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",2.0],UNIT["Meter",1.0]]`, ErrCRS, []string{"Auxiliary_Sphere_Type 0"}},
		{"PROJ4 extension on TM", strings.Replace(tm(full), `UNIT["Meter",1.0]]`, `UNIT["Meter",1.0],EXTENSION["PROJ4","+proj=tmerc +lon_0=3"]]`, 1), ErrCRS, []string{"EXTENSION \"+proj=tmerc +lon_0=3\" is not read"}},
		{"zero unit", strings.Replace(tm(full), `UNIT["Meter",1.0]]`, `UNIT["Meter",0]]`, 1), ErrCRS, []string{"positive length"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseWKT(tt.wkt)
			if err == nil {
				t.Fatalf("ParseWKT = %v, want an error", c)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v is not %v", err, tt.sentinel)
			}
			msg := err.Error()
			for _, w := range tt.want {
				i := strings.Index(msg, w)
				if i < 0 {
					t.Fatalf("error %q lacks %q", msg, w)
				}
				msg = msg[i+len(w):]
			}
		})
	}
}

// readPrjText is readPrj for table literals.
func readPrjText(name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", "prj", name))
	if err != nil {
		panic(err)
	}
	return string(b)
}

func FuzzParseWKT(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "prj", "*.prj"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	for _, c := range wktCustom {
		f.Add(c.wkt)
	}
	f.Fuzz(func(t *testing.T, wkt string) {
		c, err := ParseWKT(wkt)
		if err != nil {
			if c != WGS84 {
				t.Fatalf("ParseWKT failed with a CRS %v: %v", c, err)
			}
			if !errors.Is(err, ErrCRS) && !errors.Is(err, ErrWKT) {
				t.Fatalf("error %v wraps neither ErrCRS nor ErrWKT", err)
			}
			return
		}
		if c.String() == "" || c.Name() == "" && c != WGS84 {
			t.Fatalf("CRS %#v has no name", c)
		}
		again, err := ParseWKT(wkt)
		if err != nil || again != c {
			t.Fatalf("second read gave %v, %v; first %v", again, err, c)
		}
		_ = c.ToWGS84(c.FromWGS84(orb.Point{1, 1}))
	})
}
