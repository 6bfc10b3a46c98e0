package catchment_test

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// transportSeed seeds the random instances; each test logs the seeds it
// derives from it.
var transportSeed = flag.Uint64("transport.seed", 1, "seed of the random transport instances")

// inst is a random transport instance on a 10 km square: clustered areas
// and schools, supplies 0–60, seats shared out in proportion to random
// weights so that total seats ≈ seats × total children. build gives the
// geometric form (every school a candidate at its Euclidean distance),
// buildSparse the k nearest schools of each area as its only candidates.
type inst struct {
	name    string
	seed    uint64
	areas   int
	schools int
	k       int     // candidates per area in the sparse form
	seats   float64 // total seats / total children
	unpl    float64 // cost per unplaced child
	apart   bool    // schools around other centres than the areas
	closed  int     // schools without seats (the first ones)
	snap    float64 // grid the points are rounded to (ties); 0 = none
	off     orb.Point
}

// gen draws the instance's points, supplies and capacities.
func (in inst) gen() (areas, schools []orb.Point, supply, capacity []int32) {
	r := rand.New(rand.NewPCG(in.seed, 0x5eed))
	centres := func() []orb.Point {
		cs := make([]orb.Point, 1+r.IntN(4))
		for c := range cs {
			cs[c] = orb.Point{r.Float64() * 10000, r.Float64() * 10000}
		}
		return cs
	}
	ac := centres()
	sc := ac
	if in.apart {
		sc = centres()
	}
	near := func(cs []orb.Point) orb.Point {
		c := cs[r.IntN(len(cs))]
		s := 500 + r.Float64()*2000
		x := min(max(c[0]+r.NormFloat64()*s, 0), 10000)
		y := min(max(c[1]+r.NormFloat64()*s, 0), 10000)
		if in.snap > 0 {
			x, y = math.Round(x/in.snap)*in.snap, math.Round(y/in.snap)*in.snap
		}
		return orb.Point{x + in.off[0], y + in.off[1]}
	}
	areas = make([]orb.Point, in.areas)
	schools = make([]orb.Point, in.schools)
	for i := range areas {
		areas[i] = near(ac)
	}
	for j := range schools {
		schools[j] = near(sc)
	}
	supply = make([]int32, in.areas)
	var total int
	for i := range supply {
		supply[i] = int32(r.IntN(61))
		total += int(supply[i])
	}
	w := make([]float64, in.schools)
	var sw float64
	for j := range w {
		w[j] = 0.3 + r.Float64()
		if j < in.closed {
			w[j] = 0
		}
		sw += w[j]
	}
	capacity = make([]int32, in.schools)
	for j := range w {
		if sw > 0 {
			capacity[j] = int32(math.Round(w[j] / sw * in.seats * float64(total)))
		}
	}
	return areas, schools, supply, capacity
}

// build returns the instance in geometric form and its dense cost matrix.
func (in inst) build(tb testing.TB) (*catchment.TransportProblem, [][]float64) {
	tb.Helper()
	areas, schools, supply, capacity := in.gen()
	p := &catchment.TransportProblem{Supply: supply, Capacity: capacity, Areas: areas, Schools: schools, Unplaced: in.unpl}
	return p, denseCost(p)
}

// buildSparse returns the instance in sparse form (the in.k nearest
// schools of each area, ties to the lower index, listed by index) and its dense cost
// matrix, +Inf for the schools an area does not list.
func (in inst) buildSparse(tb testing.TB) (*catchment.TransportProblem, [][]float64) {
	tb.Helper()
	areas, schools, supply, capacity := in.gen()
	p := &catchment.TransportProblem{Supply: supply, Capacity: capacity, Start: make([]int32, 1, in.areas+1), Unplaced: in.unpl}
	order := make([]int32, in.schools)
	d := make([]float64, in.schools)
	for _, a := range areas {
		for j, s := range schools {
			order[j], d[j] = int32(j), euclid(a, s)
		}
		slices.SortFunc(order, func(x, y int32) int { return cmp.Or(cmp.Compare(d[x], d[y]), cmp.Compare(x, y)) })
		// List them by school index, not by cost: the solver must not
		// rely on the lists' order.
		list := order[:min(in.k, in.schools)]
		slices.Sort(list)
		for _, j := range list {
			p.School = append(p.School, j)
			p.Cost = append(p.Cost, d[j])
		}
		p.Start = append(p.Start, int32(len(p.School)))
	}
	return p, denseCost(p)
}

// form is one way of building an instance.
type form struct {
	name  string
	build func(inst, testing.TB) (*catchment.TransportProblem, [][]float64)
}

