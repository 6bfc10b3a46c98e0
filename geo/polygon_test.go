package geo

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// starRing is a closed ring of n vertices around c at radii in [r0, r1),
// star-shaped so it never crosses itself; clockwise when cw. A rough ring
// draws each radius afresh (spikes: many edges cross any line); a smooth one
// wanders like a district boundary.
func starRing(rng *rand.Rand, c orb.Point, n int, r0, r1 float64, cw, rough bool) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	f1, f2 := 2+rng.Float64()*4, 7+rng.Float64()*6
	p1, p2 := rng.Float64()*6, rng.Float64()*6
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		var rad float64
		if rough {
			rad = r0 + rng.Float64()*(r1-r0)
		} else {
			u := 0.5 + 0.25*math.Sin(f1*a+p1) + 0.15*math.Sin(f2*a+p2) + 0.05*(rng.Float64()-0.5)*math.Min(1, 40/float64(n))
			rad = r0 + u*(r1-r0)
		}
		if cw {
			a = -a
		}
		r = append(r, orb.Point{c[0] + rad*math.Cos(a), c[1] + rad*math.Sin(a)})
	}
	return append(r, r[0])
}

// randPolygons scatters count multipolygons of one to three star-shaped
// parts, some with holes, over a square of the given side.
func randPolygons(rng *rand.Rand, count, verts int, side float64, rough bool) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, count)
	for i := range out {
		var mp orb.MultiPolygon
		for range 1 + rng.IntN(3) {
			c := orb.Point{rng.Float64() * side, rng.Float64() * side}
			size := side / math.Sqrt(float64(count)) * (0.3 + rng.Float64())
			poly := orb.Polygon{starRing(rng, c, 3+rng.IntN(verts), size*0.5, size, rng.IntN(2) == 0, rough)}
			if rng.IntN(2) == 0 {
				poly = append(poly, starRing(rng, c, 3+rng.IntN(verts/2+1), size*0.1, size*0.4, rng.IntN(2) == 0, rough))
			}
			mp = append(mp, poly)
		}
		out[i] = mp
	}
	return out
}

// checkPolygonIndex is the invariant of a built index: rings are stored
// closed, bounds hold their vertices, slabs list every edge that reaches into
// them, and grid cells list polygons in ascending order.
func checkPolygonIndex(tb testing.TB, ix *PolygonIndex) {
	tb.Helper()
	for ri, r := range ix.rings {
		if r.v1-r.v0 < 2 {
			continue
		}
		v0, v1 := int(r.v0), int(r.v1)-1
		if ix.xy[2*v0] != ix.xy[2*v1] || ix.xy[2*v0+1] != ix.xy[2*v1+1] {
			tb.Fatalf("ring %d not stored closed", ri)
		}
		for v := v0; v <= v1; v++ {
			if !r.bound.Contains(orb.Point{ix.xy[2*v], ix.xy[2*v+1]}) {
				tb.Fatalf("ring %d: vertex %d outside its bound", ri, v)
			}
		}
		if r.nslab == 0 {
			continue
		}
		entries := 0
		for v := v0; v < v1; v++ {
			lo, hi := r.slabRange(ix.xy[2*v+1], ix.xy[2*v+3])
			for s := lo; s <= hi; s++ {
				entries++
				k := int(r.slab0) + s
				if !slices.Contains(ix.slabEdge[ix.slabOff[k]:ix.slabOff[k+1]], int32(v)) {
					tb.Fatalf("ring %d: edge %d missing from slab %d", ri, v, s)
				}
			}
		}
		if listed := int(ix.slabOff[int(r.slab0+r.nslab)] - ix.slabOff[r.slab0]); listed != entries {
			tb.Fatalf("ring %d: slabs list %d edges, want %d", ri, listed, entries)
		}
	}
	for c := 0; c+1 < len(ix.cellOff); c++ {
		l := ix.cellPoly[ix.cellOff[c]:ix.cellOff[c+1]]
		if !slices.IsSorted(l) {
			tb.Fatalf("cell %d lists %v", c, l)
		}
	}
}

// planarLocateAll is the reference: orb/planar on every polygon.
func planarLocateAll(polys []orb.MultiPolygon, p orb.Point) []int {
	var out []int
	for i, mp := range polys {
		if planar.MultiPolygonContains(mp, p) {
			out = append(out, i)
		}
	}
	return out
}

