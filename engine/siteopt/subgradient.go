package siteopt

import "math"

// subgradient is the step schedule shared by the Lagrangian bounds
// (pmLagrange, capLagrange, coverLagrange, setCover's): it keeps the best
// bound found and sizes Held and Karp's step θ·gap/‖g‖², θ starting at 2
// and halving after lrPatience steps without a better bound. Below
// lrThetaMin the steps no longer move the bound: the schedule is spent.
//
// A bound improves when it beats the best by more than a relative 1e-12.
// The first bound never counts as an improvement (the comparison with an
// infinite best is NaN), so the patience starts with the first step.
type subgradient struct {
	best  float64 // the best bound so far
	theta float64
	stall int // steps since the bound last improved
}

// Subgradient schedule: θ starts at 2 and halves after lrPatience steps
// without a better bound; below lrThetaMin the steps no longer move it.
const (
	lrPatience = 20
	lrThetaMin = 1e-4
)

// newRaising is the schedule of a lower bound, raised from −∞.
func newRaising() subgradient { return subgradient{best: math.Inf(-1), theta: 2} }

// newLowering is the schedule of an upper bound, lowered from +∞.
func newLowering() subgradient { return subgradient{best: math.Inf(1), theta: 2} }

// raise records the lower bound L and reports whether it improved on the
// best.
func (sg *subgradient) raise(L float64) bool {
	improved := L > sg.best+1e-12*math.Abs(sg.best)
	if L > sg.best {
		sg.best = L
	}
	return improved
}

// lower records the upper bound L and reports whether it improved on the
// best.
func (sg *subgradient) lower(L float64) bool {
	improved := L < sg.best-1e-12*math.Abs(sg.best)
	if L < sg.best {
		sg.best = L
	}
	return improved
}

// next counts a step whose bound improved or not, halving θ after
// lrPatience steps without improvement, and reports whether the schedule
// is spent.
func (sg *subgradient) next(improved bool) bool {
	if improved {
		sg.stall = 0
		return false
	}
	if sg.stall++; sg.stall < lrPatience {
		return false
	}
	sg.theta /= 2
	sg.stall = 0
	return sg.spent()
}

// spent reports whether θ has fallen below lrThetaMin.
func (sg *subgradient) spent() bool { return sg.theta < lrThetaMin }

// size is the step length θ·gap/norm for the distance gap between the
// bound and its target and the squared norm of the direction.
func (sg *subgradient) size(gap, norm float64) float64 { return sg.theta * gap / norm }

// relaxation is a Lagrangian relaxation that bounds a minimisation from
// below (pmLagrange, capLagrange).
type relaxation interface {
	// evaluate computes L at the current multipliers and the subgradient,
	// and returns L and the subgradient's squared norm.
	evaluate() (L, norm float64)
	// step moves the multipliers toward the upper bound ub.
	step(ub, norm float64)
}

// iterate runs up to k steps on r: evaluate, record the bound, ask visit
// (told whether the bound improved) for the upper bound and whether to
// stop, count the step and move. It returns the number of steps run.
func (sg *subgradient) iterate(r relaxation, k int, clk *clock, visit func(improved bool) (ub float64, stop bool)) int {
	ran := 0
	for ; ran < k && !clk.stopped(); ran++ {
		L, norm := r.evaluate()
		improved := sg.raise(L)
		ub, stop := visit(improved)
		if stop || sg.next(improved) {
			ran++
			break
		}
		r.step(ub, norm)
	}
	return ran
}
