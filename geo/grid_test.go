package geo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"

	"github.com/schoolplan/schoolplan/internal/approx"
)

// checkPointIndex is the invariant of a built index: every point sits once
// in the cell its coordinates give, cells list points in ascending order.
func checkPointIndex(tb testing.TB, ix *PointIndex) {
	tb.Helper()
	n := len(ix.pts)
	if n == 0 {
		return
	}
	if got := int(ix.start[len(ix.start)-1]); got != n || len(ix.idx) != n || len(ix.cpts) != n {
		tb.Fatalf("index holds %d entries for %d points", got, n)
	}
	seen := make([]bool, n)
	for c := 0; c+1 < len(ix.start); c++ {
		for j := ix.start[c]; j < ix.start[c+1]; j++ {
			i := int(ix.idx[j])
			if seen[i] {
				tb.Fatalf("point %d listed twice", i)
			}
			seen[i] = true
			if j > ix.start[c] && ix.idx[j-1] >= ix.idx[j] {
				tb.Fatalf("cell %d not in ascending order", c)
			}
			if got := ix.cellOf(ix.pts[i]); got != c {
				tb.Fatalf("point %d in cell %d, belongs in %d", i, c, got)
			}
			if ix.cpts[j] != ix.pts[i] {
				tb.Fatalf("point %d stored as %v, is %v", i, ix.cpts[j], ix.pts[i])
			}
		}
	}
	if cells := ix.nx * ix.ny; cells > 3*n/targetPerCell+1 {
		tb.Errorf("%d cells for %d points", cells, n)
	}
}

// bruteNearest is the reference: lowest index among the nearest kept points.
func bruteNearest(pts []orb.Point, q orb.Point, keep func(int) bool) (int, float64) {
	best, bestI := math.Inf(1), -1
	for i, p := range pts {
		if keep != nil && !keep(i) {
			continue
		}
		dx, dy := p[0]-q[0], p[1]-q[1]
		if d2 := dx*dx + dy*dy; d2 < best {
			best, bestI = d2, i
		}
	}
	return bestI, best
}

// bruteKNearest sorts the kept points by (distance, index) and keeps k.
func bruteKNearest(pts []orb.Point, q orb.Point, k int, keep func(int) bool) []int {
	var idx []int
	for i := range pts {
		if keep == nil || keep(i) {
			idx = append(idx, i)
		}
	}
	d2 := func(i int) float64 {
		dx, dy := pts[i][0]-q[0], pts[i][1]-q[1]
		return dx*dx + dy*dy
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if da, db := d2(a), d2(b); da != db {
			if da < db {
				return -1
			}
			return 1
		}
		return a - b
	})
	return idx[:min(k, len(idx))]
}

// pointSets are the layouts the index must answer exactly on.
func pointSets(rng *rand.Rand) []struct {
	name string
	pts  []orb.Point
} {
	lattice := make([]orb.Point, 0, 900)
	for i := range 900 {
		// Integer lattice with each point twice: many equal distances.
		lattice = append(lattice, orb.Point{float64(i % 15), float64(i / 15 % 30)})
	}
	clustered := make([]orb.Point, 2000)
	for i := range clustered {
		c := orb.Point{float64(i%5) * 3000, float64(i%3) * 5000}
		clustered[i] = orb.Point{c[0] + rng.NormFloat64()*100, c[1] + rng.NormFloat64()*100}
	}
	line := make([]orb.Point, 300)
	for i := range line {
		line[i] = orb.Point{rng.Float64() * 1e4, 42}
	}
	same := make([]orb.Point, 50)
	for i := range same {
		same[i] = orb.Point{7, -3}
	}
	return []struct {
		name string
		pts  []orb.Point
	}{
		{"uniform", randPoints(rng, 3000, 40000, 30000)},
		{"lattice with duplicates", lattice},
		{"clustered", clustered},
		{"collinear", line},
		{"all the same", same},
		{"single", []orb.Point{{5, 5}}},
		{"far from origin", func() []orb.Point {
			p := randPoints(rng, 500, 1000, 1000)
			for i := range p {
				p[i][0] += 6.4e6
				p[i][1] -= 3.1e6
			}
			return p
		}()},
	}
}

