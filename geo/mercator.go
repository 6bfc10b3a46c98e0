package geo

import "math"

// mercator is the normal Mercator projection: on the ellipsoid (EPSG
// methods 9804 and 9805, e.g. World Mercator EPSG:3395) or, with a sphere,
// Web Mercator (EPSG:3857), which takes WGS 84 latitudes as if they were on
// a sphere of radius a.
type mercator struct {
	lon0   float64 // degrees
	e      float64
	ak0    float64 // a·k0, metres
	fe, fn float64
}

// newMercator returns a Mercator projection with scale k0 on the equator
// (for the 2SP variant, k0 = cos φ1/√(1−e² sin² φ1) of the standard parallel).
func newMercator(el ellipsoid, lon0, k0, fe, fn float64) *mercator {
	return &mercator{lon0: lon0, e: el.ecc(), ak0: el.a * k0, fe: fe, fn: fn}
}

// mercatorK0 returns the equatorial scale of a Mercator projection true at
// latitude lat1.
func mercatorK0(el ellipsoid, lat1 float64) float64 {
	e := el.ecc()
	s, c := math.Sincos(lat1 * deg)
	return c / math.Sqrt(1-e*e*s*s)
}

// forward maps lon/lat in degrees to easting and northing in metres.
func (m *mercator) forward(lon, lat float64) (float64, float64) {
	taup := taupf(math.Tan(lat*deg), m.e)
	return m.fe + m.ak0*normLon(lon-m.lon0)*deg, m.fn + m.ak0*math.Asinh(taup)
}

// inverse maps easting and northing in metres to lon/lat in degrees.
func (m *mercator) inverse(x, y float64) (float64, float64) {
	tau := tauf(math.Sinh((y-m.fn)/m.ak0), m.e)
	return normLon(m.lon0 + (x-m.fe)/m.ak0*rad), math.Atan(tau) * rad
}
