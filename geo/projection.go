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
// It is an equirectangular projection whose two scales are the ellipsoid's
// radii of curvature at the origin latitude: exact at the origin, and the
// east-west scale drifts with the cosine of latitude, about 0.5% at 50 km
// north or south of the origin at 30°N (less nearer the equator). Distances
// within a city are therefore good to well under 1%; the projection is
// meant for ranking and summing distances, not for surveying.
type Projection struct{ lon0, lat0, kx, ky float64 }

// NewProjection returns a projection centred on origin (WGS84 lon/lat).
func NewProjection(origin orb.Point) Projection {
	phi := origin[1] * math.Pi / 180
	s := math.Sin(phi)
	w := 1 - wgs84E2*s*s
	n := wgs84A / math.Sqrt(w)                       // prime vertical radius
	m := wgs84A * (1 - wgs84E2) / (w * math.Sqrt(w)) // meridian radius
	return Projection{
		lon0: origin[0],
		lat0: origin[1],
		kx:   n * math.Cos(phi) * math.Pi / 180,
		ky:   m * math.Pi / 180,
	}
}

// Origin returns the WGS84 lon/lat the projection is centred on.
func (p Projection) Origin() orb.Point { return orb.Point{p.lon0, p.lat0} }

// Forward projects WGS84 lon/lat to metres.
func (p Projection) Forward(ll orb.Point) orb.Point {
	return orb.Point{(ll[0] - p.lon0) * p.kx, (ll[1] - p.lat0) * p.ky}
}

// Inverse maps metres back to WGS84 lon/lat.
func (p Projection) Inverse(xy orb.Point) orb.Point {
	return orb.Point{xy[0]/p.kx + p.lon0, xy[1]/p.ky + p.lat0}
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
	case orb.MultiPoint:
		return orb.MultiPoint(projectPoints(g, fn))
	case orb.LineString:
		return orb.LineString(projectPoints(g, fn))
	case orb.Ring:
		return orb.Ring(projectPoints(g, fn))
	case orb.MultiLineString:
		out := make(orb.MultiLineString, len(g))
		for i, l := range g {
			out[i] = projectPoints(l, fn)
		}
		return out
	case orb.Polygon:
		return projectPolygon(g, fn)
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, len(g))
		for i, p := range g {
			out[i] = projectPolygon(p, fn)
		}
		return out
	case orb.Collection:
		out := make(orb.Collection, len(g))
		for i, m := range g {
			out[i] = ProjectGeometry(m, fn)
		}
		return out
	case orb.Bound:
		b := orb.Bound{Min: fn(g.Min), Max: fn(g.Min)}
		b = b.Extend(fn(g.Max))
		b = b.Extend(fn(orb.Point{g.Min[0], g.Max[1]}))
		return b.Extend(fn(orb.Point{g.Max[0], g.Min[1]}))
	}
	panic(fmt.Sprintf("geo: ProjectGeometry: unsupported geometry %T", g))
}

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
