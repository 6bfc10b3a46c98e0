package geo

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// validateGeometry checks positions, emptiness and rings; it returns the
// first problem. planar skips the lon/lat range checks.
func validateGeometry(g orb.Geometry, planar bool) error {
	switch g := g.(type) {
	case orb.Point:
		return checkPosition(g, "", planar)
	case orb.MultiPoint:
		return checkParts(g, "MultiPoint", "position", planar, checkPosition)
	case orb.LineString:
		return checkLine(g, "", planar)
	case orb.MultiLineString:
		return checkParts(g, "MultiLineString", "line", planar, checkLine)
	case orb.Polygon:
		return checkPolygon(g, "", planar)
	case orb.MultiPolygon:
		return checkParts(g, "MultiPolygon", "polygon", planar, checkPolygon)
	case orb.Collection:
		return checkCollection(g, planar)
	}
	return nil
}

// checkParts checks each part of a multi-geometry of type typ with check.
// A part is checked first without its location ("line 2: "), and only a
// failed check is run again with it, so that valid geometry costs no
// allocation.
func checkParts[T any](parts []T, typ, part string, planar bool, check func(T, string, bool) error) error {
	if len(parts) == 0 {
		return fmt.Errorf("%w: empty %s", ErrGeometry, typ)
	}
	for i, p := range parts {
		if check(p, "", planar) != nil {
			return check(p, fmt.Sprintf("%s %d: ", part, i), planar)
		}
	}
	return nil
}

// checkCollection checks each member of a GeometryCollection.
func checkCollection(c orb.Collection, planar bool) error {
	if len(c) == 0 {
		return fmt.Errorf("%w: empty GeometryCollection", ErrGeometry)
	}
	for i, m := range c {
		if err := validateGeometry(m, planar); err != nil {
			return fmt.Errorf("geometry %d: %w", i, err)
		}
	}
	return nil
}

// checkPosition checks that p is finite and, unless planar, a longitude
// and a latitude; where locates p in its geometry for the message.
func checkPosition(p orb.Point, where string, planar bool) error {
	switch {
	case !finite(p):
		return fmt.Errorf("%w: %scoordinate beyond float64 range", ErrGeometry, where)
	case planar, isLonLat(p):
		return nil
	}
	return fmt.Errorf("%w: %s%s", ErrGeometry, where, rangeProblem(p[0], p[1]))
}

// finite reports whether both coordinates of p are finite.
func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && !math.IsNaN(p[1]) && !math.IsInf(p[1], 0)
}

// isLonLat reports whether p is within lon [-180, 180], lat [-90, 90].
func isLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// rangeProblem says what is wrong with a lon/lat outside its ranges, and
// what it looks like: swapped, or projected metres.
func rangeProblem(lon, lat float64) string {
	switch {
	case math.Abs(lat) > 90 && math.Abs(lat) <= 180 && math.Abs(lon) <= 90:
		return fmt.Sprintf("latitude %v outside [-90, 90]: longitude and latitude look swapped (GeoJSON writes [lon, lat])", lat)
	case math.Abs(lon) > 1000 || math.Abs(lat) > 1000:
		return fmt.Sprintf("[%s, %s] is no longitude and latitude: these look like projected coordinates (metres or feet); name their coordinate system with crs: in city.yaml",
			strconv.FormatFloat(lon, 'f', -1, 64), strconv.FormatFloat(lat, 'f', -1, 64))
	case lon < -180 || lon > 180:
		return fmt.Sprintf("longitude %v outside [-180, 180]", lon)
	}
	return fmt.Sprintf("latitude %v outside [-90, 90]", lat)
}

// badPosition returns the index of the first position checkPosition
// rejects, or -1.
func badPosition(ps []orb.Point, planar bool) int {
	for i, p := range ps {
		if !finite(p) || (!planar && !isLonLat(p)) {
			return i
		}
	}
	return -1
}

// checkLine checks that a line has two positions or more, all valid.
func checkLine(l orb.LineString, where string, planar bool) error {
	if len(l) < 2 {
		return fmt.Errorf("%w: %sline has %d positions, want 2 or more", ErrGeometry, where, len(l))
	}
	if i := badPosition(l, planar); i >= 0 {
		return checkPosition(l[i], fmt.Sprintf("%sposition %d: ", where, i), planar)
	}
	return nil
}

// checkPolygon checks that a polygon has rings, and that each has four
// valid positions or more, is closed and encloses some area.
func checkPolygon(poly orb.Polygon, where string, planar bool) error {
	if len(poly) == 0 {
		return fmt.Errorf("%w: %spolygon has no rings", ErrGeometry, where)
	}
	for i, r := range poly {
		if len(r) < 4 {
			return fmt.Errorf("%w: %sring %d: has %d positions, want 4 or more", ErrGeometry, where, i, len(r))
		}
		if j := badPosition(r, planar); j >= 0 {
			return checkPosition(r[j], fmt.Sprintf("%sring %d: position %d: ", where, i, j), planar)
		}
		if r[0] != r[len(r)-1] {
			return fmt.Errorf("%w: %sring %d: not closed (first position differs from last)", ErrGeometry, where, i)
		}
		if zeroArea(r) {
			return fmt.Errorf("%w: %sring %d: zero area", ErrGeometry, where, i)
		}
	}
	return nil
}

// zeroArea reports a ring whose area is nil up to rounding: all positions on
// one line or one point.
func zeroArea(r orb.Ring) bool {
	a2 := ringArea2(r)
	b := r.Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	return w == 0 || h == 0 || math.Abs(a2) <= 1e-10*w*h
}
