package engine

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/schoolplan/schoolplan/geo"
)

// DistrictTolerance is how far outside the district it names a school or a
// residential area may lie and still load, with a warning: district
// boundaries are often drawn coarser than sites are surveyed. Farther is an
// error.
const DistrictTolerance Meters = 200

// warn records a problem that does not stop the load.
func (l *loader) warn(err error) {
	l.city.Warnings = append(l.city.Warnings, &Warning{Err: err})
}

// checkNamedDistrict checks that p, the projected point of feature f, lies
// in district i, which f's district property names.
func (l *loader) checkNamedDistrict(f *geo.Feature, p orb.Point, i int, join *geo.PolygonIndex) {
	if join.Contains(i, p) {
		return
	}
	d := l.city.Districts[i]
	dist := geo.DistanceToBoundary(p, d.Geometry)
	err := f.Errorf("district", "%w: %q is named, but the point lies %s outside it; %s",
		ErrNotInDistrict, d.ID, distanceText(dist), l.whereIs(f, p, join))
	if dist <= DistrictTolerance {
		l.warn(err)
		return
	}
	l.fail(err)
}

// outsideEvery is the error for a point in no district polygon.
func (l *loader) outsideEvery(f *geo.Feature, p orb.Point, join *geo.PolygonIndex) error {
	return f.Errorf("geometry", "%w: the point has no district property and %s", ErrOutside, l.whereIs(f, p, join))
}

// whereIs says where a point lies, for messages: in which district, or how
// far from the nearest, and whether its coordinates look swapped.
func (l *loader) whereIs(f *geo.Feature, p orb.Point, join *geo.PolygonIndex) string {
	if i := join.Locate(p); i >= 0 {
		return fmt.Sprintf("it lies in district %s", l.districtName(i))
	}
	if swapped := l.swappedInside(f, join); swapped >= 0 {
		return fmt.Sprintf("it lies in no district; its coordinates look swapped (with x and y exchanged it would lie in district %s): write [x, y], i.e. [lon, lat]", l.districtName(swapped))
	}
	best, bestD := -1, Meters(math.Inf(1))
	for i := range l.city.Districts {
		if d := geo.DistanceToBoundary(p, l.city.Districts[i].Geometry); d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return "it lies in no district"
	}
	return fmt.Sprintf("it lies in no district, %s from the nearest, %s", distanceText(bestD), l.districtName(best))
}

// swappedInside is the district the feature's point would lie in with its
// coordinates exchanged, or -1.
func (l *loader) swappedInside(f *geo.Feature, join *geo.PolygonIndex) int {
	raw, ok := f.Geometry.(orb.Point)
	if !ok || raw[0] == raw[1] {
		return -1
	}
	swapped := orb.Point{raw[1], raw[0]}
	if l.fileCRSOf(f.File).Geographic() && (math.Abs(swapped[0]) > 180 || math.Abs(swapped[1]) > 90) {
		return -1
	}
	return join.Locate(l.planeOf(f.File)(swapped))
}

func (l *loader) districtName(i int) string {
	d := l.city.Districts[i]
	if d.Name != "" && d.Name != d.ID {
		return fmt.Sprintf("%q (%s)", d.ID, d.Name)
	}
	return fmt.Sprintf("%q", d.ID)
}

// distanceText writes a distance for a planner: metres below 10 km, else
// kilometres.
func distanceText(d Meters) string {
	if d < 10000 {
		return fmt.Sprintf("%.0f m", float64(d))
	}
	return fmt.Sprintf("%.0f km", float64(d)/1000)
}

// checkSchoolsInside warns of a school outside its own catchment polygon:
// some cities draw them so (a school on a zone's edge road, a school in
// interim premises), but more often the polygon or the id is wrong.
func (l *loader) checkSchoolsInside(f *geo.Feature, ct Catchment, six map[string]int) {
	for _, id := range ct.Schools {
		s := &l.city.Schools[six[id]]
		if planar.MultiPolygonContains(ct.Geometry, s.Point) {
			continue
		}
		dist := geo.DistanceToBoundary(s.Point, ct.Geometry)
		l.warn(f.Errorf("school", "%w: school %q lies %s outside this catchment of its own", ErrNotInCatchment, id, distanceText(dist)))
	}
}

// checkLonLatInProjected reports a layer whose coordinates all read as
// longitude and latitude although its coordinate system is projected
// (metres or feet): loaded as they are, every place would sit within a few
// hundred metres of the projection's origin.
func (l *loader) checkLonLatInProjected(file string, feats []geo.Feature, crs geo.CRS) {
	if crs.Geographic() || len(feats) == 0 {
		return
	}
	var b orb.Bound
	for i, f := range feats {
		if i == 0 {
			b = f.Geometry.Bound()
		} else {
			b = b.Union(f.Geometry.Bound())
		}
	}
	if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
		return
	}
	l.fail(&geo.FeatureError{File: l.name(file), Index: -1, Field: "geometry", Err: fmt.Errorf(
		"%w: every coordinate lies within [%g, %g] × [%g, %g], which reads as longitude and latitude, but the layer's coordinate system is %s (%s), in %ss: give the right crs in city.yaml",
		ErrWrongCRS, b.Min[0], b.Max[0], b.Min[1], b.Max[1], crs, crs.Name(), crs.Unit().Name)})
}
