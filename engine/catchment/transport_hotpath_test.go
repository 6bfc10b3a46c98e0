package catchment

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// The hot paths of the split solver have fast forms that must give the
// very answers of the plain ones (the solver's results are compared bit
// for bit from one version to the next): these tests hold each fast form
// to its plain one on random cases.

// visited is a school a grid scan visited, with its distance.
type visited struct {
	j int32
	d float64
}

// TestScanUnmarkedMatchesScan: scanUnmarked visits, in the same order and
// with the same distances, the schools that scan visits and that are not
// marked, including with raised prices, ties of points and limits that
// reach beyond the grid.
func TestScanUnmarkedMatchesScan(t *testing.T) {
	for _, tc := range []struct {
		name    string
		schools int
		snap    float64 // grid the points are rounded to (ties); 0 = none
		raise   int     // schools given a price
		marked  float64 // share of the schools marked
	}{
		{"plain", 60, 0, 0, 0.3},
		{"priced", 200, 0, 120, 0.3},
		{"ties", 150, 500, 60, 0.5},
		{"none marked", 80, 0, 40, 0},
		{"all marked", 40, 0, 10, 1},
		{"one school", 1, 0, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.schools), uint64(tc.raise)))
			g, pi := randomGrid(r, tc.schools, tc.snap)
			for k := range tc.raise {
				j := int32(r.IntN(tc.schools))
				old := pi[j]
				pi[j] += r.Float64() * 3000
				g.raise(j, old)
				if k%7 == 0 {
					checkCellMinima(t, g)
				}
			}
			mark := make([]uint32, tc.schools)
			for j := range mark {
				if r.Float64() < tc.marked {
					mark[j] = 7
				}
			}
			for q := range 40 {
				p := orb.Point{r.Float64()*12000 - 1000, r.Float64()*12000 - 1000}
				limit := r.Float64() * 9000
				var want, got []visited
				lim := limit
				g.scan(p, true, &lim, func(j int32, d float64) {
					if mark[j] != 7 {
						want = append(want, visited{j, d})
					}
				})
				g.scanUnmarked(p, limit, mark, 7, func(j int32, d float64) { got = append(got, visited{j, d}) })
				if !slices.Equal(got, want) {
					t.Fatalf("query %d at %v below %.1f: scanUnmarked visited %v, scan %v", q, p, limit, got, want)
				}
			}
		})
	}
}

// randomGrid returns a price grid over n random schools on a 10 km
// square (points rounded to snap when it is not 0) and its prices, all 0.
func randomGrid(r *rand.Rand, n int, snap float64) (*priceGrid, []float64) {
	pts := make([]orb.Point, n)
	use := make([]bool, n)
	for j := range pts {
		x, y := r.Float64()*10000, r.Float64()*10000
		if snap > 0 {
			x, y = math.Round(x/snap)*snap, math.Round(y/snap)*snap
		}
		pts[j] = orb.Point{x, y}
		use[j] = true
	}
	pi := make([]float64, n)
	return newPriceGrid(pts, use, pi), pi
}

// checkCellMinima fails unless every cell's least price is its schools'.
func checkCellMinima(t *testing.T, g *priceGrid) {
	t.Helper()
	for c := range g.minPi {
		want := math.Inf(1)
		for _, j := range g.ids[g.start[c]:g.start[c+1]] {
			want = min(want, g.pi[j])
		}
		if g.minPi[c] != want {
			t.Fatalf("cell %d: least price %v, want %v", c, g.minPi[c], want)
		}
	}
}

// TestDijkstraHeapOrder: the heap pops by key, the greater item first at
// equal keys, whatever the order of sets; an item set above the bound is
// left out, one set again below it comes back.
func TestDijkstraHeapOrder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		items int
		keys  int     // distinct keys: few make ties
		bound float64 // +Inf: none
	}{
		{"distinct keys", 200, 1 << 30, math.Inf(1)},
		{"many ties", 200, 5, math.Inf(1)},
		{"bound", 300, 40, 20},
		{"bound at a key", 100, 10, 3},
		{"one item", 1, 1, math.Inf(1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.items), uint64(tc.keys)))
			var h dijkstraHeap
			h.reset(tc.items)
			h.clear()
			h.bound = tc.bound
			key := map[int32]float64{}
			in := map[int32]bool{} // kept: set once at most the bound
			for range 3 * tc.items {
				v := int32(r.IntN(tc.items))
				k := float64(r.IntN(tc.keys))
				h.set(v, k)
				key[v] = k
				in[v] = in[v] || k <= tc.bound
			}
			var want []dijkstraSlot
			for v, k := range key {
				if in[v] {
					want = append(want, dijkstraSlot{key: k, v: v})
				}
			}
			slices.SortFunc(want, func(a, b dijkstraSlot) int {
				return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(b.v, a.v))
			})
			var got []dijkstraSlot
			for len(h.items) > 0 {
				v, k := h.pop()
				got = append(got, dijkstraSlot{key: k, v: v})
			}
			if !slices.Equal(got, want) {
				t.Fatalf("popped %v, want %v", got, want)
			}
			if n := len(key) - len(want); tc.bound < math.Inf(1) && n == 0 {
				t.Fatalf("no item was left out above the bound %v", tc.bound)
			}
		})
	}
}

