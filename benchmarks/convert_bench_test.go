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
// junior streams) in 2028 and every tenth junior school to a nine-year
// school (2 primary streams) in 2029, beside none: the cost of the
// per-year kinds and the union catchment city. The bureau places no one
// (placement: none): its work grows with the schools that have seats free
// within reach of the children left over, which conversions change, and
// it would dominate the comparison.
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
					opt := &sim.Options{First: benchmarks.First, Last: benchmarks.Last, Changes: changes,
						Policy: engine.Policy{Placement: engine.PlaceNone}}
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

// conversions converts every tenth primary school and every tenth junior
// school to nine-year.
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
		case engine.KindJunior:
			out = append(out, engine.Convert{School: sc.ID, To: engine.KindNineYear, Year: 2029, Streams: [engine.NumStages]int{2, 0}})
		}
	}
	return out
}