var forms = []form{{"geometric", inst.build}, {"sparse", inst.buildSparse}}

func euclid(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

func isGeometric(p *catchment.TransportProblem) bool { return p.Areas != nil || p.Schools != nil }

// denseCost returns the cost of every area–school pair: the Euclidean
// distance in geometric form; in sparse form the listed cost, +Inf for a
// school the area does not list.
func denseCost(p *catchment.TransportProblem) [][]float64 {
	n, m := len(p.Supply), len(p.Capacity)
	d := make([][]float64, n)
	for i := range d {
		d[i] = make([]float64, m)
		if isGeometric(p) {
			for j := range m {
				d[i][j] = euclid(p.Areas[i], p.Schools[j])
			}
			continue
		}
		for j := range d[i] {
			d[i][j] = math.Inf(1)
		}
		for a := p.Start[i]; a < p.Start[i+1]; a++ {
			d[i][p.School[a]] = p.Cost[a]
		}
	}
	return d
}

// sparseAll returns p (geometric) in sparse form with every school listed.
func sparseAll(p *catchment.TransportProblem) *catchment.TransportProblem {
	q := &catchment.TransportProblem{Supply: p.Supply, Capacity: p.Capacity, Start: make([]int32, 1, len(p.Supply)+1), Unplaced: p.Unplaced}
	for i := range p.Supply {
		for j := range p.Capacity {
			q.School = append(q.School, int32(j))
			q.Cost = append(q.Cost, euclid(p.Areas[i], p.Schools[j]))
		}
		q.Start = append(q.Start, int32(len(q.School)))
	}
	return q
}

// checkTransport checks the invariants of a result of SolveTransport(p,
// opt) (nil opt: the defaults):
//   - the lists' shape; in sparse form they are p's lists, in geometric
//     form each area lists a school at most once;
//   - each arc's Cost is the problem's: the Euclidean distance in geometric
//     form, the listed cost in sparse form;
//   - flows ≥ 0, each area's flows and unplaced add up to its supply, no
//     school over capacity; in whole mode each area on one arc or
//     unplaced;
//   - the objective recomputed from Cost, Flow and Unplaced;
//   - LowerBound ≤ Objective, and no more than the dual value of Prices
//     over every allowed arc (so the bound is certified);
//   - Gap consistent, ≥ 0; in split mode (unless stopped by the time
//     limit) ≤ 1e-9 with Status Optimal;
//   - prices ≥ 0, +Inf only for a school without seats.
func checkTransport(tb testing.TB, p *catchment.TransportProblem, r *catchment.TransportResult, opt *catchment.TransportOptions) {
	tb.Helper()
	var o catchment.TransportOptions
	if opt != nil {
		o = *opt
	}
	n, m := len(p.Supply), len(p.Capacity)
	if r == nil {
		tb.Fatal("nil result")
	}
	if len(r.Start) != n+1 || len(r.Flow) != len(r.School) || len(r.Cost) != len(r.School) || len(r.Unplaced) != n || len(r.Prices) != m {
		tb.Fatalf("result shape: %d starts, %d schools, %d flows, %d costs, %d unplaced, %d prices for %d areas and %d schools",
			len(r.Start), len(r.School), len(r.Flow), len(r.Cost), len(r.Unplaced), len(r.Prices), n, m)
	}
	if r.Start[0] != 0 || int(r.Start[n]) != len(r.School) {
		tb.Fatalf("result Start runs from %d to %d, %d arcs", r.Start[0], r.Start[n], len(r.School))
	}
	if !isGeometric(p) {
		if !slices.Equal(r.Start, p.Start) {
			for i := range r.Start {
				if r.Start[i] != p.Start[i] {
					tb.Errorf("sparse form: result Start differs from the problem's from area %d: Start[%d] = %d, problem %d (%d arcs, problem %d)",
						max(i-1, 0), i, r.Start[i], p.Start[i], len(r.School), len(p.School))
					break
				}
			}
		}
		if slices.Equal(r.Start, p.Start) && !slices.Equal(r.School, p.School) {
			tb.Errorf("sparse form: result School differs from the problem's")
		}
	}
	dist := denseCost(p)
	load := make([]int64, m)
	seen := make([]int, m)
	var obj float64
	for i := range n {
		if r.Start[i+1] < r.Start[i] {
			tb.Fatalf("area %d: result Start decreases (%d to %d)", i, r.Start[i], r.Start[i+1])
		}
		if r.Unplaced[i] < 0 {
			tb.Fatalf("area %d: %d unplaced", i, r.Unplaced[i])
		}
		sum := int64(r.Unplaced[i])
		used := 0
		for a := r.Start[i]; a < r.Start[i+1]; a++ {
			j, f := r.School[a], r.Flow[a]
			if j < 0 || int(j) >= m {
				tb.Fatalf("area %d arc %d: school %d out of range", i, a, j)
			}
			if seen[j] == i+1 {
				tb.Fatalf("area %d lists school %d twice", i, j)
			}
			seen[j] = i + 1
			want := dist[i][j]
			if math.IsInf(want, 1) {
				tb.Fatalf("area %d arc %d: school %d is not a candidate", i, a, j)
			}
			if c := r.Cost[a]; !approx.Equal(c, want, 1e-12*max(1, want)) {
				tb.Fatalf("area %d arc %d (school %d): cost %.15g, want %.15g", i, a, j, c, want)
			}
			if f < 0 {
				tb.Fatalf("area %d arc %d: flow %d", i, a, f)
			}
			if f > 0 {
				used++
				load[j] += int64(f)
				obj += float64(f) * r.Cost[a]
			}
			sum += int64(f)
		}
		obj += float64(r.Unplaced[i]) * p.Unplaced
		if sum != int64(p.Supply[i]) {
			tb.Fatalf("area %d: %d placed or unplaced, supply %d", i, sum, p.Supply[i])
		}
		if !o.Split && (used > 1 || used == 1 && r.Unplaced[i] != 0) {
			tb.Fatalf("whole mode: area %d split over %d schools with %d unplaced", i, used, r.Unplaced[i])
		}
	}
	for j, l := range load {
		if l > int64(p.Capacity[j]) {
			tb.Fatalf("school %d: %d children, %d seats", j, l, p.Capacity[j])
		}
	}
	approx.Check(tb, "objective (recomputed from Cost, Flow, Unplaced)", r.Objective, obj, 1e-9*max(1, math.Abs(obj)))
	if !(r.LowerBound <= r.Objective*(1+1e-9)+1e-9) {
		tb.Fatalf("lower bound %.12g above objective %.12g", r.LowerBound, r.Objective)
	}
	for j, x := range r.Prices {
		if math.IsNaN(x) || x < 0 || math.IsInf(x, 1) && p.Capacity[j] != 0 {
			tb.Fatalf("school %d (%d seats): price %v", j, p.Capacity[j], x)
		}
	}
	// The dual value of Prices: each child pays the least of unplaced and
	// cost + price over its allowed schools; seats earn their price.
	var dual, scale float64
	for i := range n {
		best := p.Unplaced
		for j := range m {
			best = min(best, dist[i][j]+r.Prices[j])
		}
		dual += float64(p.Supply[i]) * best
		scale += float64(p.Supply[i]) * best
	}
	for j, c := range p.Capacity {
		if c > 0 {
			dual -= float64(c) * r.Prices[j]
			scale += float64(c) * r.Prices[j]
		}
	}
	if !(r.LowerBound <= dual+1e-9*max(1, scale)) {
		tb.Fatalf("lower bound %.12g above the dual value %.12g of the prices", r.LowerBound, dual)
	}
	switch {
	case r.Objective > 0:
		approx.Check(tb, "gap", r.Gap, (r.Objective-r.LowerBound)/r.Objective, 1e-9)
	case r.Gap != 0:
		tb.Fatalf("gap %v with objective 0", r.Gap)
	}
	if r.Gap < -1e-12 {
		tb.Fatalf("gap %.3g < 0", r.Gap)
	}
	if r.Iterations < 0 {
		tb.Fatalf("%d iterations", r.Iterations)
	}
	switch {
	case r.Status == catchment.TimeLimit && o.TimeLimit > 0:
	case r.Status != catchment.Optimal:
		tb.Errorf("status %v, want optimal (split=%v, warm=%v, objective %.12g, bound %.12g, gap %.3g)",
			r.Status, o.Split, o.Warm != nil, r.Objective, r.LowerBound, r.Gap)
		if o.Split && r.Gap > 1e-9 {
			tb.Errorf("split mode: gap %.3g above 1e-9", r.Gap)
		}
	case o.Split && r.Gap > 1e-9:
		tb.Errorf("split mode: gap %.3g above 1e-9 (objective %.12g, bound %.12g)", r.Gap, r.Objective, r.LowerBound)
	}
}

// refOptimum solves the split problem over the dense cost matrix (a +Inf
// cost: no arc) by successive shortest paths with Dijkstra and potentials:
// an exact solver independent of SolveTransport.
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
			if !math.IsInf(dist[i][j], 1) {
				add(1+i, n+1+j, inf, dist[i][j])
			}
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
	{name: "seats 0.7", areas: 80, schools: 8, k: 4, seats: 0.7, unpl: 20000},
	{name: "seats 0.9", areas: 100, schools: 10, k: 4, seats: 0.9, unpl: 50000},
	{name: "seats 1.0", areas: 120, schools: 12, k: 5, seats: 1.0, unpl: 25000},
	{name: "seats 1.2", areas: 150, schools: 15, k: 6, seats: 1.2, unpl: 50000},
	{name: "unplaced 300 m", areas: 100, schools: 10, k: 4, seats: 0.9, unpl: 300},
	{name: "unplaced 300 m surplus", areas: 80, schools: 8, k: 3, seats: 1.2, unpl: 300},
	{name: "unplaced 50 km", areas: 200, schools: 20, k: 8, seats: 1.0, unpl: 50000},
	{name: "k=1", areas: 60, schools: 10, k: 1, seats: 0.95, unpl: 30000},
	{name: "apart", areas: 120, schools: 10, k: 3, seats: 1.0, unpl: 50000, apart: true},
	{name: "many schools", areas: 60, schools: 90, k: 6, seats: 1.0, unpl: 50000},
	{name: "closed schools", areas: 100, schools: 12, k: 4, seats: 0.9, unpl: 50000, closed: 3},
	{name: "ties on a 1 km grid", areas: 120, schools: 12, k: 4, seats: 1.0, unpl: 20000, snap: 1000},
	{name: "UTM origin", areas: 100, schools: 10, k: 4, seats: 0.9, unpl: 50000, off: orb.Point{500000, 4400000}},
	{name: "negative coordinates", areas: 100, schools: 10, k: 4, seats: 1.0, unpl: 50000, off: orb.Point{-30000, -12000}},
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

// solve solves p and checks that the solver left p alone.
func solve(tb testing.TB, p *catchment.TransportProblem, opt *catchment.TransportOptions) *catchment.TransportResult {
	tb.Helper()
	before := cloneProblem(p)
	r, err := catchment.SolveTransport(context.Background(), p, opt)
	if err != nil {
		tb.Fatal(err)
	}
	if !sameProblem(before, p) {
		tb.Fatal("SolveTransport changed the problem")
	}
	return r
}

func cloneProblem(p *catchment.TransportProblem) *catchment.TransportProblem {
	q := *p
	q.Supply, q.Capacity = slices.Clone(p.Supply), slices.Clone(p.Capacity)
	q.Areas, q.Schools = slices.Clone(p.Areas), slices.Clone(p.Schools)
	q.Start, q.School, q.Cost = slices.Clone(p.Start), slices.Clone(p.School), slices.Clone(p.Cost)
	return &q
}

func sameProblem(a, b *catchment.TransportProblem) bool {
	return slices.Equal(a.Supply, b.Supply) && slices.Equal(a.Capacity, b.Capacity) &&
		slices.Equal(a.Areas, b.Areas) && slices.Equal(a.Schools, b.Schools) &&
		slices.Equal(a.Start, b.Start) && slices.Equal(a.School, b.School) && slices.Equal(a.Cost, b.Cost) &&
		a.Unplaced == b.Unplaced
}

// TestSolveTransportSplitExact compares the split solve with the
// reference optimum, in both forms, under several tolerances (the split
// solver is exact whatever the tolerance).
func TestSolveTransportSplitExact(t *testing.T) {
	tols := []float64{0, 1e-12, 0.05}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			for k, in := range seeded(t, 3) {
				t.Run(in.name, func(t *testing.T) {
					p, dist := f.build(in, t)
					want := refOptimum(p, dist)
					opt := &catchment.TransportOptions{Split: true, Tolerance: tols[k%len(tols)]}
					r := solve(t, p, opt)
					checkTransport(t, p, r, opt)
					approx.Check(t, fmt.Sprintf("seed %d: objective vs exact optimum", in.seed), r.Objective, want, 1e-6*max(1, math.Abs(want)))
					if !(r.LowerBound <= want*(1+1e-9)+1e-9) {
						t.Fatalf("seed %d: lower bound %.12g above the optimum %.12g", in.seed, r.LowerBound, want)
					}
				})
			}
		})
	}
}

