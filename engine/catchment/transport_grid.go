package catchment

import (
	"math"

	"github.com/paulmach/orb"
)

// priceGrid is a uniform grid over the schools of a geometric transport
// problem that answers priced queries: the schools j whose distance plus
// seat price d(p, j) + π_j lies below a threshold, and the least such
// value. Each cell keeps the least price of its schools, so a cell whose
// distance plus least price reaches the threshold is skipped whole; prices
// only rise during a solve, so raise keeps the cell minima exact.
type priceGrid struct {
	x0, y0 float64 // corner of the grid
	cell   float64 // side of a cell, metres
	nx, ny int
	start  []int32 // CSR: schools of cell c are ids[start[c]:start[c+1]]
	ids    []int32
	pts    []orb.Point // every school's point
	cellOf []int32     // cell of each school (−1 if not indexed)
	pi     []float64   // the solver's prices, shared
	minPi  []float64   // least price per cell (+Inf when empty)
	gmin   float64     // least price overall
	dirty  bool        // gmin must be recomputed
	cells  []int32     // scratch of scanUnmarked: the cells to visit
}

// gridPerCell is the mean number of schools per cell.
const gridPerCell = 2

// newPriceGrid indexes the schools for which use is true.
func newPriceGrid(pts []orb.Point, use []bool, pi []float64) *priceGrid {
	g := &priceGrid{pts: pts, pi: pi, cellOf: make([]int32, len(pts))}
	bound, k := usedBound(pts, use)
	if k == 0 {
		g.nx, g.ny, g.cell = 1, 1, 1
		g.start = make([]int32, 2)
		g.minPi = []float64{math.Inf(1)}
		g.gmin = math.Inf(1)
		for j := range g.cellOf {
			g.cellOf[j] = -1
		}
		return g
	}
	w, h := bound.Max[0]-bound.Min[0], bound.Max[1]-bound.Min[1]
	area := max(w*h, 1)
	g.cell = math.Sqrt(area * gridPerCell / float64(k))
	g.cell = max(g.cell, max(w, h)/2048, 1)
	g.nx = int(w/g.cell) + 1
	g.ny = int(h/g.cell) + 1
	g.x0, g.y0 = bound.Min[0], bound.Min[1]
	g.bucket(use, k)
	g.minPi = make([]float64, g.nx*g.ny)
	for c := range g.minPi {
		g.recell(c)
	}
	g.dirty = true
	return g
}

// usedBound returns the bounding box of the points for which use is
// true, and how many they are.
func usedBound(pts []orb.Point, use []bool) (orb.Bound, int) {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	k := 0
	for j, q := range pts {
		if !use[j] {
			continue
		}
		k++
		b.Min = orb.Point{min(b.Min[0], q[0]), min(b.Min[1], q[1])}
		b.Max = orb.Point{max(b.Max[0], q[0]), max(b.Max[1], q[1])}
	}
	return b, k
}

// bucket sorts the k used schools into their cells (CSR: start, ids, in
// school order within a cell) and sets cellOf (−1 for the others).
func (g *priceGrid) bucket(use []bool, k int) {
	nc := g.nx * g.ny
	g.start = make([]int32, nc+1)
	for j, q := range g.pts {
		g.cellOf[j] = -1
		if use[j] {
			c := g.cellIndex(q)
			g.cellOf[j] = int32(c)
			g.start[c+1]++
		}
	}
	for c := range nc {
		g.start[c+1] += g.start[c]
	}
	g.ids = make([]int32, k)
	fill := make([]int32, nc)
	for j := range g.pts {
		if c := g.cellOf[j]; c >= 0 {
			g.ids[g.start[c]+fill[c]] = int32(j)
			fill[c]++
		}
	}
}

func (g *priceGrid) cellXY(q orb.Point) (int, int) {
	cx := int(math.Floor((q[0] - g.x0) / g.cell))
	cy := int(math.Floor((q[1] - g.y0) / g.cell))
	return min(max(cx, 0), g.nx-1), min(max(cy, 0), g.ny-1)
}

func (g *priceGrid) cellIndex(q orb.Point) int {
	cx, cy := g.cellXY(q)
	return cy*g.nx + cx
}

