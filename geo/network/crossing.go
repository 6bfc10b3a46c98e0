package network

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// segRef is segment i (positions i and i+1) of road r.
type segRef struct{ r, i int32 }

// cut is a position inserted into segment i of a road at parameter t.
type cut struct {
	i int32
	t float64
	p orb.Point
}

// touchTol is the distance within which a crossing counts as at a
// segment's end: an end that comes within a centimetre of another road's
// middle (a T junction) is inserted there exactly. Lon/lat written with 7
// decimals, as GIS tools write them, are a centimetre apart.
const touchTol = 0.01

// splitAtCrossings returns the line of each road with the positions where
// layer roads cross or touch one another on one level inserted. OSM roads
// keep their lines: OSM ways meet only at shared nodes.
func splitAtCrossings(roads []Road) []orb.LineString {
	refs := layerSegments(roads)
	lines := make([]orb.LineString, len(roads))
	for r := range roads {
		lines[r] = roads[r].Line
	}
	if len(refs) < 2 {
		return lines
	}
	cuts := make(map[int32][]cut)
	grid := newSegGrid(roads, refs)
	grid.eachPair(func(a, b segRef) { crossPair(roads, a, b, cuts) })
	for r, cs := range cuts {
		lines[r] = insertCuts(roads[r].Line, cs)
	}
	return lines
}

// layerSegments lists the segments of the roads read from a layer.
func layerSegments(roads []Road) []segRef {
	var refs []segRef
	for r := range roads {
		if roads[r].Nodes != nil {
			continue
		}
		for i := 0; i+1 < len(roads[r].Line); i++ {
			refs = append(refs, segRef{int32(r), int32(i)})
		}
	}
	return refs
}

// crossPair records where segments a and b cross or touch. Two middles
// crossing are joined when the roads meet (one level, no bridge or
// tunnel); an end touching a middle (a T junction) is joined unless the
// middle is a bridge's or a tunnel's.
func crossPair(roads []Road, a, b segRef, cuts map[int32][]cut) {
	if a.r == b.r && a.i-b.i >= -1 && a.i-b.i <= 1 {
		return // neighbours on one road share a position
	}
	ra, rb := &roads[a.r], &roads[b.r]
	a1, a2 := ra.Line[a.i], ra.Line[a.i+1]
	b1, b2 := rb.Line[b.i], rb.Line[b.i+1]
	epsT, epsU := touchTol/dist(a1, a2), touchTol/dist(b1, b2)
	if t, u, ok := intersect(a1, a2, b1, b2, epsT, epsU); ok {
		joinCrossing(ra, rb, a, b, atEnd(t, epsT), atEnd(u, epsU), t, u, cuts)
	}
}

// joinCrossing records the cuts of segments a (of road ra) and b (of rb)
// that meet at parameters t and u, by the rules of crossPair.
func joinCrossing(ra, rb *Road, a, b segRef, endT, endU bool, t, u float64, cuts map[int32][]cut) {
	a1, a2 := ra.Line[a.i], ra.Line[a.i+1]
	b1, b2 := rb.Line[b.i], rb.Line[b.i+1]
	switch {
	case endT && endU:
		// positions shared or touching ends: joined by position only
	case endT && !rb.passes():
		cuts[b.r] = append(cuts[b.r], cut{b.i, u, pick(t, a1, a2)})
	case endU && !ra.passes():
		cuts[a.r] = append(cuts[a.r], cut{a.i, t, pick(u, b1, b2)})
	case !endT && !endU && ra.meets(rb):
		p := orb.Point{a1[0] + t*(a2[0]-a1[0]), a1[1] + t*(a2[1]-a1[1])}
		cuts[a.r] = append(cuts[a.r], cut{a.i, t, p})
		cuts[b.r] = append(cuts[b.r], cut{b.i, u, p})
	}
}

// atEnd reports whether parameter t is within eps of an end of its
// segment.
func atEnd(t, eps float64) bool { return t <= eps || t >= 1-eps }

func dist(p, q orb.Point) float64 { return math.Hypot(q[0]-p[0], q[1]-p[1]) }

// pick is the end of segment p1p2 that parameter t is at.
func pick(t float64, p1, p2 orb.Point) orb.Point {
	if t < 0.5 {
		return p1
	}
	return p2
}

// intersect gives the parameters along a1a2 and b1b2 of their crossing,
// allowing epsT and epsU beyond the ends; ok is false when they do not
// meet or are parallel (overlapping collinear ways are not noded).
func intersect(a1, a2, b1, b2 orb.Point, epsT, epsU float64) (t, u float64, ok bool) {
	dx1, dy1 := a2[0]-a1[0], a2[1]-a1[1]
	dx2, dy2 := b2[0]-b1[0], b2[1]-b1[1]
	den := dx1*dy2 - dy1*dx2
	if den == 0 || math.Abs(den) < 1e-12*math.Hypot(dx1, dy1)*math.Hypot(dx2, dy2) {
		return 0, 0, false
	}
	ex, ey := b1[0]-a1[0], b1[1]-a1[1]
	t = (ex*dy2 - ey*dx2) / den
	u = (ex*dy1 - ey*dx1) / den
	return t, u, t >= -epsT && t <= 1+epsT && u >= -epsU && u <= 1+epsU
}

// insertCuts returns line with the cut positions inserted in order along
// it; a position cut twice is inserted once.
func insertCuts(line orb.LineString, cs []cut) orb.LineString {
	slices.SortFunc(cs, func(x, y cut) int {
		return cmp.Or(cmp.Compare(x.i, y.i), cmp.Compare(x.t, y.t), cmp.Compare(x.p[0], y.p[0]), cmp.Compare(x.p[1], y.p[1]))
	})
	out := make(orb.LineString, 0, len(line)+len(cs))
	k := 0
	for i, p := range line {
		out = append(out, p)
		for ; k < len(cs) && cs[k].i == int32(i); k++ {
			if q := cs[k].p; q != out[len(out)-1] && q != line[i+1] {
				out = append(out, q)
			}
		}
	}
	return out
}
