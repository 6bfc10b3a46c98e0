package benchmarks_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/engine"
)

// Baselines run only up to this many areas: the naive join takes minutes
// at 1M areas.
const baselineAreas = 100_000

// BenchmarkLoad reads a city folder written by synth.WriteFolder:
// decoding, validating and projecting every feature, and the forecast.
// SetBytes is the folder's size, so MB/s is read throughput.
func BenchmarkLoad(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			dir := folder(b, fixture(b, s))
			n, err := benchmarks.FolderBytes(dir)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				c, err := benchmarks.Load(dir)
				if err != nil {
					b.Fatal(err)
				}
				if len(c.Areas) != s.Areas {
					b.Fatalf("%d areas, want %d", len(c.Areas), s.Areas)
				}
			}
		})
	}
}

// BenchmarkJoin finds the district of every area point: geo.PolygonIndex
// (index built inside the loop) against every district in turn with
// orb/planar.MultiPolygonContains.
func BenchmarkJoin(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			run := func(name string, join func(*engine.City, []int32) []int32) {
				b.Run(name, func(b *testing.B) {
					c := fixture(b, s).City()
					var dst []int32
					b.ReportAllocs()
					b.ResetTimer()
					for range b.N {
						dst = join(c, dst[:0])
					}
					b.StopTimer()
					for i, d := range dst {
						if int(d) != c.Areas[i].District {
							b.Fatalf("area %s: district %d, want %d", c.Areas[i].ID, d, c.Areas[i].District)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(c.Areas)), "ns/point")
				})
			}
			run("index", benchmarks.Join)
			if s.Areas <= baselineAreas {
				run("planar", benchmarks.JoinPlanar)
			}
		})
	}
}

// BenchmarkNearest assigns every area to its nearest primary-serving school
// (all open) with catchment.Nearest, city-wide (one grid over every
// school of the stage, the §6 figure) and within districts (what the
// simulation does), beside a brute-force city-wide baseline.
func BenchmarkNearest(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			for _, v := range []struct {
				name  string
				cross bool
			}{{"citywide", true}, {"district", false}} {
				b.Run(v.name, func(b *testing.B) {
					c := fixture(b, s).City()
					open := benchmarks.AllOpen(len(c.Schools))
					b.ReportAllocs()
					b.ResetTimer()
					for range b.N {
						benchmarks.Nearest(c, engine.Primary, v.cross, open)
					}
				})
			}
			if s.Areas > baselineAreas {
				return
			}
			b.Run("brute-citywide", func(b *testing.B) {
				c := fixture(b, s).City()
				var school []int32
				var dist []engine.Meters
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					school, dist = benchmarks.NearestBrute(c, engine.Primary, true, school, dist)
				}
			})
		})
	}
}

// BenchmarkSimulate runs 2025–2035, both stages, under the default policy
// (nearest school within the district).
func BenchmarkSimulate(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			c := fixture(b, s).City()
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := benchmarks.Simulate(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSimulateBalanced runs 2025–2035, both stages, with balanced
// catchments (each year's entrants assigned at least total distance within
// the schools' base seats, each district on its own, solved exactly),
// areas whole (the default) and split.
func BenchmarkSimulateBalanced(b *testing.B) {
	for _, s := range benchmarks.Sizes {
		b.Run("areas="+s.Name, func(b *testing.B) {
			for _, split := range []bool{false, true} {
				name := "whole"
				if split {
					name = "split"
				}
				b.Run(name, func(b *testing.B) {
					c := fixture(b, s).City()
					ctx := context.Background()
					pol := engine.Policy{Catchment: engine.Balanced, Split: split}
					b.ReportAllocs()
					b.ResetTimer()
					for range b.N {
						if _, err := benchmarks.SimulatePolicy(ctx, c, pol); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
