package plan_test

import (
	"fmt"
	"testing"

	"github.com/schoolplan/schoolplan/plan"
)

// BenchmarkCoverShortfall covers a bulge profile of 11 years peaking at
// n classes, with room for n/2 streams and a limit of 6 classrooms (which
// binds, so the limit's loop runs too).
func BenchmarkCoverShortfall(b *testing.B) {
	for _, n := range []int{2, 10, 40} {
		b.Run(fmt.Sprintf("peak=%d", n), func(b *testing.B) {
			classes := make([]int, 11)
			for i := range classes {
				classes[i] = n * min(i+1, 11-i) / 6
			}
			p := &plan.Prices{First: 2025, DiscountRate: 0.03, Grades: 3, ClassroomYear: 30, Stream: 600, Lead: 1}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				plan.CoverShortfall(classes, p, n/2, 6)
			}
		})
	}
}
