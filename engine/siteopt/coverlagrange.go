package siteopt

import (
	"cmp"
	"math"
)

// coverLagrange bounds maximal covering from above by relaxing the
// coverage constraints z_k ≤ Σ_{j covers k} y_j with multipliers
// 0 ≤ μ_k ≤ w_k:
//
//	L(μ) = Σ_k max(0, w_k − μ_k) + (the p largest σ_j = Σ_{k ∈ cov(j)} μ_k),
//
// minimised by subgradient steps. Fixed sites' points are left out (their
// weight is added as is).
type coverLagrange struct {
	in    *instance
	cv    *coverage
	mu, g []float64
	sigma []float64
	free  []int32
	inY   []bool // the sites of the last relaxed solution
	sg    subgradient
}

func newCoverLagrange(in *instance, cv *coverage) *coverLagrange {
	lr := &coverLagrange{in: in, cv: cv, mu: make([]float64, len(cv.pts)), g: make([]float64, len(cv.pts)),
		sigma: make([]float64, in.m), inY: make([]bool, in.m), sg: newLowering()}
	for k := range lr.mu {
		lr.mu[k] = cv.w[k] / 2
	}
	for j := 0; j < in.m; j++ {
		if !in.fixed[j] {
			lr.free = append(lr.free, int32(j))
		}
	}
	return lr
}

// run takes up to iters steps toward the lower bound lb and returns the
// number taken. It stops early when the bound meets lb, the subgradient
// vanishes or the schedule is spent.
func (lr *coverLagrange) run(iters int, lb float64, clk *clock) int {
	for it := 0; it < iters; it++ {
		if clk.stopped() {
			return it
		}
		L := lr.evaluate()
		improved := lr.sg.lower(L)
		if lr.sg.best <= lb+1e-9*math.Max(1, lb) {
			return it + 1
		}
		norm := lr.subgradient()
		if norm == 0 || lr.sg.next(improved) {
			return it + 1
		}
		t := lr.sg.size(L-lb, norm)
		for k, w := range lr.cv.w {
			lr.mu[k] = math.Min(w, math.Max(0, lr.mu[k]-t*lr.g[k]))
		}
	}
	return iters
}

// evaluate computes L(μ) and marks its sites Y (the p free sites of
// largest σ, ties to the lower index) in inY.
func (lr *coverLagrange) evaluate() float64 {
	in, cv := lr.in, lr.cv
	L := 0.0
	for k, w := range cv.w {
		L += math.Max(0, w-lr.mu[k])
	}
	for _, j := range lr.free {
		lr.sigma[j] = 0
		for _, k := range cv.of(j) {
			lr.sigma[j] += lr.mu[k]
		}
	}
	p := min(in.p, len(lr.free))
	if p < len(lr.free) {
		selectSmallest(lr.free, p, func(a, b int32) int {
			if c := cmp.Compare(lr.sigma[b], lr.sigma[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
	}
	clear(lr.inY)
	for _, j := range lr.free[:p] {
		L += lr.sigma[j]
		lr.inY[j] = true
	}
	return L
}

// subgradient stores the subgradient of L, Σ_{j∈Y} a_kj − z_k, in g and
// returns its squared norm.
func (lr *coverLagrange) subgradient() float64 {
	cv := lr.cv
	norm := 0.0
	for k, w := range cv.w {
		g := 0.0
		for _, j := range cv.by(int32(k)) {
			if lr.inY[j] {
				g++
			}
		}
		if w > lr.mu[k] {
			g--
		}
		lr.g[k] = g
		norm += g * g
	}
	return norm
}