// TestSolveTransportFormsAgree solves each instance in geometric form and
// in sparse form with every school listed: the same problem.
func TestSolveTransportFormsAgree(t *testing.T) {
	for _, in := range seeded(t, 1) {
		t.Run(in.name, func(t *testing.T) {
			p, _ := in.build(t)
			q := sparseAll(p)
			for _, split := range []bool{true, false} {
				opt := &catchment.TransportOptions{Split: split}
				a, b := solve(t, p, opt), solve(t, q, opt)
				checkTransport(t, p, a, opt)
				checkTransport(t, q, b, opt)
				if split {
					approx.Check(t, "geometric objective vs sparse with every school", a.Objective, b.Objective, 1e-9*max(1, math.Abs(b.Objective)))
				}
				approx.Check(t, "geometric bound vs sparse with every school", a.LowerBound, b.LowerBound, 1e-6*max(1, math.Abs(b.LowerBound)))
			}
		})
	}
}

// TestSolveTransportWarm solves next year's problem cold and warm from
// this year's prices (and from prices of other related problems).
func TestSolveTransportWarm(t *testing.T) {
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			for _, in := range seeded(t, 1) {
				t.Run(in.name, func(t *testing.T) {
					p, _ := f.build(in, t)
					opt := &catchment.TransportOptions{Split: true}
					prev := solve(t, p, opt)
					// Next year: supplies move by up to ±10%.
					r := rand.New(rand.NewPCG(in.seed, 2))
					q := cloneProblem(p)
					for i, s := range q.Supply {
						q.Supply[i] = max(0, s+int32(math.Round(float64(s)*0.1*(2*r.Float64()-1))))
					}
					cold := solve(t, q, opt)
					wopt := &catchment.TransportOptions{Split: true, Warm: prev}
					warm := solve(t, q, wopt)
					checkTransport(t, q, warm, wopt)
					approx.Check(t, "warm objective vs cold", warm.Objective, cold.Objective, 1e-9*max(1, math.Abs(cold.Objective)))
					sopt := &catchment.TransportOptions{Split: true, Warm: cold}
					again := solve(t, q, sopt)
					checkTransport(t, q, again, sopt)
					approx.Check(t, "objective warm from its own prices", again.Objective, cold.Objective, 1e-9*max(1, math.Abs(cold.Objective)))
					// Whole mode warm: a feasible answer at least the split optimum.
					wh := solve(t, q, &catchment.TransportOptions{Warm: prev})
					checkTransport(t, q, wh, nil)
					if wh.Objective < cold.Objective*(1-1e-9) {
						t.Fatalf("warm whole objective %.12g below the split optimum %.12g", wh.Objective, cold.Objective)
					}
					t.Logf("paths: cold %d, warm %d, warm from own prices %d", cold.Iterations, warm.Iterations, again.Iterations)
				})
			}
		})
	}
}

