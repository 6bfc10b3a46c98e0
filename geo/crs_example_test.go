package geo_test

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/schoolplan/schoolplan/geo"
)

func ExampleParseCRS() {
	for _, s := range []string{"", "gcj02", "cgcs2000", "urn:ogc:def:crs:EPSG::4547", "EPSG:2926", "EPSG:4214"} {
		c, err := geo.ParseCRS(s)
		if err != nil {
			fmt.Println("error:", err.Error()[:61], "…")
			continue
		}
		fmt.Printf("%-10s %-5d geographic=%-5v %s\n", c, c.Code(), c.Geographic(), c.Name())
	}
	// Output:
	// wgs84      4326  geographic=true  WGS 84
	// gcj02      0     geographic=true  GCJ-02
	// EPSG:4490  4490  geographic=true  China Geodetic Coordinate System 2000
	// EPSG:4547  4547  geographic=false CGCS2000 / 3-degree Gauss-Kruger CM 114E
	// EPSG:2926  2926  geographic=false NAD83(HARN) / Washington North (ftUS)
	// error: geo: unsupported coordinate system "EPSG:4214": supported are …
}

func ExampleEPSG() {
	utm, err := geo.EPSG(32610) // WGS 84 / UTM zone 10N; cs2cs agrees to the millimetre
	if err != nil {
		panic(err)
	}
	seattle := orb.Point{-122.3328, 47.6061}
	xy := utm.FromWGS84(seattle)
	fmt.Printf("%.3f %.3f %s\n", xy[0], xy[1], utm.Unit().Name)
	back := utm.ToWGS84(xy)
	fmt.Printf("%.7f %.7f\n", back[0], back[1])
	// Output:
	// 550147.696 5272737.025 metre
	// -122.3328000 47.6061000
}

func ExampleCRS_ToWGS84() {
	// A school in Wuhan, as a bureau's CGCS2000 3° Gauss–Krüger map gives it.
	gk, err := geo.ParseCRS("EPSG:4547")
	if err != nil {
		panic(err)
	}
	ll := gk.ToWGS84(orb.Point{531207.22, 3387211.79})
	fmt.Printf("%.6f %.6f\n", ll[0], ll[1])
	xy := gk.FromWGS84(ll)
	fmt.Printf("%.2f %.2f\n", xy[0], xy[1])
	// Output:
	// 114.325428 30.604860
	// 531207.22 3387211.79
}

func ExampleParseWKT() {
	// The .prj an ESRI shapefile of Washington State Plane North carries.
	prj := `PROJCS["NAD_1983_HARN_StatePlane_Washington_North_FIPS_4601_Feet",` +
		`GEOGCS["GCS_North_American_1983_HARN",DATUM["D_North_American_1983_HARN",` +
		`SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],` +
		`UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],` +
		`PARAMETER["False_Easting",1640416.667],PARAMETER["False_Northing",0.0],` +
		`PARAMETER["Central_Meridian",-120.833333333333],PARAMETER["Standard_Parallel_1",48.7333333333333],` +
		`PARAMETER["Standard_Parallel_2",47.5],PARAMETER["Latitude_Of_Origin",47.0],` +
		`UNIT["US survey foot",0.304800609601219]]`
	c, err := geo.ParseWKT(prj)
	if err != nil {
		panic(err)
	}
	fmt.Println(c, c.Name(), "in", c.Unit().Name)

	_, err = geo.ParseWKT(`GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",` +
		`SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`)
	fmt.Println(err)
	// Output:
	// EPSG:2926 NAD83(HARN) / Washington North (ftUS) in US survey foot
	// geo: unsupported coordinate system: datum "D_Beijing_1954" needs a datum shift to WGS 84 (tens to hundreds of metres), which is not supported: reproject the data to WGS 84, CGCS2000 or NAD83 first (for example ogr2ogr -t_srs EPSG:4326)
}
