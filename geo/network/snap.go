package network

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// Snap is where a point joins the network: a position on a segment,
// which splits it virtually in two.
type Snap struct {
	Segment int32      // the segment (Graph.Segments) the point joins
	T       float64    // position along it: 0 at its first node, 1 at its last
	At      orb.Point  // the joining position on the plane
	Offset  geo.Meters // straight distance from the point to At, added to its walks
}

// SnapOptions tunes Snap. A nil *SnapOptions and every zero field mean the
// defaults.
type SnapOptions struct {
	// Limit is the snap distance beyond which a point is warned of; 0
	// means DefaultSnapLimit. The point is snapped all the same.
	Limit geo.Meters
	// File names the layer of the points in warnings (e.g.
	// "schools.geojson").
	File string
}

// DefaultSnapLimit is the snap distance beyond which Snap warns: a child
// does not walk 300 m across fields to reach the first street.
const DefaultSnapLimit geo.Meters = 300

// edgeGrid finds the segment nearest to a point.
type edgeGrid struct{ boxGrid }

func newEdgeGrid(g *Graph) edgeGrid {
	return edgeGrid{newBoxGrid(len(g.seg), func(i int) (orb.Point, orb.Point) {
		return g.xy[g.seg[i].a], g.xy[g.seg[i].b]
	})}
}

// Snap joins each point (on the plane) to the nearest segment of the
// network; ties go to the lowest segment. ids name the points in warnings
// (ids[i] for pts[i]; nil for none). A point farther than the limit gets
// a warning (*geo.FeatureError wrapping ErrFarSnap) naming its index and
// id; every point is snapped. Snap is safe for concurrent use.
func (g *Graph) Snap(pts []orb.Point, ids []string, opt *SnapOptions) ([]Snap, []error) {
	var o SnapOptions
	if opt != nil {
		o = *opt
	}
	if o.Limit <= 0 {
		o.Limit = DefaultSnapLimit
	}
	out := make([]Snap, len(pts))
	g.snapAll(pts, out)
	var warns []error
	for i := range out {
		if out[i].Segment < 0 {
			warns = append(warns, &geo.FeatureError{File: o.File, Index: i, ID: idOf(ids, i), Field: "geometry",
				Err: fmt.Errorf("%w: the position %v is not a usable coordinate; the point reaches nothing", ErrFarSnap, pts[i])})
			continue
		}
		if out[i].Offset > o.Limit {
			warns = append(warns, &geo.FeatureError{File: o.File, Index: i, ID: idOf(ids, i), Field: "geometry",
				Err: fmt.Errorf("%w: the nearest is %.0f m away (more than %.0f m); check the position or add the road", ErrFarSnap, out[i].Offset, o.Limit)})
		}
	}
	return out, warns
}

// snapAll snaps pts into out, a share of the points on each core.
func (g *Graph) snapAll(pts []orb.Point, out []Snap) {
	workers := min(runtime.GOMAXPROCS(0), max(len(pts)/1024, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * len(pts) / workers; i < (w+1)*len(pts)/workers; i++ {
				out[i] = g.SnapPoint(pts[i])
			}
		}()
	}
	wg.Wait()
}

func idOf(ids []string, i int) string {
	if i < len(ids) {
		return ids[i]
	}
	return ""
}

// SnapPoint joins one point to the nearest segment. A point with a
// coordinate that is not finite gets Segment -1 and an infinite Offset:
// it reaches nothing and nothing reaches it.
func (g *Graph) SnapPoint(p orb.Point) Snap {
	if !finite(p) {
		return Snap{Segment: -1, At: p, Offset: geo.Meters(math.Inf(1))}
	}
	best, bestD2, bestT := int32(-1), math.Inf(1), 0.0
	gr := &g.grid
	cx, cy := gr.cellXY(p[0], p[1])
	for r := 0; ; r++ {
		gr.ring(cx, cy, r, func(items []int32) {
			for _, s := range items {
				d2, t := g.segDist2(p, s)
				if d2 < bestD2 || (d2 == bestD2 && s < best) {
					best, bestD2, bestT = s, d2, t
				}
			}
		})
		if gr.covers(cx, cy, r) || (best >= 0 && bestD2 <= square(gr.inner(p, cx, cy, r))) {
			break
		}
	}
	s := g.seg[best]
	a, b := g.xy[s.a], g.xy[s.b]
	at := orb.Point{a[0] + bestT*(b[0]-a[0]), a[1] + bestT*(b[1]-a[1])}
	return Snap{Segment: best, T: bestT, At: at, Offset: geo.Meters(math.Sqrt(bestD2))}
}

func square(x float64) float64 { return x * x }

// segDist2 is the squared distance from p to segment s and the parameter
// of the nearest position.
func (g *Graph) segDist2(p orb.Point, s int32) (float64, float64) {
	a, b := g.xy[g.seg[s].a], g.xy[g.seg[s].b]
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	ex, ey := a[0]+t*dx-p[0], a[1]+t*dy-p[1]
	return ex*ex + ey*ey, t
}

// ring calls fn with the items of each cell at Chebyshev distance r from
// (cx, cy).
func (g *boxGrid) ring(cx, cy, r int, fn func([]int32)) {
	for y := cy - r; y <= cy+r; y++ {
		if y < 0 || y >= g.ny {
			continue
		}
		step := 1
		if y != cy-r && y != cy+r {
			step = 2 * r // only the two side cells of middle rows
		}
		for x := cx - r; x <= cx+r; x += max(step, 1) {
			if x >= 0 && x < g.nx {
				fn(g.cellItems(x, y))
			}
		}
	}
}

// covers reports whether the rings up to r cover the whole grid.
func (g *boxGrid) covers(cx, cy, r int) bool {
	return cx-r <= 0 && cy-r <= 0 && cx+r >= g.nx-1 && cy+r >= g.ny-1
}

// inner is the distance from p to the outside of the block of cells
// within ring r, a lower bound on the distance to any segment not yet
// seen; 0 when p is outside the block.
func (g *boxGrid) inner(p orb.Point, cx, cy, r int) float64 {
	x0 := g.minX + float64(cx-r)*g.cell
	y0 := g.minY + float64(cy-r)*g.cell
	x1 := g.minX + float64(cx+r+1)*g.cell
	y1 := g.minY + float64(cy+r+1)*g.cell
	d := math.Min(math.Min(p[0]-x0, x1-p[0]), math.Min(p[1]-y0, y1-p[1]))
	return math.Max(d, 0)
}
