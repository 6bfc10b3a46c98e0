package geo

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"
)

// Dissolve returns the union of polygons and multipolygons as one
// multipolygon: shared edges go, holes that no part covers stay.
func Dissolve(parts []orb.Geometry) (orb.MultiPolygon, error) {
	gs := make([]geom.Geometry, 0, len(parts))
	for _, g := range parts {
		switch g := g.(type) {
		case orb.Polygon:
			gs = append(gs, SimplePolygon(g).AsGeometry())
		case orb.MultiPolygon:
			gs = append(gs, SimpleMultiPolygon(g).AsGeometry())
		default:
			return nil, fmt.Errorf("%w: only polygons dissolve, not a %s", ErrGeometryType, g.GeoJSONType())
		}
	}
	u, err := geom.UnionMany(gs)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrGeometry, violationText(err.Error()))
	}
	return OrbMultiPolygon(u), nil
}