// TestSolveTransportWarmRelated warms from problems that differ in seats:
// capacities cut by a fifth, and a school without seats (price +Inf) that
// now has some, and the reverse.
func TestSolveTransportWarmRelated(t *testing.T) {
	in := inst{name: "related", seed: *transportSeed, areas: 150, schools: 12, k: 5, seats: 1.0, unpl: 30000, closed: 2}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			p, _ := f.build(in, t)
			opt := &catchment.TransportOptions{Split: true}
			base := solve(t, p, opt)
			cut := cloneProblem(p)
			for j, c := range cut.Capacity {
				cut.Capacity[j] = c * 4 / 5
			}
			reopened := cloneProblem(p)
			reopened.Capacity[0], reopened.Capacity[1] = 400, 250
			closed := cloneProblem(p)
			closed.Capacity[5] = 0
			for _, tc := range []struct {
				name string
				q    *catchment.TransportProblem
				from *catchment.TransportResult
			}{
				{"cut from base", cut, base},
				{"base from cut", p, solve(t, cut, opt)},
				{"reopened from base", reopened, base},
				{"base from reopened", p, solve(t, reopened, opt)},
				{"closed from base", closed, base},
				{"base from closed", p, solve(t, closed, opt)},
			} {
				t.Run(tc.name, func(t *testing.T) {
					cold := solve(t, tc.q, opt)
					checkTransport(t, tc.q, cold, opt)
					wopt := &catchment.TransportOptions{Split: true, Warm: tc.from}
					warm := solve(t, tc.q, wopt)
					checkTransport(t, tc.q, warm, wopt)
					approx.Check(t, "warm objective vs cold", warm.Objective, cold.Objective, 1e-9*max(1, math.Abs(cold.Objective)))
				})
			}
		})
	}
}

