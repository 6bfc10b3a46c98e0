package network

import (
	"math"

	"github.com/paulmach/orb"
)

// boxGrid is a uniform grid over segments: each cell lists, in index
// order, the segments whose bounding box overlaps it. Cells are about as
// wide as the mean spacing of the segments, so a cell holds a few.
type boxGrid struct {
	minX, minY float64
	cell       float64
	nx, ny     int
	start      []int32 // nx*ny+1 offsets into items
	items      []int32
}

// maxCells bounds the grid's side, so that a few very long segments over
// a wide bound do not make a huge grid.
const maxCells = 4096

// newBoxGrid grids the n segments ends(i).
func newBoxGrid(n int, ends func(i int) (orb.Point, orb.Point)) boxGrid {
	b := boundOf(n, ends)
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	cell := math.Max(math.Sqrt(w*h/float64(max(n, 1))), math.Max(w, h)/maxCells)
	cell = math.Max(cell, 1)
	g := boxGrid{minX: b.Min[0], minY: b.Min[1], cell: cell,
		nx: int(w/cell) + 1, ny: int(h/cell) + 1}
	g.start = make([]int32, g.nx*g.ny+1)
	g.each(n, ends, func(c, _ int) { g.start[c+1]++ })
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	g.items = make([]int32, g.start[len(g.start)-1])
	fill := append([]int32(nil), g.start[:len(g.start)-1]...)
	g.each(n, ends, func(c, i int) {
		g.items[fill[c]] = int32(i)
		fill[c]++
	})
	return g
}

// boundOf is the bound of the segments' ends.
func boundOf(n int, ends func(i int) (orb.Point, orb.Point)) orb.Bound {
	var b orb.Bound
	for i := 0; i < n; i++ {
		p, q := ends(i)
		if i == 0 {
			b = orb.Bound{Min: p, Max: p}
		}
		b = b.Extend(p).Extend(q)
	}
	return b
}

// each calls fn for every cell of every segment's box, segments in order.
func (g *boxGrid) each(n int, ends func(i int) (orb.Point, orb.Point), fn func(c, i int)) {
	for i := 0; i < n; i++ {
		p, q := ends(i)
		x0, y0 := g.cellXY(math.Min(p[0], q[0]), math.Min(p[1], q[1]))
		x1, y1 := g.cellXY(math.Max(p[0], q[0]), math.Max(p[1], q[1]))
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				fn(y*g.nx+x, i)
			}
		}
	}
}

// cellXY is the cell of a position, clamped to the grid.
func (g *boxGrid) cellXY(x, y float64) (int, int) {
	cx := int((x - g.minX) / g.cell)
	cy := int((y - g.minY) / g.cell)
	return min(max(cx, 0), g.nx-1), min(max(cy, 0), g.ny-1)
}

// cellItems lists the segments of cell (x, y).
func (g *boxGrid) cellItems(x, y int) []int32 {
	c := y*g.nx + x
	return g.items[g.start[c]:g.start[c+1]]
}

// segGrid grids the segments of layer roads, to find where they cross.
type segGrid struct {
	boxGrid
	roads []Road
	refs  []segRef
}

func newSegGrid(roads []Road, refs []segRef) *segGrid {
	s := &segGrid{roads: roads, refs: refs}
	s.boxGrid = newBoxGrid(len(refs), s.ends)
	return s
}

func (s *segGrid) ends(i int) (orb.Point, orb.Point) {
	r := s.refs[i]
	l := s.roads[r.r].Line
	return l[r.i], l[r.i+1]
}

// eachPair calls fn once for every two segments whose boxes overlap: in
// the cell that holds the lower-left corner of the overlap.
func (s *segGrid) eachPair(fn func(a, b segRef)) {
	for y := 0; y < s.ny; y++ {
		for x := 0; x < s.nx; x++ {
			items := s.cellItems(x, y)
			for i, a := range items {
				for _, b := range items[i+1:] {
					if s.ownsPair(x, y, int(a), int(b)) {
						fn(s.refs[a], s.refs[b])
					}
				}
			}
		}
	}
}

// ownsPair reports whether the boxes of segments a and b overlap and the
// overlap's lower-left corner is in cell (x, y).
func (s *segGrid) ownsPair(x, y, a, b int) bool {
	a1, a2 := s.ends(a)
	b1, b2 := s.ends(b)
	lx := math.Max(math.Min(a1[0], a2[0]), math.Min(b1[0], b2[0]))
	ly := math.Max(math.Min(a1[1], a2[1]), math.Min(b1[1], b2[1]))
	hx := math.Min(math.Max(a1[0], a2[0]), math.Max(b1[0], b2[0]))
	hy := math.Min(math.Max(a1[1], a2[1]), math.Max(b1[1], b2[1]))
	if lx > hx || ly > hy {
		return false
	}
	cx, cy := s.cellXY(lx, ly)
	return cx == x && cy == y
}
