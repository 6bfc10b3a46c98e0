package benchmarks_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// BenchmarkSimulateConversions runs 2025–2035 as BenchmarkSimulate does,
// with every tenth primary school converted to a nine-year school (2
// junior streams) in 2028 and every tenth nine-year school to a primary
// school in 2029: the cost of the per-year kinds, the union catchment city
// and the stages phasing out, beside none.
func BenchmarkSimulateConversions(b *testing.B) {
	for _, s := range benchmarks.Sizes[:2] {
		b.Run("areas="+s.Name, func(b *testing.B) {
			c := fixture(b, s).City()
			for _, conv := range []bool{false, true} {
				name := "none"
				var changes []engine.Change
				if conv {
					name, changes = "converted", conversions(c)
				}
				b.Run(name, func(b *testing.B) {
					ctx := context.Background()
					opt := &sim.Options{First: benchmarks.First, Last: benchmarks.Last, Changes: changes}
					b.ReportAllocs()
					b.ResetTimer()
					for range b.N {
						if _, err := sim.Run(ctx, c, opt); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// conversions converts every tenth primary school to nine-year and every
// tenth nine-year school to primary.
func conversions(c *engine.City) []engine.Change {
	var out []engine.Change
	var n [3]int
	for i := range c.Schools {
		sc := &c.Schools[i]
		n[sc.Kind]++
		if n[sc.Kind]%10 != 0 || sc.Opens != 0 || sc.Closes != 0 {
			continue
		}
		switch sc.Kind {
		case engine.KindPrimary:
			out = append(out, engine.Convert{School: sc.ID, To: engine.KindNineYear, Year: 2028, Streams: [engine.NumStages]int{0, 2}})
		case engine.KindNineYear:
			out = append(out, engine.Convert{School: sc.ID, To: engine.KindPrimary, Year: 2029})
		}
	}
	return out
}
