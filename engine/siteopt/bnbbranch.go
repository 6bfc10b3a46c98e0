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
	rp, rq := rhoThresholds(lr.free, lr.inY, lr.rho)
	st := slices.Clone(nd.state)
	for _, j := range lr.free {
		switch {
		case lr.inY[j] && b.prunes(L-lr.rho[j]+rq):
			st[j] = 1
		case !lr.inY[j] && b.prunes(L+lr.rho[j]-rp):
			st[j] = -1
		}
	}
	lam := slices.Clone(lr.lambda)
	j := branchSite(lr, st)
	if j < 0 {
		b.push(&pmNode{state: st, lambda: lam, bound: L})
		return
	}
	openB, closedB := L, L
	if lr.inY[j] {
		closedB = L - lr.rho[j] + rq
	} else {
		openB = L + lr.rho[j] - rp
	}
	open, closed := slices.Clone(st), st
	open[j], closed[j] = 1, -1
	b.push(&pmNode{state: open, lambda: lam, bound: math.Max(openB, L)})
	b.push(&pmNode{state: closed, lambda: lam, bound: math.Max(closedB, L)})
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

// branchSite picks the undecided site to branch on: the one most in
// conflict in the relaxed solution, counting for every point served twice
// or more the sites of Y that serve it, and for every point served by none
// the sites outside Y it would take (w·c < λ). Ties go to the lower index;
// −1 when no site is undecided.
func branchSite(lr *pmLagrange, st []int8) int32 {
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
	best := int32(-1)
	for _, j := range lr.free {
		if st[j] == 0 && (best < 0 || score[j] > score[best] || (score[j] == score[best] && j < best)) {
			best = j
		}
	}
	return best
}
