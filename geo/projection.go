package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Meters is a length or a coordinate on the local metric plane.
type Meters float64

// WGS84 ellipsoid.
const (
	wgs84A  = 6378137.0
	wgs84F  = 1 / 298.257223563
	wgs84E2 = wgs84F * (2 - wgs84F)
)

// Projection maps WGS84 lon/lat to a local metric plane (x east, y north, metres)
// around an origin. The zero value is not usable; use NewProjection.
//
// The plane is the tangent plane of the WGS84 ellipsoid at the origin (a
// local east-north-up frame, seen from above): a point's x and y are its
// east and north offsets from the origin in metres, measured in 3-D. Scale
// is exact at the origin; lengths shrink by about ρ²/(2R²) at distance ρ, so
// 6e-5 at 70 km and 0.3% at 500 km. An equirectangular projection, whose
// east-west scale drifts with the cosine of latitude, errs by 0.8% across a
// city of 100 km at Seattle's latitude (see TestProjectionDistance). Points
// farther than a few thousand kilometres from the origin are out of scope.
type Projection struct {
	lon0, lat0 float64
	sin0, cos0 float64 // of the origin's latitude
	ox, oz     float64 // origin in the earth-centred frame turned to lon0
}

// NewProjection returns a projection centred on origin (WGS84 lon/lat).
func NewProjection(origin orb.Point) Projection {
	p := Projection{lon0: origin[0], lat0: origin[1]}
	p.sin0, p.cos0 = math.Sincos(origin[1] * math.Pi / 180)
	p.ox, _, p.oz = ecef(p.sin0, p.cos0, 1, 0)
	return p
}

// ecef returns the earth-centred coordinates, in metres, of the point at
// latitude φ (given by its sine and cosine) and longitude λ (likewise) on the
// ellipsoid.
func ecef(sinPhi, cosPhi, cosLam, sinLam float64) (x, y, z float64) {
	n := wgs84A / math.Sqrt(1-wgs84E2*sinPhi*sinPhi)
	return n * cosPhi * cosLam, n * cosPhi * sinLam, n * (1 - wgs84E2) * sinPhi
}

// Origin returns the WGS84 lon/lat the projection is centred on.
func (p Projection) Origin() orb.Point { return orb.Point{p.lon0, p.lat0} }

// Forward projects WGS84 lon/lat to metres.
func (p Projection) Forward(ll orb.Point) orb.Point {
	sinPhi, cosPhi := math.Sincos(ll[1] * math.Pi / 180)
	sinLam, cosLam := math.Sincos((ll[0] - p.lon0) * math.Pi / 180)
	x, y, z := ecef(sinPhi, cosPhi, cosLam, sinLam)
	// East is +y of the turned frame; north is (-sin φ0, 0, cos φ0).
	return orb.Point{y, p.cos0*(z-p.oz) - p.sin0*(x-p.ox)}
}

// Inverse maps metres back to WGS84 lon/lat.
//
// The point on the ellipsoid above (x, y) is origin + x·east + y·north +
// u·up for the u that puts it on the surface: the root nearer zero of a
// quadratic. On the surface, tan φ = z / ((1-e²)·√(x²+y²)) exactly.
func (p Projection) Inverse(xy orb.Point) orb.Point {
	const b2 = wgs84A * wgs84A * (1 - wgs84E2)
	const a2 = wgs84A * wgs84A
	e, n := xy[0], xy[1]
	ax := p.ox - n*p.sin0 // turned-frame x and z before moving up
	az := p.oz + n*p.cos0
	qa := p.cos0*p.cos0/a2 + p.sin0*p.sin0/b2
	qb := ax*p.cos0/a2 + az*p.sin0/b2
	qc := (ax*ax+e*e)/a2 + az*az/b2 - 1
	u := -qc / (qb + math.Sqrt(max(qb*qb-qa*qc, 0)))
	x, z := ax+u*p.cos0, az+u*p.sin0
	lon := p.lon0 + math.Atan2(e, x)*180/math.Pi
	lat := math.Atan2(z, (1-wgs84E2)*math.Hypot(x, e)) * 180 / math.Pi
	return orb.Point{lon, lat}
}

// Distance is the Euclidean distance between two projected points.
func Distance(a, b orb.Point) Meters {
	return Meters(math.Hypot(a[0]-b[0], a[1]-b[1]))
}

// ProjectGeometry applies fn to every coordinate of g, returning a new geometry.
// A Bound becomes the bound of its projected corners.
func ProjectGeometry(g orb.Geometry, fn func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case nil:
		return nil
	case orb.Point:
		return fn(g)
	case orb.Bound:
		return projectBound(g, fn)
	case orb.Collection:
		return orb.Collection(projectEach(g, func(m orb.Geometry) orb.Geometry { return ProjectGeometry(m, fn) }))
	}
	return projectShape(g, fn)
}

// projectShape is ProjectGeometry for the lines and areas of orb.
func projectShape(g orb.Geometry, fn func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case orb.MultiPoint:
		return orb.MultiPoint(projectPoints(g, fn))
	case orb.LineString:
		return orb.LineString(projectPoints(g, fn))
	case orb.Ring:
		return orb.Ring(projectPoints(g, fn))
	case orb.MultiLineString:
		return orb.MultiLineString(projectEach(g, func(l orb.LineString) orb.LineString { return projectPoints(l, fn) }))
	case orb.Polygon:
		return projectPolygon(g, fn)
	case orb.MultiPolygon:
		return orb.MultiPolygon(projectEach(g, func(p orb.Polygon) orb.Polygon { return projectPolygon(p, fn) }))
	}
	panic(fmt.Sprintf("geo: ProjectGeometry: unsupported geometry %T", g))
}

// projectEach returns the parts of a multi-geometry, each projected.
func projectEach[T any](parts []T, project func(T) T) []T {
	out := make([]T, len(parts))
	for i, p := range parts {
		out[i] = project(p)
	}
	return out
}

// projectBound returns the bound of the projected corners of b.
func projectBound(g orb.Bound, fn func(orb.Point) orb.Point) orb.Bound {
	b := orb.Bound{Min: fn(g.Min), Max: fn(g.Min)}
	b = b.Extend(fn(g.Max))
	b = b.Extend(fn(orb.Point{g.Min[0], g.Max[1]}))
	return b.Extend(fn(orb.Point{g.Max[0], g.Min[1]}))
}

// projectPoints returns the points of ps, each projected; nil stays nil.
func projectPoints(ps []orb.Point, fn func(orb.Point) orb.Point) []orb.Point {
	if ps == nil {
		return nil
	}
	out := make([]orb.Point, len(ps))
	for i, p := range ps {
		out[i] = fn(p)
	}
	return out
}

// projectPolygon allocates the rings of p from one backing array.
func projectPolygon(p orb.Polygon, fn func(orb.Point) orb.Point) orb.Polygon {
	if p == nil {
		return nil
	}
	n := 0
	for _, r := range p {
		n += len(r)
	}
	all := make([]orb.Point, n)
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		dst := all[:len(r):len(r)]
		all = all[len(r):]
		for j, q := range r {
			dst[j] = fn(q)
		}
		out[i] = dst
	}
	return out
}
