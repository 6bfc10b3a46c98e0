package benchmarks_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/report"
)

// BenchmarkWriteIndicators writes indicators.csv and, with every school
// in one of ten groups, indicators_units.csv (each kind of unit in each
// stage-year walks the year's admissions: at 10k areas about 2.5 times
// indicators.csv).
func BenchmarkWriteIndicators(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			r := result(b, s)
			for i := range r.Schools {
				r.Schools[i].Group = fmt.Sprint("G", i%10) // the run's copy of the schools
			}
			b.Run("indicators", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error { return report.WriteIndicatorsCSV(w, r) })
			})
			b.Run("units", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error { return report.WriteUnitIndicatorsCSV(w, r) })
			})
		})
	}
}
