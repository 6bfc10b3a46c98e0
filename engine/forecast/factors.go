package forecast

import (
	"math"
	"math/rand/v2"
)

// factors multiply a projection's uncertain inputs for its band or its
// Monte-Carlo draw. The middle band has every factor 1.
type factors struct {
	// births is the factor per year after the last observed births: a
	// birth cohort h years later is scaled by births^h.
	births float64
	// ratio scales every survival, progression and entry ratio.
	ratio float64
	// yield scales housing yields.
	yield float64
}

// z95 is the standard normal 95th percentile: a Monte-Carlo draw's factors
// have the high band's value as their 95th percentile.
const z95 = 1.6448536269514722

func newFactors(o *Options) factors {
	sp := o.spread()
	f := factors{births: 1, ratio: 1, yield: 1}
	switch {
	case o.Draw > 0:
		// One births trend error per draw (births move together across a
		// city and persist), and one yield factor; both log-normal.
		rng := rand.New(rand.NewPCG(o.Seed, uint64(o.Draw)))
		f.births = math.Exp(rng.NormFloat64() * math.Log1p(sp.Births) / z95)
		f.yield = math.Exp(rng.NormFloat64() * math.Log1p(sp.Yield) / z95)
	case o.Band == Low:
		f = factors{births: 1 - sp.Births, ratio: 1 - sp.Ratios, yield: 1 - sp.Yield}
	case o.Band == High:
		f = factors{births: 1 + sp.Births, ratio: 1 + sp.Ratios, yield: 1 + sp.Yield}
	}
	return f
}

// birthsAfter is the factor of births h years after the last observed year.
func (f factors) birthsAfter(h int) float64 {
	if h <= 0 || f.births == 1 {
		return 1
	}
	return math.Pow(f.births, float64(h))
}

// ratios is the factor of n ratios applied in a row.
func (f factors) ratios(n int) float64 {
	if n <= 0 || f.ratio == 1 {
		return 1
	}
	return math.Pow(f.ratio, float64(n))
}
