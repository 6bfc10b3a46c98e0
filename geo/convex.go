package geo

import (
	"github.com/paulmach/orb"
)

// ConvexRing returns the outer ring of mp when mp is one convex polygon
// without holes (collinear vertices allowed), counter-clockwise and not
// closed; ok false otherwise.
func ConvexRing(mp orb.MultiPolygon) (orb.Ring, bool) {
	if len(mp) != 1 || len(mp[0]) != 1 {
		return nil, false
	}
	r := openRing(mp[0][0])
	if len(r) < 3 {
		return nil, false
	}
	sign := turnSign(r)
	if sign == 0 || !windsOnce(r, sign) {
		return nil, false
	}
	return counterClockwise(r, sign), true
}

// openRing returns r without its closing position.
func openRing(r orb.Ring) orb.Ring {
	if n := len(r); n > 1 && r[0] == r[n-1] {
		return r[:n-1]
	}
	return r
}

// turnSign returns the sign of the turns at the vertices of the open ring
// r (positive counter-clockwise), skipping straight ones; 0 when they do
// not all turn one way, or none turns.
func turnSign(r orb.Ring) float64 {
	n := len(r)
	sign := 0.0
	for i := range n {
		x := orient(r[i], r[(i+1)%n], r[(i+2)%n])
		switch {
		case x == 0:
			continue
		case sign == 0:
			sign = x
		case (x > 0) != (sign > 0):
			return 0
		}
	}
	return sign
}

// windsOnce reports whether the open ring r, which turns one way (sign) at
// every vertex, winds once around. Turning one way at every vertex can
// still wind twice around; a convex ring turns once: its edges' directions
// sweep 360° in total, which shows as the signed area being the same as
// that of the fan from its first vertex with every triangle of one sign.
func windsOnce(r orb.Ring, sign float64) bool {
	for i := 1; i+1 < len(r); i++ {
		if x := orient(r[0], r[i], r[i+1]); x != 0 && (x > 0) != (sign > 0) {
			return false
		}
	}
	return true
}

// counterClockwise returns a copy of the open ring r that turns sign,
// reversed if it runs clockwise.
func counterClockwise(r orb.Ring, sign float64) orb.Ring {
	n := len(r)
	out := make(orb.Ring, n)
	if sign > 0 {
		copy(out, r)
	} else {
		for i := range n {
			out[i] = r[n-1-i]
		}
	}
	return out
}

// ClipConvex returns mp ∩ clip for a counter-clockwise convex ring clip
// (as ConvexRing gives): every ring of mp, holes too, cut to clip by
// Sutherland–Hodgman, the algorithm orb/clip applies to rectangles. The
// area is exact; where mp is concave inside clip, the result may carry
// zero-width bridges along clip's sides, which add no area and hold no
// interior point. Parts and holes left with no area are dropped.
func ClipConvex(mp orb.MultiPolygon, clip orb.Ring) orb.MultiPolygon {
	var out orb.MultiPolygon
	var a, b orb.Ring
	for _, poly := range mp {
		var cp orb.Polygon
		for k, r := range poly {
			a, b = clipRing(r, clip, a[:0], b[:0])
			if len(a) < 3 || Area(orb.MultiPolygon{{a}}) == 0 {
				if k == 0 {
					break
				}
				continue
			}
			ring := make(orb.Ring, len(a)+1)
			copy(ring, a)
			ring[len(a)] = a[0]
			cp = append(cp, ring)
		}
		if len(cp) > 0 {
			out = append(out, cp)
		}
	}
	return out
}

// clipRing cuts ring r by each edge of clip in turn, using a and b as
// buffers; the result is in the first buffer returned (not closed).
func clipRing(r, clip, a, b orb.Ring) (orb.Ring, orb.Ring) {
	a = append(a, r...)
	if n := len(a); n > 1 && a[0] == a[n-1] {
		a = a[:n-1]
	}
	m := len(clip)
	for e := 0; e < m && len(a) > 0; e++ {
		p, q := clip[e], clip[(e+1)%m]
		b = b[:0]
		prev := a[len(a)-1]
		prevIn := orient(p, q, prev) >= 0
		for _, cur := range a {
			in := orient(p, q, cur) >= 0
			if in != prevIn {
				b = append(b, lineCross(p, q, prev, cur))
			}
			if in {
				b = append(b, cur)
			}
			prev, prevIn = cur, in
		}
		a, b = b, a
	}
	return a, b
}

// lineCross returns where segment uv crosses the line through p and q (u
// and v on either side).
func lineCross(p, q, u, v orb.Point) orb.Point {
	du, dv := orient(p, q, u), orient(p, q, v)
	t := du / (du - dv)
	return orb.Point{u[0] + t*(v[0]-u[0]), u[1] + t*(v[1]-u[1])}
}