// TestSolveTransportDeterministic solves twice and expects the same
// answer to the bit.
func TestSolveTransportDeterministic(t *testing.T) {
	for _, in := range []inst{transportCases[3], transportCases[12]} {
		in.seed = *transportSeed
		for _, f := range forms {
			for _, split := range []bool{true, false} {
				p, _ := f.build(in, t)
				opt := &catchment.TransportOptions{Split: split}
				a := solve(t, p, opt)
				b := solve(t, cloneProblem(p), opt)
				if !slices.Equal(a.Start, b.Start) || !slices.Equal(a.School, b.School) || !slices.Equal(a.Flow, b.Flow) ||
					!slices.Equal(a.Cost, b.Cost) || !slices.Equal(a.Unplaced, b.Unplaced) || !slices.Equal(a.Prices, b.Prices) ||
					a.Objective != b.Objective || a.LowerBound != b.LowerBound || a.Gap != b.Gap ||
					a.Iterations != b.Iterations || a.Status != b.Status {
					t.Fatalf("%s, %s form, split=%v: two solves differ (objective %v/%v, bound %v/%v, paths %d/%d)",
						in.name, f.name, split, a.Objective, b.Objective, a.LowerBound, b.LowerBound, a.Iterations, b.Iterations)
				}
			}
		}
	}
}