// swapPop is the plain pop of a binary min-heap, by swaps: popPair and
// popWiden must leave the very same heap.
func swapPop[T any](x []T, key func(T) float64) []T {
	last := len(x) - 1
	x[0] = x[last]
	x = x[:last]
	k := 0
	for {
		c := 2*k + 1
		if c >= len(x) {
			break
		}
		if c+1 < len(x) && key(x[c+1]) < key(x[c]) {
			c++
		}
		if key(x[k]) <= key(x[c]) {
			break
		}
		x[k], x[c] = x[c], x[k]
		k = c
	}
	return x
}

// TestPopsMatchSwapPop: popPair and popWiden leave the heap exactly as
// the plain pop does (the order of equal keys included), down to empty.
func TestPopsMatchSwapPop(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		keys int
	}{
		{"distinct", 100, 1 << 30},
		{"ties", 100, 4},
		{"one key", 30, 1},
		{"one entry", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.n), uint64(tc.keys)))
			var moves []moveEntry
			var widens []widenEntry
			for k := range tc.n {
				key := float64(r.IntN(tc.keys))
				moves = pushHeap(moves, moveEntry{key: key, area: int32(k)})
				widens = pushHeap(widens, widenEntry{key: key, area: int32(k)})
			}
			wantMoves := slices.Clone(moves)
			wantWidens := slices.Clone(widens)
			for step := 0; len(moves) > 0; step++ {
				popPair(&moves)
				popWiden(&widens)
				wantMoves = swapPop(wantMoves, func(e moveEntry) float64 { return e.key })
				wantWidens = swapPop(wantWidens, func(e widenEntry) float64 { return e.key })
				if !slices.Equal(moves, wantMoves) || !slices.Equal(widens, wantWidens) {
					t.Fatalf("pop %d: heaps differ from the plain pop's", step)
				}
			}
		})
	}
}

// pushHeap pushes e onto the binary min-heap h, as pushPair and pushWiden
// do.
func pushHeap[T moveEntry | widenEntry](h []T, e T) []T {
	h = append(h, e)
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if heapKey(h[p]) <= heapKey(h[k]) {
			break
		}
		h[p], h[k] = h[k], h[p]
		k = p
	}
	return h
}

// heapKey is the key of a pair or widening heap entry.
func heapKey[T moveEntry | widenEntry](e T) float64 {
	switch x := any(e).(type) {
	case moveEntry:
		return x.key
	case widenEntry:
		return x.key
	}
	panic(fmt.Sprintf("heapKey: %T", e))
}

// BenchmarkWidenScan compares a widening's grid scan (scanUnmarked, the
// listed schools marked) with the plain scan that filters them in its
// visit, by number of schools on the 10 km square, out to two cells.
func BenchmarkWidenScan(b *testing.B) {
	for _, n := range []int{1_000, 5_000} {
		r := rand.New(rand.NewPCG(uint64(n), 3))
		g, pi := randomGrid(r, n, 0)
		for j := range pi {
			pi[j] = r.Float64() * 300
			g.raise(int32(j), 0)
		}
		mark := make([]uint32, n) // four in ten listed, as in widenings
		for j := range mark {
			if r.IntN(10) < 4 {
				mark[j] = 1
			}
		}
		queries := make([]orb.Point, 256)
		for k := range queries {
			queries[k] = orb.Point{r.Float64() * 10000, r.Float64() * 10000}
		}
		limit := 2 * g.cell
		var visits int
		visit := func(j int32, d float64) { visits++ }
		b.Run(fmt.Sprintf("schools=%d/plain", n), func(b *testing.B) {
			b.ReportAllocs()
			for k := 0; b.Loop(); k++ {
				lim := limit
				g.scan(queries[k%len(queries)], true, &lim, func(j int32, d float64) {
					if mark[j] != 1 {
						visit(j, d)
					}
				})
			}
		})
		b.Run(fmt.Sprintf("schools=%d/unmarked", n), func(b *testing.B) {
			b.ReportAllocs()
			for k := 0; b.Loop(); k++ {
				g.scanUnmarked(queries[k%len(queries)], limit, mark, 1, visit)
			}
		})
	}
}
