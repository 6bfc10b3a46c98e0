package benchmarks_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
)

// The workloads agree with their baselines and with the generated city on
// the smallest size; the simulation keeps its invariants.
func TestWorkloads(t *testing.T) {
	f := fixture(t, benchmarks.Sizes[0])
	c := f.City()

	t.Run("join", func(t *testing.T) {
		fast := benchmarks.Join(c, nil)
		slow := benchmarks.JoinPlanar(c, nil)
		for i := range c.Areas {
			if int(fast[i]) != c.Areas[i].District || int(slow[i]) != c.Areas[i].District {
				t.Fatalf("area %s: index %d, planar %d, want %d", c.Areas[i].ID, fast[i], slow[i], c.Areas[i].District)
			}
		}
	})

	t.Run("nearest", func(t *testing.T) {
		open := benchmarks.AllOpen(len(c.Schools))
		for _, st := range engine.Stages {
			for _, cross := range []bool{true, false} {
				a := benchmarks.Nearest(c, st, cross, open)
				school, dist := benchmarks.NearestBrute(c, st, cross, nil, nil)
				for i := range c.Areas {
					if a.School[i] != school[i] || a.Dist[i] != dist[i] {
						t.Fatalf("%s cross=%v area %s: %d at %v m, brute force %d at %v m",
							st, cross, c.Areas[i].ID, a.School[i], a.Dist[i], school[i], dist[i])
					}
				}
			}
		}
	})

	t.Run("load", func(t *testing.T) {
		got, err := benchmarks.Load(folder(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Districts) != len(c.Districts) || len(got.Areas) != len(c.Areas) || len(got.Schools) != len(c.Schools) {
			t.Fatalf("loaded %d districts, %d areas, %d schools; generated %d, %d, %d",
				len(got.Districts), len(got.Areas), len(got.Schools), len(c.Districts), len(c.Areas), len(c.Schools))
		}
	})

	t.Run("simulate", func(t *testing.T) {
		r, err := benchmarks.Simulate(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		simtest.Check(t, c, r)
	})
}
