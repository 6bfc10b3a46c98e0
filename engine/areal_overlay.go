package engine

import (
	"fmt"

	"github.com/paulmach/orb"
	sf "github.com/peterstace/simplefeatures/geom"

	"github.com/schoolplan/schoolplan/geo"
)

// The overlay (intersection and difference of polygons) is simplefeatures'
// port of the JTS overlay; orb stays the engine's geometry type, converted
// at this boundary.

// convexClip enables the convex fast path of intersect; tests turn it off
// to run the general overlay on the same cases.
var convexClip = true

// intersect returns mp ∩ polys[k]. A convex mp (most areas: grid cells,
// blocks; and the pieces a straight zone edge cuts from them) is cut by
// geo.ClipConvex: the general overlay costs tens of microseconds however
// small its input (BenchmarkSplitAreas), too slow for the areas of a large
// city that straddle boundaries.
func (s *arealSplit) intersect(mp orb.MultiPolygon, k int) (orb.MultiPolygon, error) {
	if ring, ok := geo.ConvexRing(mp); ok && convexClip {
		return geo.ClipConvex(s.polys[k], ring), nil
	}
	g, err := sf.Intersection(toSF(mp), s.shape(k))
	if err != nil {
		return nil, s.overlayError(k)
	}
	return fromSF(g), nil
}

// difference returns mp ∖ polys[k].
func (s *arealSplit) difference(mp orb.MultiPolygon, k int) (orb.MultiPolygon, error) {
	g, err := sf.Difference(toSF(mp), s.shape(k))
	if err != nil {
		return nil, s.overlayError(k)
	}
	return fromSF(g), nil
}

// overlayError is reported when the overlay fails on numerically
// degenerate input (edges almost on top of each other).
func (s *arealSplit) overlayError(k int) error {
	what := fmt.Sprintf("%s feature %d", CatchmentsFile, k-s.nd)
	if k < s.nd {
		what = fmt.Sprintf("district %q", s.ids[k])
	}
	return &arealError{ErrInvalid, fmt.Sprintf("the polygon could not be cut along the boundary of %s (edges almost on top of each other); polygon_areas: point in %s places polygon areas whole", what, CityFile)}
}

// shape returns polys[k] converted, once.
func (s *arealSplit) shape(k int) sf.Geometry {
	if g, ok := s.shapes.Load(k); ok {
		return g.(sf.Geometry)
	}
	g, _ := s.shapes.LoadOrStore(k, toSF(s.polys[k]))
	return g.(sf.Geometry)
}

// toSF converts mp, closing its rings and leaving out rings of fewer than
// three distinct points.
func toSF(mp orb.MultiPolygon) sf.Geometry {
	polys := make([]sf.Polygon, 0, len(mp))
	for _, poly := range mp {
		rings := make([]sf.LineString, 0, len(poly))
		for k, r := range poly {
			if len(r) < 3 {
				if k == 0 {
					break
				}
				continue
			}
			xy := make([]float64, 0, 2*len(r)+2)
			for _, p := range r {
				xy = append(xy, p[0], p[1])
			}
			if r[0] != r[len(r)-1] {
				xy = append(xy, r[0][0], r[0][1])
			}
			rings = append(rings, sf.NewLineString(sf.NewSequence(xy, sf.DimXY)))
		}
		if len(rings) > 0 {
			polys = append(polys, sf.NewPolygon(rings))
		}
	}
	return sf.NewMultiPolygon(polys).AsGeometry()
}

// fromSF returns the polygons of g (lines and points an overlay may leave
// where boundaries touch have no area and are left out).
func fromSF(g sf.Geometry) orb.MultiPolygon {
	var out orb.MultiPolygon
	var walk func(g sf.Geometry)
	walk = func(g sf.Geometry) {
		switch g.Type() {
		case sf.TypePolygon:
			out = append(out, fromSFPolygon(g.MustAsPolygon()))
		case sf.TypeMultiPolygon:
			m := g.MustAsMultiPolygon()
			for i := range m.NumPolygons() {
				out = append(out, fromSFPolygon(m.PolygonN(i)))
			}
		case sf.TypeGeometryCollection:
			c := g.MustAsGeometryCollection()
			for i := range c.NumGeometries() {
				walk(c.GeometryN(i))
			}
		}
	}
	walk(g)
	return out
}

func fromSFPolygon(p sf.Polygon) orb.Polygon {
	rings := make(orb.Polygon, 0, p.NumRings())
	for _, ls := range p.DumpRings() {
		seq := ls.Coordinates()
		r := make(orb.Ring, seq.Length())
		for i := range r {
			xy := seq.GetXY(i)
			r[i] = orb.Point{xy.X, xy.Y}
		}
		rings = append(rings, r)
	}
	return rings
}
