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
	r := mp[0][0]
	if n := len(r); n > 1 && r[0] == r[n-1] {
		r = r[:n-1]
	}
	n := len(r)
	if n < 3 {
		return nil, false
	}
	sign := 0.0
	for i := range n {
		a, b, c := r[i], r[(i+1)%n], r[(i+2)%n]
		x := orient(a, b, c)
		switch {
		case x == 0:
			continue
		case sign == 0:
			sign = x
		case (x > 0) != (sign > 0):
			return nil, false
		}
	}
	if sign == 0 {
		return nil, false
	}
	// Turning one way at every vertex can still wind twice around; a
	// convex ring turns once: its edges' directions sweep 360° in total,
	// which shows as the signed area being the same as that of the fan
	// from its first vertex with every triangle of one sign.
	for i := 1; i+1 < n; i++ {
		if x := orient(r[0], r[i], r[i+1]); x != 0 && (x > 0) != (sign > 0) {
			return nil, false
		}
	}
	out := make(orb.Ring, n)
	if sign > 0 {
		copy(out, r)
	} else {
		for i := range n {
			out[i] = r[n-1-i]
		}
	}
	return out, true
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
