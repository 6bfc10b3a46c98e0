package geo

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// CRS names the datum of lon/lat input coordinates.
type CRS int

const (
	WGS84 CRS = iota // RFC 7946 default; CGCS2000 is treated as WGS84 (centimetres apart).
	GCJ02            // the obfuscated datum of AMap/Tencent maps.
)

// ParseCRS reads "wgs84", "cgcs2000", "gcj02" (case-insensitive, "" = WGS84).
// "gcj-02", "epsg:4326" and "epsg:4490" (CGCS2000) are accepted too.
func ParseCRS(s string) (CRS, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "wgs84", "wgs-84", "cgcs2000", "epsg:4326", "epsg:4490":
		return WGS84, nil
	case "gcj02", "gcj-02":
		return GCJ02, nil
	}
	return WGS84, fmt.Errorf("%w %q: want wgs84, cgcs2000 or gcj02", ErrCRS, s)
}

// String returns "wgs84" or "gcj02".
func (c CRS) String() string {
	switch c {
	case WGS84:
		return "wgs84"
	case GCJ02:
		return "gcj02"
	}
	return fmt.Sprintf("CRS(%d)", int(c))
}

// ToWGS84 converts a lon/lat in datum c to WGS84.
func (c CRS) ToWGS84(p orb.Point) orb.Point {
	if c == GCJ02 {
		return GCJ02ToWGS84(p)
	}
	return p
}

// The GCJ-02 offset is the published formula: a polynomial-and-sine shift
// scaled by the Krasovsky 1940 ellipsoid.
const (
	gcjA  = 6378245.0
	gcjEE = 0.00669342162296594323
)

// inChina is the rough box inside which GCJ-02 shifts coordinates.
func inChina(lon, lat float64) bool {
	return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271
}

func gcjTransformLat(x, y float64) float64 {
	r := -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	r += (160.0*math.Sin(y/12.0*math.Pi) + 320*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	return r
}

func gcjTransformLon(x, y float64) float64 {
	r := 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	r += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	return r
}

// gcjForward applies the GCJ-02 shift without the bounding-box test.
func gcjForward(lon, lat float64) (float64, float64) {
	dLat := gcjTransformLat(lon-105.0, lat-35.0)
	dLon := gcjTransformLon(lon-105.0, lat-35.0)
	radLat := lat / 180.0 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - gcjEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = (dLat * 180.0) / ((gcjA * (1 - gcjEE)) / (magic * sqrtMagic) * math.Pi)
	dLon = (dLon * 180.0) / (gcjA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return lon + dLon, lat + dLat
}

// WGS84ToGCJ02 converts a WGS84 lon/lat to GCJ-02 (identity outside China).
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if !inChina(p[0], p[1]) {
		return p
	}
	lon, lat := gcjForward(p[0], p[1])
	return orb.Point{lon, lat}
}

// GCJ02ToWGS84 converts a GCJ-02 lon/lat to WGS84 (iterative inverse, < 1e-7° error).
//
// The shift is a few hundred metres and varies slowly, so the fixed-point
// iteration w ← w − (fwd(w) − g) contracts fast: three or four steps reach
// 1e-9°.
func GCJ02ToWGS84(p orb.Point) orb.Point {
	if !inChina(p[0], p[1]) {
		return p
	}
	lon, lat := p[0], p[1]
	for range 20 {
		glon, glat := gcjForward(lon, lat)
		dlon, dlat := glon-p[0], glat-p[1]
		lon -= dlon
		lat -= dlat
		if math.Abs(dlon) < 1e-10 && math.Abs(dlat) < 1e-10 {
			break
		}
	}
	return orb.Point{lon, lat}
}
