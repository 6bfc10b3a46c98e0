package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// PointIndex answers nearest-point queries over a fixed set of projected points
// with a uniform grid.
//
// A query scans rings of cells outward from the query's cell and stops once
// the best distance found is below the distance to any cell not yet
// scanned, so answers are exact. Ties go to the lowest index. City data is
// spread evenly enough that a grid of about two points per cell beats a tree:
// see BenchmarkNearest, where the rtree's Nearby is the baseline. The index is
// read-only after NewPointIndex and safe for concurrent queries.
type PointIndex struct {
	pts        []orb.Point // by index, for KNearest's ordering
	minX, minY float64
	cell, inv  float64 // cell side and its inverse
	slack      float64 // rounding allowance on cell borders
	nx, ny     int
	start      []int32   // cell c holds entries start[c]:start[c+1]
	idx        []int32   // point indices in cell order, ascending within a cell
	xy         []float64 // coordinates in cell order, interleaved, for locality
}

// targetPerCell is the mean number of points per grid cell.
const targetPerCell = 2

// NewPointIndex indexes pts (projected metres). Point i keeps index i.
// It panics if a point is not finite.
func NewPointIndex(pts []orb.Point) *PointIndex {
	ix := &PointIndex{pts: append([]orb.Point(nil), pts...)}
	n := len(pts)
	if n == 0 {
		return ix
	}
	if n > math.MaxInt32 {
		panic("geo: NewPointIndex: too many points")
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i, p := range pts {
		if math.IsNaN(p[0]) || math.IsInf(p[0], 0) || math.IsNaN(p[1]) || math.IsInf(p[1], 0) {
			panic(fmt.Sprintf("geo: NewPointIndex: point %d is not finite: %v", i, p))
		}
		minX, maxX = min(minX, p[0]), max(maxX, p[0])
		minY, maxY = min(minY, p[1]), max(maxY, p[1])
	}
	w, h := maxX-minX, maxY-minY
	t := float64(n) / targetPerCell
	// The second term keeps the cell count below 1.5n+1 however thin the
	// bound: (w/c+1)(h/c+1) = wh/c² + (w+h)/c + 1 ≤ t + 2t + 1.
	cell := max(math.Sqrt(w*h/t), (w+h)/(2*t))
	if !(cell > 0) {
		cell = 1 // all points coincide
	}
	ix.minX, ix.minY, ix.cell, ix.inv = minX, minY, cell, 1/cell
	ix.nx = int(w*ix.inv) + 1
	ix.ny = int(h*ix.inv) + 1
	maxAbs := max(math.Abs(minX), math.Abs(maxX), math.Abs(minY), math.Abs(maxY))
	ix.slack = 1e-9 * (cell + maxAbs)

	// Counting sort by cell; filling in index order keeps each cell ascending.
	ncell := ix.nx * ix.ny
	ix.start = make([]int32, ncell+1)
	cells := make([]int32, n)
	for i, p := range pts {
		c := ix.cellOf(p)
		cells[i] = int32(c)
		ix.start[c+1]++
	}
	for c := range ncell {
		ix.start[c+1] += ix.start[c]
	}
	next := append([]int32(nil), ix.start[:ncell]...)
	ix.idx = make([]int32, n)
	ix.xy = make([]float64, 2*n)
	for i, p := range pts {
		j := next[cells[i]]
		next[cells[i]]++
		ix.idx[j] = int32(i)
		ix.xy[2*j], ix.xy[2*j+1] = p[0], p[1]
	}
	return ix
}

// Len returns the number of indexed points.
func (ix *PointIndex) Len() int { return len(ix.pts) }

// cellXY returns the grid column and row of p, clamped to the grid.
func (ix *PointIndex) cellXY(p orb.Point) (int, int) {
	return clampCell((p[0]-ix.minX)*ix.inv, ix.nx), clampCell((p[1]-ix.minY)*ix.inv, ix.ny)
}

func clampCell(f float64, n int) int {
	switch {
	case !(f >= 0): // also NaN
		return 0
	case f >= float64(n-1):
		return n - 1
	}
	return int(f)
}

func (ix *PointIndex) cellOf(p orb.Point) int {
	cx, cy := ix.cellXY(p)
	return cy*ix.nx + cx
}

// cellDist2 is the squared distance from (qx, qy) to cell (cx, cy), less the
// rounding slack.
func (ix *PointIndex) cellDist2(cx, cy int, qx, qy float64) float64 {
	x0 := ix.minX + float64(cx)*ix.cell - ix.slack
	y0 := ix.minY + float64(cy)*ix.cell - ix.slack
	dx := max(x0-qx, qx-(x0+ix.cell+2*ix.slack), 0)
	dy := max(y0-qy, qy-(y0+ix.cell+2*ix.slack), 0)
	return dx*dx + dy*dy
}

// beyond returns a lower bound on the distance from q to any point in a cell
// outside the block of columns x0..x1 and rows y0..y1; +Inf when the block
// covers the grid.
func (ix *PointIndex) beyond(x0, x1, y0, y1 int, qx, qy float64) float64 {
	lb := math.Inf(1)
	if x0 > 0 {
		lb = min(lb, qx-(ix.minX+float64(x0)*ix.cell))
	}
	if x1 < ix.nx-1 {
		lb = min(lb, ix.minX+float64(x1+1)*ix.cell-qx)
	}
	if y0 > 0 {
		lb = min(lb, qy-(ix.minY+float64(y0)*ix.cell))
	}
	if y1 < ix.ny-1 {
		lb = min(lb, ix.minY+float64(y1+1)*ix.cell-qy)
	}
	return max(lb-ix.slack, 0)
}

// ring calls visit for each cell at Chebyshev distance r from (cx, cy)
// inside the grid. It is written out in Nearest and KNearest for speed; this
// is the shared shape:
//
//	r == 0: the cell itself
//	rows cy-r and cy+r, columns max(cx-r, 0)..min(cx+r, nx-1)
//	columns cx-r and cx+r, rows max(cy-r+1, 0)..min(cy+r-1, ny-1)

// Nearest returns the index of the point nearest to q for which keep(i) is true
// (keep nil = all), and its squared distance; -1 if none (with +Inf).
// keep is called only for points at least as near as the best so far.
func (ix *PointIndex) Nearest(q orb.Point, keep func(i int) bool) (int, float64) {
	best, bestI := math.Inf(1), -1
	if len(ix.pts) == 0 {
		return bestI, best
	}
	qx, qy := q[0], q[1]
	cx, cy := ix.cellXY(q)
	for r := 0; ; r++ {
		x0, x1, y0, y1 := cx-r, cx+r, cy-r, cy+r
		if r == 0 {
			best, bestI = ix.scan(cy*ix.nx+cx, qx, qy, keep, best, bestI)
		} else {
			xa, xb := max(x0, 0), min(x1, ix.nx-1)
			for _, y := range [2]int{y0, y1} {
				if y < 0 || y >= ix.ny {
					continue
				}
				for x := xa; x <= xb; x++ {
					if ix.cellDist2(x, y, qx, qy) <= best {
						best, bestI = ix.scan(y*ix.nx+x, qx, qy, keep, best, bestI)
					}
				}
			}
			ya, yb := max(y0+1, 0), min(y1-1, ix.ny-1)
			for _, x := range [2]int{x0, x1} {
				if x < 0 || x >= ix.nx {
					continue
				}
				for y := ya; y <= yb; y++ {
					if ix.cellDist2(x, y, qx, qy) <= best {
						best, bestI = ix.scan(y*ix.nx+x, qx, qy, keep, best, bestI)
					}
				}
			}
		}
		lb := ix.beyond(max(x0, 0), min(x1, ix.nx-1), max(y0, 0), min(y1, ix.ny-1), qx, qy)
		if math.IsInf(lb, 1) || best < lb*lb {
			return bestI, best
		}
	}
}

// scan updates the best candidate with the points of cell c.
func (ix *PointIndex) scan(c int, qx, qy float64, keep func(int) bool, best float64, bestI int) (float64, int) {
	for j := ix.start[c]; j < ix.start[c+1]; j++ {
		dx, dy := ix.xy[2*j]-qx, ix.xy[2*j+1]-qy
		d2 := dx*dx + dy*dy
		if d2 > best {
			continue
		}
		i := int(ix.idx[j])
		if d2 == best && i > bestI {
			continue
		}
		if keep != nil && !keep(i) {
			continue
		}
		best, bestI = d2, i
	}
	return best, bestI
}

// KNearest appends to buf the indices of the k nearest kept points, nearest first.
// Ties go to the lower index; fewer than k are appended when fewer are kept.
func (ix *PointIndex) KNearest(buf []int, q orb.Point, k int, keep func(i int) bool) []int {
	if k <= 0 || len(ix.pts) == 0 {
		return buf
	}
	base := len(buf)
	kn := kheap{pts: ix.pts, q: q, k: k, base: base}
	qx, qy := q[0], q[1]
	cx, cy := ix.cellXY(q)
	for r := 0; ; r++ {
		x0, x1, y0, y1 := cx-r, cx+r, cy-r, cy+r
		if r == 0 {
			buf = ix.scanK(buf, &kn, cy*ix.nx+cx, keep)
		} else {
			xa, xb := max(x0, 0), min(x1, ix.nx-1)
			for _, y := range [2]int{y0, y1} {
				if y < 0 || y >= ix.ny {
					continue
				}
				for x := xa; x <= xb; x++ {
					if ix.cellDist2(x, y, qx, qy) <= kn.bound(buf) {
						buf = ix.scanK(buf, &kn, y*ix.nx+x, keep)
					}
				}
			}
			ya, yb := max(y0+1, 0), min(y1-1, ix.ny-1)
			for _, x := range [2]int{x0, x1} {
				if x < 0 || x >= ix.nx {
					continue
				}
				for y := ya; y <= yb; y++ {
					if ix.cellDist2(x, y, qx, qy) <= kn.bound(buf) {
						buf = ix.scanK(buf, &kn, y*ix.nx+x, keep)
					}
				}
			}
		}
		lb := ix.beyond(max(x0, 0), min(x1, ix.nx-1), max(y0, 0), min(y1, ix.ny-1), qx, qy)
		if math.IsInf(lb, 1) || kn.bound(buf) < lb*lb {
			break
		}
	}
	kn.sort(buf)
	return buf
}

func (ix *PointIndex) scanK(buf []int, kn *kheap, c int, keep func(int) bool) []int {
	for j := ix.start[c]; j < ix.start[c+1]; j++ {
		dx, dy := ix.xy[2*j]-kn.q[0], ix.xy[2*j+1]-kn.q[1]
		d2 := dx*dx + dy*dy
		i := int(ix.idx[j])
		if len(buf)-kn.base == kn.k && !kn.less(d2, i, buf[kn.base]) {
			continue
		}
		if keep != nil && !keep(i) {
			continue
		}
		buf = kn.push(buf, d2, i)
	}
	return buf
}

// kheap keeps the k best candidates in buf[base:] as a max-heap on
// (squared distance, index), so the worst is at the top.
type kheap struct {
	pts  []orb.Point
	q    orb.Point
	k    int
	base int
}

func (h *kheap) d2(i int) float64 {
	dx, dy := h.pts[i][0]-h.q[0], h.pts[i][1]-h.q[1]
	return dx*dx + dy*dy
}

// less reports whether candidate (d2, i) ranks before point j.
func (h *kheap) less(d2 float64, i, j int) bool {
	dj := h.d2(j)
	return d2 < dj || d2 == dj && i < j
}

// bound is the squared distance a candidate must not exceed to enter.
func (h *kheap) bound(buf []int) float64 {
	if len(buf)-h.base < h.k {
		return math.Inf(1)
	}
	return h.d2(buf[h.base])
}

func (h *kheap) push(buf []int, d2 float64, i int) []int {
	a := buf[h.base:]
	if len(a) == h.k {
		a[0] = i
		h.down(a, 0, len(a))
		return buf
	}
	buf = append(buf, i)
	a = buf[h.base:]
	for c := len(a) - 1; c > 0; {
		p := (c - 1) / 2
		if !h.less(h.d2(a[p]), a[p], a[c]) {
			break
		}
		a[p], a[c] = a[c], a[p]
		c = p
	}
	return buf
}

// down restores the heap below position p within a[:n].
func (h *kheap) down(a []int, p, n int) {
	for {
		c := 2*p + 1
		if c >= n {
			return
		}
		if c+1 < n && h.less(h.d2(a[c]), a[c], a[c+1]) {
			c++
		}
		if !h.less(h.d2(a[p]), a[p], a[c]) {
			return
		}
		a[p], a[c] = a[c], a[p]
		p = c
	}
}

// sort turns the heap into ascending order (heapsort, in place).
func (h *kheap) sort(buf []int) {
	a := buf[h.base:]
	for n := len(a) - 1; n > 0; n-- {
		a[0], a[n] = a[n], a[0]
		h.down(a, 0, n)
	}
}