func TestSolveTransportEdgeCases(t *testing.T) {
	pt := func(x, y float64) orb.Point { return orb.Point{x, y} }
	nan := math.NaN()
	tests := []struct {
		name             string
		p                catchment.TransportProblem // geometric
		wantSplit, whole float64                    // NaN: no hand value
	}{
		{"no areas", catchment.TransportProblem{Capacity: []int32{3}, Areas: []orb.Point{}, Schools: []orb.Point{pt(0, 0)}, Unplaced: 10}, 0, 0},
		{"no schools", catchment.TransportProblem{Supply: []int32{4, 2}, Capacity: []int32{}, Areas: []orb.Point{pt(0, 0), pt(5, 5)},
			Schools: []orb.Point{}, Unplaced: 10}, 60, 60},
		{"nothing", catchment.TransportProblem{Areas: []orb.Point{}, Schools: []orb.Point{}, Unplaced: 10}, 0, 0},
		{"zero supplies", catchment.TransportProblem{Supply: []int32{0, 0}, Capacity: []int32{3, 1}, Areas: []orb.Point{pt(0, 0), pt(100, 0)},
			Schools: []orb.Point{pt(50, 50), pt(900, 0)}, Unplaced: 10}, 0, 0},
		{"zero capacities", catchment.TransportProblem{Supply: []int32{3, 4}, Capacity: []int32{0, 0}, Areas: []orb.Point{pt(0, 0), pt(100, 0)},
			Schools: []orb.Point{pt(0, 0), pt(100, 0)}, Unplaced: 7}, 49, 49},
		{"a school without seats", catchment.TransportProblem{Supply: []int32{2, 2}, Capacity: []int32{0, 3}, Areas: []orb.Point{pt(0, 0), pt(-10, 0)},
			Schools: []orb.Point{pt(0, 0), pt(100, 0)}, Unplaced: 1000}, 200 + 110 + 1000, 200 + 2000},
		{"unplaced free", catchment.TransportProblem{Supply: []int32{5, 5}, Capacity: []int32{10}, Areas: []orb.Point{pt(100, 0), pt(0, 200)},
			Schools: []orb.Point{pt(0, 0)}, Unplaced: 0}, 0, 0},
		{"unplaced free, coincident", catchment.TransportProblem{Supply: []int32{5, 5}, Capacity: []int32{4}, Areas: []orb.Point{pt(0, 0), pt(0, 0)},
			Schools: []orb.Point{pt(0, 0)}, Unplaced: 0}, 0, 0},
		{"coincident points", catchment.TransportProblem{Supply: []int32{5, 5, 5}, Capacity: []int32{4, 4}, Areas: []orb.Point{pt(500, 500), pt(500, 500), pt(500, 500)},
			Schools: []orb.Point{pt(500, 500), pt(500, 500)}, Unplaced: 10}, 70, 150},
		{"coincident schools", catchment.TransportProblem{Supply: []int32{6}, Capacity: []int32{3, 3}, Areas: []orb.Point{pt(0, 0)},
			Schools: []orb.Point{pt(300, 400), pt(300, 400)}, Unplaced: 10000}, 3000, 60000},
		{"coincident areas", catchment.TransportProblem{Supply: []int32{3, 3, 3}, Capacity: []int32{5, 5}, Areas: []orb.Point{pt(0, 0), pt(0, 0), pt(0, 0)},
			Schools: []orb.Point{pt(300, 400), pt(0, 1000)}, Unplaced: 10000}, 5*500 + 4*1000, 3*500 + 3*1000 + 3*10000},
		{"single school", catchment.TransportProblem{Supply: []int32{3, 4, 5}, Capacity: []int32{6}, Areas: []orb.Point{pt(100, 0), pt(0, 200), pt(-300, 0)},
			Schools: []orb.Point{pt(0, 0)}, Unplaced: 250}, 2400, 2550},
		{"single school, plenty", catchment.TransportProblem{Supply: []int32{3, 4}, Capacity: []int32{100}, Areas: []orb.Point{pt(3000, 4000), pt(0, -20)},
			Schools: []orb.Point{pt(0, 0)}, Unplaced: 50000}, 15000 + 80, 15000 + 80},
		{"single area", catchment.TransportProblem{Supply: []int32{10}, Capacity: []int32{4, 4, 4}, Areas: []orb.Point{pt(0, 0)},
			Schools: []orb.Point{pt(100, 0), pt(0, 200), pt(-300, 0)}, Unplaced: 1000}, 400 + 800 + 2*300, 10 * 1000},
		{"far apart", catchment.TransportProblem{Supply: []int32{2, 3}, Capacity: []int32{10}, Areas: []orb.Point{pt(0, 0), pt(1e6, 1e6)},
			Schools: []orb.Point{pt(-2e6, 5e5)}, Unplaced: 1e7}, nan, nan},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range []*catchment.TransportProblem{&tc.p, sparseAll(&tc.p)} {
				want := refOptimum(p, denseCost(p))
				if !math.IsNaN(tc.wantSplit) {
					approx.Check(t, "reference optimum vs hand value", want, tc.wantSplit, 1e-12*max(1, math.Abs(tc.wantSplit)))
				}
				for _, split := range []bool{true, false} {
					opt := &catchment.TransportOptions{Split: split}
					r := solve(t, p, opt)
					checkTransport(t, p, r, opt)
					if split {
						approx.Check(t, "split objective", r.Objective, want, 1e-9*max(1, math.Abs(want)))
					} else if !math.IsNaN(tc.whole) {
						approx.Check(t, "whole objective", r.Objective, tc.whole, 1e-9*max(1, math.Abs(tc.whole)))
					}
					for j, c := range p.Capacity {
						if c == 0 && !math.IsInf(r.Prices[j], 1) {
							t.Errorf("split=%v: school %d without seats has price %v, want +Inf", split, j, r.Prices[j])
						}
					}
				}
			}
		})
	}
}

