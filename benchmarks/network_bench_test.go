package benchmarks_test

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/geo/network"
)

// networkCity is a synthetic city with its street grid, built once.
type networkCity struct {
	roads   *network.Roads
	g       *network.Graph
	areas   []orb.Point
	schools []orb.Point
	src     []network.Snap
	dst     []network.Snap
}

var networkCities sync.Map // areas → func() *networkCity

func loadNetworkCity(tb testing.TB, areas int) *networkCity {
	tb.Helper()
	f, _ := networkCities.LoadOrStore(areas, sync.OnceValue(func() *networkCity {
		opt := &synth.Options{Areas: areas, Seed: 1}
		c := synth.City(opt)
		nc := &networkCity{roads: synth.Roads(opt)}
		for _, a := range c.Areas {
			nc.areas = append(nc.areas, a.Point)
		}
		for _, s := range c.Schools {
			nc.schools = append(nc.schools, s.Point)
		}
		var err error
		if nc.g, _, err = network.Build(nc.roads); err != nil {
			panic(err)
		}
		nc.src, _ = nc.g.Snap(nc.areas, nil, nil)
		nc.dst, _ = nc.g.Snap(nc.schools, nil, nil)
		return nc
	}))
	return f.(func() *networkCity)()
}

var networkSizes = []int{10_000, 100_000}

// network1M adds the 1M-area city (2M segments) to BenchmarkNetwork.
var network1M = flag.Bool("network1m", false, "benchmark network distances at 1M areas too")

// TestSynthRoads checks the synthetic street grid: deterministic, joined
// into one network across its rivers by bridges, every area within a
// block of a street.
func TestSynthRoads(t *testing.T) {
	opt := &synth.Options{Areas: 10_000, Seed: 3}
	a, b := synth.Roads(opt), synth.Roads(opt)
	if len(a.Roads) != len(b.Roads) {
		t.Fatalf("%d roads, then %d", len(a.Roads), len(b.Roads))
	}
	bridges := 0
	for i := range a.Roads {
		if !slices.Equal(a.Roads[i].Line, b.Roads[i].Line) || a.Roads[i].Bridge != b.Roads[i].Bridge {
			t.Fatalf("road %d differs between runs", i)
		}
		if a.Roads[i].Bridge {
			bridges++
		}
	}
	if bridges == 0 {
		t.Error("no bridge over the river")
	}
	nc := loadNetworkCity(t, 10_000)
	tab, err := nc.g.Distances(context.Background(), nc.src, nc.dst, network.Query{K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if u := tab.Unreached(); len(u) > 0 {
		t.Errorf("%d areas reach no school, e.g. area %d", len(u), u[0])
	}
	for i, s := range nc.src {
		if s.Offset > synth.RoadSpacing {
			t.Fatalf("area %d is %v m from a street, more than a block", i, s.Offset)
		}
	}
}

// BenchmarkNetwork measures the three phases of network distances on a
// synthetic city's street grid (synth.Roads): building the graph (noding
// and CSR), snapping every area, and the distances from every area to its
// 3 nearest schools and all within 1 km.
func BenchmarkNetwork(b *testing.B) {
	sizes := networkSizes
	if *network1M {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		name := fmt.Sprintf("%dk", n/1000)
		b.Run("build/"+name, func(b *testing.B) {
			nc := loadNetworkCity(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			for b.Loop() {
				if _, _, err := network.Build(nc.roads); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
			b.ReportMetric(float64(nc.g.Segments()), "segments")
		})
		b.Run("snap/"+name, func(b *testing.B) {
			nc := loadNetworkCity(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			for b.Loop() {
				nc.g.Snap(nc.areas, nil, nil)
			}
			cpu.report(b)
		})
		b.Run("distances/"+name, func(b *testing.B) {
			benchDistances(b, loadNetworkCity(b, n), false)
		})
		if n <= 10_000 {
			b.Run("distances-per-source/"+name, func(b *testing.B) {
				benchDistances(b, loadNetworkCity(b, n), true)
			})
		}
	}
}

// benchDistances measures the distances from every area to its 3 nearest
// schools and all within 1 km; perSource is the naive baseline.
func benchDistances(b *testing.B, nc *networkCity, perSource bool) {
	b.ReportAllocs()
	b.ResetTimer()
	var hits int
	cpu := startCPU()
	for b.Loop() {
		tab, err := nc.g.Distances(context.Background(), nc.src, nc.dst, network.Query{K: 3, MaxDist: 1000, PerSource: perSource})
		if err != nil {
			b.Fatal(err)
		}
		hits = tab.Hits()
	}
	cpu.report(b)
	b.ReportMetric(float64(hits)/float64(len(nc.src)), "hits/area")
}

// cpuClock reads the process's CPU time (user and system), which a
// machine shared with other work inflates less than wall time.
type cpuClock struct{ start time.Duration }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock{cpuTime()} }

// report adds the CPU seconds per operation to the benchmark's line.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric((cpuTime()-c.start).Seconds()/float64(b.N), "cpu-s/op")
}
