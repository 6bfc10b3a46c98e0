package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/internal/approx"
)

func TestProjectionRoundTrip(t *testing.T) {
	rng := newRand(t)
	origins := []struct {
		name   string
		origin orb.Point
	}{
		{"chongqing", orb.Point{106.55, 29.56}},
		{"seattle", orb.Point{-122.33, 47.61}},
		{"equator", orb.Point{0, 0}},
		{"far north", orb.Point{25, 69}},
	}
	for _, o := range origins {
		t.Run(o.name, func(t *testing.T) {
			p := NewProjection(o.origin)
			nearPoint(t, p.Origin(), o.origin, 0, "Origin")
			nearPoint(t, p.Forward(o.origin), orb.Point{}, 0, "Forward(origin)")
			for range 1000 {
				ll := orb.Point{o.origin[0] + (rng.Float64()-0.5)*2, o.origin[1] + (rng.Float64()-0.5)*2}
				if !nearPoint(t, p.Inverse(p.Forward(ll)), ll, 1e-11, "Inverse(Forward)") {
					t.Fatalf("at %v", ll)
				}
				xy := orb.Point{(rng.Float64() - 0.5) * 2e5, (rng.Float64() - 0.5) * 2e5}
				if !nearPoint(t, p.Forward(p.Inverse(xy)), xy, 1e-6, "Forward(Inverse)") {
					t.Fatalf("at %v", xy)
				}
			}
		})
	}
}

// TestProjectionDistance compares projected distances within a 100 km city
// with ellipsoidal (Vincenty) distances, beside an equirectangular
// projection scaled at the origin as the baseline.
func TestProjectionDistance(t *testing.T) {
	rng := newRand(t)
	for _, origin := range []orb.Point{{106.55, 29.56}, {-122.33, 47.61}, {113.9, 22.5}} {
		p := NewProjection(origin)
		eq := newEquirect(origin)
		worst, worstEq := 0.0, 0.0
		for range 2000 {
			a := p.Inverse(orb.Point{(rng.Float64() - 0.5) * 1e5, (rng.Float64() - 0.5) * 1e5})
			b := p.Inverse(orb.Point{(rng.Float64() - 0.5) * 1e5, (rng.Float64() - 0.5) * 1e5})
			want := vincenty(a, b)
			if want < 1000 {
				continue
			}
			got := float64(Distance(p.Forward(a), p.Forward(b)))
			worst = max(worst, math.Abs(got-want)/want)
			got = float64(Distance(eq(a), eq(b)))
			worstEq = max(worstEq, math.Abs(got-want)/want)
		}
		t.Logf("origin %v: worst relative distance error %.3g%% (equirectangular %.3g%%)", origin, 100*worst, 100*worstEq)
		approx.Check(t, "relative distance error", worst, 0, 1e-3)
	}
	// Near the origin the scales are exact.
	p := NewProjection(orb.Point{106.55, 29.56})
	a, b := orb.Point{106.55, 29.56}, orb.Point{106.56, 29.56}
	approx.Check(t, "east 0.01°", float64(Distance(p.Forward(a), p.Forward(b))), vincenty(a, b), 1e-3)
	b = orb.Point{106.55, 29.57}
	approx.Check(t, "north 0.01°", float64(Distance(p.Forward(a), p.Forward(b))), vincenty(a, b), 1e-3)
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b orb.Point
		want Meters
	}{
		{"same", orb.Point{3, 4}, orb.Point{3, 4}, 0},
		{"3-4-5", orb.Point{0, 0}, orb.Point{3, 4}, 5},
		{"negative", orb.Point{-1, -1}, orb.Point{2, 3}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			approx.Check(t, "Distance", float64(Distance(tt.a, tt.b)), float64(tt.want), 1e-12)
		})
	}
}

// newEquirect is the equirectangular projection with the ellipsoid's radii
// of curvature at the origin as scales.
func newEquirect(origin orb.Point) func(orb.Point) orb.Point {
	phi := origin[1] * math.Pi / 180
	w := 1 - wgs84E2*math.Sin(phi)*math.Sin(phi)
	kx := wgs84A / math.Sqrt(w) * math.Cos(phi) * math.Pi / 180
	ky := wgs84A * (1 - wgs84E2) / (w * math.Sqrt(w)) * math.Pi / 180
	return func(ll orb.Point) orb.Point {
		return orb.Point{(ll[0] - origin[0]) * kx, (ll[1] - origin[1]) * ky}
	}
}

