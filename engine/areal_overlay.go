package engine

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	sf "github.com/peterstace/simplefeatures/geom"
)

// The overlay (intersection and difference of polygons) is simplefeatures'
// port of the JTS overlay; orb stays the engine's geometry type, converted
// at this boundary.

// errOverlay is reported when the overlay fails on numerically degenerate
// input (edges almost on top of each other).
var errOverlay = errors.New("the polygon could not be cut along this boundary (edges almost on top of each other)")

// intersect returns mp ∩ polys[k]. A rectangle (most often a grid cell)
// is cut by orb/clip's rectangle clipping, which gives the same area at a
// fraction of the cost; the result may then carry zero-width bridges along
// the rectangle's sides, which add no area and hold no interior point.
func (s *arealSplit) intersect(mp orb.MultiPolygon, k int) (orb.MultiPolygon, error) {
	if b, ok := rectangle(mp); ok {
		return clip.MultiPolygon(b, s.polys[k].Clone()), nil
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

func (s *arealSplit) overlayError(k int) error {
	if k < s.nd {
		return &arealError{ErrInvalid, fmt.Sprintf("%v: %s %q", errOverlay, DistrictsFile, s.ids[k])}
	}
	return &arealError{ErrInvalid, fmt.Sprintf("%v: %s feature %d", errOverlay, CatchmentsFile, k-s.nd)}
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

// rectangle reports whether mp is one axis-aligned rectangle, and its bound.
func rectangle(mp orb.MultiPolygon) (orb.Bound, bool) {
	if len(mp) != 1 || len(mp[0]) != 1 {
		return orb.Bound{}, false
	}
	r := mp[0][0]
	if n := len(r); n > 0 && r[0] == r[n-1] {
		r = r[:n-1]
	}
	if len(r) != 4 {
		return orb.Bound{}, false
	}
	b := r.Bound()
	for i, p := range r {
		q := r[(i+1)%4]
		if (p[0] != q[0]) == (p[1] != q[1]) { // a diagonal or a repeated point
			return orb.Bound{}, false
		}
		if (p[0] != b.Min[0] && p[0] != b.Max[0]) || (p[1] != b.Min[1] && p[1] != b.Max[1]) {
			return orb.Bound{}, false
		}
	}
	return b, b.Max[0] > b.Min[0] && b.Max[1] > b.Min[1]
}