func TestSolveTransportErrors(t *testing.T) {
	type change func(*catchment.TransportProblem, *catchment.TransportOptions)
	geometric := func() catchment.TransportProblem {
		return catchment.TransportProblem{Supply: []int32{1, 2}, Capacity: []int32{3}, Areas: []orb.Point{{0, 0}, {10, 0}},
			Schools: []orb.Point{{5, 5}}, Unplaced: 10}
	}
	sparse := func() catchment.TransportProblem {
		return catchment.TransportProblem{Supply: []int32{1, 2}, Capacity: []int32{3}, Start: []int32{0, 1, 2},
			School: []int32{0, 0}, Cost: []float64{1, 2}, Unplaced: 10}
	}
	both := []change{
		func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Supply[0] = -1 },
		func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Capacity[0] = -1 },
		func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Unplaced = math.NaN() },
		func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Unplaced = math.Inf(1) },
		func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Unplaced = -1 },
		func(_ *catchment.TransportProblem, o *catchment.TransportOptions) { o.Tolerance = -1 },
		func(_ *catchment.TransportProblem, o *catchment.TransportOptions) { o.Tolerance = math.NaN() },
		func(_ *catchment.TransportProblem, o *catchment.TransportOptions) {
			o.Warm = &catchment.TransportResult{Prices: []float64{1, 2}}
		},
		func(_ *catchment.TransportProblem, o *catchment.TransportOptions) {
			o.Warm = &catchment.TransportResult{}
		},
		func(_ *catchment.TransportProblem, o *catchment.TransportOptions) { o.TimeLimit = -time.Second },
	}
	bothNames := []string{"negative supply", "negative capacity", "NaN unplaced", "infinite unplaced", "negative unplaced",
		"negative tolerance", "NaN tolerance", "warm prices too many", "warm without prices", "negative time limit"}
	type errCase struct {
		form   string
		name   string
		base   func() catchment.TransportProblem
		change change
	}
	tests := []errCase{
		{"geometric", "Start set too", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start = []int32{0, 0, 0} }},
		{"geometric", "School and Cost set too", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) {
			p.School, p.Cost = []int32{}, []float64{}
		}},
		{"geometric", "too few area points", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Areas = p.Areas[:1] }},
		{"geometric", "too many school points", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) {
			p.Schools = append(p.Schools, orb.Point{1, 1})
		}},
		{"geometric", "area points but no school points", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Schools = nil }},
		{"geometric", "NaN area point", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Areas[1][0] = math.NaN() }},
		{"geometric", "NaN school point", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Schools[0][1] = math.NaN() }},
		{"geometric", "infinite school point", geometric, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Schools[0][0] = math.Inf(-1) }},
		{"sparse", "Areas set too", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) {
			p.Areas = []orb.Point{{0, 0}, {1, 1}}
		}},
		{"sparse", "Schools set too", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Schools = []orb.Point{{0, 0}} }},
		{"sparse", "nil Start", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start = nil }},
		{"sparse", "short Start", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start = p.Start[:2] }},
		{"sparse", "long Start", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start = append(p.Start, 2) }},
		{"sparse", "Start not from 0", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) {
			p.Start = []int32{1, 1, 2}
		}},
		{"sparse", "Start past arcs", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start[2] = 3 }},
		{"sparse", "Start short of arcs", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start[2] = 1 }},
		{"sparse", "Start decreasing", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start[1] = -1 }},
		{"sparse", "Start decreasing above", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) {
			p.Start = []int32{0, 3, 2}
			p.School, p.Cost = []int32{0, 0}, []float64{1, 2}
		}},
		{"sparse", "short Cost", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Cost = p.Cost[:1] }},
		{"sparse", "school out of range", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.School[1] = 1 }},
		{"sparse", "negative school", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.School[0] = -1 }},
		{"sparse", "school listed twice", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Start = []int32{0, 2, 2} }},
		{"sparse", "negative cost", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Cost[0] = -1 }},
		{"sparse", "NaN cost", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Cost[1] = math.NaN() }},
		{"sparse", "infinite cost", sparse, func(p *catchment.TransportProblem, _ *catchment.TransportOptions) { p.Cost[0] = math.Inf(1) }},
	}
	for k, c := range both {
		tests = append(tests, errCase{"geometric", bothNames[k], geometric, c}, errCase{"sparse", bothNames[k], sparse, c})
	}
	for _, tc := range tests {
		t.Run(tc.form+"/"+tc.name, func(t *testing.T) {
			p, o := tc.base(), catchment.TransportOptions{Split: true}
			if _, err := catchment.SolveTransport(context.Background(), &p, &o); err != nil {
				t.Fatalf("unchanged problem: %v", err)
			}
			tc.change(&p, &o)
			r, err := catchment.SolveTransport(context.Background(), &p, &o)
			if !errors.Is(err, catchment.ErrBadTransport) {
				t.Fatalf("got %v, want ErrBadTransport", err)
			}
			if r != nil {
				t.Fatal("a result with the error")
			}
		})
	}
	t.Run("nil problem", func(t *testing.T) {
		for _, o := range []*catchment.TransportOptions{nil, {Split: true}} {
			if _, err := catchment.SolveTransport(context.Background(), nil, o); !errors.Is(err, catchment.ErrBadTransport) {
				t.Fatalf("got %v, want ErrBadTransport", err)
			}
		}
	})
}

