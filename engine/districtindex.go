package engine

import (
	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// DistrictPolygonIndex returns a point-in-polygon index over the city's district
// polygons; polygon i is district i. Build it once and keep it: it costs
// about as much as a pass over every boundary vertex.
func (c *City) DistrictPolygonIndex() *geo.PolygonIndex {
	polys := make([]orb.MultiPolygon, len(c.Districts))
	for i := range c.Districts {
		polys[i] = c.Districts[i].Geometry
	}
	return geo.NewPolygonIndex(polys)
}
