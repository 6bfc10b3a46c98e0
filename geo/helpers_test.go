package geo

import (
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
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

// near is the one float comparison of the tests: |got-want| <= tol.
func near(tb testing.TB, got, want, tol float64, what string) bool {
	tb.Helper()
	if math.Abs(got-want) <= tol {
		return true
	}
	tb.Errorf("%s = %.12g, want %.12g ± %g (off by %.3g)", what, got, want, tol, got-want)
	return false
}

// nearPoint compares both coordinates with near.
func nearPoint(tb testing.TB, got, want orb.Point, tol float64, what string) bool {
	tb.Helper()
	return near(tb, got[0], want[0], tol, what+" x") && near(tb, got[1], want[1], tol, what+" y")
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
