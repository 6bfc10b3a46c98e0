package geo

import "fmt"

// datum names the geodetic datum of a CRS. All of them are read as WGS 84
// (see CRS); they are kept apart so that CRSs on different datums differ.
type datum uint8

const (
	datumWGS84 datum = iota
	datumCGCS2000
	datumNAD83
	datumNAD83HARN
	datumNAD83Other // NAD83(2011), NAD83(NSRS2007), NAD83(CORS96), NAD83(CSRS)
)

// method is a map projection method.
type method uint8

const (
	methodNone     method = iota // geographic
	methodTM                     // Transverse Mercator, Gauss–Krüger, UTM
	methodLCC                    // Lambert Conformal Conic, 1 or 2 standard parallels
	methodMercator               // Mercator on the ellipsoid, or Web Mercator on a sphere
)

// projParams are the parameters of a projected CRS: angles in degrees,
// false easting and northing in metres. For Lambert, lat1 and lat2 are the
// standard parallels (equal for one, then k0 applies); for Mercator, k0 is
// the scale on the equator.
type projParams struct {
	method                     method
	ell                        ellipsoid
	lon0, lat0, lat1, lat2, k0 float64
	fe, fn                     float64
}

// newProj builds the projection of p.
func newProj(p projParams) mapProjection {
	switch p.method {
	case methodTM:
		return newTmerc(p.ell, p.lon0, p.lat0, p.k0, p.fe, p.fn)
	case methodLCC:
		return newLCC(p.ell, p.lon0, p.lat0, p.lat1, p.lat2, p.k0, p.fe, p.fn)
	case methodMercator:
		return newMercator(p.ell, p.lon0, p.k0, p.fe, p.fn)
	}
	return nil
}

// newDef returns the definition of a CRS; p.method == methodNone makes a
// geographic one.
func newDef(code int, name string, d datum, unit LinearUnit, p projParams) *crsDef {
	def := &crsDef{code: code, name: name, datum: d, par: p}
	if p.method != methodNone {
		def.unit = unit
		def.proj = newProj(p)
	}
	return def
}

// usFt converts US survey feet to metres, as EPSG gives the false origins
// of the State Plane zones in feet.
func usFt(ft float64) float64 { return ft * 1200 / 3937 }

// dms returns degrees and minutes as degrees.
func dms(d, m float64) float64 {
	if d < 0 {
		return d - m/60
	}
	return d + m/60
}

// epsgTable holds every CRS ParseCRS knows by EPSG code except 4326
// (WGS84, the zero CRS). Parameters are those of the EPSG registry.
var epsgTable = buildEPSG()

func buildEPSG() map[int]*crsDef {
	t := map[int]*crsDef{}
	geog := func(code int, name string, d datum) {
		t[code] = newDef(code, name, d, LinearUnit{}, projParams{})
	}
	geog(4490, "China Geodetic Coordinate System 2000", datumCGCS2000)
	geog(4269, "NAD83", datumNAD83)
	geog(4152, "NAD83(HARN)", datumNAD83HARN)
	addGaussKruger(t)
	addUTM(t)
	addMercator(t)
	addStatePlane(t)
	return t
}

// addGaussKruger adds the CGCS2000 Gauss–Krüger zones: 6° zones 13–23
// (4491–4501, zone number prefixed to the false easting) and by central
// meridian 75°E–135°E (4502–4512); 3° zones 25–45 (4513–4533, prefixed) and
// by central meridian (4534–4554).
func addGaussKruger(t map[int]*crsDef) {
	gk := func(code int, name string, lon0, fe float64) {
		p := projParams{method: methodTM, ell: ellGRS80, lon0: lon0, k0: 1, fe: fe}
		t[code] = newDef(code, name, datumCGCS2000, Metre, p)
	}
	for z := 13; z <= 23; z++ {
		cm := float64(6*z - 3)
		gk(4491+z-13, fmt.Sprintf("CGCS2000 / Gauss-Kruger zone %d", z), cm, float64(z)*1e6+5e5)
		gk(4502+z-13, fmt.Sprintf("CGCS2000 / Gauss-Kruger CM %.0fE", cm), cm, 5e5)
	}
	for z := 25; z <= 45; z++ {
		cm := float64(3 * z)
		gk(4513+z-25, fmt.Sprintf("CGCS2000 / 3-degree Gauss-Kruger zone %d", z), cm, float64(z)*1e6+5e5)
		gk(4534+z-25, fmt.Sprintf("CGCS2000 / 3-degree Gauss-Kruger CM %.0fE", cm), cm, 5e5)
	}
}

