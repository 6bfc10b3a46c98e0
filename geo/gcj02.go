package geo

import (
	"math"

	"github.com/paulmach/orb"
)

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
