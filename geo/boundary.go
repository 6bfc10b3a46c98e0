package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// BoundaryIndex holds the ring edges of fixed polygons in a uniform grid, to
// tell quickly whether a polygon touches any of their boundaries. Each
// polygon carries a class (a bit set chosen by the caller, e.g. districts
// and the catchment zones of each stage) so one index answers for any mix
// of classes. Read-only after NewBoundaryIndex; safe for concurrent queries.
type BoundaryIndex struct {
	seg     []float64 // edges as x1, y1, x2, y2
	class   []uint8   // class bits of each edge's polygon
	poly    []int32   // polygon of each edge
	minX    float64
	minY    float64
	inv     float64
	nx, ny  int
	cellOff []int32 // cell c lists cellSeg[cellOff[c]:cellOff[c+1]]
	cellSeg []int32
}

// NewBoundaryIndex indexes the edges of polys; class[i] are the bits of
// polygon i (class nil: every polygon has bit 1).
func NewBoundaryIndex(polys []orb.MultiPolygon, class []uint8) *BoundaryIndex {
	ix := &BoundaryIndex{}
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	var length float64
	for i, mp := range polys {
		bits := uint8(1)
		if class != nil {
			bits = class[i]
		}
		for _, poly := range mp {
			for _, r := range poly {
				n := len(r)
				for k := range n {
					p, q := r[k], r[(k+1)%n]
					if p == q {
						continue
					}
					ix.seg = append(ix.seg, p[0], p[1], q[0], q[1])
					ix.class = append(ix.class, bits)
					ix.poly = append(ix.poly, int32(i))
					b = b.Extend(p)
					length += math.Hypot(q[0]-p[0], q[1]-p[1])
				}
			}
		}
	}
	ix.buildGrid(b, length)
	return ix
}

// buildGrid lists the edges in cells about as wide as the mean edge is long,
// with at most about four cells per edge.
func (ix *BoundaryIndex) buildGrid(b orb.Bound, length float64) {
	ne := len(ix.class)
	ix.nx, ix.ny = 1, 1
	if ne == 0 {
		ix.cellOff = make([]int32, 2)
		return
	}
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	cell := max(length/float64(ne), math.Sqrt(w*h/float64(4*ne)))
	if !(cell > 0) {
		cell = 1
	}
	ix.minX, ix.minY, ix.inv = b.Min[0], b.Min[1], 1/cell
	ix.nx, ix.ny = int(w*ix.inv)+1, int(h*ix.inv)+1
	ncell := ix.nx * ix.ny
	ix.cellOff = make([]int32, ncell+1)
	ix.eachCell(func(c int, _ int32) { ix.cellOff[c+1]++ })
	for c := range ncell {
		ix.cellOff[c+1] += ix.cellOff[c]
	}
	next := append([]int32(nil), ix.cellOff[:ncell]...)
	ix.cellSeg = make([]int32, ix.cellOff[ncell])
	ix.eachCell(func(c int, e int32) {
		ix.cellSeg[next[c]] = e
		next[c]++
	})
}

// eachCell calls f for every cell the bound of each edge reaches, in edge order.
func (ix *BoundaryIndex) eachCell(f func(c int, e int32)) {
	for e := range len(ix.class) {
		s := ix.seg[4*e : 4*e+4]
		x0, y0 := ix.cellXY(min(s[0], s[2]), min(s[1], s[3]))
		x1, y1 := ix.cellXY(max(s[0], s[2]), max(s[1], s[3]))
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				f(y*ix.nx+x, int32(e))
			}
		}
	}
}

func (ix *BoundaryIndex) cellXY(x, y float64) (int, int) {
	return clampCell((x-ix.minX)*ix.inv, ix.nx), clampCell((y-ix.minY)*ix.inv, ix.ny)
}

// Touches reports whether a boundary edge of a class in mask meets mp:
// crosses or touches one of its edges or lies inside it. False means mp
// lies wholly inside or wholly outside each polygon of those classes,
// off their boundaries.
func (ix *BoundaryIndex) Touches(mp orb.MultiPolygon, mask uint8) bool {
	found := false
	ix.each(mp, mask, func(int32) bool {
		found = true
		return false
	})
	return found
}

// Meets appends to buf, in ascending order without repeats, every polygon
// of a class in mask whose boundary meets mp (see Touches), and returns it.
// A polygon of those classes not listed holds all of mp or none of it.
func (ix *BoundaryIndex) Meets(buf []int32, mp orb.MultiPolygon, mask uint8) []int32 {
	start := len(buf)
	ix.each(mp, mask, func(p int32) bool {
		if !slices.Contains(buf[start:], p) {
			buf = append(buf, p)
		}
		return true
	})
	slices.Sort(buf[start:])
	return buf
}

// each calls f with the polygon of every edge of a class in mask meeting
// mp, skipping edges of polygons already reported, until f returns false.
func (ix *BoundaryIndex) each(mp orb.MultiPolygon, mask uint8, f func(poly int32) bool) {
	if len(ix.class) == 0 || mask == 0 {
		return
	}
	b := mp.Bound()
	x0, y0 := ix.cellXY(b.Min[0], b.Min[1])
	x1, y1 := ix.cellXY(b.Max[0], b.Max[1])
	var seen []int32
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := y*ix.nx + x
			for _, e := range ix.cellSeg[ix.cellOff[c]:ix.cellOff[c+1]] {
				p := ix.poly[e]
				if ix.class[e]&mask == 0 || slices.Contains(seen, p) || !edgeMeets(ix.seg[4*e:4*e+4], mp, b) {
					continue
				}
				seen = append(seen, p)
				if !f(p) {
					return
				}
			}
		}
	}
}

// edgeMeets reports whether segment s meets mp (of bound b): it touches or
// crosses an edge of mp, or its first end lies inside mp.
func edgeMeets(s []float64, mp orb.MultiPolygon, b orb.Bound) bool {
	p, q := orb.Point{s[0], s[1]}, orb.Point{s[2], s[3]}
	if max(p[0], q[0]) < b.Min[0] || min(p[0], q[0]) > b.Max[0] ||
		max(p[1], q[1]) < b.Min[1] || min(p[1], q[1]) > b.Max[1] {
		return false
	}
	for _, poly := range mp {
		for _, r := range poly {
			n := len(r)
			for k := range n {
				if segmentsMeet(p, q, r[k], r[(k+1)%n]) {
					return true
				}
			}
		}
	}
	return MultiPolygonContains(mp, p)
}

// segmentsMeet reports whether closed segments pq and ab share a point.
func segmentsMeet(p, q, a, b orb.Point) bool {
	d1, d2 := orient(a, b, p), orient(a, b, q)
	d3, d4 := orient(p, q, a), orient(p, q, b)
	if opposite(d1, d2) && opposite(d3, d4) {
		return true
	}
	return touches(d1, a, b, p) || touches(d2, a, b, q) || touches(d3, p, q, a) || touches(d4, p, q, b)
}

// opposite reports whether two orientations put points strictly on
// opposite sides of a line.
func opposite(d1, d2 float64) bool {
	return (d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)
}

// touches reports whether c, at orientation d from segment ab, lies on it.
func touches(d float64, a, b, c orb.Point) bool {
	return d == 0 && onSegment(a, b, c)
}

// orient is twice the signed area of triangle abc: positive when c lies
// left of the line from a to b.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// onSegment reports whether c, collinear with ab, lies within its bound.
func onSegment(a, b, c orb.Point) bool {
	return min(a[0], b[0]) <= c[0] && c[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= c[1] && c[1] <= max(a[1], b[1])
}
