package benchmarks_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/geo"
)

// transportSize is a balanced-assignment benchmark instance: a synthetic
// city's areas and schools (every school, all stages pooled), children =
// 1% of an area's population, seats = the children in total shared out in
// proportion to the schools' streams, so that seats ≈ demand overall but
// not locally (synth's districts have supply factors of 0.8–1.2), the k
// nearest schools as candidates and a grid-based Widen.
type transportSize struct {
	name    string
	areas   int
	schools int
}

var transportSizes = []transportSize{
	{"200kx1k", 200_000, 1_000},
	{"1Mx5k", 1_000_000, 5_000},
}

const (
	transportK        = 16
	transportUnplaced = 20_000.0 // metres: farther than any reasonable trip
)

// transportInstance holds a problem and, for the warm benchmarks, the same
// city a year on: supplies moved by up to ±10%.
type transportInstance struct {
	base, next *catchment.TransportProblem
}

var transportInstances sync.Map // name → func() *transportInstance

func transportFixture(tb testing.TB, s transportSize) *transportInstance {
	tb.Helper()
	if testing.Short() && s.areas >= 1_000_000 {
		tb.Skipf("%s: skipped in -short mode", s.name)
	}
	f, _ := transportInstances.LoadOrStore(s.name, sync.OnceValue(func() *transportInstance { return newTransportInstance(s) }))
	return f.(func() *transportInstance)()
}

func newTransportInstance(s transportSize) *transportInstance {
	c := synth.City(&synth.Options{Areas: s.areas, Schools: s.schools, Seed: 1})
	n, m := len(c.Areas), len(c.Schools)
	pts := make([]orb.Point, m)
	w := make([]float64, m)
	var sw float64
	for j := range c.Schools {
		pts[j] = c.Schools[j].Point
		w[j] = float64(c.Schools[j].Streams[0] + c.Schools[j].Streams[1] + 1)
		sw += w[j]
	}
	ix := geo.NewPointIndex(pts)
	p := &catchment.TransportProblem{
		Supply:   make([]int32, n),
		Capacity: make([]int32, m),
		Start:    make([]int32, n+1),
		School:   make([]int32, 0, n*transportK),
		Cost:     make([]float64, 0, n*transportK),
		Unplaced: transportUnplaced,
	}
	var total int64
	var buf []int
	for i := range c.Areas {
		a := c.Areas[i].Point
		p.Supply[i] = int32(math.Round(c.Areas[i].Population / 100))
		total += int64(p.Supply[i])
		buf = ix.KNearest(buf[:0], a, transportK, nil)
		for _, j := range buf {
			p.School = append(p.School, int32(j))
			p.Cost = append(p.Cost, dist(a, pts[j]))
		}
		p.Start[i+1] = int32(len(p.School))
	}
	for j := range w {
		p.Capacity[j] = int32(math.Round(w[j] / sw * float64(total)))
	}
	areaPts := make([]orb.Point, n)
	for i := range c.Areas {
		areaPts[i] = c.Areas[i].Point
	}
	p.Widen = gridWiden(ix, pts, areaPts)

	next := *p
	next.Supply = slices.Clone(p.Supply)
	r := rand.New(rand.NewPCG(2, 0))
	for i, x := range next.Supply {
		next.Supply[i] = max(0, x+int32(math.Round(float64(x)*0.1*(2*r.Float64()-1))))
	}
	return &transportInstance{base: p, next: &next}
}

func dist(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// gridWiden returns the schools nearer than maxCost beyond an area's k
// nearest, asking the grid for twice as many each time until the farthest
// found is at least maxCost away.
func gridWiden(ix *geo.PointIndex, schools, areas []orb.Point) func(int, float64, []catchment.Arc) []catchment.Arc {
	var buf []int
	return func(i int, maxCost float64, dst []catchment.Arc) []catchment.Arc {
		a := areas[i]
		for k := 2 * transportK; ; k *= 2 {
			buf = ix.KNearest(buf[:0], a, k, nil)
			if len(buf) < k || dist(a, schools[buf[len(buf)-1]]) >= maxCost {
				break
			}
		}
		for _, j := range buf[transportK:] {
			if d := dist(a, schools[j]); d < maxCost {
				dst = append(dst, catchment.Arc{School: int32(j), Cost: d})
			}
		}
		return dst
	}
}

// BenchmarkTransport solves the split transportation problem to the
// default 0.01% gap: cold (prices from zero) and warm (next year's
// supplies, prices from this year's solve).
func BenchmarkTransport(b *testing.B) {
	for _, s := range transportSizes {
		b.Run(s.name, func(b *testing.B) {
			b.Run("cold", func(b *testing.B) {
				in := transportFixture(b, s)
				benchTransport(b, in.base, nil)
			})
			b.Run("warm", func(b *testing.B) {
				in := transportFixture(b, s)
				prev, err := catchment.SolveTransport(context.Background(), in.base, &catchment.TransportOptions{Split: true})
				if err != nil {
					b.Fatal(err)
				}
				benchTransport(b, in.next, &catchment.TransportOptions{Warm: prev})
			})
			b.Run("next-cold", func(b *testing.B) {
				in := transportFixture(b, s)
				benchTransport(b, in.next, nil)
			})
		})
	}
}

// BenchmarkBalanced keeps areas whole (the default mode).
func BenchmarkBalanced(b *testing.B) {
	for _, s := range transportSizes {
		b.Run(s.name, func(b *testing.B) {
			in := transportFixture(b, s)
			b.ReportAllocs()
			b.ResetTimer()
			var r *catchment.TransportResult
			for range b.N {
				var err error
				if r, err = catchment.SolveTransport(context.Background(), in.base, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(r.Gap*100, "gap%")
		})
	}
}

func benchTransport(b *testing.B, p *catchment.TransportProblem, opt *catchment.TransportOptions) {
	b.Helper()
	o := catchment.TransportOptions{Split: true}
	if opt != nil {
		o.Warm = opt.Warm
	}
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
	b.ReportMetric(r.Gap*100, "gap%")
	b.ReportMetric(float64(r.Iterations), "pushes")
	var unplaced int64
	for _, u := range r.Unplaced {
		unplaced += int64(u)
	}
	b.ReportMetric(float64(unplaced), "unplaced")
	b.ReportMetric(float64(len(r.School)-len(p.School)), "widened-arcs")
}
