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
	members [][]int32
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

func overload(load, capa float64) float64 { return math.Max(0, load-capa) }

// better reports whether a move changing overload by dOver and cost by
// dCost improves (overload first).
func better(dOver, dCost float64) bool {
	return dOver < -gapEps || (dOver <= gapEps && dCost < -gapEps)
}

// improve applies improving shifts and swaps until there are none.
func (g *gapSolver) improve() { g.improveUpTo(maxImprovePasses, true) }

// improveUpTo is improve with at most passes passes, shifts only unless
// full.
func (g *gapSolver) improveUpTo(passes int, full bool) {
	k := len(g.set)
	if k < 2 {
		return
	}
	for pass, changed := 0, true; changed && pass < passes; pass++ {
		changed = false
		// Shifts: each point to its best site.
		for i := 0; i < g.in.n; i++ {
			a := int(g.assign[i])
			d := g.dem[i]
			row := g.cost[i*k : (i+1)*k]
			oa := overload(g.load[a]-d, g.capa[a]) - overload(g.load[a], g.capa[a])
			bestS, bo, bc := -1, 0.0, 0.0
			for s := 0; s < k; s++ {
				dCost := row[s] - row[a]
				if s == a || (g.over <= gapEps && (dCost >= -gapEps || g.load[s]+d > g.capa[s]+gapEps)) {
					continue // feasible: only a cheaper site with room
				}
				dOver := oa + overload(g.load[s]+d, g.capa[s]) - overload(g.load[s], g.capa[s])
				if better(dOver, dCost) && (bestS < 0 || better(dOver-bo, dCost-bc)) {
					bestS, bo, bc = s, dOver, dCost
				}
			}
			if bestS >= 0 {
				g.load[a] -= d
				g.load[bestS] += d
				g.assign[i] = int32(bestS)
				g.total += bc
				g.over += bo
				changed = true
			}
		}
		if !full {
			continue
		}
		// Swaps: i moves to a site b it prefers, a point j of b moves to i's site.
		if len(g.members) < k {
			g.members = make([][]int32, k)
		}
		for s := range g.members[:k] {
			g.members[s] = g.members[s][:0]
		}
		for i, s := range g.assign {
			g.members[s] = append(g.members[s], int32(i))
		}
		for i := 0; i < g.in.n; i++ {
			a := int(g.assign[i])
			rowI := g.cost[i*k : (i+1)*k]
			for b := 0; b < k; b++ {
				if b == a || (rowI[b] >= rowI[a] && g.over <= gapEps) {
					continue
				}
				for _, j := range g.members[b] {
					if int(g.assign[j]) != b {
						continue // moved during this pass
					}
					rowJ := g.cost[int(j)*k : (int(j)+1)*k]
					dCost := rowI[b] + rowJ[a] - rowI[a] - rowJ[b]
					delta := g.dem[j] - g.dem[i] // load change of a
					var dOver float64
					if g.over <= gapEps {
						// Feasible: the swap must save and keep both sites within capacity.
						if dCost >= -gapEps || g.load[a]+delta > g.capa[a]+gapEps || g.load[b]-delta > g.capa[b]+gapEps {
							continue
						}
					} else {
						dOver = overload(g.load[a]+delta, g.capa[a]) - overload(g.load[a], g.capa[a]) +
							overload(g.load[b]-delta, g.capa[b]) - overload(g.load[b], g.capa[b])
						if !better(dOver, dCost) {
							continue
						}
					}
					g.load[a] += delta
					g.load[b] -= delta
					g.assign[i], g.assign[j] = int32(b), int32(a)
					g.members[a] = append(g.members[a], j)
					g.total += dCost
					g.over += dOver
					changed = true
					break
				}
				if int(g.assign[i]) != a {
					break
				}
			}
		}
		if changed || g.in.n > maxChainN {
			continue
		}
		// Ejection chains of two: i moves from a to b, and a point j of b
		// moves on to a third site c, making room for i.
		for i := 0; i < g.in.n && !changed; i++ {
			a := int(g.assign[i])
			rowI := g.cost[i*k : (i+1)*k]
			for b := 0; b < k && !changed; b++ {
				if b == a || (rowI[b] >= rowI[a] && g.over <= gapEps) {
					continue
				}
				for _, j := range g.members[b] {
					if int(j) == i || int(g.assign[j]) != b {
						continue
					}
					rowJ := g.cost[int(j)*k : (int(j)+1)*k]
					di, dj := g.dem[i], g.dem[j]
					for c := 0; c < k; c++ {
						if c == a || c == b {
							continue
						}
						dCost := rowI[b] - rowI[a] + rowJ[c] - rowJ[b]
						if dCost >= -gapEps && g.over <= gapEps {
							continue
						}
						dOver := overload(g.load[a]-di, g.capa[a]) - overload(g.load[a], g.capa[a]) +
							overload(g.load[b]+di-dj, g.capa[b]) - overload(g.load[b], g.capa[b]) +
							overload(g.load[c]+dj, g.capa[c]) - overload(g.load[c], g.capa[c])
						if !better(dOver, dCost) {
							continue
						}
						g.load[a] -= di
						g.load[b] += di - dj
						g.load[c] += dj
						g.assign[i], g.assign[j] = int32(b), int32(c)
						g.total += dCost
						g.over += dOver
						changed = true
						break
					}
					if changed {
						break
					}
				}
			}
		}
	}
	g.sums() // clear rounding drift
}

