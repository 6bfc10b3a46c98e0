package forecast_test

import (
	"fmt"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// BenchmarkCompareMethods back-tests every method on synthetic districts ×
// 11 years × 9 grades from 5 origins (2011–2015), 5 years ahead; the
// classic progression alone (RunBacktest, one origin) is the baseline.
func BenchmarkCompareMethods(b *testing.B) {
	for _, n := range []int{50, 500} {
		spec := syntheticSpec
		spec.Districts, spec.Lo, spec.Hi = n, 1, 9
		e, _ := synthEnrolment(b, spec)
		origins := []engine.Year{2011, 2012, 2013, 2014, 2015}
		b.Run(fmt.Sprintf("districts=%d/origins=5", n), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := forecast.CompareMethods(e, nil, &forecast.Options{}, forecast.CompareOptions{Origins: origins}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("districts=%d/classic-one-origin", n), func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := forecast.RunBacktest(e, nil, 2015, &forecast.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
