package geo

import (
	"flag"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/internal/approx"
)

var seedFlag = flag.Uint64("geo.seed", 0, "seed for the random tests of package geo (0 = the fixed default)")

// newRand returns the tests' random source; the seed is logged and can be
// set with -geo.seed.
func newRand(tb testing.TB) *rand.Rand {
	tb.Helper()
	seed := *seedFlag
	if seed == 0 {
		seed = 20240601
	}
	tb.Logf("random seed %d (override with -geo.seed)", seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// nearPoint compares both coordinates with approx.Check.
func nearPoint(tb testing.TB, got, want orb.Point, tol float64, what string) bool {
	tb.Helper()
	return approx.Check(tb, what+" x", got[0], want[0], tol) && approx.Check(tb, what+" y", got[1], want[1], tol)
}

// randPoints draws n points uniformly in [0, w) × [0, h).
func randPoints(rng *rand.Rand, n int, w, h float64) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64() * w, rng.Float64() * h}
	}
	return pts
}

// mustEPSG returns the CRS of a supported EPSG code.
func mustEPSG(code int) CRS {
	c, err := EPSG(code)
	if err != nil {
		panic(err)
	}
	return c
}
