package catchment_test

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/schoolplan/schoolplan/engine/catchment"
)

// transportSeed seeds the random instances; each test logs the seeds it
// derives from it.
var transportSeed = flag.Uint64("transport.seed", 1, "seed of the random transport instances")

// inst is a random transport instance on a 10 km square: clustered areas
// and schools, Euclidean costs in metres, the k nearest schools as
// candidates and a brute-force Widen.
type inst struct {
	name    string
	seed    uint64
	areas   int
	schools int
	k       int
	seats   float64 // total seats / total children
	unpl    float64 // cost per unplaced child
}

type point struct{ x, y float64 }

func (in inst) build(tb testing.TB) (*catchment.TransportProblem, [][]float64) {
	tb.Helper()
	r := rand.New(rand.NewPCG(in.seed, 0x5eed))
	centres := make([]point, 1+r.IntN(4))
	for c := range centres {
		centres[c] = point{r.Float64() * 10000, r.Float64() * 10000}
	}
	near := func() point {
		c := centres[r.IntN(len(centres))]
		s := 500 + r.Float64()*2000
		return point{min(max(c.x+r.NormFloat64()*s, 0), 10000), min(max(c.y+r.NormFloat64()*s, 0), 10000)}
	}
	ap := make([]point, in.areas)
	sp := make([]point, in.schools)
	for i := range ap {
		ap[i] = near()
	}
	for j := range sp {
		sp[j] = near()
	}
	p := &catchment.TransportProblem{
		Supply:   make([]int32, in.areas),
		Capacity: make([]int32, in.schools),
		Unplaced: in.unpl,
	}
	var total int
	for i := range p.Supply {
		p.Supply[i] = int32(r.IntN(61))
		total += int(p.Supply[i])
	}
	w := make([]float64, in.schools)
	var sw float64
	for j := range w {
		w[j] = 0.3 + r.Float64()
		sw += w[j]
	}
	for j := range w {
		p.Capacity[j] = int32(math.Round(w[j] / sw * in.seats * float64(total)))
	}
	dist := make([][]float64, in.areas)
	for i, a := range ap {
		dist[i] = make([]float64, in.schools)
		for j, s := range sp {
			dist[i][j] = math.Hypot(a.x-s.x, a.y-s.y)
		}
	}
	order := make([]int32, in.schools)
	for i := range ap {
		for j := range order {
			order[j] = int32(j)
		}
		slices.SortFunc(order, func(a, b int32) int {
			return cmp.Or(cmp.Compare(dist[i][a], dist[i][b]), cmp.Compare(a, b))
		})
		p.Start = append(p.Start, int32(len(p.School)))
		for _, j := range order[:min(in.k, in.schools)] {
			p.School = append(p.School, j)
			p.Cost = append(p.Cost, dist[i][j])
		}
	}
	p.Start = append(p.Start, int32(len(p.School)))
	p.Widen = bruteWiden(p, dist)
	return p, dist
}

// bruteWiden scans every school. It reads the problem's original lists, so
// it may return schools the solver has already added; the solver must
// drop those.
func bruteWiden(p *catchment.TransportProblem, dist [][]float64) func(int, float64, []catchment.Arc) []catchment.Arc {
	start, school := p.Start, p.School
	return func(i int, maxCost float64, dst []catchment.Arc) []catchment.Arc {
		listed := school[start[i]:start[i+1]]
		for j, c := range dist[i] {
			if c < maxCost && !slices.Contains(listed, int32(j)) {
				dst = append(dst, catchment.Arc{School: int32(j), Cost: c})
			}
		}
		return dst
	}
}

// near fails tb unless got is within rel (relative, with an absolute floor
// of rel) of want.
func near(tb testing.TB, what string, got, want, rel float64) {
	tb.Helper()
	if d := math.Abs(got - want); d > rel*max(1, math.Abs(want)) {
		tb.Fatalf("%s = %.10g, want %.10g (difference %.3g, tolerance %.3g relative)", what, got, want, d, rel)
	}
}

