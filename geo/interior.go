package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// InteriorPoint returns a point inside mp (not in a hole), for a polygon of
// positive area: its area-weighted centroid when that lies inside, else a
// point on its surface. A concave or multi-part polygon (an L, a C, two
// islands) can have its centroid outside; a point meant to stand for the
// polygon in point-in-polygon joins must not.
//
// The point on the surface is found as JTS InteriorPointArea finds it: per
// polygon part, a horizontal line through the middle of the part's bound,
// nudged to pass halfway between the two nearest vertex heights so that it
// meets no vertex, cuts the part's rings into inside stretches; the middle
// of the widest stretch of all parts is the point. A polygon of no area
// gets its Centroid.
func InteriorPoint(mp orb.MultiPolygon) orb.Point {
	c := Centroid(mp)
	if MultiPolygonContains(mp, c) {
		return c
	}
	best, width := c, 0.0
	var xs []float64
	for _, poly := range mp {
		if len(poly) == 0 || len(poly[0]) < 3 {
			continue
		}
		y, ok := scanY(poly)
		if !ok {
			continue
		}
		xs = crossingsAt(xs[:0], poly, y)
		slices.Sort(xs)
		for k := 0; k+1 < len(xs); k += 2 {
			if w := xs[k+1] - xs[k]; w > width {
				best, width = orb.Point{(xs[k] + xs[k+1]) / 2, y}, w
			}
		}
	}
	return best
}

// scanY returns a height strictly between vertex heights of poly near the
// middle of its outer ring's bound; ok false for a flat polygon.
func scanY(poly orb.Polygon) (float64, bool) {
	b := poly[0].Bound()
	mid := (b.Min[1] + b.Max[1]) / 2
	lo, hi := b.Min[1], b.Max[1]
	if !(hi > lo) {
		return 0, false
	}
	for _, r := range poly {
		for _, p := range r {
			y := p[1]
			switch {
			case y <= mid && y > lo:
				lo = y
			case y > mid && y < hi:
				hi = y
			}
		}
	}
	if lo == mid {
		// A vertex sits on the middle: take the gap above it.
		return (mid + hi) / 2, true
	}
	return (lo + hi) / 2, true
}

// crossingsAt appends the x of every edge of poly's rings crossing the
// horizontal line at y (which passes through no vertex).
func crossingsAt(xs []float64, poly orb.Polygon, y float64) []float64 {
	for _, r := range poly {
		n := len(r)
		for i := range n {
			a, b := r[i], r[(i+1)%n]
			if (a[1] > y) == (b[1] > y) {
				continue
			}
			xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
		}
	}
	return xs
}

// MultiPolygonContains reports whether p lies in mp by the rules of
// PolygonIndex: inside a part's outer ring and none of its holes, each ring
// tested even-odd (rings need not be closed).
func MultiPolygonContains(mp orb.MultiPolygon, p orb.Point) bool {
	for _, poly := range mp {
		if len(poly) == 0 || !ringHas(poly[0], p) {
			continue
		}
		inHole := false
		for _, h := range poly[1:] {
			if ringHas(h, p) {
				inHole = true
				break
			}
		}
		if !inHole {
			return true
		}
	}
	return false
}

func ringHas(r orb.Ring, p orb.Point) bool {
	in := false
	n := len(r)
	var e [4]float64
	for i := range n {
		a, b := r[i], r[(i+1)%n]
		e = [4]float64{a[0], a[1], b[0], b[1]}
		if crosses(e[:], p[0], p[1]) {
			in = !in
		}
	}
	return in
}

// Area returns the area of mp: each part's outer ring less its holes,
// whatever their winding (in the square of the coordinates' unit).
func Area(mp orb.MultiPolygon) float64 {
	var sum float64
	for _, poly := range mp {
		for k, r := range poly {
			if len(r) == 0 {
				continue
			}
			a2, _, _ := ringMoments(r, r[0])
			if k == 0 {
				sum += math.Abs(a2) / 2
			} else {
				sum -= math.Abs(a2) / 2
			}
		}
	}
	return sum
}
