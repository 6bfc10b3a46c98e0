package siteopt

import (
	"container/heap"
	"math"
	"slices"
)

// gapSolver assigns every demand point whole to one of a fixed set of open
// sites within their capacities at least cost: the generalized assignment
// problem (GAP) that the capacitated p-median solves for each candidate set.
//
// It constructs by regret (Martello and Toth: the point that would lose
// most by not getting its cheapest feasible site goes first), improves by
// shifting single points and swapping pairs of points between sites, and,
// for small instances or to polish the final answer, searches exactly by
// depth-first branch and bound with a node limit.
//
// Moves compare (total overload, cost) lexicographically, so the same
// descent both repairs an infeasible construction and lowers the cost.
type gapSolver struct {
	in     *instance
	dem    []float64 // per point
	set    []int32   // open sites, by slot
	capa   []float64 // per slot
	cost   []float64 // point·len(set) + slot: w·c
	assign []int32   // per point: slot
	load   []float64 // per slot
	total  float64   // Σ assignment costs
	over   float64   // Σ overloads

	h       regretHeap
	members slotMembers // for the pair moves of improve
}

func newGAPSolver(in *instance, dem []float64) *gapSolver {
	return &gapSolver{in: in, dem: dem, assign: make([]int32, in.n)}
}

// prepare loads the open set and its cost columns.
func (g *gapSolver) prepare(set []int32) {
	in, k := g.in, len(set)
	g.set = append(g.set[:0], set...)
	g.capa = g.capa[:0]
	for _, j := range set {
		g.capa = append(g.capa, in.pr.Capacity[j])
	}
	if cap(g.cost) < in.n*k {
		g.cost = make([]float64, in.n*k)
	}
	g.cost = g.cost[:in.n*k]
	for i := 0; i < in.n; i++ {
		row := g.cost[i*k : (i+1)*k]
		for s, j := range set {
			row[s] = in.w[i] * in.cm.at(i, int(j))
		}
	}
	if cap(g.load) < k {
		g.load = make([]float64, k)
	}
	g.load = g.load[:k]
}

const gapEps = 1e-9

// maxChainN: ejection chains cost O(n²·k) per pass; larger instances make do
// with shifts and swaps. maxImprovePasses bounds the passes of improve (each
// at least O(n·k)); on the benchmark instances it stops after a handful.
const (
	maxChainN        = 200
	maxImprovePasses = 20
)

// regret builds an assignment by regret and reports whether it respects
// the capacities. A point that fits nowhere goes to the site with the most
// room left (overloading it) for improve to repair.
//
// With prev set (the site of each point in a solution of a nearby set), the
// points whose site is still open keep it and only the others are placed by
// regret: a warm start for the location search, whose neighbouring sets
// differ by one site.
func (g *gapSolver) regret(prev []int32) bool {
	k := len(g.set)
	clear(g.load)
	g.h = g.h[:0]
	for i := 0; i < g.in.n; i++ {
		if prev != nil {
			if s := slices.Index(g.set, prev[i]); s >= 0 {
				g.assign[i] = int32(s)
				g.load[s] += g.dem[i]
				continue
			}
		}
		g.h = append(g.h, regretItem{i: int32(i), dem: g.dem[i]})
	}
	for t := range g.h {
		g.h[t].regret, _ = g.regretOf(int(g.h[t].i))
	}
	heap.Init(&g.h)
	for g.h.Len() > 0 {
		it := g.h[0]
		r, best := g.regretOf(int(it.i))
		if r < it.regret-gapEps {
			g.h[0].regret = r
			heap.Fix(&g.h, 0)
			continue
		}
		heap.Pop(&g.h)
		if best < 0 {
			best = 0
			for s := 1; s < k; s++ {
				if g.capa[s]-g.load[s] > g.capa[best]-g.load[best] {
					best = s
				}
			}
		}
		g.assign[it.i] = int32(best)
		g.load[best] += g.dem[it.i]
	}
	g.sums()
	return g.over <= gapEps
}

// regretOf returns point i's regret (second-cheapest minus cheapest
// feasible cost, +Inf with a single feasible site) and cheapest feasible
// slot (-1 when none has room).
func (g *gapSolver) regretOf(i int) (float64, int) {
	k := len(g.set)
	row := g.cost[i*k : (i+1)*k]
	b1, c1, c2 := -1, math.Inf(1), math.Inf(1)
	for s, c := range row {
		if g.load[s]+g.dem[i] > g.capa[s]+gapEps {
			continue
		}
		if c < c1 {
			b1, c1, c2 = s, c, c1
		} else if c < c2 {
			c2 = c
		}
	}
	if b1 < 0 {
		return math.Inf(1), -1
	}
	return c2 - c1, b1
}

// sums recomputes the total cost and overload from the assignment.
func (g *gapSolver) sums() {
	k := len(g.set)
	clear(g.load)
	g.total = 0
	for i, s := range g.assign {
		g.load[s] += g.dem[i]
		g.total += g.cost[i*k+int(s)]
	}
	g.over = 0
	for s := range g.load {
		g.over += math.Max(0, g.load[s]-g.capa[s])
	}
}

// overload is how far load exceeds capa, 0 within it.
func overload(load, capa float64) float64 { return math.Max(0, load-capa) }

// row is point i's assignment costs, by slot.
func (g *gapSolver) row(i int) []float64 {
	k := len(g.set)
	return g.cost[i*k : (i+1)*k]
}

// better reports whether a move changing overload by dOver and cost by
// dCost improves (overload first).
func better(dOver, dCost float64) bool {
	return dOver < -gapEps || (dOver <= gapEps && dCost < -gapEps)
}

type regretItem struct {
	i      int32
	regret float64
	dem    float64
}

// regretHeap pops the largest regret first, then the largest demand, then
// the lowest index.
type regretHeap []regretItem

func (h regretHeap) Len() int { return len(h) }
func (h regretHeap) Less(a, b int) bool {
	x, y := h[a], h[b]
	if x.regret != y.regret {
		return x.regret > y.regret
	}
	if x.dem != y.dem {
		return x.dem > y.dem
	}
	return x.i < y.i
}
func (h regretHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *regretHeap) Push(x any)   { *h = append(*h, x.(regretItem)) }
func (h *regretHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// uncapacitated is the cost of the set if capacities did not bind: every
// point at its cheapest site, plus the opening costs. A lower bound on the
// set's value.
func (g *gapSolver) uncapacitated() float64 {
	k := len(g.set)
	total := 0.0
	for i := 0; i < g.in.n; i++ {
		total += slices.Min(g.cost[i*k : (i+1)*k])
	}
	for _, j := range g.set {
		total += g.in.oc[j]
	}
	return total
}