// checkTransport checks a result's invariants: flows integral and
// non-negative, every child placed once or unplaced, no school over
// capacity, the objective adding up, the bound below it, prices ≥ 0;
// in whole mode, every area on one school.
func checkTransport(tb testing.TB, p *catchment.TransportProblem, r *catchment.TransportResult, whole bool) {
	tb.Helper()
	n, m := len(p.Supply), len(p.Capacity)
	if len(r.Start) != n+1 || int(r.Start[n]) != len(r.School) || len(r.Flow) != len(r.School) || len(r.Unplaced) != n {
		tb.Fatalf("result shape: %d starts, %d schools, %d flows, %d unplaced for %d areas",
			len(r.Start), len(r.School), len(r.Flow), len(r.Unplaced), n)
	}
	load := make([]int64, m)
	var obj float64
	for i := range n {
		sum := int64(r.Unplaced[i])
		if r.Unplaced[i] < 0 {
			tb.Fatalf("area %d: %d unplaced", i, r.Unplaced[i])
		}
		used := 0
		for a := r.Start[i]; a < r.Start[i+1]; a++ {
			f := r.Flow[a]
			if f < 0 {
				tb.Fatalf("area %d arc %d: flow %d", i, a, f)
			}
			if f > 0 {
				used++
				load[r.School[a]] += int64(f)
				obj += float64(f) * arcCost(tb, p, r, i, a)
			}
			sum += int64(f)
		}
		obj += float64(r.Unplaced[i]) * p.Unplaced
		if sum != int64(p.Supply[i]) {
			tb.Fatalf("area %d: %d placed or unplaced, supply %d", i, sum, p.Supply[i])
		}
		if whole && (used > 1 || used == 1 && r.Unplaced[i] != 0) {
			tb.Fatalf("area %d split over %d schools with %d unplaced", i, used, r.Unplaced[i])
		}
	}
	for j, l := range load {
		if l > int64(p.Capacity[j]) {
			tb.Fatalf("school %d: %d children, %d seats", j, l, p.Capacity[j])
		}
	}
	near(tb, "objective", r.Objective, obj, 1e-9)
	if r.LowerBound > r.Objective+1e-9*max(1, r.Objective) {
		tb.Fatalf("lower bound %.10g above objective %.10g", r.LowerBound, r.Objective)
	}
	if r.Objective > 0 {
		near(tb, "gap", r.Gap, (r.Objective-r.LowerBound)/r.Objective, 1e-9)
	}
	if len(r.Prices) != m {
		tb.Fatalf("%d prices for %d schools", len(r.Prices), m)
	}
	for j, x := range r.Prices {
		if !(x >= 0) || math.IsInf(x, 0) {
			tb.Fatalf("school %d: price %v", j, x)
		}
	}
}

// arcCost returns the cost of result arc a of area i: the problem's when
// the lists were not widened, else the Euclidean cost the test gave Widen.
func arcCost(tb testing.TB, p *catchment.TransportProblem, r *catchment.TransportResult, i int, a int32) float64 {
	tb.Helper()
	j := r.School[a]
	for b := p.Start[i]; b < p.Start[i+1]; b++ {
		if p.School[b] == j {
			return p.Cost[b]
		}
	}
	for _, arc := range p.Widen(i, math.Inf(1), nil) {
		if arc.School == j {
			return arc.Cost
		}
	}
	tb.Fatalf("area %d: school %d is no candidate", i, j)
	return 0
}