func TestSolveTransportContext(t *testing.T) {
	in := inst{name: "big", seed: *transportSeed, areas: 4000, schools: 150, k: 8, seats: 0.95, unpl: 50000}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			p, _ := f.build(in, t)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			for _, opt := range []*catchment.TransportOptions{nil, {Split: true}} {
				if _, err := catchment.SolveTransport(ctx, p, opt); !errors.Is(err, context.Canceled) {
					t.Fatalf("cancelled, opt %+v: got %v, want context.Canceled", opt, err)
				}
			}
			dctx, dcancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
			defer dcancel()
			if _, err := catchment.SolveTransport(dctx, p, &catchment.TransportOptions{Split: true}); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("past deadline: got %v, want context.DeadlineExceeded", err)
			}
			for _, split := range []bool{true, false} {
				opt := &catchment.TransportOptions{Split: split, TimeLimit: time.Nanosecond}
				r, err := catchment.SolveTransport(context.Background(), p, opt)
				if err != nil {
					t.Fatal(err)
				}
				if r.Status != catchment.TimeLimit && r.Status != catchment.Optimal {
					t.Fatalf("split=%v: status %v, want time limit or optimal", split, r.Status)
				}
				checkTransport(t, p, r, opt)
				t.Logf("split=%v, 1 ns: status %v, gap %.3g%%, %d paths", split, r.Status, 100*r.Gap, r.Iterations)
			}
		})
	}
}
