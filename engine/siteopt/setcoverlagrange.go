package siteopt

import "math"

// lagrange runs the subgradient steps and the Lagrangian heuristic,
// updating best; it returns the lower bound and the steps taken.
//
// The relaxation of the coverage constraints with multipliers u_k ≥ 0 is
//
//	L(u) = Σ_k u_k + Σ_j min(0, c_j − Σ_{k ∈ cov(j)} u_k),
//
// whose solution X is the sites of negative reduced cost; each X that
// raises the bound is completed to a cover (the heuristic).
func (sc *setCover) lagrange(iters int, best *[]int32, bestCost *float64, clk *clock) (float64, int) {
	u := sc.startMultipliers()
	g := make([]float64, len(sc.cv.pts))
	integral := costsIntegral(sc.in)
	sg := newRaising()
	var x []int32
	it := 0
	for ; it < iters && !clk.stopped(); it++ {
		var L float64
		L, x = sc.relaxed(u, x[:0])
		improved := sg.raise(L)
		if improved {
			sc.tryCover(x, best, bestCost)
		}
		if roundCoverBound(sg.best, integral) >= *bestCost-1e-9 {
			it++
			break
		}
		norm := sc.subgradient(x, g)
		if norm == 0 || sg.next(improved) {
			it++
			break
		}
		t := sg.size(*bestCost-L, norm)
		for k := range u {
			u[k] = math.Max(0, u[k]+t*g[k])
		}
	}
	return math.Max(0, roundCoverBound(sg.best, integral)), it
}

// startMultipliers returns the first u: for each point, the least cost per
// covered point of the sites covering it.
func (sc *setCover) startMultipliers() []float64 {
	in, cv := sc.in, sc.cv
	u := make([]float64, len(cv.pts))
	for k := range u {
		u[k] = math.Inf(1)
		for _, j := range cv.by(int32(k)) {
			u[k] = math.Min(u[k], in.oc[j]/float64(len(cv.of(j))))
		}
	}
	return u
}

// costsIntegral reports whether every opening cost is a whole number, so
// that the bound may be rounded up.
func costsIntegral(in *instance) bool {
	for j := 0; j < in.m; j++ {
		if in.oc[j] != math.Trunc(in.oc[j]) {
			return false
		}
	}
	return true
}

// roundCoverBound rounds the bound l up when the costs are integral (less
// a relative 1e-7 first, for rounding noise).
func roundCoverBound(l float64, integral bool) float64 {
	if integral {
		return math.Ceil(l - 1e-7*math.Max(1, math.Abs(l)))
	}
	return l
}

// relaxed computes L(u) and appends the free sites of negative reduced
// cost, in index order, to x.
func (sc *setCover) relaxed(u []float64, x []int32) (float64, []int32) {
	in, cv := sc.in, sc.cv
	L := 0.0
	for _, v := range u {
		L += v
	}
	for j := int32(0); j < int32(in.m); j++ {
		if in.fixed[j] {
			continue
		}
		r := in.oc[j]
		for _, k := range cv.of(j) {
			r -= u[k]
		}
		if r < 0 {
			L += r
			x = append(x, j)
		}
	}
	return L, x
}

// tryCover completes x to a cover and makes it the best if it is cheaper.
func (sc *setCover) tryCover(x []int32, best *[]int32, bestCost *float64) {
	if set := sc.complete(x); sc.cost(set) < *bestCost-1e-9 {
		*best, *bestCost = set, sc.cost(set)
	}
}

// subgradient stores the subgradient of L, 1 − |{j ∈ X covering k}|, in g
// and returns its squared norm.
func (sc *setCover) subgradient(x []int32, g []float64) float64 {
	cv := sc.cv
	inX := sc.chosen
	clear(inX)
	for _, j := range x {
		inX[j] = true
	}
	norm := 0.0
	for k := range g {
		c := 1.0
		for _, j := range cv.by(int32(k)) {
			if inX[j] {
				c--
			}
		}
		g[k] = c
		norm += c * c
	}
	return norm
}
