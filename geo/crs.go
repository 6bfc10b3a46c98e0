package geo

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// CRS is a coordinate reference system of input coordinates: a geographic
// one (lon/lat in degrees on a datum) or a projected one (easting and
// northing in a linear unit). The zero value is WGS84.
//
// CRS values are comparable: CRSs read from the same EPSG code are ==, and
// so is a .prj that matches a code's definition (ParseWKT); other .prj texts
// give == CRSs when their names, codes and parameters agree. Axis order is always x =
// longitude or easting, y = latitude or northing, as in GeoJSON, shapefiles
// and GIS software, whatever order the EPSG registry lists.
//
// # Datums
//
// No datum shift is applied: CGCS2000 (China), NAD83 and its realisations
// (HARN, NSRS2007, 2011, CSRS) are read as WGS 84, as PROJ does when it has
// no transformation grid (its "ballpark" transformation). CGCS2000 and WGS 84
// (G1762) agree to a few centimetres; NAD83 is about 1–1.5 m off WGS 84 in
// the conterminous US (more in Alaska and Hawaii), far below the distances a
// school catchment turns on. Datums that need a real shift (Beijing 1954,
// Xian 1980, NAD27, …) are refused, never ignored. GCJ02 is the obfuscated
// datum of AMap and Tencent maps; ToWGS84 undoes it.
type CRS struct {
	def *crsDef // nil for WGS84
}

// crsDef is the immutable definition behind a CRS; the EPSG table and the
// .prj reader hand out one pointer per distinct definition.
type crsDef struct {
	code  int    // EPSG code, 0 when it has none
	name  string // human name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E"
	datum datum
	gcj   bool
	unit  LinearUnit // zero for geographic CRSs
	par   projParams
	proj  mapProjection // nil for geographic CRSs
}

// mapProjection maps lon/lat in degrees to metres on the map and back.
type mapProjection interface {
	forward(lon, lat float64) (x, y float64)
	inverse(x, y float64) (lon, lat float64)
}

// LinearUnit is the unit of projected coordinates.
type LinearUnit struct {
	Name   string // "metre", "US survey foot", "foot", or as a .prj names it
	Length Meters // metres in one unit
}

// The common linear units. The US survey foot is 1200/3937 m exactly; the
// international foot 0.3048 m.
var (
	Metre        = LinearUnit{Name: "metre", Length: 1}
	USSurveyFoot = LinearUnit{Name: "US survey foot", Length: 1200.0 / 3937}
	Foot         = LinearUnit{Name: "foot", Length: 0.3048}
)

// The CRSs known by name.
var (
	WGS84 = CRS{}               // RFC 7946's lon/lat (EPSG:4326, OGC CRS84)
	GCJ02 = CRS{def: &gcj02Def} // the obfuscated datum of AMap and Tencent maps
)

var gcj02Def = crsDef{name: "GCJ-02", gcj: true}

// ParseCRS reads a CRS name as a city.yaml gives it (case-insensitive):
// "wgs84" (or "" or "crs84"), "cgcs2000", "gcj02", or an EPSG code as
// "EPSG:4547", "urn:ogc:def:crs:EPSG::4547" or
// "http://www.opengis.net/def/crs/EPSG/0/4547"; "urn:ogc:def:crs:OGC:1.3:CRS84"
// is WGS84. An unknown or unsupported CRS is an error wrapping ErrCRS that
// lists what is supported.
func ParseCRS(s string) (CRS, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "", "wgs84", "wgs-84", "wgs 84", "crs84", "ogc:crs84", "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84":
		return WGS84, nil
	case "gcj02", "gcj-02":
		return GCJ02, nil
	case "cgcs2000":
		return EPSG(4490)
	}
	code, ok := epsgCode(t)
	if !ok {
		return WGS84, fmt.Errorf("%w %q: %s", ErrCRS, s, supportedCRS)
	}
	c, err := EPSG(code)
	if err != nil {
		return WGS84, fmt.Errorf("%w %q: %s", ErrCRS, s, supportedCRS)
	}
	return c, nil
}