// queriesAround draws queries over and beyond the bound of pts, plus the
// points themselves.
func queriesAround(rng *rand.Rand, pts []orb.Point, n int) []orb.Point {
	b := orb.MultiPoint(pts).Bound()
	w, h := max(b.Max[0]-b.Min[0], 1), max(b.Max[1]-b.Min[1], 1)
	qs := make([]orb.Point, 0, n+len(pts))
	for range n {
		qs = append(qs, orb.Point{b.Min[0] - w + rng.Float64()*3*w, b.Min[1] - h + rng.Float64()*3*h})
	}
	for i := 0; i < len(pts); i += 7 {
		qs = append(qs, pts[i])
	}
	if w > 1 && h > 1 { // integer queries on the lattice make ties
		for range n / 4 {
			qs = append(qs, orb.Point{math.Round(b.Min[0] + rng.Float64()*w), math.Round(b.Min[1] + rng.Float64()*h)})
		}
	}
	return qs
}

func keepFilters() []struct {
	name string
	keep func(int) bool
} {
	return []struct {
		name string
		keep func(int) bool
	}{
		{"all", nil},
		{"even", func(i int) bool { return i%2 == 0 }},
		{"one in 37", func(i int) bool { return i%37 == 5 }},
		{"none", func(int) bool { return false }},
	}
}

func TestNearestMatchesBruteForce(t *testing.T) {
	rng := newRand(t)
	for _, set := range pointSets(rng) {
		ix := NewPointIndex(set.pts)
		checkPointIndex(t, ix)
		qs := queriesAround(rng, set.pts, 400)
		for _, f := range keepFilters() {
			t.Run(set.name+"/"+f.name, func(t *testing.T) {
				for _, q := range qs {
					gi, gd := ix.Nearest(q, f.keep)
					wi, wd := bruteNearest(set.pts, q, f.keep)
					if gi != wi || gd != wd {
						t.Fatalf("Nearest(%v) = %d (d² %v), want %d (d² %v)", q, gi, gd, wi, wd)
					}
				}
			})
		}
	}
}

func TestKNearestMatchesBruteForce(t *testing.T) {
	rng := newRand(t)
	for _, set := range pointSets(rng) {
		ix := NewPointIndex(set.pts)
		checkPointIndex(t, ix)
		qs := queriesAround(rng, set.pts, 60)
		if len(qs) > 150 {
			qs = qs[:150]
		}
		for _, f := range keepFilters() {
			t.Run(set.name+"/"+f.name, func(t *testing.T) {
				prefix := []int{-7, -8}
				for _, q := range qs {
					all := bruteKNearest(set.pts, q, len(set.pts), f.keep)
					for _, k := range []int{1, 3, 10, len(set.pts) + 5} {
						got := ix.KNearest(slices.Clone(prefix), q, k, f.keep)
						want := append(slices.Clone(prefix), all[:min(k, len(all))]...)
						if !slices.Equal(got, want) {
							t.Fatalf("KNearest(%v, %d) = %v, want %v", q, k, got, want)
						}
					}
				}
			})
		}
	}
}

