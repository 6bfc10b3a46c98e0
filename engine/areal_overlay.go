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

// toSF and fromSF convert to and from simplefeatures (geo's conversions).
func toSF(mp orb.MultiPolygon) sf.Geometry { return geo.SimpleMultiPolygon(mp).AsGeometry() }

func fromSF(g sf.Geometry) orb.MultiPolygon { return geo.OrbMultiPolygon(g) }
