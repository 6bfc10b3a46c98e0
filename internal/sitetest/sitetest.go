// Package sitetest generates synthetic site-selection instances for the
// tests and benchmarks of engine/siteopt and for benchmarks/cmd/orlib.
package sitetest

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"
)

// Clustered returns n demand points in Gaussian clusters over a 30 km
// square (15% spread uniformly) with lognormal weights, and m candidate
// sites, half near demand and half uniform. The same seed gives the same
// instance.
func Clustered(n, m int, seed uint64) (demand []orb.Point, weight []float64, sites []orb.Point) {
	rng := rand.New(rand.NewPCG(seed, 2024))
	const side = 30000.0
	type centre struct{ x, y, sd float64 }
	centres := make([]centre, 12)
	for k := range centres {
		centres[k] = centre{side * (0.15 + 0.7*rng.Float64()), side * (0.15 + 0.7*rng.Float64()), 800 + 3000*rng.Float64()}
	}
	clamp := func(v float64) float64 { return math.Min(side, math.Max(0, v)) }
	point := func() orb.Point {
		if rng.Float64() < 0.15 {
			return orb.Point{side * rng.Float64(), side * rng.Float64()}
		}
		c := centres[rng.IntN(len(centres))]
		return orb.Point{clamp(c.x + c.sd*rng.NormFloat64()), clamp(c.y + c.sd*rng.NormFloat64())}
	}
	demand, weight = make([]orb.Point, n), make([]float64, n)
	for i := range demand {
		demand[i] = point()
		weight[i] = math.Round(math.Exp(3 + 0.8*rng.NormFloat64()))
	}
	sites = make([]orb.Point, m)
	for j := range sites {
		if j%2 == 0 {
			sites[j] = point()
		} else {
			sites[j] = orb.Point{side * rng.Float64(), side * rng.Float64()}
		}
	}
	return demand, weight, sites
}
