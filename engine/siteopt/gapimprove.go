package siteopt

// The improvement of a generalized assignment: passes of three
// neighbourhoods, cheapest first.
//
//   - shift: one point moves to another site;
//   - swap: two points of different sites trade places;
//   - ejection chain: a point moves to a second site, whose point moves on
//     to a third (only when shifts and swaps find nothing, and only for at
//     most maxChainN points).
//
// Every move is valued by its change in total overload and in cost
// (gapDelta) and accepted when better says so. The apply methods are the
// only code that changes the assignment: they keep the loads and totals in
// step with it, and applySwap the member lists (slotMembers) that the pair
// moves search.

// gapDelta is a move's change in total overload and in assignment cost.
type gapDelta struct {
	over, cost float64
}

// improves reports whether the move improves the assignment: less
// overload, or as much and a lower cost.
func (d gapDelta) improves() bool { return better(d.over, d.cost) }

// beats reports whether the move improves on the move e.
func (d gapDelta) beats(e gapDelta) bool { return better(d.over-e.over, d.cost-e.cost) }

// improve applies improving shifts, swaps and ejection chains until none
// is left or maxImprovePasses passes have run.
func (g *gapSolver) improve() { g.repeat(maxImprovePasses, g.improvePass) }

// improveShifts applies at most passes passes of improving shifts: the
// quick screening of a warm-started set.
func (g *gapSolver) improveShifts(passes int) { g.repeat(passes, g.shiftPass) }

// repeat runs pass up to passes times, while it changes the assignment,
// then recomputes the sums to clear rounding drift. With fewer than two
// sites there is nothing to move.
func (g *gapSolver) repeat(passes int, pass func() bool) {
	if len(g.set) < 2 {
		return
	}
	for t := 0; t < passes; t++ {
		if !pass() {
			break
		}
	}
	g.sums()
}

// improvePass runs one pass of shifts and swaps and, when neither changed
// anything on a small instance, looks for one ejection chain. It reports
// whether the assignment changed.
func (g *gapSolver) improvePass() bool {
	changed := g.shiftPass()
	if g.swapPass() {
		changed = true
	}
	if changed || g.in.n > maxChainN {
		return changed
	}
	return g.chainPass()
}

// feasible reports whether the current assignment respects every
// capacity; a feasible assignment accepts only moves that lower the cost
// and keep it feasible.
func (g *gapSolver) feasible() bool { return g.over <= gapEps }

// fits reports whether slot s holds load more within its capacity.
func (g *gapSolver) fits(s int, more float64) bool {
	return g.load[s]+more <= g.capa[s]+gapEps
}

// prefers reports whether a pair move may take point i (row rowI) from
// slot a to slot b: b must be cheaper for it, unless the assignment is
// still overloaded and any move that repairs it counts.
func (g *gapSolver) prefers(rowI []float64, a, b int) bool {
	return b != a && (rowI[b] < rowI[a] || !g.feasible())
}

// shiftPass moves every point, in index order, to the site that improves
// the assignment most, if any. It reports whether a point moved.
func (g *gapSolver) shiftPass() bool {
	changed := false
	for i := 0; i < g.in.n; i++ {
		if s, d := g.bestShift(i); s >= 0 {
			g.applyShift(i, s, d)
			changed = true
		}
	}
	return changed
}

// bestShift returns the slot point i should move to and the move's delta,
// or slot -1 when no shift improves. Ties keep the lowest slot.
func (g *gapSolver) bestShift(i int) (int, gapDelta) {
	a := int(g.assign[i])
	d := g.dem[i]
	row := g.row(i)
	leave := overload(g.load[a]-d, g.capa[a]) - overload(g.load[a], g.capa[a])
	bestS, best := -1, gapDelta{}
	for s := range row {
		dCost := row[s] - row[a]
		if s == a || (g.feasible() && (dCost >= -gapEps || !g.fits(s, d))) {
			continue // feasible: only a cheaper site with room
		}
		over := leave + overload(g.load[s]+d, g.capa[s]) - overload(g.load[s], g.capa[s])
		m := gapDelta{over: over, cost: dCost}
		if m.improves() && (bestS < 0 || m.beats(best)) {
			bestS, best = s, m
		}
	}
	return bestS, best
}

// applyShift moves point i to slot s.
func (g *gapSolver) applyShift(i, s int, m gapDelta) {
	a := g.assign[i]
	d := g.dem[i]
	g.load[a] -= d
	g.load[s] += d
	g.assign[i] = int32(s)
	g.total += m.cost
	g.over += m.over
}

// swapPass offers every point, in index order, the first improving swap:
// it moves to a site b it prefers and a point of b moves to its site. It
// reports whether a swap was made.
func (g *gapSolver) swapPass() bool {
	g.members.rebuild(g.assign, len(g.set))
	changed := false
	for i := 0; i < g.in.n; i++ {
		if g.swapPoint(i) {
			changed = true
		}
	}
	return changed
}

// swapPoint makes the first improving swap of point i, trying its
// preferred sites in slot order and their points in list order, and
// reports whether it found one.
func (g *gapSolver) swapPoint(i int) bool {
	a := int(g.assign[i])
	rowI := g.row(i)
	for b := range rowI {
		if !g.prefers(rowI, a, b) {
			continue
		}
		for _, j := range g.members.of(b) {
			if !g.members.holds(g.assign, j, b) {
				continue
			}
			if m, ok := g.swapDelta(i, int(j), a, b); ok {
				g.applySwap(i, int(j), a, b, m)
				return true
			}
		}
	}
	return false
}

