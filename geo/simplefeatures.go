package geo

import (
	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// Conversions between orb, the project's geometry types, and
// simplefeatures (a pure-Go port of JTS/GEOS), whose validity checks and
// overlays (union, intersection, difference) the project uses.

// SimplePolygon converts an orb polygon to a simplefeatures one without
// validating it: see SimpleMultiPolygon.
func SimplePolygon(p orb.Polygon) geom.Polygon {
	rings := make([]geom.LineString, 0, len(p))
	for k, r := range p {
		if len(r) < 3 {
			if k == 0 {
				break
			}
			continue
		}
		xy := make([]float64, 0, 2*len(r)+2)
		for _, pt := range r {
			xy = append(xy, pt[0], pt[1])
		}
		if r[0] != r[len(r)-1] {
			xy = append(xy, r[0][0], r[0][1])
		}
		rings = append(rings, geom.NewLineString(geom.NewSequence(xy, geom.DimXY)))
	}
	return geom.NewPolygon(rings)
}

// SimpleMultiPolygon converts an orb multipolygon to a simplefeatures one
// without validating it, closing rings that are not closed and leaving out
// rings of fewer than three points (a polygon whose outer ring is such is
// left out whole).
func SimpleMultiPolygon(mp orb.MultiPolygon) geom.MultiPolygon {
	polys := make([]geom.Polygon, 0, len(mp))
	for _, p := range mp {
		if sp := SimplePolygon(p); !sp.IsEmpty() {
			polys = append(polys, sp)
		}
	}
	return geom.NewMultiPolygon(polys)
}

// OrbMultiPolygon returns the polygons of a simplefeatures geometry as an
// orb multipolygon; the lines and points an overlay may leave where
// boundaries touch have no area and are left out.
func OrbMultiPolygon(g geom.Geometry) orb.MultiPolygon {
	var out orb.MultiPolygon
	var walk func(g geom.Geometry)
	walk = func(g geom.Geometry) {
		switch g.Type() {
		case geom.TypePolygon:
			out = append(out, orbPolygon(g.MustAsPolygon()))
		case geom.TypeMultiPolygon:
			m := g.MustAsMultiPolygon()
			for i := range m.NumPolygons() {
				out = append(out, orbPolygon(m.PolygonN(i)))
			}
		case geom.TypeGeometryCollection:
			c := g.MustAsGeometryCollection()
			for i := range c.NumGeometries() {
				walk(c.GeometryN(i))
			}
		}
	}
	walk(g)
	return out
}

func orbPolygon(p geom.Polygon) orb.Polygon {
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
