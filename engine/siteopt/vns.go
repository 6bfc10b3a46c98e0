package siteopt

// The schedule of the median searches, which alternate rounds of
// subgradient steps (each relaxed solution a start for the heuristic)
// with rounds of variable neighbourhood search (VNS).

// searchBudget is what the alternation has left: subgradient steps, taken
// in rounds of chunk steps (100 first, then 50), and VNS rounds.
type searchBudget struct {
	bound, vns, chunk int
}

// newSearchBudget starts from the settings' limits.
func newSearchBudget(s settings) searchBudget {
	return searchBudget{bound: s.boundIter, vns: s.maxIter, chunk: 100}
}

// boundRound returns the number of subgradient steps of the next round.
func (b *searchBudget) boundRound() int {
	n := min(b.bound, b.chunk)
	b.chunk = 50
	return n
}

// took counts ran subgradient steps; done ends the bound's budget (its
// schedule is spent, or the relaxation is exact).
func (b *searchBudget) took(ran int, done bool) {
	b.bound -= ran
	if done {
		b.bound = 0
	}
}

// spent reports whether both budgets are used up.
func (b *searchBudget) spent() bool { return b.bound <= 0 && b.vns <= 0 }

// shakeSize is the number k of random swaps of a VNS round: back to 1
// after an improvement, else one more, cycling through 1..kmax.
type shakeSize struct {
	k, kmax int
}

// improved restarts at one swap.
func (z *shakeSize) improved() { z.k = 1 }

// failed moves on to one more swap, back to 1 after kmax.
func (z *shakeSize) failed() { z.k = z.k%z.kmax + 1 }
