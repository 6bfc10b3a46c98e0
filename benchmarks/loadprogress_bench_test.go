package benchmarks_test

import (
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/engine"
)

// BenchmarkLoadProgress is BenchmarkLoad with and without
// engine.LoadOptions.Progress: the cost of metering the bytes read.
func BenchmarkLoadProgress(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		for _, on := range []bool{false, true} {
			name := "areas=" + s.Name + "/progress=off"
			if on {
				name = "areas=" + s.Name + "/progress=on"
			}
			b.Run(name, func(b *testing.B) { benchLoadProgress(b, s, on) })
		}
	}
}

// benchLoadProgress loads the city of size s, with a Progress that counts
// its calls when on.
func benchLoadProgress(b *testing.B, s benchmarks.Size, on bool) {
	dir := folder(b, fixture(b, s))
	n, err := benchmarks.FolderBytes(dir)
	if err != nil {
		b.Fatal(err)
	}
	var opts engine.LoadOptions
	calls := 0
	if on {
		opts.Progress = func(done, total int64) { calls++ }
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c, err := engine.LoadCityWith(dir, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(c.Areas) != s.Areas {
			b.Fatalf("%d areas, want %d", len(c.Areas), s.Areas)
		}
	}
	b.ReportMetric(float64(calls)/float64(b.N), "reports/op")
}
