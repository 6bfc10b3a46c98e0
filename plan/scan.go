package plan

import (
	"context"
	"math"
	"slices"
)

// The search over p: how many new schools each group gets within the
// round's budget.

// solveModel solves every group for a range of p and picks, within the
// budget of new schools, the best total.
func (pl *planner) solveModel(ctx context.Context, m *model, budget int) ([]*groupEval, error) {
	pl.groupModel(m)
	for gi := range m.groups {
		g := &m.groups[gi]
		if err := pl.scanGroup(ctx, m, g, min(pl.pNeeded(m, g), budget), budget); err != nil {
			return nil, err
		}
	}
	for {
		out, ok := pl.splitBudget(m, budget)
		if ok {
			for _, ev := range out {
				pl.pr.Solves[ev.rec].Chosen = true
			}
			return out, nil
		}
		// The groups' fewest schools overrun the budget: try fewer.
		more, err := pl.solveFewer(ctx, m, budget)
		if err != nil {
			return nil, err
		}
		if !more {
			return make([]*groupEval, len(m.groups)), nil
		}
	}
}

// solveFewer solves each group for p = 0, 1, … up to the first p solved
// already (or the budget), and reports whether it solved any.
func (pl *planner) solveFewer(ctx context.Context, m *model, budget int) (bool, error) {
	more := false
	for gi := range m.groups {
		g := &m.groups[gi]
		for p := 0; p <= budget; p++ {
			if _, done := g.evals[p]; done {
				break
			}
			if _, err := pl.solveGroup(ctx, m, g, p); err != nil {
				return false, err
			}
			more = true
		}
	}
	return more, nil
}

// splitBudget shares the budget of new schools between the groups (a
// knapsack over p) for the least total value.
func (pl *planner) splitBudget(m *model, budget int) ([]*groupEval, bool) {
	ng := len(m.groups)
	best := make([][]float64, ng+1) // best[g][b]: groups < g within b schools
	pick := make([][]int, ng+1)
	for g := range best {
		best[g] = make([]float64, budget+1)
		pick[g] = make([]int, budget+1)
		for b := range best[g] {
			best[g][b] = math.Inf(1)
		}
	}
	for b := 0; b <= budget; b++ {
		best[0][b] = 0
	}
	for gi := range m.groups {
		addGroup(&m.groups[gi], best[gi], best[gi+1], pick[gi+1])
	}
	if math.IsInf(best[ng][budget], 1) {
		return nil, false
	}
	out := make([]*groupEval, ng)
	b := budget
	for gi := ng; gi > 0; gi-- {
		p := pick[gi][b]
		out[gi-1] = m.groups[gi-1].evals[p]
		b -= p
	}
	return out, true
}

