package benchmarks_test

import (
	"context"
	"testing"
	"time"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo/network"
)

// BenchmarkSimulateNetwork runs 2025–2035, both stages, nearest
// catchments, with policy distance network on the synthetic city's street
// grid (synth.Roads: 2M segments at 1M areas, rivers crossed by bridges).
// It records the phases apart, in CPU seconds per run: building the graph
// (build-cpu-s), snapping the areas (snap-cpu-s), and the run itself
// (run-cpu-s: snapping the schools, one distance table per stage, and the
// years), with the run's wall time (run-wall-s). The 1M city needs
// -network1m.
func BenchmarkSimulateNetwork(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		if s.Areas >= 1_000_000 && !*network1M {
			continue
		}
		b.Run("areas="+s.Name, func(b *testing.B) {
			c := fixture(b, s).City()
			roads := synth.Roads(s.Options())
			ctx := context.Background()
			pol := engine.Policy{Distance: engine.Network}
			b.ReportAllocs()
			b.ResetTimer()
			var build, snap, run, wall time.Duration
			for b.Loop() {
				t0 := cpuTime()
				g, _, err := network.Build(roads)
				if err != nil {
					b.Fatal(err)
				}
				cc := *c
				cc.Roads = engine.NewRoads(roads.File, g, &cc)
				t1 := cpuTime()
				cc.Roads.AreaSnaps()
				t2, w := cpuTime(), time.Now()
				if _, err := benchmarks.SimulatePolicy(ctx, &cc, pol); err != nil {
					b.Fatal(err)
				}
				wall += time.Since(w)
				t3 := cpuTime()
				build, snap, run = build+t1-t0, snap+t2-t1, run+t3-t2
			}
			n := float64(b.N)
			b.ReportMetric(build.Seconds()/n, "build-cpu-s")
			b.ReportMetric(snap.Seconds()/n, "snap-cpu-s")
			b.ReportMetric(run.Seconds()/n, "run-cpu-s")
			b.ReportMetric(wall.Seconds()/n, "run-wall-s")
		})
	}
}
