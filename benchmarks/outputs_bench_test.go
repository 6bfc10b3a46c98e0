package benchmarks_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// result runs the fixture's city 2025–2035 and wraps it as a scenario
// result for the writers.
func result(b *testing.B, s benchmarks.Size) *scenarios.Result {
	b.Helper()
	c := fixture(b, s).City()
	res, err := benchmarks.Simulate(context.Background(), c)
	if err != nil {
		b.Fatal(err)
	}
	return &scenarios.Result{Scenario: &scenarios.Scenario{Name: "synthetic"}, City: c, Result: res}
}

// walked is r marked as walked along the roads at 4.5 km/h, so that the
// writers add their walk columns (distance, walk_min): its distances stay
// straight lines, which costs the writers the same.
func walked(r *scenarios.Result) *scenarios.Result {
	res := *r.Result
	res.Distance, res.WalkKMH = engine.Network, 4.5
	return &scenarios.Result{Scenario: r.Scenario, City: r.City, Result: &res}
}

// countWriter counts the bytes written, for MB/s.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// benchWrite runs write b.N times into a counting writer and reports
// MB/s of output.
func benchWrite(b *testing.B, write func(io.Writer) error) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	var w countWriter
	for range b.N {
		if err := write(&w); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(w.n)/float64(b.N)/1e6, "MB/op")
}

// BenchmarkWriteLayer writes the primary stage's areas layer as
// FlatGeobuf and, as the baseline, as GeoJSON; and the schools layer as
// FlatGeobuf.
func BenchmarkWriteLayer(b *testing.B) {
	fgb := &report.LayerOptions{Formats: map[string]report.LayerFormat{"areas": report.FlatGeobuf, "schools": report.FlatGeobuf}}
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			r := result(b, s)
			for _, tc := range []struct {
				name, layer string
				opts        *report.LayerOptions
			}{
				{"areas-fgb", "areas", fgb},
				{"areas-geojson", "areas", nil},
				{"schools-fgb", "schools", fgb},
				{"areas-fgb-walk", "areas", fgb},
				{"areas-geojson-walk", "areas", nil},
			} {
				rr := r
				if strings.HasSuffix(tc.name, "-walk") {
					rr = walked(r)
				}
				b.Run(tc.name, func(b *testing.B) {
					benchWrite(b, func(w io.Writer) error { return report.WriteLayer(w, rr, tc.layer, engine.Primary, tc.opts) })
				})
			}
		})
	}
}

// BenchmarkWriteTable writes areas.csv plain, gzip-compressed (level 1)
// and as Parquet, and admissions as Parquet, both stages.
func BenchmarkWriteTable(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			r := result(b, s)
			b.Run("areas-csv", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error { return report.WriteAreasCSV(w, r) })
			})
			b.Run("areas-parquet", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error { return report.WriteAreasParquet(w, r) })
			})
			b.Run("admissions-parquet", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error { return report.WriteAdmissionsParquet(w, r) })
			})
			wr := walked(r)
			b.Run("areas-parquet-walk", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error { return report.WriteAreasParquet(w, wr) })
			})
			b.Run("admissions-parquet-walk", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error { return report.WriteAdmissionsParquet(w, wr) })
			})
			b.Run("areas-csv.gz", func(b *testing.B) {
				benchWrite(b, func(w io.Writer) error {
					return report.WriteGzip(w, func(w io.Writer) error { return report.WriteAreasCSV(w, r) })
				})
			})
		})
	}
}

// BenchmarkWriteWorkbook writes the workbook of one run: with the areas
// sheet at 10k areas (220k rows), without it from 100k (2.2M rows do not
// fit a sheet).
func BenchmarkWriteWorkbook(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			r := result(b, s)
			benchWrite(b, func(w io.Writer) error { return report.WriteWorkbook(w, nil, r) })
		})
	}
}
