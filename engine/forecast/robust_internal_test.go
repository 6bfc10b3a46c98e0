package forecast

import (
	"math"
	"testing"
)

func near(tb testing.TB, what string, got, want float64) {
	tb.Helper()
	if math.Abs(got-want) > 1e-9*max(1, math.Abs(want)) {
		tb.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}

// The rules on three years: 50→48, 52→52, 3→48 (a glitch year).
func TestCombine(t *testing.T) {
	num, den := []float64{48, 52, 48}, []float64{50, 52, 3}
	for _, tc := range []struct {
		name string
		rule RatioRule
		want float64
	}{
		// (0.96 + 1 + 16) / 3: the glitch dominates.
		{"mean", RatioMean, (0.96 + 1 + 16) / 3},
		// (48 + 52 + 48) / (50 + 52 + 3) = 148/105.
		{"pooled", RatioPooled, 148.0 / 105},
		{"median", RatioMedian, 1},
		// Three years: nothing trimmed, the mean.
		{"trimmed, three years", RatioTrimmed, (0.96 + 1 + 16) / 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := combine(tc.rule, num, den, nil)
			if !ok {
				t.Fatal("no ratio")
			}
			near(t, "ratio", got, tc.want)
		})
	}
	t.Run("trimmed, four years", func(t *testing.T) {
		// Without 0.9 and 16: (1 + 1.1) / 2.
		got, _ := combine(RatioTrimmed, []float64{90, 50, 55, 48}, []float64{100, 50, 50, 3}, nil)
		near(t, "ratio", got, 1.05)
	})
	t.Run("no years", func(t *testing.T) {
		if _, ok := combine(RatioPooled, nil, nil, nil); ok {
			t.Error("a ratio from no years")
		}
	})
}

// Five years of a grade with ratios 1, 1, 1.02, 0.98 and the glitch 3/50:
// median log 0 and MAD of the logs: |log(50.5/50.5)| … sorted deviations
// (0, 0, 0.0198, 0.0198, 2.7) give MAD 0.0198, so the limit is the floor,
// log 1.2 (4 × 1.4826 × 0.0198 = 0.117 < 0.182).
func TestOutlierTest(t *testing.T) {
	pairs := [][2]float64{{50, 50}, {50, 50}, {51, 50}, {49, 50}, {3, 50}}
	var lr []float64
	for _, p := range pairs {
		lr = append(lr, logRatio(p[0], p[1]))
	}
	ot := newOutlierTest(lr, DefaultOutlier, nil)
	near(t, "median", ot.median, 0)
	near(t, "limit", ot.limit, math.Log(1.2))
	for _, tc := range []struct {
		name     string
		num, den float64
		want     bool
	}{
		{"the glitch, 3 of 50", 3, 50, true},
		{"its echo, 50 of 3", 50, 3, true},
		{"19% up: inside the floor", 59.5, 50, false},
		{"25% up: out", 62.5, 50, true},
		{"tripled, but 4 pupils moved", 6, 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ot.out(tc.num, tc.den); got != tc.want {
				t.Errorf("out(%v, %v) = %v, want %v", tc.num, tc.den, got, tc.want)
			}
		})
	}
	t.Run("two values: no test", func(t *testing.T) {
		if newOutlierTest(lr[:2], DefaultOutlier, nil).out(3, 50) {
			t.Error("flagged without history")
		}
	})
	t.Run("ceiling: a wide history still catches a doubling", func(t *testing.T) {
		wide := []float64{0, 0.4, -0.4, 0.45, -0.45}
		w := newOutlierTest(wide, DefaultOutlier, nil)
		near(t, "limit", w.limit, math.Log(1.5))
		if !w.out(100, 50) {
			t.Error("100 of 50 not flagged")
		}
	})
}

// A school with 40 pupils at risk and ratio 1.1, its district's 0.95,
// K = 60: (40·1.1 + 60·0.95) / 100 = 1.01.
func TestShrinkRatio(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		r, d, parent, k, want float64
	}{
		{"small school", 1.1, 40, 0.95, 60, 1.01},
		{"large school", 1.1, 6000, 0.95, 60, (6000*1.1 + 60*0.95) / 6060},
		{"no shrinkage", 1.1, 40, 0.95, 0, 1.1},
		{"no parent ratio", 1.1, 40, 0, 60, 1.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			near(t, "ratio", shrinkRatio(tc.r, tc.d, tc.parent, tc.k), tc.want)
		})
	}
}