// refOptimum solves the split problem over all schools (the dense cost
// matrix) by successive shortest paths with Dijkstra and potentials: an
// exact solver independent of SolveTransport.
func refOptimum(p *catchment.TransportProblem, dist [][]float64) float64 {
	n, m := len(p.Supply), len(p.Capacity)
	// Nodes: 0 source, 1..n areas, n+1..n+m schools, n+m+1 sink.
	N := n + m + 2
	src, snk := 0, n+m+1
	type edge struct {
		to, rev int
		cap     int64
		cost    float64
	}
	g := make([][]edge, N)
	add := func(u, v int, c int64, w float64) {
		g[u] = append(g[u], edge{v, len(g[v]), c, w})
		g[v] = append(g[v], edge{u, len(g[u]) - 1, 0, -w})
	}
	const inf = math.MaxInt64 / 4
	var need int64
	for i := range n {
		add(src, 1+i, int64(p.Supply[i]), 0)
		need += int64(p.Supply[i])
		for j := range m {
			add(1+i, n+1+j, inf, dist[i][j])
		}
		add(1+i, snk, inf, p.Unplaced)
	}
	for j := range m {
		add(n+1+j, snk, int64(p.Capacity[j]), 0)
	}
	pot := make([]float64, N)
	d := make([]float64, N)
	prev := make([][2]int, N)
	done := make([]bool, N)
	var total float64
	for need > 0 {
		for v := range d {
			d[v], done[v] = math.Inf(1), false
		}
		d[src] = 0
		for {
			u := -1
			for v := range N {
				if !done[v] && !math.IsInf(d[v], 1) && (u < 0 || d[v] < d[u]) {
					u = v
				}
			}
			if u < 0 {
				break
			}
			done[u] = true
			for k, e := range g[u] {
				if e.cap > 0 && !done[e.to] {
					if nd := d[u] + e.cost + pot[u] - pot[e.to]; nd < d[e.to]-1e-12 {
						d[e.to], prev[e.to] = nd, [2]int{u, k}
					}
				}
			}
		}
		for v := range N {
			if !math.IsInf(d[v], 1) {
				pot[v] += d[v]
			}
		}
		f := need
		for v := snk; v != src; v = prev[v][0] {
			f = min(f, g[prev[v][0]][prev[v][1]].cap)
		}
		for v := snk; v != src; v = prev[v][0] {
			e := &g[prev[v][0]][prev[v][1]]
			e.cap -= f
			g[v][e.rev].cap += f
			total += float64(f) * e.cost
		}
		need -= f
	}
	return total
}

var transportCases = []inst{
	{name: "tiny", areas: 30, schools: 5, k: 3, seats: 1.1, unpl: 30000},
	{name: "short of seats", areas: 80, schools: 8, k: 4, seats: 0.8, unpl: 20000},
	{name: "tight", areas: 120, schools: 12, k: 5, seats: 1.0, unpl: 25000},
	{name: "surplus", areas: 150, schools: 15, k: 6, seats: 1.4, unpl: 30000},
	{name: "cheap unplaced", areas: 100, schools: 10, k: 4, seats: 0.9, unpl: 2500},
	{name: "wide k", areas: 200, schools: 20, k: 12, seats: 1.0, unpl: 40000},
	{name: "k=1", areas: 60, schools: 10, k: 1, seats: 0.95, unpl: 30000},
}

// seeded returns the cases with seeds derived from -transport.seed.
func seeded(tb testing.TB, reps int) []inst {
	tb.Helper()
	tb.Logf("-transport.seed=%d", *transportSeed)
	var out []inst
	for r := range reps {
		for k, c := range transportCases {
			c.seed = *transportSeed*1000 + uint64(r*len(transportCases)+k)
			out = append(out, c)
		}
	}
	return out
}

