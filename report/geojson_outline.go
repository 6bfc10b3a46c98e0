package report

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// Catchment outlines are dissolved from the areas a school serves. An area
// is a point (or the centre of a polygon), so its territory is taken to be
// its Voronoi cell within its district: the part of the district nearer to
// it than to any other area of the district. The union of a school's cells
// is its outline.
//
// The cells are found on a raster: a grid over the districts whose cells
// are labelled, by their centre, with the district containing it and the
// nearest area of that district. The outline of a label is then traced
// exactly along the grid edges (integer coordinates, so shared borders
// match and rings close), its staircase corners are cut at half a cell and
// the result is simplified (Douglas–Peucker) to the detail asked for.
// Everything is deterministic: same city and assignment, same rings.

// areaRaster is the labelled grid of a city.
type areaRaster struct {
	x0, y0 float64 // lower-left corner, plane metres
	cell   float64 // side of a cell, metres
	nx, ny int
	area   []int32 // per cell (row-major from the bottom): area index, or -1
}

// minRasterCell keeps tiny cities from getting needlessly fine grids.
const minRasterCell = 10

// newAreaRaster labels a grid of about maxCells cells over c's districts.
func newAreaRaster(c *engine.City, maxCells int) *areaRaster {
	ra := &areaRaster{}
	b, polys := districtBounds(c)
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	if len(polys) == 0 || !(w > 0 && h > 0) {
		return ra
	}
	ra.cell = max(math.Sqrt(w*h/float64(maxCells)), minRasterCell)
	ra.nx, ra.ny = int(math.Ceil(w/ra.cell)), int(math.Ceil(h/ra.cell))
	ra.x0, ra.y0 = b.Min[0], b.Min[1]
	ra.label(geo.NewPolygonIndex(polys), newDistrictAreas(c))
	return ra
}

// districtBounds returns the bound of c's districts and their polygons.
func districtBounds(c *engine.City) (orb.Bound, []orb.MultiPolygon) {
	var b orb.Bound
	polys := make([]orb.MultiPolygon, len(c.Districts))
	for i := range c.Districts {
		polys[i] = c.Districts[i].Geometry
		db := polys[i].Bound()
		if i == 0 {
			b = db
		} else {
			b = b.Union(db)
		}
	}
	return b, polys
}

// districtAreas index the areas of each district for nearest-area look-ups.
type districtAreas struct {
	near []*geo.PointIndex // per district; nil for one without areas
	ids  [][]int32         // per district: the area index of each point
}

func newDistrictAreas(c *engine.City) *districtAreas {
	pts := make([][]orb.Point, len(c.Districts))
	da := &districtAreas{near: make([]*geo.PointIndex, len(c.Districts)), ids: make([][]int32, len(c.Districts))}
	for i := range c.Areas {
		d := c.Areas[i].District
		pts[d] = append(pts[d], c.Areas[i].Point)
		da.ids[d] = append(da.ids[d], int32(i))
	}
	for d := range da.near {
		if len(pts[d]) > 0 {
			da.near[d] = geo.NewPointIndex(pts[d])
		}
	}
	return da
}

// label labels each cell, by its centre, with the nearest area of the
// district containing it, or -1.
func (ra *areaRaster) label(pix *geo.PolygonIndex, da *districtAreas) {
	ra.area = make([]int32, ra.nx*ra.ny)
	for j := 0; j < ra.ny; j++ {
		for i := 0; i < ra.nx; i++ {
			p := orb.Point{ra.x0 + (float64(i)+0.5)*ra.cell, ra.y0 + (float64(j)+0.5)*ra.cell}
			ra.area[j*ra.nx+i] = da.nearest(pix.Locate(p), p)
		}
	}
}

// nearest is the area of district d nearest p, or -1 when p is in no
// district (d < 0) or the district has no areas.
func (da *districtAreas) nearest(d int, p orb.Point) int32 {
	if d < 0 || da.near[d] == nil {
		return -1
	}
	if a, _ := da.near[d].Nearest(p, nil); a >= 0 {
		return da.ids[d][a]
	}
	return -1
}

// Directions of grid edges, counter-clockwise: a left turn is +1.
const (
	dirE = iota
	dirN
	dirW
	dirS
)

var dirDX, dirDY = [4]int{1, 0, -1, 0}, [4]int{0, 1, 0, -1}