// addUTM adds UTM on WGS 84 (north 326zz, south 327zz) and on NAD83
// (269zz, zones 1–23).
func addUTM(t map[int]*crsDef) {
	utm := func(code int, name string, d datum, el ellipsoid, zone int, south bool) {
		p := projParams{method: methodTM, ell: el, lon0: float64(6*zone - 183), k0: 0.9996, fe: 5e5}
		if south {
			p.fn = 1e7
		}
		t[code] = newDef(code, name, d, Metre, p)
	}
	for z := 1; z <= 60; z++ {
		utm(32600+z, fmt.Sprintf("WGS 84 / UTM zone %dN", z), datumWGS84, ellWGS84, z, false)
		utm(32700+z, fmt.Sprintf("WGS 84 / UTM zone %dS", z), datumWGS84, ellWGS84, z, true)
	}
	for z := 1; z <= 23; z++ {
		utm(26900+z, fmt.Sprintf("NAD83 / UTM zone %dN", z), datumNAD83, ellGRS80, z, false)
	}
}

// addMercator adds Web Mercator (3857, also under its unofficial codes
// 900913 and 102100) and World Mercator (3395).
func addMercator(t map[int]*crsDef) {
	web := newDef(3857, "WGS 84 / Pseudo-Mercator", datumWGS84, Metre,
		projParams{method: methodMercator, ell: ellSphere, k0: 1})
	t[3857], t[900913], t[102100] = web, web, web
	t[3395] = newDef(3395, "WGS 84 / World Mercator", datumWGS84, Metre,
		projParams{method: methodMercator, ell: ellWGS84, k0: 1})
}

// addStatePlane adds the Washington State Plane zones (Lambert conic, two
// standard parallels) on NAD83 and NAD83(HARN), in metres and US feet.
func addStatePlane(t map[int]*crsDef) {
	north := projParams{method: methodLCC, ell: ellGRS80, lon0: dms(-120, 50), lat0: 47,
		lat1: dms(48, 44), lat2: dms(47, 30), k0: 1}
	south := projParams{method: methodLCC, ell: ellGRS80, lon0: -120.5, lat0: dms(45, 20),
		lat1: dms(47, 20), lat2: dms(45, 50), k0: 1}
	zones := []struct {
		code  int
		name  string
		d     datum
		p     projParams
		unit  LinearUnit
		feNat float64 // false easting in the unit
	}{
		{32148, "NAD83 / Washington North", datumNAD83, north, Metre, 500000},
		{32149, "NAD83 / Washington South", datumNAD83, south, Metre, 500000},
		{2285, "NAD83 / Washington North (ftUS)", datumNAD83, north, USSurveyFoot, 1640416.667},
		{2286, "NAD83 / Washington South (ftUS)", datumNAD83, south, USSurveyFoot, 1640416.667},
		{2855, "NAD83(HARN) / Washington North", datumNAD83HARN, north, Metre, 500000},
		{2856, "NAD83(HARN) / Washington South", datumNAD83HARN, south, Metre, 500000},
		{2926, "NAD83(HARN) / Washington North (ftUS)", datumNAD83HARN, north, USSurveyFoot, 1640416.667},
		{2927, "NAD83(HARN) / Washington South (ftUS)", datumNAD83HARN, south, USSurveyFoot, 1640416.667},
	}
	for _, z := range zones {
		p := z.p
		p.fe = z.feNat
		if z.unit == USSurveyFoot {
			p.fe = usFt(z.feNat)
		}
		t[z.code] = newDef(z.code, z.name, z.d, z.unit, p)
	}
}