func (g *priceGrid) recell(c int) {
	m := math.Inf(1)
	for _, j := range g.ids[g.start[c]:g.start[c+1]] {
		m = min(m, g.pi[j])
	}
	g.minPi[c] = m
}

// raise records that school j's price went up from old. The cell's least
// price stays unless j had it.
func (g *priceGrid) raise(j int32, old float64) {
	c := g.cellOf[j]
	if c < 0 || old > g.minPi[c] {
		return
	}
	old = g.minPi[c]
	g.recell(int(c))
	if old <= g.gmin && g.minPi[c] != old {
		g.dirty = true
	}
}

// lower records that school j's price went down.
func (g *priceGrid) lower(j int32) {
	if c := g.cellOf[j]; c >= 0 {
		g.recell(int(c))
		g.dirty = true
	}
}

func (g *priceGrid) globalMin() float64 {
	if g.dirty {
		g.gmin = math.Inf(1)
		for _, m := range g.minPi {
			g.gmin = min(g.gmin, m)
		}
		g.dirty = false
	}
	return g.gmin
}

// rectDist is the distance from q to cell (cx, cy).
func (g *priceGrid) rectDist(q orb.Point, cx, cy int) float64 {
	lx := g.x0 + float64(cx)*g.cell
	ly := g.y0 + float64(cy)*g.cell
	dx := max(lx-q[0], 0, q[0]-(lx+g.cell))
	dy := max(ly-q[1], 0, q[1]-(ly+g.cell))
	return math.Sqrt(dx*dx + dy*dy)
}

// ringBound is a lower bound on the distance from q to any cell outside
// the block of cells within Chebyshev distance r−1 of (cx, cy); −1 once
// that block covers the grid.
func (g *priceGrid) ringBound(q orb.Point, cx, cy, r int) float64 {
	if cx-r < 0 && cy-r < 0 && cx+r >= g.nx && cy+r >= g.ny {
		return -1
	}
	b := math.Inf(1)
	if cx-r >= 0 {
		b = min(b, q[0]-(g.x0+float64(cx-r+1)*g.cell))
	}
	if cx+r < g.nx {
		b = min(b, g.x0+float64(cx+r)*g.cell-q[0])
	}
	if cy-r >= 0 {
		b = min(b, q[1]-(g.y0+float64(cy-r+1)*g.cell))
	}
	if cy+r < g.ny {
		b = min(b, g.y0+float64(cy+r)*g.cell-q[1])
	}
	return max(b, 0)
}

// scan calls visit for the schools whose priced distance d + π (or plain
// distance d when priced is false) is below *limit, ring by ring outward
// from q; visit may lower *limit. Cells that cannot hold such a school are
// skipped.
func (g *priceGrid) scan(q orb.Point, priced bool, limit *float64, visit func(j int32, d float64)) {
	cx, cy := g.cellXY(q)
	floor := 0.0
	if priced {
		floor = g.globalMin()
	}
	cellDo := func(x, y int) { g.scanCell(q, x, y, priced, limit, visit) }
	cellDo(cx, cy)
	for r := 1; ; r++ {
		rb := g.ringBound(q, cx, cy, r)
		if rb < 0 || rb+floor >= *limit {
			return
		}
		g.ring(cx, cy, r, cellDo)
	}
}

// scanCell calls visit for the schools of cell (x, y) whose priced (or
// plain) distance from q is below *limit, unless the cell's bound shows
// there is none.
func (g *priceGrid) scanCell(q orb.Point, x, y int, priced bool, limit *float64, visit func(j int32, d float64)) {
	c := y*g.nx + x
	if g.start[c] == g.start[c+1] {
		return
	}
	lb := g.rectDist(q, x, y)
	if priced {
		lb += g.minPi[c]
	}
	if lb >= *limit {
		return
	}
	for _, j := range g.ids[g.start[c]:g.start[c+1]] {
		p := g.pts[j]
		dx, dy := p[0]-q[0], p[1]-q[1]
		d := math.Sqrt(dx*dx + dy*dy)
		v := d
		if priced {
			v += g.pi[j]
		}
		if v < *limit { // visit may lower it
			visit(j, d)
		}
	}
}