// addGroup is a step of splitBudget's knapsack: given prev[b], the least
// value of the groups before g within b new schools, it sets next[b] and
// pick[b], the least value with g too and g's p in it.
func addGroup(g *group, prev, next []float64, pick []int) {
	ps := make([]int, 0, len(g.evals))
	for p, ev := range g.evals {
		if ev != nil && !math.IsInf(ev.obj, 1) {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	for b := range next {
		for _, p := range ps {
			if v := prev[max(b-p, 0)] + g.evals[p].obj; p <= b && v < next[b] {
				next[b], pick[b] = v, p
			}
		}
	}
}

// scanGroup solves g for the fewest new schools, from p = from on, that
// seat every child (doubling p, then bisecting), then for more schools
// while they may pay: until the opening costs alone exceed the best value
// found, two more schools in a row bring no improvement, or the budget.
func (pl *planner) scanGroup(ctx context.Context, m *model, g *group, from, budget int) error {
	sc := &scan{pl: pl, m: m, g: g, budget: budget}
	ev, err := sc.solve(ctx, from)
	if err != nil || ev == nil {
		return err
	}
	seated := from
	if ev.unserved > 0 {
		if seated, err = sc.fewestSeatingAll(ctx, from); err != nil || seated < 0 {
			return err
		}
	}
	return sc.tryMore(ctx, seated)
}

// scan is the search over p of one group (scanGroup).
type scan struct {
	pl     *planner
	m      *model
	g      *group
	budget int
}

// solve solves the group with p new schools (nil: fewer candidates than
// p).
func (sc *scan) solve(ctx context.Context, p int) (*groupEval, error) {
	return sc.pl.solveGroup(ctx, sc.m, sc.g, p)
}

// fewestSeatingAll finds the fewest new schools within the budget that
// seat every child, knowing that from leaves some unseated: doubling the
// step up from from, then bisecting. It returns -1 when no p within the
// budget seats them all.
func (sc *scan) fewestSeatingAll(ctx context.Context, from int) (int, error) {
	lo, hi, err := sc.bracket(ctx, from)
	if err != nil || hi < 0 {
		return -1, err
	}
	return sc.bisect(ctx, lo, hi)
}

// bracket steps p up from from, doubling the step, to the first p within
// the budget that seats every child (hi; -1 when none does) and the last
// that does not (lo).
func (sc *scan) bracket(ctx context.Context, from int) (lo, hi int, err error) {
	lo, hi = from, -1 // lo leaves children unseated, hi seats them all
	for step := 1; lo < sc.budget; step *= 2 {
		p := min(sc.budget, lo+step)
		ev, err := sc.solve(ctx, p)
		if err != nil {
			return 0, 0, err
		}
		if ev == nil { // fewer candidates than p
			break
		}
		if ev.unserved == 0 {
			return lo, p, nil
		}
		lo = p
	}
	return lo, hi, nil
}

// bisect narrows lo (leaves children unseated) and hi (seats them all) to
// neighbours and returns hi.
func (sc *scan) bisect(ctx context.Context, lo, hi int) (int, error) {
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		ev, err := sc.solve(ctx, mid)
		if err != nil {
			return 0, err
		}
		if ev != nil && ev.unserved == 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}

// tryMore solves the group for more schools than seated while they may
// pay: until the opening costs alone exceed the best value found, two more
// schools in a row bring no improvement, or the budget.
func (sc *scan) tryMore(ctx context.Context, seated int) error {
	bestObj := sc.bestUpTo(seated)
	floor, minOpen := sc.pl.groupFloor(sc.m, sc.g)
	worse := 0
	for p := seated + 1; p <= sc.budget; p++ {
		// Once every child is seated, p schools cost at least p times the
		// cheapest site on top of each child's cheapest seat.
		if floor+float64(p)*minOpen >= bestObj {
			break
		}
		ev, err := sc.solve(ctx, p)
		if err != nil || ev == nil {
			return err
		}
		if ev.obj < bestObj*(1-1e-9) {
			bestObj, worse = ev.obj, 0
		} else if worse++; worse >= 2 {
			break
		}
	}
	return nil
}

// bestUpTo is the best value of the group's solutions with at most p new
// schools.
func (sc *scan) bestUpTo(p int) float64 {
	best := math.Inf(1)
	for q, ev := range sc.g.evals {
		if q <= p && ev != nil {
			best = min(best, ev.obj)
		}
	}
	return best
}

// groupFloor returns a lower bound on the seat costs of g's children (each
// at its cheapest reachable site, or unseated) and the cheapest opening
// cost of a candidate, both as solveGroup weighs them.
func (pl *planner) groupFloor(m *model, g *group) (floor, minOpen float64) {
	alpha, scale := pl.weights()
	minOpen = math.Inf(1)
	for _, j := range g.sites {
		if s := &m.sites[j]; s.kind == siteCandidate {
			minOpen = min(minOpen, scale*s.cost)
		}
	}
	if math.IsInf(minOpen, 1) {
		minOpen = 0
	}
	for _, i := range g.chunks {
		best := math.Inf(1)
		for _, j := range g.sites {
			if d, ok := pl.reachable(m, i, j); ok {
				best = min(best, alpha*float64(d)+pl.perSeat(&m.sites[j]))
			}
		}
		if math.IsInf(best, 1) {
			best = unseatedPenalty
		}
		floor += float64(m.chunks[i].children) * best
	}
	return floor, minOpen
}
