package catchment

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// boundCase is a random geometric problem for the lower bound's test:
// clustered areas and schools on a 10 km square, seats = seats × the
// children in total, the first closed schools without seats.
type boundCase struct {
	name           string
	areas, schools int
	seats          float64 // total seats / total children
	unpl           float64 // cost per unplaced child
	closed         int     // schools without seats
	snap           float64 // grid the points are rounded to (ties); 0 = none
}

var boundCases = []boundCase{
	{name: "tight", areas: 400, schools: 30, seats: 0.8, unpl: 20000},
	{name: "loose", areas: 400, schools: 30, seats: 1.3, unpl: 20000},
	{name: "balanced", areas: 600, schools: 40, seats: 1.0, unpl: 50000},
	{name: "short unplaced cost", areas: 400, schools: 30, seats: 0.9, unpl: 1500},
	{name: "closed schools", areas: 300, schools: 25, seats: 0.9, unpl: 20000, closed: 5},
	{name: "ties on a 500 m grid", areas: 300, schools: 25, seats: 1.0, unpl: 20000, snap: 500},
	{name: "few schools", areas: 200, schools: 5, seats: 0.7, unpl: 20000},
}

// problem draws the case's problem from seed.
func (c boundCase) problem(seed uint64) *TransportProblem {
	r := rand.New(rand.NewPCG(seed, 0xb0))
	centres := make([]orb.Point, 1+r.IntN(4))
	for k := range centres {
		centres[k] = orb.Point{r.Float64() * 10000, r.Float64() * 10000}
	}
	near := func() orb.Point {
		o := centres[r.IntN(len(centres))]
		sd := 300 + r.Float64()*2000
		x, y := o[0]+r.NormFloat64()*sd, o[1]+r.NormFloat64()*sd
		if c.snap > 0 {
			x, y = math.Round(x/c.snap)*c.snap, math.Round(y/c.snap)*c.snap
		}
		return orb.Point{x, y}
	}
	p := &TransportProblem{Supply: make([]int32, c.areas), Capacity: make([]int32, c.schools), Unplaced: c.unpl}
	p.Areas, p.Schools = make([]orb.Point, c.areas), make([]orb.Point, c.schools)
	total := 0
	for i := range p.Areas {
		p.Areas[i] = near()
		p.Supply[i] = int32(r.IntN(40))
		total += int(p.Supply[i])
	}
	for j := range p.Schools {
		p.Schools[j] = near()
		if j >= c.closed {
			share := c.seats * float64(total) / float64(c.schools-c.closed)
			p.Capacity[j] = int32(share * (0.5 + r.Float64()))
		}
	}
	return p
}

// gridBound is LB(π) with w_i from a scan of the grid for every area, as
// lowerBound was before it read the lists: the reference.
func gridBound(s *sspSolver) float64 {
	var lb float64
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		w, _ := s.grid.minPriced(s.prob.Areas[i], s.unplacedCost)
		lb += float64(s.supply[i]) * w
	}
	for j, c := range s.capacity {
		if c > 0 {
			lb -= float64(c) * s.price[j]
		}
	}
	return lb
}

// boundRun is one way of ending a solve before its bound is taken.
type boundRun struct {
	name string
	run  func(s *sspSolver, p *TransportProblem) float64 // returns the result's LowerBound
}

var boundRuns = []boundRun{
	{"split", func(s *sspSolver, p *TransportProblem) float64 {
		return solveWith(s, p, &TransportOptions{Split: true})
	}},
	{"whole", func(s *sspSolver, p *TransportProblem) float64 {
		return solveWith(s, p, &TransportOptions{})
	}},
	{"whole, second solve from the start cache", func(s *sspSolver, p *TransportProblem) float64 {
		s.keepStart = true
		solveWith(s, p, &TransportOptions{})
		return solveWith(s, p, &TransportOptions{})
	}},
	{"interrupted after 3 paths", func(s *sspSolver, p *TransportProblem) float64 {
		return interruptedAfter(s, p, 3)
	}},
	{"interrupted after 40 paths", func(s *sspSolver, p *TransportProblem) float64 {
		return interruptedAfter(s, p, 40)
	}},
}

func solveWith(s *sspSolver, p *TransportProblem, o *TransportOptions) float64 {
	res, err := solveTransport(context.Background(), s, p, o)
	if err != nil {
		panic(err)
	}
	return res.LowerBound
}