func TestLocateMatchesPlanar(t *testing.T) {
	rng := newRand(t)
	sq := func(x, y, s float64) orb.Ring {
		return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
	}
	tests := []struct {
		name  string
		polys []orb.MultiPolygon
	}{
		{"few vertices", randPolygons(rng, 30, 12, 10000, true)},
		{"long spiky rings", randPolygons(rng, 20, 400, 30000, true)},
		{"long smooth rings", randPolygons(rng, 10, 1500, 30000, false)},
		{"many small", randPolygons(rng, 400, 20, 50000, true)},
		{"one polygon", randPolygons(rng, 1, 2000, 1000, false)},
		{"square with hole", []orb.MultiPolygon{{{sq(0, 0, 10), sq(2, 2, 3)}}, {{sq(3, 3, 1)}}}},
		{"unclosed rings", []orb.MultiPolygon{{{orb.Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}}, {{orb.Ring{{5, 5}, {15, 5}, {15, 15}}}}}},
		{"far from origin", func() []orb.MultiPolygon {
			ps := randPolygons(rng, 10, 50, 2000, false)
			for _, mp := range ps {
				for _, poly := range mp {
					for _, r := range poly {
						for k := range r {
							r[k][0] += 5e6
							r[k][1] -= 2e6
						}
					}
				}
			}
			return ps
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewPolygonIndex(tt.polys)
			checkPolygonIndex(t, ix)
			if ix.Len() != len(tt.polys) {
				t.Errorf("Len = %d", ix.Len())
			}
			var b orb.Bound
			for i, mp := range tt.polys {
				if i == 0 {
					b = mp.Bound()
				} else {
					b = b.Union(mp.Bound())
				}
			}
			w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
			var buf []int
			hits := 0
			verts := 0
			for _, mp := range tt.polys {
				for _, poly := range mp {
					for _, r := range poly {
						verts += len(r)
					}
				}
			}
			// The planar reference reads every vertex per query.
			for range min(5000, max(500, 20_000_000/verts)) {
				p := orb.Point{b.Min[0] - 0.1*w + rng.Float64()*1.2*w, b.Min[1] - 0.1*h + rng.Float64()*1.2*h}
				want := planarLocateAll(tt.polys, p)
				buf = ix.LocateAll(buf[:0], p)
				if !slices.Equal(buf, want) {
					t.Fatalf("LocateAll(%v) = %v, want %v", p, buf, want)
				}
				wantFirst := -1
				if len(want) > 0 {
					wantFirst = want[0]
					hits++
				}
				if got := ix.Locate(p); got != wantFirst {
					t.Fatalf("Locate(%v) = %d, want %d", p, got, wantFirst)
				}
				for _, i := range want {
					if !ix.Contains(i, p) {
						t.Fatalf("Contains(%d, %v) = false", i, p)
					}
				}
			}
			if hits == 0 {
				t.Errorf("no query point fell in any polygon")
			}
		})
	}
}