// ring calls fn for every cell of the grid at Chebyshev distance r from
// (cx, cy).
func (g *priceGrid) ring(cx, cy, r int, fn func(x, y int)) {
	y0, y1 := cy-r, cy+r
	for x := max(cx-r, 0); x <= min(cx+r, g.nx-1); x++ {
		if y0 >= 0 {
			fn(x, y0)
		}
		if y1 < g.ny {
			fn(x, y1)
		}
	}
	for y := max(cy-r+1, 0); y <= min(cy+r-1, g.ny-1); y++ {
		if cx-r >= 0 {
			fn(cx-r, y)
		}
		if cx+r < g.nx {
			fn(cx+r, y)
		}
	}
}

// minPriced returns min_j d(q, j) + π_j over the indexed schools, capped
// at limit, and the school reaching it (−1 when none is below limit).
func (g *priceGrid) minPriced(q orb.Point, limit float64) (float64, int32) {
	best, bj := limit, int32(-1)
	g.scan(q, true, &best, func(j int32, d float64) {
		best, bj = d+g.pi[j], j // scan visits only values below best
	})
	return best, bj
}

// scanUnmarked is scan(q, true, &limit, visit) for a visit that leaves
// limit alone and ignores the schools j with mark[j] == gen: it calls
// visit, in scan's order, for the other schools whose priced distance is
// below limit. Their distances alone are computed, and no call is made
// per cell.
func (g *priceGrid) scanUnmarked(q orb.Point, limit float64, mark []uint32, gen uint32, visit func(j int32, d float64)) {
	g.cells = g.cellsBelow(q, limit, g.cells[:0])
	for _, c := range g.cells {
		for _, j := range g.ids[g.start[c]:g.start[c+1]] {
			if mark[j] == gen {
				continue
			}
			p := g.pts[j]
			dx, dy := p[0]-q[0], p[1]-q[1]
			d := math.Sqrt(dx*dx + dy*dy)
			if d+g.pi[j] < limit {
				visit(j, d)
			}
		}
	}
}

// cellsBelow appends to buf the cells that scan(q, true, &limit, …) visits
// while limit stays: ring by ring outward from q, those whose schools may
// lie below limit, in scan's order.
func (g *priceGrid) cellsBelow(q orb.Point, limit float64, buf []int32) []int32 {
	cx, cy := g.cellXY(q)
	floor := g.globalMin()
	buf = g.appendCell(buf, q, cx, cy, limit)
	for r := 1; ; r++ {
		rb := g.ringBound(q, cx, cy, r)
		if rb < 0 || rb+floor >= limit {
			return buf
		}
		buf = g.appendRing(buf, q, cx, cy, r, limit)
	}
}

// appendRing is ring(cx, cy, r, …) of appendCell.
func (g *priceGrid) appendRing(buf []int32, q orb.Point, cx, cy, r int, limit float64) []int32 {
	y0, y1 := cy-r, cy+r
	for x := max(cx-r, 0); x <= min(cx+r, g.nx-1); x++ {
		if y0 >= 0 {
			buf = g.appendCell(buf, q, x, y0, limit)
		}
		if y1 < g.ny {
			buf = g.appendCell(buf, q, x, y1, limit)
		}
	}
	for y := max(cy-r+1, 0); y <= min(cy+r-1, g.ny-1); y++ {
		if cx-r >= 0 {
			buf = g.appendCell(buf, q, cx-r, y, limit)
		}
		if cx+r < g.nx {
			buf = g.appendCell(buf, q, cx+r, y, limit)
		}
	}
	return buf
}

// appendCell appends cell (x, y) to buf unless scanCell's priced bound
// shows it holds no school below limit.
func (g *priceGrid) appendCell(buf []int32, q orb.Point, x, y int, limit float64) []int32 {
	c := y*g.nx + x
	if g.start[c] == g.start[c+1] {
		return buf
	}
	lb := g.rectDist(q, x, y)
	lb += g.minPi[c]
	if lb >= limit {
		return buf
	}
	return append(buf, int32(c))
}
