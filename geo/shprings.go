package geo

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
)

// shpRing is one part of a shapefile polygon.
type shpRing struct {
	ring  orb.Ring
	part  int
	area2 float64 // twice the signed area: negative when clockwise
	bound orb.Bound
}

// assemblePolygon turns the parts of a Polygon record into an orb.Polygon
// (one outer ring) or orb.MultiPolygon. The shapefile specification writes
// outer rings clockwise and holes counter-clockwise; a hole goes to the
// smallest outer ring that contains it. Orientation is not trusted blindly:
// a hole that lies in no outer ring is an error, not a polygon of its own.
// Rings come out as RFC 7946 orders them (outer rings counter-clockwise,
// holes clockwise), so that a shapefile and the GeoJSON it was made from
// read the same.
func assemblePolygon(p shpPoints) (orb.Geometry, error) {
	shells, holes, err := sortRings(p)
	if err != nil {
		return nil, err
	}
	// The rings are the record's own slices of points (capacity cut at
	// their ends), so they are reversed in place.
	polys := make([]orb.Polygon, len(shells))
	for i, s := range shells {
		polys[i] = orb.Polygon{reversed(s.ring)}
	}
	for _, h := range holes {
		best := smallestShell(h, shells)
		if best < 0 {
			return nil, fmt.Errorf("%w: part %d is a hole (counter-clockwise) that lies in no outer ring; outer rings must be clockwise", ErrGeometry, h.part)
		}
		polys[best] = append(polys[best], reversed(h.ring))
	}
	if len(polys) == 1 {
		return polys[0], nil
	}
	return orb.MultiPolygon(polys), nil
}

// sortRings checks the parts of a Polygon record and sorts them by
// orientation into outer rings (clockwise) and holes.
func sortRings(p shpPoints) (shells, holes []shpRing, err error) {
	shells, holes = make([]shpRing, 0, len(p.parts)), make([]shpRing, 0, len(p.parts))
	for i := range p.parts {
		r := shpRing{ring: orb.Ring(p.part(i)), part: i}
		if err := checkShpRing(r.ring); err != nil {
			return nil, nil, fmt.Errorf("%w: part %d: %s", ErrGeometry, i, err)
		}
		r.area2 = ringArea2(r.ring)
		r.bound = r.ring.Bound()
		if r.area2 < 0 {
			shells = append(shells, r)
		} else {
			holes = append(holes, r)
		}
	}
	return shells, holes, nil
}

// smallestShell returns the smallest outer ring that contains hole h, or -1.
func smallestShell(h shpRing, shells []shpRing) int {
	best := -1
	for i, s := range shells {
		if (best < 0 || -s.area2 < -shells[best].area2) && ringInside(h, s) {
			best = i
		}
	}
	return best
}

// checkShpRing is the part of checkPolygon that orientation needs.
func checkShpRing(r orb.Ring) error {
	switch {
	case len(r) < 4:
		return fmt.Errorf("ring has %d points, want 4 or more", len(r))
	case r[0] != r[len(r)-1]:
		return fmt.Errorf("ring not closed (first point differs from last)")
	case zeroArea(r):
		return fmt.Errorf("ring of zero area")
	}
	for _, q := range r {
		if !finite(q) {
			return fmt.Errorf("coordinate beyond float64 range")
		}
	}
	return nil
}

// ringArea2 is twice the signed area (shoelace), positive counter-clockwise.
func ringArea2(r orb.Ring) float64 {
	x0, y0 := r[0][0], r[0][1]
	var a float64
	for i := 1; i+1 < len(r); i++ {
		a += (r[i][0]-x0)*(r[i+1][1]-y0) - (r[i+1][0]-x0)*(r[i][1]-y0)
	}
	return a
}

// reversed reverses r in place and returns it.
func reversed(r orb.Ring) orb.Ring {
	slices.Reverse(r)
	return r
}

// ringInside reports whether hole h lies inside shell s: within its bound,
// with at least one vertex strictly inside and none strictly outside
// (vertices on the shell's boundary count for neither, as a hole may touch
// its shell).
func ringInside(h, s shpRing) bool {
	if !s.bound.Contains(h.bound.Min) || !s.bound.Contains(h.bound.Max) {
		return false
	}
	in := false
	for _, q := range h.ring[:len(h.ring)-1] {
		switch pointInRing(s.ring, q) {
		case -1:
			return false
		case 1:
			in = true
		}
	}
	return in
}

// pointInRing returns 1 when q is strictly inside r, -1 strictly outside,
// 0 on its boundary.
func pointInRing(r orb.Ring, q orb.Point) int {
	in := false
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		if onEdge(a, b, q) {
			return 0
		}
		if (a[1] > q[1]) != (b[1] > q[1]) {
			x := a[0] + (q[1]-a[1])*(b[0]-a[0])/(b[1]-a[1])
			if q[0] < x {
				in = !in
			}
		}
	}
	if in {
		return 1
	}
	return -1
}

// onEdge reports whether q lies on the segment ab.
func onEdge(a, b, q orb.Point) bool {
	return orient(a, b, q) == 0 && onSegment(a, b, q)
}