func TestLocateEdgeCases(t *testing.T) {
	sq := orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}}
	tests := []struct {
		name  string
		polys []orb.MultiPolygon
		p     orb.Point
		want  int
	}{
		{"no polygons", nil, orb.Point{1, 1}, -1},
		{"empty multipolygon", []orb.MultiPolygon{{}, {sq}}, orb.Point{1, 1}, 1},
		{"empty outer ring", []orb.MultiPolygon{{orb.Polygon{{}}}, {sq}}, orb.Point{1, 1}, 1},
		{"polygon without rings", []orb.MultiPolygon{{orb.Polygon{}}, {sq}}, orb.Point{1, 1}, 1},
		{"outside every bound", []orb.MultiPolygon{{sq}}, orb.Point{9, 9}, -1},
		{"lowest index wins", []orb.MultiPolygon{{sq}, {sq}}, orb.Point{1, 1}, 0},
		{"flat ring", []orb.MultiPolygon{{{{{0, 1}, {4, 1}, {0, 1}}}}}, orb.Point{1, 1}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewPolygonIndex(tt.polys)
			checkPolygonIndex(t, ix)
			if got := ix.Locate(tt.p); got != tt.want {
				t.Errorf("Locate = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestNewPolygonIndexPanicsOnNaN(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("NewPolygonIndex accepted a NaN vertex")
		}
	}()
	NewPolygonIndex([]orb.MultiPolygon{{{{{0, 0}, {1, 0}, {math.NaN(), 1}, {0, 0}}}}})
}

func TestLocateDoesNotAllocate(t *testing.T) {
	rng := newRand(t)
	ix := NewPolygonIndex(randPolygons(rng, 50, 300, 20000, false))
	qs := randPoints(rng, 200, 20000, 20000)
	buf := make([]int, 0, 64)
	allocs := testing.AllocsPerRun(10, func() {
		for _, q := range qs {
			ix.Locate(q)
			buf = ix.LocateAll(buf[:0], q)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per 200 queries, want 0", allocs)
	}
}

func TestCentroid(t *testing.T) {
	sq := func(x, y, s float64) orb.Ring {
		return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
	}
	cw := func(r orb.Ring) orb.Ring { r = slices.Clone(r); slices.Reverse(r); return r }
	tests := []struct {
		name string
		g    orb.Geometry
		want orb.Point
	}{
		{"point", orb.Point{3, 4}, orb.Point{3, 4}},
		{"square", orb.Polygon{sq(0, 0, 2)}, orb.Point{1, 1}},
		{"clockwise square", orb.Polygon{cw(sq(0, 0, 2))}, orb.Point{1, 1}},
		{"unclosed square", orb.Polygon{sq(0, 0, 2)[:4]}, orb.Point{1, 1}},
		// A 4×4 square less a 2×2 hole at its right: area 12, moment
		// 16·2 − 4·3 = 20 in x, 16·2 − 4·2 = 24 in y.
		{"square with hole", orb.Polygon{sq(0, 0, 4), sq(2, 1, 2)}, orb.Point{20.0 / 12, 2}},
		{"hole wound like its outer ring", orb.Polygon{sq(0, 0, 4), cw(cw(sq(2, 1, 2)))}, orb.Point{20.0 / 12, 2}},
		{"clockwise hole", orb.Polygon{sq(0, 0, 4), cw(sq(2, 1, 2))}, orb.Point{20.0 / 12, 2}},
		// Areas 4 and 1 at centres (1, 1) and (10.5, 0.5).
		{"multipolygon", orb.MultiPolygon{{sq(0, 0, 2)}, {sq(10, 0, 1)}}, orb.Point{(4*1 + 10.5) / 5, (4*1 + 0.5) / 5}},
		{"lon/lat far from zero", orb.Polygon{sq(106.5, 29.5, 0.01)}, orb.Point{106.505, 29.505}},
		{"flat polygon", orb.Polygon{{{0, 0}, {2, 0}, {4, 0}, {0, 0}}}, orb.Point{1.5, 0}},
		{"line string", orb.LineString{{0, 0}, {2, 0}}, orb.Point{1, 0}},
		{"empty multipolygon", orb.MultiPolygon{}, orb.Point{}},
		{"nil", nil, orb.Point{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nearPoint(t, Centroid(tt.g), tt.want, 1e-9, "Centroid")
		})
	}
}

func TestAsMultiPolygon(t *testing.T) {
	poly := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	tests := []struct {
		name   string
		g      orb.Geometry
		want   orb.MultiPolygon
		wantOK bool
	}{
		{"polygon", poly, orb.MultiPolygon{poly}, true},
		{"multipolygon", orb.MultiPolygon{poly, poly}, orb.MultiPolygon{poly, poly}, true},
		{"point", orb.Point{1, 2}, nil, false},
		{"ring", poly[0], nil, false},
		{"nil", nil, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := AsMultiPolygon(tt.g)
			if ok != tt.wantOK || !orb.Equal(got, tt.want) && tt.want != nil {
				t.Errorf("AsMultiPolygon = %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// BenchmarkLocate joins 10k homes to districts (few polygons with long
// rings, like the 36 districts of Chongqing at ~3,000 vertices each) and to
// catchments (many short rings), beside a loop over orb/planar (on 500
// homes). Rings are smooth; each polygon has one to three parts, half with
// a hole.
func BenchmarkLocate(b *testing.B) {
	cases := []struct {
		name         string
		count, verts int
	}{
		{"districts=40x3000", 40, 3000},
		{"catchments=500x200", 500, 200},
	}
	for _, c := range cases {
		rng := rand.New(rand.NewPCG(3, 4))
		polys := randPolygons(rng, c.count, c.verts, 60000, false)
		homes := randPoints(rng, 10000, 60000, 60000)
		b.Run(c.name+"/index", func(b *testing.B) {
			ix := NewPolygonIndex(polys)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, q := range homes {
					ix.Locate(q)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(homes)), "ns/query")
		})
		b.Run(c.name+"/planar", func(b *testing.B) {
			homes := homes[:500] // the naive loop is slow
			b.ReportAllocs()
			for b.Loop() {
				for _, q := range homes {
					for _, mp := range polys {
						if planar.MultiPolygonContains(mp, q) {
							break
						}
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(homes)), "ns/query")
		})
	}
	b.Run("build/districts=40x3000", func(b *testing.B) {
		polys := randPolygons(rand.New(rand.NewPCG(3, 4)), 40, 3000, 60000, false)
		b.ReportAllocs()
		for b.Loop() {
			NewPolygonIndex(polys)
		}
	})
}
