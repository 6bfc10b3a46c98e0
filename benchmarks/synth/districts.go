package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
)

// Shape of the district partition.
const (
	// edgeVertices is the number of segments per grid step of a row border
	// and per divider between two districts of a row.
	edgeVertices = 64
	// warpStrength squeezes districts towards the centre: the local scale
	// of the warp is 1 − 0.35 at the centre and 1 + 0.35 at the edge.
	warpStrength = 0.35
	// borderAmp is the largest wiggle of a border as a share of the
	// narrower neighbouring row or column; borderSlope the steepest.
	borderAmp   = 0.1
	borderSlope = 0.35
)

// warp maps [0,1] onto itself, monotonically, with a gentle slope at the
// centre and a steep one at the ends, so that equally spaced cuts make
// small central districts and large outer ones.
func warp(u float64) float64 {
	return u + warpStrength*math.Sin(2*math.Pi*u)/(2*math.Pi)
}

// wiggle is a smooth displacement along a border, t in [0,1]:
// Σ amp[k]·sin(π·freq[k]·t + phase[k]).
type wiggle struct {
	amp, freq, phase [4]float64
}

// newWiggle draws a wiggle for a border of the given length whose
// displacement stays within maxAmp and whose slope stays within
// borderSlope. A pinned wiggle is zero at both ends.
func newWiggle(r *rand.Rand, length, maxAmp float64, pinned bool) wiggle {
	var w wiggle
	var sum, slope float64
	for k := range w.amp {
		w.amp[k] = (0.5 + 0.5*r.Float64()) / float64(k+1)
		if pinned {
			w.freq[k] = float64(k + 1)
		} else {
			w.freq[k] = float64(k+1) * (1.5 + r.Float64())
			w.phase[k] = 2 * math.Pi * r.Float64()
		}
		sum += w.amp[k]
		slope += w.amp[k] * math.Pi * w.freq[k]
	}
	scale := maxAmp / sum
	if s := slope * scale / length; s > borderSlope {
		scale *= borderSlope / s
	}
	for k := range w.amp {
		w.amp[k] *= scale
	}
	return w
}

func (w *wiggle) at(t float64) float64 {
	var d float64
	for k := range w.amp {
		d += w.amp[k] * math.Sin(math.Pi*w.freq[k]*t+w.phase[k])
	}
	return d
}

// partition is the district layout: rows of districts, bottom to top.
//
// Row r lies between borders r and r+1; border 0 is the bottom of the
// bound, border rows its top, both straight. Row r is cut at cuts[r] (from
// the left of the bound to its right) by dividers running from border r to
// border r+1. A border's vertices include every cut of the rows on either
// side, so neighbouring districts share their edges vertex for vertex and
// the districts cover the bound without gap or overlap.
type partition struct {
	bound orb.Bound
	cuts  [][]float64
	// border[r] lists the vertices of border r, left to right.
	border [][]orb.Point
	// divider[r][j] lists the inner vertices of the divider at cuts[r][j],
	// bottom to top; nil for the ends of the row.
	divider [][][]orb.Point
}

// rowCounts splits n districts over rows as even as possible, the extra
// ones going to the middle rows.
func rowCounts(n int) []int {
	rows := max(1, int(math.Round(math.Sqrt(float64(n)))))
	rows = min(rows, n)
	counts := make([]int, rows)
	for r := range counts {
		counts[r] = n / rows
	}
	extra := n % rows
	for k := 0; k < extra; k++ {
		counts[(rows-extra)/2+k]++
	}
	return counts
}

// cutsOf returns n+1 warped cut positions from lo to hi with interior
// positions jittered by up to 15% of a step.
func cutsOf(r *rand.Rand, n int, lo, hi float64) []float64 {
	c := make([]float64, n+1)
	c[0], c[n] = lo, hi
	for j := 1; j < n; j++ {
		u := (float64(j) + 0.3*(r.Float64()-0.5)) / float64(n)
		c[j] = lo + (hi-lo)*warp(u)
	}
	return c
}

// newPartition cuts the square of side 2·half into rows of districts,
// with wiggled borders between rows and wiggled dividers within them.
func newPartition(r *rand.Rand, districts int, half float64) *partition {
	p := &partition{bound: orb.Bound{Min: orb.Point{-half, -half}, Max: orb.Point{half, half}}}
	counts := rowCounts(districts)
	rowY := cutsOf(r, len(counts), -half, half)
	p.cuts = make([][]float64, len(counts))
	for k, n := range counts {
		p.cuts[k] = cutsOf(r, n, -half, half)
	}
	p.makeBorders(r, rowY, edgeVertices*slices.Max(counts))
	p.makeDividers(r)
	return p
}