// exact searches the assignments by depth-first branch and bound, starting
// from the current assignment as incumbent (if feasible), and stops after
// limit nodes. It reports whether the search was complete (the assignment
// is then optimal for this set, or proved infeasible when none was found).
func (g *gapSolver) exact(limit int) bool {
	n, k := g.in.n, len(g.set)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	// Big and decided points first: decreasing demand, then regret.
	minCost := make([]float64, n)
	spread := make([]float64, n)
	for i := 0; i < n; i++ {
		row := g.cost[i*k : (i+1)*k]
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range row {
			lo, hi = math.Min(lo, c), math.Max(hi, c)
		}
		minCost[i], spread[i] = lo, hi-lo
	}
	slices.SortFunc(order, func(a, b int32) int {
		if g.dem[a] != g.dem[b] {
			if g.dem[a] > g.dem[b] {
				return -1
			}
			return 1
		}
		if spread[a] != spread[b] {
			if spread[a] > spread[b] {
				return -1
			}
			return 1
		}
		return int(a - b)
	})
	rest := make([]float64, n+1) // Σ minCost of order[t:]
	for t := n - 1; t >= 0; t-- {
		rest[t] = rest[t+1] + minCost[order[t]]
	}
	slotOrder := make([][]int32, n)
	for i := 0; i < n; i++ {
		row := g.cost[i*k : (i+1)*k]
		so := make([]int32, k)
		for s := range so {
			so[s] = int32(s)
		}
		slices.SortFunc(so, func(a, b int32) int {
			if row[a] != row[b] {
				if row[a] < row[b] {
					return -1
				}
				return 1
			}
			return int(a - b)
		})
		slotOrder[i] = so
	}
	best := math.Inf(1)
	bestAssign := slices.Clone(g.assign)
	if g.over <= gapEps {
		best = g.total
	}
	load := make([]float64, k)
	cur := make([]int32, n)
	nodes := 0
	complete := true
	var dfs func(t int, partial float64)
	dfs = func(t int, partial float64) {
		if nodes >= limit {
			complete = false
			return
		}
		nodes++
		if t == n {
			if partial < best-gapEps {
				best = partial
				copy(bestAssign, cur)
			}
			return
		}
		i := order[t]
		row := g.cost[int(i)*k : (int(i)+1)*k]
		for _, s := range slotOrder[i] {
			if load[s]+g.dem[i] > g.capa[s]+gapEps {
				continue
			}
			c := partial + row[s]
			if c+rest[t+1] >= best-gapEps {
				break // slots are in increasing cost: the rest are no better
			}
			load[s] += g.dem[i]
			cur[i] = s
			dfs(t+1, c)
			load[s] -= g.dem[i]
			if !complete {
				return
			}
		}
	}
	dfs(0, 0)
	if !math.IsInf(best, 1) {
		copy(g.assign, bestAssign)
		g.sums()
	}
	return complete
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