// supportedCRS is the part of an error message that says what is supported.
const supportedCRS = "supported are wgs84, cgcs2000, gcj02, and these EPSG codes: " +
	"lon/lat on WGS 84, CGCS2000, NAD83 and NAD83(HARN) (4326, 4490, 4269, 4152); " +
	"CGCS2000 Gauss-Kruger 6° and 3° zones (4491 to 4554); " +
	"UTM zones on WGS 84 (32601 to 32660 north, 32701 to 32760 south) and on NAD83 (26901 to 26923); " +
	"Web Mercator (3857) and World Mercator (3395); " +
	"Washington State Plane on NAD83 and NAD83(HARN) (2285, 2286, 2855, 2856, 2926, 2927, 32148, 32149); " +
	"other Transverse Mercator, Lambert conic and Mercator systems can be read from a .prj file"

// epsgCode reads the code of "epsg:N", "urn:ogc:def:crs:epsg:[version]:N"
// and "http(s)://www.opengis.net/def/crs/epsg/0/N" (s lower-cased).
func epsgCode(s string) (int, bool) {
	var num string
	switch {
	case strings.HasPrefix(s, "epsg:"):
		num = s[len("epsg:"):]
	case strings.HasPrefix(s, "urn:ogc:def:crs:epsg:"):
		rest := s[len("urn:ogc:def:crs:epsg:"):]
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return 0, false
		}
		num = rest[i+1:]
	case strings.HasPrefix(s, "http://www.opengis.net/def/crs/epsg/0/"), strings.HasPrefix(s, "https://www.opengis.net/def/crs/epsg/0/"):
		num = s[strings.LastIndexByte(s, '/')+1:]
	default:
		return 0, false
	}
	code, err := strconv.Atoi(num)
	if err != nil || code <= 0 {
		return 0, false
	}
	return code, true
}

// EPSG returns the CRS of an EPSG code (see ParseCRS for the supported
// ones). 900913 and 102100, old names of Web Mercator, give EPSG:3857.
func EPSG(code int) (CRS, error) {
	if code == 4326 {
		return WGS84, nil
	}
	d, ok := epsgTable[code]
	if !ok {
		return WGS84, fmt.Errorf("%w EPSG:%d: %s", ErrCRS, code, supportedCRS)
	}
	return CRS{def: d}, nil
}

// Code returns the EPSG code (4326 for WGS84), or 0 for GCJ02 and for a CRS
// read from a .prj file that names none.
func (c CRS) Code() int {
	if c.def == nil {
		return 4326
	}
	return c.def.code
}

// String returns "wgs84", "gcj02", "EPSG:4547" (ParseCRS reads it back), or
// for a CRS from a .prj file without a code, its name in quotes.
func (c CRS) String() string {
	switch {
	case c.def == nil:
		return "wgs84"
	case c.def.gcj:
		return "gcj02"
	case c.def.code != 0:
		return "EPSG:" + strconv.Itoa(c.def.code)
	}
	return strconv.Quote(c.def.name)
}

// Name returns a human name such as "WGS 84", "GCJ-02" or
// "CGCS2000 / 3-degree Gauss-Kruger CM 114E".
func (c CRS) Name() string {
	if c.def == nil {
		return "WGS 84"
	}
	return c.def.name
}

// Geographic reports whether coordinates are lon/lat in degrees.
func (c CRS) Geographic() bool { return c.def == nil || c.def.proj == nil }

// Unit returns the linear unit of a projected CRS (the zero LinearUnit for a
// geographic one).
func (c CRS) Unit() LinearUnit {
	if c.def == nil {
		return LinearUnit{}
	}
	return c.def.unit
}

// ToWGS84 converts a point of c (lon/lat, or easting/northing in c's unit)
// to WGS 84 lon/lat.
func (c CRS) ToWGS84(p orb.Point) orb.Point {
	switch {
	case c.def == nil:
		return p
	case c.def.gcj:
		return GCJ02ToWGS84(p)
	case c.def.proj == nil:
		return p
	}
	u := float64(c.def.unit.Length)
	lon, lat := c.def.proj.inverse(p[0]*u, p[1]*u)
	return orb.Point{lon, lat}
}

// FromWGS84 converts a WGS 84 lon/lat to c, the inverse of ToWGS84.
func (c CRS) FromWGS84(p orb.Point) orb.Point {
	switch {
	case c.def == nil:
		return p
	case c.def.gcj:
		return WGS84ToGCJ02(p)
	case c.def.proj == nil:
		return p
	}
	u := float64(c.def.unit.Length)
	x, y := c.def.proj.forward(p[0], p[1])
	return orb.Point{x / u, y / u}
}
