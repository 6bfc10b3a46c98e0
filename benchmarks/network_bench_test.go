package benchmarks_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

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

// BenchmarkNetwork measures the three phases of network distances on a
// synthetic city's street grid (synth.Roads): building the graph (noding
// and CSR), snapping every area, and the distances from every area to its
// 3 nearest schools and all within 1 km.
func BenchmarkNetwork(b *testing.B) {
	for _, n := range networkSizes {
		name := fmt.Sprintf("%dk", n/1000)
		b.Run("build/"+name, func(b *testing.B) {
			nc := loadNetworkCity(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := network.Build(nc.roads); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(nc.g.Segments()), "segments")
		})
		b.Run("snap/"+name, func(b *testing.B) {
			nc := loadNetworkCity(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				nc.g.Snap(nc.areas, nil, nil)
			}
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
	for b.Loop() {
		tab, err := nc.g.Distances(context.Background(), nc.src, nc.dst, network.Query{K: 3, MaxDist: 1000, PerSource: perSource})
		if err != nil {
			b.Fatal(err)
		}
		hits = tab.Hits()
	}
	b.ReportMetric(float64(hits)/float64(len(nc.src)), "hits/area")
}
