package benchmarks_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// BenchmarkOptimizeNetwork runs optimize (the junior stage, target 2027,
// its own grid of candidate sites) on the synthetic city with straight
// lines and with walks along its street grid (synth.Roads), whose table
// of walks optimize makes once per stage. The graph is built and the
// areas snapped outside the timer.
func BenchmarkOptimizeNetwork(b *testing.B) {
	for _, areas := range []int{2_000, 10_000} {
		opt := &synth.Options{Areas: areas, Seed: 1, Last: 2027}
		c := synth.City(opt)
		roads := synth.Roads(opt)
		g, _, err := network.Build(roads)
		if err != nil {
			b.Fatal(err)
		}
		c.Roads = engine.NewRoads(roads.File, g, c)
		c.Roads.AreaSnaps()
		for _, dist := range []engine.DistanceKind{engine.Straight, engine.Network} {
			b.Run(synthName(areas)+"/distance="+dist.String(), func(b *testing.B) {
				s := &scenarios.Scenario{Name: "bench", First: 2025, Last: 2027, City: c,
					Policy: engine.Policy{Catchment: engine.Nearest, Distance: dist}}
				o := &plan.OptimizeOptions{Stages: []engine.Stage{engine.Junior}, TargetYear: 2027}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := plan.Optimize(context.Background(), s, o); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// synthName is "areas=N" with N in thousands.
func synthName(areas int) string {
	return "areas=" + itoaK(areas)
}

// itoaK is n in thousands with a k: 2k, 10k.
func itoaK(n int) string {
	k, s := n/1000, ""
	for ; k > 0; k /= 10 {
		s = string(rune('0'+k%10)) + s
	}
	return s + "k"
}
