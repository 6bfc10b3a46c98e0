package engine

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/peterstace/simplefeatures/geom"

	"github.com/schoolplan/schoolplan/geo"
)

// Tolerances of the districts layer's overlap and gap checks. Boundaries
// digitised apart rarely meet exactly, and real boundary files carry many
// slivers: those are summed up in one warning each, while an overlap that
// puts a real share of a district in two districts at once is an error.
const (
	// OverlapTolerance is the share of the smaller district two districts
	// may overlap by before it is an error.
	OverlapTolerance = 0.01
	// GapArea is the area in m² from which a gap between districts is a
	// warning of its own; smaller gaps are summed up in one.
	GapArea = 10e4
	// DistrictSliverArea is the area in m² below which an overlap or a gap is
	// not counted at all.
	DistrictSliverArea = 100.0
)

// slivers sums up small overlaps or gaps for one warning.
type slivers struct {
	n            int
	total        float64
	largest      float64
	largestWhere string
}

func (s *slivers) add(area float64, where func() string) {
	s.n++
	s.total += area
	if area > s.largest {
		s.largest, s.largestWhere = area, where()
	}
}

// checkDistrictLayer reports districts that overlap each other and gaps
// (holes in their union that no district covers).
func (l *loader) checkDistrictLayer(feats []geo.Feature) {
	ds := l.city.Districts
	polys := make([]geom.MultiPolygon, len(ds))
	for i := range ds {
		polys[i] = geo.SimpleMultiPolygon(ds[i].Geometry)
	}
	var small slivers
	for i := range ds {
		for j := i + 1; j < len(ds); j++ {
			if ds[i].Geometry.Bound().Intersects(ds[j].Geometry.Bound()) {
				l.checkOverlap(&feats[j], i, j, polys[i], polys[j], &small)
			}
		}
	}
	if small.n > 0 {
		l.warn(&geo.FeatureError{File: l.name(DistrictsFile), Index: -1, Field: "geometry", Err: fmt.Errorf(
			"%w: %d places where two districts overlap by less than %g%% of the smaller, %s in all, the largest %s: boundary slivers; a child living there counts in the district listed first",
			ErrOverlap, small.n, 100*OverlapTolerance, areaText(small.total), small.largestWhere)})
	}
	l.checkGaps(polys)
}

func (l *loader) checkOverlap(f *geo.Feature, i, j int, a, b geom.MultiPolygon, small *slivers) {
	inter, err := geom.Intersection(a.AsGeometry(), b.AsGeometry())
	if err != nil {
		l.warn(f.Errorf("geometry", "%w: could not intersect with district %s: %v", ErrInvalid, l.districtName(i), err))
		return
	}
	area := inter.Area()
	if area < DistrictSliverArea {
		return
	}
	share := area / math.Min(a.Area(), b.Area())
	if share < OverlapTolerance {
		small.add(area, func() string {
			return fmt.Sprintf("%s between %s and %s near %s", areaText(area), l.districtName(i), l.districtName(j), l.lonLatText(interiorXY(inter)))
		})
		return
	}
	l.fail(f.Errorf("geometry", "%w district %s by %s (%.1f%% of the smaller), near %s: a child living there would be in both",
		ErrOverlap, l.districtName(i), areaText(area), 100*share, l.lonLatText(interiorXY(inter))))
}

// checkGaps warns of holes in the districts' union.
func (l *loader) checkGaps(polys []geom.MultiPolygon) {
	gs := make([]geom.Geometry, len(polys))
	for i := range polys {
		gs[i] = polys[i].AsGeometry()
	}
	union, err := geom.UnionMany(gs)
	if err != nil {
		return // the overlap checks have said what is wrong
	}
	var small slivers
	for _, part := range union.Dump() {
		p, ok := part.AsPolygon()
		if !ok {
			continue
		}
		for k := 0; k < p.NumInteriorRings(); k++ {
			hole := geom.NewPolygon([]geom.LineString{p.InteriorRingN(k)}).AsGeometry()
			l.checkGap(hole, &small)
		}
	}
	if small.n > 0 {
		l.warn(&geo.FeatureError{File: l.name(DistrictsFile), Index: -1, Field: "geometry", Err: fmt.Errorf(
			"%w: %d gaps smaller than %s, %s in all, the largest %s: boundary slivers; a school or area there lies in no district",
			ErrGap, small.n, areaText(GapArea), areaText(small.total), small.largestWhere)})
	}
}

func (l *loader) checkGap(hole geom.Geometry, small *slivers) {
	a := hole.Area()
	where := func() string { return fmt.Sprintf("%s near %s", areaText(a), l.lonLatText(interiorXY(hole))) }
	switch {
	case a < DistrictSliverArea:
	case a < GapArea:
		small.add(a, where)
	default:
		l.warn(&geo.FeatureError{File: l.name(DistrictsFile), Index: -1, Field: "geometry",
			Err: fmt.Errorf("%w: %s belongs to no district", ErrGap, where())})
	}
}

// interiorXY is a point inside g (on the plane).
func interiorXY(g geom.Geometry) orb.Point {
	xy, ok := g.PointOnSurface().XY()
	if !ok {
		return orb.Point{}
	}
	return orb.Point{xy.X, xy.Y}
}

// lonLatText writes a point of the plane in the city's coordinates.
func (l *loader) lonLatText(p orb.Point) string {
	ll := l.city.FromPlane(p)
	return fmt.Sprintf("[%.5f, %.5f]", ll[0], ll[1])
}

// areaText writes an area for a planner: m² below a hectare, hectares below
// a km², else km².
func areaText(a float64) string {
	switch {
	case a < 1e4:
		return fmt.Sprintf("%.0f m²", a)
	case a < 1e6:
		return fmt.Sprintf("%.1f ha", a/1e4)
	}
	return fmt.Sprintf("%.2f km²", a/1e6)
}