// swapDelta values the swap of point i (slot a) with point j (slot b) and
// reports whether it improves. While the assignment is feasible the swap
// must save and keep both sites within capacity; its overload change is
// then 0.
func (g *gapSolver) swapDelta(i, j, a, b int) (gapDelta, bool) {
	rowI, rowJ := g.row(i), g.row(j)
	m := gapDelta{cost: rowI[b] + rowJ[a] - rowI[a] - rowJ[b]}
	delta := g.dem[j] - g.dem[i] // load change of a
	if g.feasible() {
		ok := m.cost < -gapEps && g.fits(a, delta) && g.fits(b, -delta)
		return m, ok
	}
	m.over = overload(g.load[a]+delta, g.capa[a]) - overload(g.load[a], g.capa[a]) +
		overload(g.load[b]-delta, g.capa[b]) - overload(g.load[b], g.capa[b])
	return m, m.improves()
}

// applySwap moves point i from slot a to b and point j from b to a.
func (g *gapSolver) applySwap(i, j, a, b int, m gapDelta) {
	delta := g.dem[j] - g.dem[i]
	g.load[a] += delta
	g.load[b] -= delta
	g.assign[i], g.assign[j] = int32(b), int32(a)
	g.members.join(int32(j), a)
	g.total += m.cost
	g.over += m.over
}

// chainPass looks for one improving ejection chain of two: a point i
// moves from its slot a to a slot b it prefers, and a point j of b moves
// on to a third slot c, making room for i. It applies the first one found
// (points, then b, then j, then c in order) and reports whether there was
// one.
func (g *gapSolver) chainPass() bool {
	g.members.rebuild(g.assign, len(g.set))
	for i := 0; i < g.in.n; i++ {
		a := int(g.assign[i])
		rowI := g.row(i)
		for b := range rowI {
			if g.prefers(rowI, a, b) && g.chainFrom(i, a, b) {
				return true
			}
		}
	}
	return false
}

// chainFrom applies the first improving chain that moves point i from
// slot a to slot b, and reports whether there was one.
func (g *gapSolver) chainFrom(i, a, b int) bool {
	for _, j := range g.members.of(b) {
		if int(j) == i || !g.members.holds(g.assign, j, b) {
			continue
		}
		for c := range g.set {
			if c == a || c == b {
				continue
			}
			if m, ok := g.chainDelta(i, int(j), a, b, c); ok {
				g.applyChain(i, int(j), a, b, c, m)
				return true
			}
		}
	}
	return false
}

// chainDelta values the chain i: a → b, j: b → c and reports whether it
// improves.
func (g *gapSolver) chainDelta(i, j, a, b, c int) (gapDelta, bool) {
	rowI, rowJ := g.row(i), g.row(j)
	m := gapDelta{cost: rowI[b] - rowI[a] + rowJ[c] - rowJ[b]}
	if m.cost >= -gapEps && g.feasible() {
		return m, false
	}
	di, dj := g.dem[i], g.dem[j]
	m.over = overload(g.load[a]-di, g.capa[a]) - overload(g.load[a], g.capa[a]) +
		overload(g.load[b]+di-dj, g.capa[b]) - overload(g.load[b], g.capa[b]) +
		overload(g.load[c]+dj, g.capa[c]) - overload(g.load[c], g.capa[c])
	return m, m.improves()
}

// applyChain moves point i from slot a to b and point j from b to c.
func (g *gapSolver) applyChain(i, j, a, b, c int, m gapDelta) {
	di, dj := g.dem[i], g.dem[j]
	g.load[a] -= di
	g.load[b] += di - dj
	g.load[c] += dj
	g.assign[i], g.assign[j] = int32(b), int32(c)
	g.total += m.cost
	g.over += m.over
}

// slotMembers lists the points assigned to each slot, for the pair moves
// that look for a partner at a site. A pass rebuilds the lists from the
// assignment (points in index order); during the pass a swap's partner
// joins the list of the slot it moves to, and points that have left a
// slot stay in its list until the next rebuild, so callers ask holds. The
// point whose turn it is does not join its new slot's list: the pass has
// done with it.
type slotMembers struct {
	lists [][]int32
}

// rebuild lists the points of each of k slots from assign.
func (ms *slotMembers) rebuild(assign []int32, k int) {
	if len(ms.lists) < k {
		ms.lists = make([][]int32, k)
	}
	for s := range ms.lists[:k] {
		ms.lists[s] = ms.lists[s][:0]
	}
	for i, s := range assign {
		ms.lists[s] = append(ms.lists[s], int32(i))
	}
}

// of is slot s's list; points that have left s since are still in it.
func (ms *slotMembers) of(s int) []int32 { return ms.lists[s] }

// holds reports whether listed point j is still in slot s.
func (ms *slotMembers) holds(assign []int32, j int32, s int) bool { return int(assign[j]) == s }

// join appends point j, which has just moved to slot s, to s's list.
func (ms *slotMembers) join(j int32, s int) { ms.lists[s] = append(ms.lists[s], j) }
