package siteopt

import (
	"math"
	"slices"
)

// branch fixes sites by the reduced costs of lr (bound L) and queues the
// node's two children: one undecided site forced open, and closed. At
// the same multipliers, opening a site j outside Y in place of Y's worst
// free site costs ρ_j − ρ_p, closing a site j of Y for the best site
// outside costs ρ_{p+1} − ρ_j: when the bound plus that reaches the
// incumbent, j is closed (opened) in both children, and the same sums
// bound the children.
func (b *pmBnB) branch(nd *pmNode, lr *pmLagrange, L float64) {
	rs := reducedCosts{free: lr.free, inY: lr.inY, rho: lr.rho, L: L}
	st := rs.fix(nd.state, b.prunes)
	for _, child := range rs.children(st, branchSite(lr, conflicts(lr), st), slices.Clone(lr.lambda)) {
		b.push(child)
	}
}

// reducedCosts is a node's relaxation at its best multipliers: the
// undecided sites, the relaxed solution Y, the reduced costs ρ and the
// bound L.
type reducedCosts struct {
	free []int32
	inY  []bool
	rho  []float64
	L    float64
}

// fix returns a copy of state with the sites fixed by reduced costs: a
// site of Y whose closing would lift the bound to a pruned value is
// opened, a site outside Y whose opening would is closed.
func (rs reducedCosts) fix(state []int8, prunes func(float64) bool) []int8 {
	rp, rq := rhoThresholds(rs.free, rs.inY, rs.rho)
	st := slices.Clone(state)
	for _, j := range rs.free {
		switch {
		case rs.inY[j] && prunes(rs.L-rs.rho[j]+rq):
			st[j] = 1
		case !rs.inY[j] && prunes(rs.L+rs.rho[j]-rp):
			st[j] = -1
		}
	}
	return st
}

// children returns the nodes of state with site j forced open and closed,
// each bounded by the reduced-cost sum; with j < 0 (nothing undecided),
// the node itself, to be valued as a leaf.
func (rs reducedCosts) children(st []int8, j int32, lam []float64) []*pmNode {
	if j < 0 {
		return []*pmNode{{state: st, lambda: lam, bound: rs.L}}
	}
	rp, rq := rhoThresholds(rs.free, rs.inY, rs.rho)
	openB, closedB := rs.L, rs.L
	if rs.inY[j] {
		closedB = rs.L - rs.rho[j] + rq
	} else {
		openB = rs.L + rs.rho[j] - rp
	}
	open, closed := slices.Clone(st), st
	open[j], closed[j] = 1, -1
	return []*pmNode{{state: open, lambda: lam, bound: math.Max(openB, rs.L)},
		{state: closed, lambda: lam, bound: math.Max(closedB, rs.L)}}
}

// rhoThresholds returns the largest ρ among the free sites of Y (ρ_p) and
// the least among the free sites outside it (ρ_{p+1}).
func rhoThresholds(free []int32, inY []bool, rho []float64) (rp, rq float64) {
	rp, rq = math.Inf(-1), math.Inf(1)
	for _, j := range free {
		if inY[j] {
			rp = math.Max(rp, rho[j])
		} else {
			rq = math.Min(rq, rho[j])
		}
	}
	return rp, rq
}

// conflicts scores the sites by their conflicts in the relaxed solution:
// for every point served twice or more, the sites of Y that serve it; for
// every point served by none, the sites outside Y it would take (w·c < λ).
func conflicts(lr *pmLagrange) []float64 {
	in := lr.in
	score := make([]float64, in.m)
	for _, u := range in.users {
		g := lr.g[u]
		if g == 0 {
			continue
		}
		sites, costs := in.nb.list(int(u))
		for t, c := range costs {
			if in.w[u]*c >= lr.lambda[u] {
				break
			}
			if j := sites[t]; lr.inY[j] == (g < 0) {
				score[j]++
			}
		}
	}
	return score
}

// branchSite picks the undecided site of highest score, ties to the lower
// index; −1 when no site is undecided.
func branchSite(lr *pmLagrange, score []float64, st []int8) int32 {
	best := int32(-1)
	for _, j := range lr.free {
		if st[j] == 0 && (best < 0 || score[j] > score[best] || (score[j] == score[best] && j < best)) {
			best = j
		}
	}
	return best
}