func solve(tb testing.TB, p *catchment.TransportProblem, opt *catchment.TransportOptions) *catchment.TransportResult {
	tb.Helper()
	r, err := catchment.SolveTransport(context.Background(), p, opt)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func TestSolveTransportSplitExact(t *testing.T) {
	for _, in := range seeded(t, 3) {
		t.Run(in.name, func(t *testing.T) {
			p, dist := in.build(t)
			want := refOptimum(p, dist)
			r := solve(t, p, &catchment.TransportOptions{Split: true, Tolerance: 1e-10})
			checkTransport(t, p, r, false)
			near(t, "objective vs exact optimum", r.Objective, want, 1e-6)
			if r.LowerBound > want+1e-9*want {
				t.Fatalf("seed %d: lower bound %.10g above the optimum %.10g", in.seed, r.LowerBound, want)
			}
			if r.Status != catchment.Optimal && r.Status != catchment.WithinTolerance {
				t.Fatalf("status %v", r.Status)
			}
		})
	}
}

func TestSolveTransportDefaultTolerance(t *testing.T) {
	for _, in := range seeded(t, 1) {
		t.Run(in.name, func(t *testing.T) {
			p, dist := in.build(t)
			want := refOptimum(p, dist)
			r := solve(t, p, &catchment.TransportOptions{Split: true})
			checkTransport(t, p, r, false)
			if r.Gap > 1e-4 {
				t.Fatalf("gap %.3g above the default 1e-4", r.Gap)
			}
			if r.Objective < want*(1-1e-9) || r.Objective > want*(1+1e-4)+1e-9 {
				t.Fatalf("objective %.10g, optimum %.10g", r.Objective, want)
			}
		})
	}
}

func TestSolveTransportWarm(t *testing.T) {
	for _, in := range seeded(t, 1) {
		t.Run(in.name, func(t *testing.T) {
			p, _ := in.build(t)
			opt := &catchment.TransportOptions{Split: true, Tolerance: 1e-10}
			cold := solve(t, p, opt)
			// Next year: supplies move by up to ±20%.
			r := rand.New(rand.NewPCG(in.seed, 2))
			for i, s := range p.Supply {
				p.Supply[i] = max(0, s+int32(math.Round(float64(s)*0.2*(2*r.Float64()-1))))
			}
			next := solve(t, p, opt)
			warm := solve(t, p, &catchment.TransportOptions{Split: true, Tolerance: 1e-10, Warm: cold})
			checkTransport(t, p, warm, false)
			near(t, "warm objective", warm.Objective, next.Objective, 1e-6)
			again := solve(t, p, &catchment.TransportOptions{Split: true, Tolerance: 1e-10, Warm: next})
			near(t, "objective warm from its own prices", again.Objective, next.Objective, 1e-6)
			t.Logf("iterations: cold %d, warm %d, warm from own prices %d", next.Iterations, warm.Iterations, again.Iterations)
		})
	}
}

func TestSolveTransportDeterministic(t *testing.T) {
	in := transportCases[2]
	in.seed = *transportSeed
	for _, split := range []bool{true, false} {
		p, _ := in.build(t)
		a := solve(t, p, &catchment.TransportOptions{Split: split})
		b := solve(t, p, &catchment.TransportOptions{Split: split})
		if !slices.Equal(a.Flow, b.Flow) || !slices.Equal(a.Unplaced, b.Unplaced) || !slices.Equal(a.Prices, b.Prices) ||
			a.Objective != b.Objective || a.LowerBound != b.LowerBound || a.Iterations != b.Iterations {
			t.Fatalf("split=%v: two solves differ", split)
		}
	}
}

// TestSolveTransportNoWiden checks the bound over the lists alone, and
// that without Widen the solver never leaves them.
func TestSolveTransportNoWiden(t *testing.T) {
	in := transportCases[1]
	in.seed = *transportSeed
	p, _ := in.build(t)
	p.Widen = nil
	r := solve(t, p, &catchment.TransportOptions{Split: true, Tolerance: 1e-10})
	if &r.School[0] != &p.School[0] {
		t.Fatal("lists changed without Widen")
	}
	checkTransport(t, p, r, false)
}

func TestSolveTransportEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		p    catchment.TransportProblem
		want float64
	}{
		{"no areas", catchment.TransportProblem{Capacity: []int32{3}, Start: []int32{0}, Unplaced: 10}, 0},
		{"no schools", catchment.TransportProblem{Supply: []int32{4}, Start: []int32{0, 0}, Unplaced: 10}, 40},
		{"zero supply", catchment.TransportProblem{Supply: []int32{0}, Capacity: []int32{3}, Start: []int32{0, 1}, School: []int32{0}, Cost: []float64{1}, Unplaced: 10}, 0},
		{"school without seats", catchment.TransportProblem{Supply: []int32{2, 2}, Capacity: []int32{0, 3}, Start: []int32{0, 2, 4},
			School: []int32{0, 1, 0, 1}, Cost: []float64{1, 5, 1, 6}, Unplaced: 10}, 5 + 5 + 6 + 10},
		{"unplaced cheaper", catchment.TransportProblem{Supply: []int32{5}, Capacity: []int32{9}, Start: []int32{0, 1}, School: []int32{0}, Cost: []float64{12}, Unplaced: 10}, 50},
		{"all zero costs", catchment.TransportProblem{Supply: []int32{5, 5}, Capacity: []int32{4, 4}, Start: []int32{0, 2, 4},
			School: []int32{0, 1, 1, 0}, Cost: []float64{0, 0, 0, 0}, Unplaced: 0}, 0},
	}
	for _, tc := range tests {
		for _, split := range []bool{true, false} {
			t.Run(tc.name, func(t *testing.T) {
				r := solve(t, &tc.p, &catchment.TransportOptions{Split: split, Tolerance: 1e-12})
				checkTransport(t, &tc.p, r, !split)
				if split {
					near(t, "objective", r.Objective, tc.want, 1e-9)
				}
			})
		}
	}
}