func TestPointIndexEdgeCases(t *testing.T) {
	tests := []struct {
		name  string
		pts   []orb.Point
		q     orb.Point
		wantI int
		wantD float64
	}{
		{"empty", nil, orb.Point{1, 2}, -1, math.Inf(1)},
		{"single far away", []orb.Point{{0, 0}}, orb.Point{3e6, 4e6}, 0, 25e12},
		{"tie goes to lower index", []orb.Point{{2, 0}, {-2, 0}, {0, 2}}, orb.Point{0, 0}, 0, 4},
		{"duplicate goes to lower index", []orb.Point{{5, 5}, {1, 1}, {1, 1}}, orb.Point{1, 1}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewPointIndex(tt.pts)
			checkPointIndex(t, ix)
			if ix.Len() != len(tt.pts) {
				t.Errorf("Len = %d", ix.Len())
			}
			i, d := ix.Nearest(tt.q, nil)
			if i != tt.wantI {
				t.Errorf("Nearest = %d, want %d", i, tt.wantI)
			}
			if math.IsInf(tt.wantD, 1) {
				if !math.IsInf(d, 1) {
					t.Errorf("d² = %v, want +Inf", d)
				}
			} else {
				approx.Check(t, "d²", d, tt.wantD, 0)
			}
			if got := ix.KNearest(nil, tt.q, 2, nil); len(got) != min(2, len(tt.pts)) {
				t.Errorf("KNearest = %v", got)
			}
			if got := ix.KNearest([]int{9}, tt.q, 0, nil); !slices.Equal(got, []int{9}) {
				t.Errorf("KNearest with k = 0 changed buf: %v", got)
			}
		})
	}
	// NewPointIndex keeps no reference to its argument.
	pts := []orb.Point{{0, 0}, {10, 10}}
	ix := NewPointIndex(pts)
	pts[0] = orb.Point{100, 100}
	if i, _ := ix.Nearest(orb.Point{1, 1}, nil); i != 0 {
		t.Errorf("index changed with its input slice")
	}
	defer func() {
		if recover() == nil {
			t.Errorf("NewPointIndex accepted a NaN point")
		}
	}()
	NewPointIndex([]orb.Point{{0, 0}, {math.NaN(), 1}})
}

func TestNearestDoesNotAllocate(t *testing.T) {
	rng := newRand(t)
	pts := randPoints(rng, 5000, 50000, 50000)
	ix := NewPointIndex(pts)
	qs := randPoints(rng, 100, 50000, 50000)
	open := make([]bool, len(pts))
	for i := range open {
		open[i] = i%3 != 0
	}
	keep := func(i int) bool { return open[i] }
	buf := make([]int, 0, 16)
	var sink int
	allocs := testing.AllocsPerRun(20, func() {
		for _, q := range qs {
			i, _ := ix.Nearest(q, nil)
			j, _ := ix.Nearest(q, keep)
			buf = ix.KNearest(buf[:0], q, 8, keep)
			sink += i + j + buf[0]
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per 100 queries, want 0", allocs)
	}
	_ = sink
}

// BenchmarkNearest finds the nearest school for each of 10k homes, by the
// grid, by an rtree's Nearby and by brute force.
func BenchmarkNearest(b *testing.B) {
	const side = 60000 // a 60 km city
	for _, n := range []int{1000, 5000} {
		rng := rand.New(rand.NewPCG(1, 2))
		schools := randPoints(rng, n, side, side)
		homes := randPoints(rng, 10000, side, side)
		b.Run(fmt.Sprintf("schools=%d/grid", n), func(b *testing.B) {
			ix := NewPointIndex(schools)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, q := range homes {
					ix.Nearest(q, nil)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(homes)), "ns/query")
		})
		b.Run(fmt.Sprintf("schools=%d/grid-keep-half", n), func(b *testing.B) {
			ix := NewPointIndex(schools)
			keep := func(i int) bool { return i%2 == 0 }
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, q := range homes {
					ix.Nearest(q, keep)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(homes)), "ns/query")
		})
		b.Run(fmt.Sprintf("schools=%d/grid-k=5", n), func(b *testing.B) {
			ix := NewPointIndex(schools)
			buf := make([]int, 0, 5)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, q := range homes {
					buf = ix.KNearest(buf[:0], q, 5, nil)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(homes)), "ns/query")
		})
		b.Run(fmt.Sprintf("schools=%d/rtree", n), func(b *testing.B) {
			var tr rtree.RTreeG[int]
			for i, p := range schools {
				tr.Insert(p, p, i)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, q := range homes {
					best := -1
					tr.Nearby(rtree.BoxDist[float64, int](q, q, nil), func(_, _ [2]float64, i int, _ float64) bool {
						best = i
						return false
					})
					_ = best
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(homes)), "ns/query")
		})
		b.Run(fmt.Sprintf("schools=%d/brute", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, q := range homes {
					bruteNearest(schools, q, nil)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(homes)), "ns/query")
		})
	}
}
