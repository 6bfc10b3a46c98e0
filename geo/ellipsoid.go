package geo

import "math"

// ellipsoid is an ellipsoid of revolution: semi-major axis a in metres and
// inverse flattening rf (0 for a sphere).
type ellipsoid struct {
	a, rf float64
}

// The ellipsoids of the supported datums. GRS 1980 is the ellipsoid of both
// NAD83 and CGCS2000 (whose published inverse flattening is GRS 1980's).
var (
	ellWGS84  = ellipsoid{a: 6378137, rf: 298.257223563}
	ellGRS80  = ellipsoid{a: 6378137, rf: 298.257222101}
	ellSphere = ellipsoid{a: 6378137} // Web Mercator's sphere
)

// flattening returns f (0 for a sphere).
func (el ellipsoid) flattening() float64 {
	if el.rf == 0 {
		return 0
	}
	return 1 / el.rf
}

// ecc returns the first eccentricity e.
func (el ellipsoid) ecc() float64 {
	f := el.flattening()
	return math.Sqrt(f * (2 - f))
}

// Conformal latitude χ is handled through τ = tan φ and τ' = tan χ (Karney
// 2011, "Transverse Mercator with an accuracy of a few nanometers", eqs. 7–9
// and 19–21): τ' has a closed form in τ, and τ follows from τ' by Newton's
// method in two or three steps.

// taupf returns τ' = tan χ for τ = tan φ on an ellipsoid of eccentricity e.
func taupf(tau, e float64) float64 {
	tau1 := math.Hypot(1, tau)
	sig := math.Sinh(e * math.Atanh(e*tau/tau1))
	return math.Hypot(1, sig)*tau - sig*tau1
}

// tauf inverts taupf.
func tauf(taup, e float64) float64 {
	const numit = 5
	tol := math.Sqrt(2.220446049250313e-16) / 10 * max(1, math.Abs(taup))
	e2m := 1 - e*e
	tau := taup / e2m
	for range numit {
		tau1 := math.Hypot(1, tau)
		taupa := taupf(tau, e)
		dtau := (taup - taupa) * (1 + e2m*tau*tau) / (e2m * tau1 * math.Hypot(1, taupa))
		tau += dtau
		if !(math.Abs(dtau) >= tol) {
			break
		}
	}
	return tau
}

// isoT returns t = tan(π/4 − χ/2) = √(1+τ'²) − τ', the quantity of Snyder's
// Lambert and Mercator formulas, without cancellation.
func isoT(taup float64) float64 {
	h := math.Hypot(1, taup)
	if taup > 0 {
		return 1 / (h + taup)
	}
	return h - taup
}

// degree and radian conversions.
const (
	deg = math.Pi / 180
	rad = 180 / math.Pi
)

// normLon wraps a longitude difference in degrees into [-180, 180].
func normLon(d float64) float64 {
	return math.Remainder(d, 360)
}
