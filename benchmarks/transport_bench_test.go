package benchmarks_test

import (
	"context"
	"math"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
)

// transportSize is a balanced-assignment benchmark size: a synthetic
// city's areas and schools.
type transportSize struct {
	name    string
	areas   int
	schools int
}

var transportSizes = []transportSize{
	{"200kx1k", 200_000, 1_000},
	{"1Mx5k", 1_000_000, 5_000},
}

const transportUnplaced = 20_000.0 // metres: farther than any reasonable trip

var transportCities sync.Map // size name → func() *engine.City

// transportCity returns the synthetic city of s, generated once.
func transportCity(tb testing.TB, s transportSize) *engine.City {
	tb.Helper()
	if testing.Short() && s.areas >= 1_000_000 {
		tb.Skipf("%s: skipped in -short mode", s.name)
	}
	f, _ := transportCities.LoadOrStore(s.name, sync.OnceValue(func() *engine.City {
		return synth.City(&synth.Options{Areas: s.areas, Schools: s.schools, Seed: 1})
	}))
	return f.(func() *engine.City)()
}

// transportInstance is the "city" family: the geometric form over every
// area and school of the city (all stages pooled, every school a
// candidate of every area), children = 1% of an area's population, seats
// = the children in total shared out in proportion to the schools'
// streams, so that seats ≈ demand overall but not locally (synth's
// districts have supply factors of 0.8–1.2).
type transportInstance struct {
	base *catchment.TransportProblem
}

var transportInstances sync.Map // size name → func() *transportInstance

func transportFixture(tb testing.TB, s transportSize) *transportInstance {
	tb.Helper()
	c := transportCity(tb, s)
	f, _ := transportInstances.LoadOrStore(s.name, sync.OnceValue(func() *transportInstance { return newTransportInstance(c) }))
	return f.(func() *transportInstance)()
}

func newTransportInstance(c *engine.City) *transportInstance {
	n, m := len(c.Areas), len(c.Schools)
	p := &catchment.TransportProblem{
		Supply:   make([]int32, n),
		Capacity: make([]int32, m),
		Areas:    make([]orb.Point, n),
		Schools:  make([]orb.Point, m),
		Unplaced: transportUnplaced,
	}
	w := make([]float64, m)
	var sw float64
	for j := range c.Schools {
		p.Schools[j] = c.Schools[j].Point
		w[j] = float64(c.Schools[j].Streams[engine.Primary] + c.Schools[j].Streams[engine.Junior] + 1)
		sw += w[j]
	}
	var total int64
	for i := range c.Areas {
		p.Areas[i] = c.Areas[i].Point
		p.Supply[i] = int32(math.Round(c.Areas[i].Population / 100))
		total += int64(p.Supply[i])
	}
	for j := range w {
		p.Capacity[j] = int32(math.Round(w[j] / sw * float64(total)))
	}

	return &transportInstance{base: p}
}

// BenchmarkTransport solves the split transportation problem (exact) on
// the pooled "city" family, from zero prices. (Warm prices are not used
// in the geometric form; see TransportOptions.Warm.)
func BenchmarkTransport(b *testing.B) {
	for _, s := range transportSizes {
		b.Run(s.name, func(b *testing.B) {
			in := transportFixture(b, s)
			benchTransport(b, in.base, nil)
		})
	}
}

func benchTransport(b *testing.B, p *catchment.TransportProblem, warm *catchment.TransportResult) {
	b.Helper()
	o := catchment.TransportOptions{Split: true, Warm: warm}
	b.ReportAllocs()
	b.ResetTimer()
	var r *catchment.TransportResult
	for range b.N {
		var err error
		if r, err = catchment.SolveTransport(context.Background(), p, &o); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if r.Gap > 1e-4 {
		b.Errorf("gap %.3g%% above 0.01%%", r.Gap*100)
	}
	reportTransport(b, r)
}

// reportTransport reports the gap (%), the augmenting paths, the
// unplaced children and the arcs of the result's lists.
func reportTransport(b *testing.B, r *catchment.TransportResult) {
	b.Helper()
	b.ReportMetric(r.Gap*100, "gap%")
	b.ReportMetric(float64(r.Iterations), "paths")
	var unplaced int64
	for _, u := range r.Unplaced {
		unplaced += int64(u)
	}
	b.ReportMetric(float64(unplaced), "unplaced")
	b.ReportMetric(float64(len(r.School)), "arcs")
}

// balanceInstance is the "district" family: catchment.Balance for the
// primary stage, every school open, each district a problem of its own
// (the engine's path). Children = an area's population/100 rounded;
// seats = 45 per primary stream, scaled so that total seats ≈ total
// children.
type balanceInstance struct {
	city             *engine.City
	open             []bool
	supply, capacity []int32
}

var balanceInstances sync.Map // size name → func() *balanceInstance

func balanceFixture(tb testing.TB, s transportSize) *balanceInstance {
	tb.Helper()
	c := transportCity(tb, s)
	f, _ := balanceInstances.LoadOrStore(s.name, sync.OnceValue(func() *balanceInstance { return newBalanceInstance(c) }))
	return f.(func() *balanceInstance)()
}

func newBalanceInstance(c *engine.City) *balanceInstance {
	in := &balanceInstance{
		city:     c,
		open:     benchmarks.AllOpen(len(c.Schools)),
		supply:   make([]int32, len(c.Areas)),
		capacity: make([]int32, len(c.Schools)),
	}
	var total, seats float64
	for i := range c.Areas {
		in.supply[i] = int32(math.Round(c.Areas[i].Population / 100))
		total += float64(in.supply[i])
	}
	for j := range c.Schools {
		if c.Schools[j].Kind.Serves(engine.Primary) {
			seats += float64(c.Schools[j].Streams[engine.Primary] * 45)
		}
	}
	for j := range c.Schools {
		if c.Schools[j].Kind.Serves(engine.Primary) && seats > 0 {
			in.capacity[j] = int32(math.Round(float64(c.Schools[j].Streams[engine.Primary]*45) * total / seats))
		}
	}
	return in
}

// BenchmarkBalance runs catchment.Balance on the district family, split
// and whole, with the engine's default unplaced cost for primary (3 km,
// the placement distance) and with 50 km (children sent wherever a seat
// is in their district).
func BenchmarkBalance(b *testing.B) {
	for _, s := range transportSizes {
		b.Run(s.name, func(b *testing.B) {
			for _, mode := range []struct {
				name     string
				split    bool
				unplaced engine.Meters
			}{{"split-3km", true, 3000}, {"whole-3km", false, 3000}, {"split-50km", true, 50000}, {"whole-50km", false, 50000}} {
				b.Run(mode.name, func(b *testing.B) {
					in := balanceFixture(b, s)
					opt := catchment.Options{Stage: engine.Primary, Open: in.open}
					bo := &catchment.BalanceOptions{Split: mode.split, Unplaced: mode.unplaced}
					b.ReportAllocs()
					b.ResetTimer()
					var r *catchment.TransportResult
					for range b.N {
						var err error
						if _, r, err = catchment.Balance(context.Background(), in.city, opt, in.supply, in.capacity, bo); err != nil {
							b.Fatal(err)
						}
					}
					b.StopTimer()
					if mode.split && r.Gap > 1e-4 {
						b.Errorf("gap %.3g%% above 0.01%%", r.Gap*100)
					}
					reportTransport(b, r)
				})
			}
		})
	}
}
