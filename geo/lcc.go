package geo

import "math"

// lcc is the Lambert Conformal Conic projection on the ellipsoid, with one
// standard parallel and a scale factor (EPSG method 9801) or two standard
// parallels (9802, the US State Plane zones), after Snyder (1987), "Map
// Projections — A Working Manual", eqs. 15-1 to 15-11; the isometric t is
// computed through the conformal latitude (ellipsoid.go).
type lcc struct {
	lon0   float64 // central meridian, degrees
	e      float64
	n      float64 // cone constant
	aF     float64 // a·F·k0, metres
	r0     float64 // radius of the latitude of origin, metres
	fe, fn float64 // false easting and northing at the origin, metres
}

// newLCC returns a Lambert projection with standard parallels lat1 and lat2
// (equal for one standard parallel, then k0 scales it) and the false origin
// at (lon0, lat0).
func newLCC(el ellipsoid, lon0, lat0, lat1, lat2, k0, fe, fn float64) *lcc {
	e := el.ecc()
	l := &lcc{lon0: lon0, e: e, fe: fe, fn: fn}
	m := func(lat float64) float64 {
		s, c := math.Sincos(lat * deg)
		return c / math.Sqrt(1-e*e*s*s)
	}
	t := func(lat float64) float64 { return isoT(taupf(math.Tan(lat*deg), e)) }
	m1, t1 := m(lat1), t(lat1)
	if lat1 == lat2 {
		l.n = math.Sin(lat1 * deg)
	} else {
		l.n = (math.Log(m1) - math.Log(m(lat2))) / (math.Log(t1) - math.Log(t(lat2)))
	}
	l.aF = el.a * k0 * m1 / (l.n * math.Pow(t1, l.n))
	l.r0 = l.aF * math.Pow(t(lat0), l.n)
	return l
}

// forward maps lon/lat in degrees to easting and northing in metres.
func (l *lcc) forward(lon, lat float64) (float64, float64) {
	r := l.aF * math.Pow(isoT(taupf(math.Tan(lat*deg), l.e)), l.n)
	s, c := math.Sincos(l.n * normLon(lon-l.lon0) * deg)
	return l.fe + r*s, l.fn + l.r0 - r*c
}

// inverse maps easting and northing in metres to lon/lat in degrees.
func (l *lcc) inverse(x, y float64) (float64, float64) {
	dx, dy := x-l.fe, l.r0-(y-l.fn)
	if l.n < 0 {
		dx, dy = -dx, -dy
	}
	r := math.Hypot(dx, dy)
	theta := math.Atan2(dx, dy)
	t := math.Pow(r/math.Abs(l.aF), 1/l.n)
	tau := tauf((1/t-t)/2, l.e)
	return normLon(l.lon0 + theta/l.n*rad), math.Atan(tau) * rad
}