// vincenty is the inverse geodesic distance on the WGS84 ellipsoid in metres.
func vincenty(p1, p2 orb.Point) float64 {
	const a, f = wgs84A, wgs84F
	b := a * (1 - f)
	rad := math.Pi / 180
	L := (p2[0] - p1[0]) * rad
	U1 := math.Atan((1 - f) * math.Tan(p1[1]*rad))
	U2 := math.Atan((1 - f) * math.Tan(p2[1]*rad))
	sinU1, cosU1 := math.Sincos(U1)
	sinU2, cosU2 := math.Sincos(U2)
	lambda := L
	var sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM float64
	for range 200 {
		sinL, cosL := math.Sincos(lambda)
		sinSigma = math.Hypot(cosU2*sinL, cosU1*sinU2-sinU1*cosU2*cosL)
		if sinSigma == 0 {
			return 0
		}
		cosSigma = sinU1*sinU2 + cosU1*cosU2*cosL
		sigma = math.Atan2(sinSigma, cosSigma)
		sinAlpha := cosU1 * cosU2 * sinL / sinSigma
		cos2Alpha = 1 - sinAlpha*sinAlpha
		cos2SigmaM = 0
		if cos2Alpha != 0 {
			cos2SigmaM = cosSigma - 2*sinU1*sinU2/cos2Alpha
		}
		C := f / 16 * cos2Alpha * (4 + f*(4-3*cos2Alpha))
		prev := lambda
		lambda = L + (1-C)*f*sinAlpha*(sigma+C*sinSigma*(cos2SigmaM+C*cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)))
		if math.Abs(lambda-prev) < 1e-13 {
			break
		}
	}
	u2 := cos2Alpha * (a*a - b*b) / (b * b)
	A := 1 + u2/16384*(4096+u2*(-768+u2*(320-175*u2)))
	B := u2 / 1024 * (256 + u2*(-128+u2*(74-47*u2)))
	dSigma := B * sinSigma * (cos2SigmaM + B/4*(cosSigma*(-1+2*cos2SigmaM*cos2SigmaM)-
		B/6*cos2SigmaM*(-3+4*sinSigma*sinSigma)*(-3+4*cos2SigmaM*cos2SigmaM)))
	return b * A * (sigma - dSigma)
}

func TestProjectGeometry(t *testing.T) {
	shift := func(p orb.Point) orb.Point { return orb.Point{p[0] + 10, 2 * p[1]} }
	sq := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}
	tests := []struct {
		name string
		in   orb.Geometry
		want orb.Geometry
	}{
		{"nil", nil, nil},
		{"point", orb.Point{1, 2}, orb.Point{11, 4}},
		{"multipoint", orb.MultiPoint{{1, 2}, {3, 4}}, orb.MultiPoint{{11, 4}, {13, 8}}},
		{"linestring", orb.LineString{{1, 2}, {3, 4}}, orb.LineString{{11, 4}, {13, 8}}},
		{"multilinestring", orb.MultiLineString{{{1, 2}, {3, 4}}}, orb.MultiLineString{{{11, 4}, {13, 8}}}},
		{"ring", sq, orb.Ring{{10, 0}, {11, 0}, {11, 2}, {10, 2}, {10, 0}}},
		{"polygon", orb.Polygon{sq, sq}, orb.Polygon{
			{{10, 0}, {11, 0}, {11, 2}, {10, 2}, {10, 0}},
			{{10, 0}, {11, 0}, {11, 2}, {10, 2}, {10, 0}}}},
		{"multipolygon", orb.MultiPolygon{{sq}}, orb.MultiPolygon{{{{10, 0}, {11, 0}, {11, 2}, {10, 2}, {10, 0}}}}},
		{"collection", orb.Collection{orb.Point{0, 1}, orb.LineString{{0, 0}, {1, 1}}},
			orb.Collection{orb.Point{10, 2}, orb.LineString{{10, 0}, {11, 2}}}},
		{"bound", orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}, orb.Bound{Min: orb.Point{10, 0}, Max: orb.Point{11, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ProjectGeometry(tt.in, shift)
			if !orb.Equal(got, tt.want) && !(got == nil && tt.want == nil) {
				t.Fatalf("ProjectGeometry = %v, want %v", got, tt.want)
			}
		})
	}
	// The result shares nothing with the input.
	poly := orb.Polygon{orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	out := ProjectGeometry(poly, shift).(orb.Polygon)
	out[0] = append(out[0], orb.Point{99, 99})
	out[1][0] = orb.Point{-1, -1}
	if poly[0][0] != (orb.Point{0, 0}) || poly[1][0] != (orb.Point{0, 0}) || len(out[1]) != 4 || out[1][0] != (orb.Point{-1, -1}) {
		t.Errorf("ProjectGeometry result aliases its input or its rings overlap: in %v out %v", poly, out)
	}
}