// outlines returns, for each label 0..n-1, the outline (plane metres) of
// the cells whose area has that label (label[area], -1 for none),
// simplified with the given tolerance in metres (0: corner cuts only).
func (ra *areaRaster) outlines(label []int32, n int, tolerance float64) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, n)
	if ra.nx == 0 {
		return out
	}
	var dp *simplify.DouglasPeuckerSimplifier
	if tolerance > 0 {
		dp = simplify.DouglasPeucker(tolerance)
	}
	vw := ra.nx + 1
	for l, e := range ra.boundaryEdges(label, n) {
		if e != nil {
			out[l] = ra.assemble(traceRings(e, vw), dp)
		}
	}
	return out
}

// labelAt is the label of cell (i, j), -1 outside the grid or for a cell
// of no area.
func (ra *areaRaster) labelAt(label []int32, i, j int) int32 {
	if i < 0 || j < 0 || i >= ra.nx || j >= ra.ny {
		return -1
	}
	a := ra.area[j*ra.nx+i]
	if a < 0 {
		return -1
	}
	return label[a]
}

// boundaryEdges are the outgoing boundary edges of each label 0..n-1:
// vertex (y*(nx+1)+x) → bitmask of directions; nil for a label of no
// cell. The region lies to the left of every edge.
func (ra *areaRaster) boundaryEdges(label []int32, n int) []map[int32]uint8 {
	vw := ra.nx + 1
	edges := make([]map[int32]uint8, n)
	add := func(l int32, x, y, dir int) {
		if edges[l] == nil {
			edges[l] = map[int32]uint8{}
		}
		edges[l][int32(y*vw+x)] |= 1 << dir
	}
	for j := 0; j < ra.ny; j++ {
		for i := 0; i < ra.nx; i++ {
			l := ra.labelAt(label, i, j)
			if l < 0 || int(l) >= n {
				continue
			}
			// The cell's sides facing another label, counter-clockwise.
			for dir, nb := range [4][2]int{{i, j - 1}, {i + 1, j}, {i, j + 1}, {i - 1, j}} {
				if ra.labelAt(label, nb[0], nb[1]) != l {
					add(l, i+edgeStart[dir][0], j+edgeStart[dir][1], dir)
				}
			}
		}
	}
	return edges
}

// edgeStart is the corner of a cell where its side in each direction
// (dirE: the bottom side, going east; …) starts.
var edgeStart = [4][2]int{dirE: {0, 0}, dirN: {1, 0}, dirW: {1, 1}, dirS: {0, 1}}

// gridRing is a closed ring of grid corners (first not repeated).
type gridRing [][2]int

// traceRings follows the edges into closed rings, turning left where two
// rings touch at a corner so that each ring stays simple.
func traceRings(edges map[int32]uint8, vw int) []gridRing {
	starts := make([]int32, 0, len(edges))
	for v := range edges {
		starts = append(starts, v)
	}
	slices.Sort(starts)
	var rings []gridRing
	for _, v0 := range starts {
		for edges[v0] != 0 {
			rings = append(rings, dropCollinear(traceRing(edges, v0, vw)))
		}
	}
	return rings
}

// traceRing follows one ring from vertex v0's lowest outgoing edge,
// taking the edges it follows out of edges, and returns its corners.
func traceRing(edges map[int32]uint8, v0 int32, vw int) gridRing {
	d0 := 0
	for edges[v0]&(1<<d0) == 0 {
		d0++
	}
	edges[v0] &^= 1 << d0
	x, y := int(v0)%vw, int(v0)/vw
	ring := gridRing{{x, y}}
	for d := d0; ; {
		x, y = x+dirDX[d], y+dirDY[d]
		v := int32(y*vw + x)
		next := nextEdge(edges, v, d, v0, d0)
		if next < 0 {
			return ring
		}
		edges[v] &^= 1 << next
		if next != d {
			ring = append(ring, [2]int{x, y})
		}
		d = next
	}
}

// nextEdge is the direction to leave vertex v by after arriving in
// direction d, the leftmost turn first; -1 where the ring closes (back at
// v0 about to leave by d0) or has no way on.
func nextEdge(edges map[int32]uint8, v int32, d int, v0 int32, d0 int) int {
	for _, turn := range [3]int{1, 0, 3} {
		c := (d + turn) % 4
		if v == v0 && c == d0 {
			return -1 // closed
		}
		if edges[v]&(1<<c) != 0 {
			return c
		}
	}
	return -1
}

// dropCollinear removes corners where the ring goes straight on.
func dropCollinear(r gridRing) gridRing {
	out := r[:0:0]
	n := len(r)
	for k := range r {
		a, b, c := r[(k+n-1)%n], r[k], r[(k+1)%n]
		if (b[0]-a[0])*(c[1]-b[1])-(b[1]-a[1])*(c[0]-b[0]) != 0 {
			out = append(out, b)
		}
	}
	return out
}