func TestSolveTransportErrors(t *testing.T) {
	good := func() catchment.TransportProblem {
		return catchment.TransportProblem{Supply: []int32{1, 2}, Capacity: []int32{3}, Start: []int32{0, 1, 2},
			School: []int32{0, 0}, Cost: []float64{1, 2}, Unplaced: 10}
	}
	tests := []struct {
		name   string
		change func(*catchment.TransportProblem, *catchment.TransportOptions)
	}{
		{"short Start", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start = p.Start[:2] }},
		{"Start past arcs", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start[2] = 3 }},
		{"Start decreasing", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start[1] = -1 }},
		{"Cost length", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Cost = p.Cost[:1] }},
		{"school out of range", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.School[1] = 1 }},
		{"negative cost", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Cost[0] = -1 }},
		{"NaN cost", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Cost[0] = math.NaN() }},
		{"infinite unplaced", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Unplaced = math.Inf(1) }},
		{"negative supply", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Supply[0] = -1 }},
		{"negative capacity", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Capacity[0] = -1 }},
		{"school listed twice", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) {
			p.Start = []int32{0, 2, 2}
		}},
		{"warm prices length", func(_ *catchment.TransportProblem, o *catchment.TransportOptions) {
			o.Warm = &catchment.TransportResult{Prices: []float64{1, 2}}
		}},
		{"negative tolerance", func(_ *catchment.TransportProblem, o *catchment.TransportOptions) { o.Tolerance = -1 }},
		{"bad Widen", func(p *catchment.TransportProblem, _ *catchment.TransportOptions) {
			p.Capacity[0] = 0
			p.Widen = func(_ int, _ float64, dst []catchment.Arc) []catchment.Arc {
				return append(dst, catchment.Arc{School: 7, Cost: 1})
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, o := good(), catchment.TransportOptions{Split: true}
			if _, err := catchment.SolveTransport(context.Background(), &p, &o); err != nil {
				t.Fatalf("unchanged problem: %v", err)
			}
			tc.change(&p, &o)
			_, err := catchment.SolveTransport(context.Background(), &p, &o)
			if !errors.Is(err, catchment.ErrBadTransport) {
				t.Fatalf("got %v, want ErrBadTransport", err)
			}
		})
	}
}

func TestSolveTransportContext(t *testing.T) {
	in := transportCases[5]
	in.seed = *transportSeed
	p, _ := in.build(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := catchment.SolveTransport(ctx, p, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	r, err := catchment.SolveTransport(context.Background(), p, &catchment.TransportOptions{Split: true, Tolerance: 1e-300, TimeLimit: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != catchment.TimeLimit {
		t.Fatalf("status %v, want time limit", r.Status)
	}
	checkTransport(t, p, r, false)
}