// makeBorders draws the borders between rows (and the square's bottom and
// top): a grid of x samples plus the cuts of the rows on both sides, the
// inner ones wiggled.
func (p *partition) makeBorders(r *rand.Rand, rowY []float64, grid int) {
	rows := len(p.cuts)
	minX, w := p.bound.Min[0], p.bound.Max[0]-p.bound.Min[0]
	height := func(k int) float64 { return rowY[k+1] - rowY[k] }
	p.border = make([][]orb.Point, rows+1)
	for b := 0; b <= rows; b++ {
		xs := p.borderXs(b, grid)
		var wig wiggle
		if b > 0 && b < rows {
			wig = newWiggle(r, w, borderAmp*min(height(b-1), height(b)), false)
		}
		pts := make([]orb.Point, len(xs))
		for i, x := range xs {
			pts[i] = orb.Point{x, rowY[b] + wig.at((x-minX)/w)}
		}
		p.border[b] = pts
	}
}

// borderXs is the sorted x of border b's vertices: the cuts of the rows
// below and above it, and the grid points not within 1% of a step of a cut.
func (p *partition) borderXs(b, grid int) []float64 {
	rows := len(p.cuts)
	minX, w := p.bound.Min[0], p.bound.Max[0]-p.bound.Min[0]
	step := w / float64(grid)
	var cuts []float64
	if b > 0 {
		cuts = append(cuts, p.cuts[b-1]...)
	}
	if b < rows {
		cuts = append(cuts, p.cuts[b]...)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	xs := slices.Clone(cuts)
	for i := 1; i < grid; i++ {
		x := minX + float64(i)*step
		k := sort.SearchFloat64s(cuts, x)
		near := (k < len(cuts) && cuts[k]-x < 0.01*step) || (k > 0 && x-cuts[k-1] < 0.01*step)
		if !near {
			xs = append(xs, x)
		}
	}
	slices.Sort(xs)
	return xs
}

// makeDividers draws the wiggled dividers between the districts of each
// row, pinned to the borders at their ends.
func (p *partition) makeDividers(r *rand.Rand) {
	p.divider = make([][][]orb.Point, len(p.cuts))
	for k, cuts := range p.cuts {
		p.divider[k] = make([][]orb.Point, len(cuts))
		for j := 1; j < len(cuts)-1; j++ {
			x := cuts[j]
			y0 := p.borderAt(k, x)[1]
			y1 := p.borderAt(k+1, x)[1]
			wig := newWiggle(r, y1-y0, borderAmp*min(cuts[j]-cuts[j-1], cuts[j+1]-cuts[j]), true)
			pts := make([]orb.Point, edgeVertices-1)
			for i := range pts {
				t := float64(i+1) / edgeVertices
				pts[i] = orb.Point{x + wig.at(t), y0 + t*(y1-y0)}
			}
			p.divider[k][j] = pts
		}
	}
}

// borderIndex returns the index of the vertex of border b at x, which
// must be one of the cuts of a neighbouring row.
func (p *partition) borderIndex(b int, x float64) int {
	pts := p.border[b]
	i := sort.Search(len(pts), func(i int) bool { return pts[i][0] >= x })
	if i == len(pts) || pts[i][0] != x {
		panic(fmt.Sprintf("synth: border %d has no vertex at x=%v", b, x))
	}
	return i
}

func (p *partition) borderAt(b int, x float64) orb.Point {
	return p.border[b][p.borderIndex(b, x)]
}

// districts returns the districts row by row, bottom to top and left to
// right, each one counter-clockwise ring.
func (p *partition) districts() []engine.District {
	var ds []engine.District
	for k, cuts := range p.cuts {
		for j := 0; j+1 < len(cuts); j++ {
			x0, x1 := cuts[j], cuts[j+1]
			var ring orb.Ring
			lo, hi := p.borderIndex(k, x0), p.borderIndex(k, x1)
			ring = append(ring, p.border[k][lo:hi+1]...)
			ring = append(ring, p.divider[k][j+1]...)
			lo, hi = p.borderIndex(k+1, x0), p.borderIndex(k+1, x1)
			for i := hi; i >= lo; i-- {
				ring = append(ring, p.border[k+1][i])
			}
			left := p.divider[k][j]
			for i := len(left) - 1; i >= 0; i-- {
				ring = append(ring, left[i])
			}
			ring = append(ring, ring[0])
			n := len(ds) + 1
			ds = append(ds, engine.District{
				ID:       fmt.Sprintf("D%02d", n),
				Name:     fmt.Sprintf("District %d", n),
				Geometry: orb.MultiPolygon{{ring}},
			})
		}
	}
	return ds
}