// interruptedAfter solves p as if its time limit ran out after k paths:
// the overfull schools are emptied to unplaced (makeFeasible).
func interruptedAfter(s *sspSolver, p *TransportProblem, k int) float64 {
	o := &TransportOptions{Split: true, Tolerance: 1e-4}
	s.reset(p, o)
	s.ctx = context.Background()
	s.start()
	for j := range s.m {
		for s.load[j] > s.capacity[j] && s.paths < k {
			s.paths++
			s.augment(int32(j))
		}
	}
	s.timedOut = true
	s.makeFeasible()
	return s.result().LowerBound
}

// TestLowerBoundFromLists checks that the bound read from the areas'
// lists where their hidden bounds allow it is, bit for bit, the bound of
// a grid scan for every area, at the end of whole, split and interrupted
// solves; and that the lists spare most scans.
func TestLowerBoundFromLists(t *testing.T) {
	const seeds = 12
	for _, c := range boundCases {
		for _, run := range boundRuns {
			t.Run(c.name+"/"+run.name, func(t *testing.T) {
				listed, areas := 0, 0
				for seed := range uint64(seeds) {
					p := c.problem(seed)
					s := new(sspSolver)
					got := run.run(s, p)
					// Bit for bit: the shortcut must not change a single
					// rounding, so no tolerance here.
					if want := gridBound(s); math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("seed %d: bound %v from the lists, %v from the grid", seed, got, want)
					}
					l, a := listedShare(s)
					listed, areas = listed+l, areas+a
				}
				if 2*listed < areas {
					t.Errorf("the lists gave w_i for %d of %d areas; want at least half", listed, areas)
				}
			})
		}
	}
}

// listedShare counts the areas with children whose w_i the lists give,
// and the areas with children.
func listedShare(s *sspSolver) (listed, areas int) {
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		areas++
		if _, ok := s.leastListed(i); ok {
			listed++
		}
	}
	return listed, areas
}

// TestLeastListed checks leastListed on hand-made lists: w_i is the least
// c_ij + π_j over the listed schools with seats (capped at U), trusted
// only when it does not exceed hid[i] by the margin.
func TestLeastListed(t *testing.T) {
	tests := []struct {
		name   string
		arcs   []sspArc
		hid    float64
		wantW  float64
		wantOK bool
	}{
		{"cheapest listed below hid", []sspArc{{school: 0, cost: 300}, {school: 1, cost: 100}}, 500, 100 + 40, true},
		{"cheapest listed above hid", []sspArc{{school: 0, cost: 300}, {school: 1, cost: 100}}, 120, 140, false},
		{"equal to hid: within the margin", []sspArc{{school: 1, cost: 100}}, 140, 140, false},
		{"school without seats is not counted", []sspArc{{school: 2, cost: 10}, {school: 0, cost: 300}}, 500, 300, true},
		{"nothing listed, hid beyond U", nil, math.Inf(1), 1000, true},
		{"nothing listed, hid below U", nil, 900, 1000, false},
		{"listed beyond U", []sspArc{{school: 0, cost: 1200}}, 2000, 1000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &sspSolver{
				unplacedCost: 1000,
				capacity:     []int64{10, 10, 0},
				price:        []float64{0, 40, 0, 0},
				arcs:         [][]sspArc{tt.arcs},
				hiddenBound:  []float64{tt.hid},
			}
			w, ok := s.leastListed(0)
			if math.Float64bits(w) != math.Float64bits(tt.wantW) || ok != tt.wantOK {
				t.Errorf("leastListed = %v, %v; want %v, %v", w, ok, tt.wantW, tt.wantOK)
			}
		})
	}
}

// BenchmarkLowerBound takes the bound at the end of a whole solve, from
// the lists (lowerBound) and from a grid scan for every area (gridBound).
func BenchmarkLowerBound(b *testing.B) {
	for _, c := range []boundCase{
		{name: "2k", areas: 2000, schools: 40, seats: 1.0, unpl: 20000},
		{name: "20k", areas: 20000, schools: 400, seats: 1.0, unpl: 20000},
	} {
		s := new(sspSolver)
		solveWith(s, c.problem(1), &TransportOptions{})
		for _, way := range []struct {
			name  string
			bound func(*sspSolver) float64
		}{{"lists", (*sspSolver).lowerBound}, {"grid", gridBound}} {
			b.Run(c.name+"/"+way.name, func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					way.bound(s)
				}
			})
		}
	}
}
