package geo

import "math"

// tmerc is the ellipsoidal Transverse Mercator projection (Gauss–Krüger,
// UTM) by Krüger's series in the third flattening n to order n⁶, in the
// form of Karney (2011), "Transverse Mercator with an accuracy of a few
// nanometers", J. Geodesy 85, eqs. 35–36 — the series PROJ's tmerc uses.
// Karney shows it accurate to 5 nm within 3900 km of the central meridian;
// it agrees with cs2cs to within 10 nm across every zone tested
// (TestCRSAgainstCS2CS).
type tmerc struct {
	lon0   float64 // central meridian, degrees
	e      float64 // eccentricity
	k0A    float64 // scale factor times the rectifying radius A, metres
	fe, fn float64 // false easting and northing, metres
	y0     float64 // northing of the latitude of origin on the central meridian
	alp    [7]float64
	bet    [7]float64 // alp[j], bet[j] for j = 1..6
}

func newTmerc(el ellipsoid, lon0, lat0, k0, fe, fn float64) *tmerc {
	f := el.flattening()
	n := f / (2 - f)
	n2 := n * n
	t := &tmerc{lon0: lon0, e: el.ecc(), fe: fe, fn: fn}
	t.k0A = k0 * el.a / (1 + n) * (1 + n2*(1.0/4+n2*(1.0/64+n2/256)))
	t.alp = krugerAlpha(n)
	t.bet = krugerBeta(n)
	if lat0 != 0 {
		taup := taupf(math.Tan(lat0*deg), t.e)
		xip := math.Atan(taup)
		xi := xip
		for j := 1; j <= 6; j++ {
			xi += t.alp[j] * math.Sin(2*float64(j)*xip)
		}
		t.y0 = t.k0A * xi
	}
	return t
}

// krugerAlpha returns the coefficients of the series from conformal to
// rectifying coordinates (Karney 2011, eq. 35).
func krugerAlpha(n float64) [7]float64 {
	var a [7]float64
	a[1] = n * (1.0/2 + n*(-2.0/3+n*(5.0/16+n*(41.0/180+n*(-127.0/288+n*7891.0/37800)))))
	a[2] = n * n * (13.0/48 + n*(-3.0/5+n*(557.0/1440+n*(281.0/630+n*-1983433.0/1935360))))
	a[3] = n * n * n * (61.0/240 + n*(-103.0/140+n*(15061.0/26880+n*167603.0/181440)))
	a[4] = n * n * n * n * (49561.0/161280 + n*(-179.0/168+n*6601661.0/7257600))
	a[5] = n * n * n * n * n * (34729.0/80640 + n*-3418889.0/1995840)
	a[6] = n * n * n * n * n * n * 212378941.0 / 319334400
	return a
}

// krugerBeta returns the coefficients of the inverse series (Karney 2011,
// eq. 36).
func krugerBeta(n float64) [7]float64 {
	var b [7]float64
	b[1] = n * (1.0/2 + n*(-2.0/3+n*(37.0/96+n*(-1.0/360+n*(-81.0/512+n*96199.0/604800)))))
	b[2] = n * n * (1.0/48 + n*(1.0/15+n*(-437.0/1440+n*(46.0/105+n*-1118711.0/3870720))))
	b[3] = n * n * n * (17.0/480 + n*(-37.0/840+n*(-209.0/4480+n*5569.0/90720)))
	b[4] = n * n * n * n * (4397.0/161280 + n*(-11.0/504+n*-830251.0/7257600))
	b[5] = n * n * n * n * n * (4583.0/161280 + n*-108847.0/3991680)
	b[6] = n * n * n * n * n * n * 20648693.0 / 638668800
	return b
}

// clenshaw returns ζ + sgn·Σ c[j] sin(2jζ) for the complex ζ = ξ + iη, by
// Clenshaw's recurrence on 2cos 2ζ, so that one sincos and one exp serve all
// six terms.
func clenshaw(c *[7]float64, sgn, xi, eta float64) (float64, float64) {
	s, co := math.Sincos(2 * xi)
	ex := math.Exp(2 * eta)
	sh, ch := (ex-1/ex)/2, (ex+1/ex)/2
	ar, ai := 2*co*ch, -2*s*sh // 2 cos 2ζ
	var y0r, y0i, y1r, y1i float64
	for j := 6; j >= 1; j-- {
		// y0, y1 = a·y0 − y1 + c[j], y0
		nr := ar*y0r - ai*y0i - y1r + sgn*c[j]
		ni := ar*y0i + ai*y0r - y1i
		y1r, y1i = y0r, y0i
		y0r, y0i = nr, ni
	}
	sr, si := s*ch, co*sh // sin 2ζ
	return xi + y0r*sr - y0i*si, eta + y0r*si + y0i*sr
}

// forward maps lon/lat in degrees to easting and northing in metres.
func (t *tmerc) forward(lon, lat float64) (float64, float64) {
	sinLam, cosLam := math.Sincos(normLon(lon-t.lon0) * deg)
	taup := taupf(math.Tan(lat*deg), t.e)
	xip := math.Atan2(taup, cosLam)
	etap := math.Asinh(sinLam / math.Hypot(taup, cosLam))
	xi, eta := clenshaw(&t.alp, 1, xip, etap)
	return t.fe + t.k0A*eta, t.fn + t.k0A*xi - t.y0
}

// inverse maps easting and northing in metres to lon/lat in degrees.
func (t *tmerc) inverse(x, y float64) (float64, float64) {
	xi := (y - t.fn + t.y0) / t.k0A
	eta := (x - t.fe) / t.k0A
	xip, etap := clenshaw(&t.bet, -1, xi, eta)
	s := math.Sinh(etap)
	c := max(0, math.Cos(xip))
	r := math.Hypot(s, c)
	lam := math.Atan2(s, c)
	tau := tauf(math.Sin(xip)/r, t.e)
	return normLon(t.lon0 + lam*rad), math.Atan(tau) * rad
}