// area2 is twice the signed area (counter-clockwise positive).
func (r gridRing) area2() int {
	s := 0
	for k := range r {
		a, b := r[k], r[(k+1)%len(r)]
		s += a[0]*b[1] - b[0]*a[1]
	}
	return s
}

// containsHalf reports whether the point (x+½, y+½) lies inside r (even–odd;
// the point is never on a grid line).
func (r gridRing) containsHalf(x, y int) bool {
	px, py := 2*x+1, 2*y+1
	in := false
	for k := range r {
		a, b := r[k], r[(k+1)%len(r)]
		ay, by := 2*a[1], 2*b[1]
		if (ay > py) != (by > py) {
			ax, bx := 2*a[0], 2*b[0]
			// x of the edge at py, compared without division.
			lhs := (px - ax) * (by - ay)
			rhs := (bx - ax) * (py - ay)
			if (by > ay && lhs < rhs) || (by < ay && lhs > rhs) {
				in = !in
			}
		}
	}
	return in
}

// assemble groups rings into polygons (holes into the smallest outer ring
// around them), cuts corners, converts to plane metres and simplifies.
func (ra *areaRaster) assemble(rings []gridRing, dp *simplify.DouglasPeuckerSimplifier) orb.MultiPolygon {
	var outer []int
	for k, r := range rings {
		if len(r) >= 4 && r.area2() > 0 {
			outer = append(outer, k)
		}
	}
	holes := make(map[int][]int)
	for k, r := range rings {
		if len(r) < 4 || r.area2() >= 0 {
			continue
		}
		if best := smallestAround(rings, outer, r); best >= 0 {
			holes[best] = append(holes[best], k)
		}
	}
	var mp orb.MultiPolygon
	for _, o := range outer {
		if poly := ra.polygon(rings, o, holes[o], dp); len(poly) > 0 {
			mp = append(mp, poly)
		}
	}
	return mp
}

// smallestAround is the smallest of the outer rings around hole, or -1.
func smallestAround(rings []gridRing, outer []int, hole gridRing) int {
	cx, cy := hole.leftCell()
	best, bestArea := -1, 0
	for _, o := range outer {
		if rings[o].containsHalf(cx, cy) && (best < 0 || rings[o].area2() < bestArea) {
			best, bestArea = o, rings[o].area2()
		}
	}
	return best
}

// leftCell is the cell to the left of r's first edge: for a hole, a cell
// of the region.
func (r gridRing) leftCell() (x, y int) {
	a, b := r[0], r[1]
	dx, dy := sign(b[0]-a[0]), sign(b[1]-a[1])
	x, y = a[0], a[1]
	switch {
	case dx > 0:
	case dy > 0:
		x--
	case dx < 0:
		x, y = x-1, y-1
	default:
		y--
	}
	return x, y
}

// polygon is the outer ring o with its holes, smoothed and simplified;
// holes simplified to nothing are left out, and the polygon is empty when
// its outer ring is.
func (ra *areaRaster) polygon(rings []gridRing, o int, holes []int, dp *simplify.DouglasPeuckerSimplifier) orb.Polygon {
	poly := orb.Polygon{ra.smooth(rings[o])}
	for _, h := range holes {
		poly = append(poly, ra.smooth(rings[h]))
	}
	if dp != nil {
		poly = dp.Polygon(poly)
	}
	var kept orb.Polygon
	for i, r := range poly {
		if len(r) < 4 {
			if i == 0 {
				break
			}
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

func sign(v int) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// smooth cuts every corner of r half a cell along its two edges, drops the
// points left in line, and returns the closed ring in plane metres.
func (ra *areaRaster) smooth(r gridRing) orb.Ring {
	// Doubled coordinates keep the half-cell cuts on integers.
	n := len(r)
	pts := make([][2]int, 0, 2*n)
	for k := range r {
		a, b, c := r[(k+n-1)%n], r[k], r[(k+1)%n]
		p := [2]int{2*b[0] + sign(a[0]-b[0]), 2*b[1] + sign(a[1]-b[1])}
		q := [2]int{2*b[0] + sign(c[0]-b[0]), 2*b[1] + sign(c[1]-b[1])}
		for _, x := range [2][2]int{p, q} {
			if len(pts) == 0 || pts[len(pts)-1] != x {
				pts = append(pts, x)
			}
		}
	}
	for len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	pts = dropCollinear(pts)
	ring := make(orb.Ring, 0, len(pts)+1)
	for _, p := range pts {
		ring = append(ring, orb.Point{ra.x0 + float64(p[0])*ra.cell/2, ra.y0 + float64(p[1])*ra.cell/2})
	}
	if len(ring) > 0 {
		ring = append(ring, ring[0])
	}
	return ring
}
