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
	best  float64
	theta float64
}

func newCoverLagrange(in *instance, cv *coverage) *coverLagrange {
	lr := &coverLagrange{in: in, cv: cv, mu: make([]float64, len(cv.pts)), g: make([]float64, len(cv.pts)),
		sigma: make([]float64, in.m), best: math.Inf(1), theta: 2}
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
// number taken.
func (lr *coverLagrange) run(iters int, lb float64, clk *clock) int {
	in, cv := lr.in, lr.cv
	stall := 0
	inY := make([]bool, in.m)
	for it := 0; it < iters; it++ {
		if clk.stopped() {
			return it
		}
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
		clear(inY)
		for _, j := range lr.free[:p] {
			L += lr.sigma[j]
			inY[j] = true
		}
		improved := L < lr.best-1e-12*math.Abs(lr.best)
		if L < lr.best {
			lr.best = L
		}
		if lr.best <= lb+1e-9*math.Max(1, lb) {
			return it + 1
		}
		// Subgradient of L: Σ_{j∈Y} a_kj − z_k.
		norm := 0.0
		for k, w := range cv.w {
			g := 0.0
			for _, j := range cv.by(int32(k)) {
				if inY[j] {
					g++
				}
			}
			if w > lr.mu[k] {
				g--
			}
			lr.g[k] = g
			norm += g * g
		}
		if norm == 0 {
			return it + 1
		}
		if improved {
			stall = 0
		} else if stall++; stall >= lrPatience {
			lr.theta /= 2
			stall = 0
			if lr.theta < lrThetaMin {
				return it + 1
			}
		}
		t := lr.theta * (L - lb) / norm
		for k, w := range cv.w {
			lr.mu[k] = math.Min(w, math.Max(0, lr.mu[k]-t*lr.g[k]))
		}
	}
	return iters
}
