package plan

import (
	"flag"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

var boundSeed = flag.Uint64("bound-seed", 13, "seed of the bound's brute-force cases")

// boundCase is a small district for the brute force: two schools' shortfall
// profiles (entry classes by year), each school holding at most limit
// temporary classrooms; an expansion stream costs expand (lead leadExpand),
// a new school of newStreams streams costs schoolCost + newStreams ×
// streamCost (lead leadNew) and takes up to newStreams classes a year of
// school 0's shortfall, its own limit temporary classrooms serving school
// 0's catchment too.
type boundCase struct {
	p                               Prices // Stream and Lead unused
	g                               [2][]int
	limit                           int
	expand, schoolCost, streamCost  float64
	leadExpand, leadNew, newStreams int
}

// randomCase draws a case: 4–5 years, 2 or 3 grades, profiles of 0–2
// classes a year.
func randomCase(rng *rand.Rand) *boundCase {
	n := 4 + rng.IntN(2)
	c := &boundCase{limit: 1 + rng.IntN(3), expand: float64(100 + rng.IntN(500)),
		schoolCost: float64(rng.IntN(600)), streamCost: float64(50 + rng.IntN(300)),
		leadExpand: rng.IntN(2), leadNew: rng.IntN(3), newStreams: 1 + rng.IntN(2)}
	c.p = Prices{First: 2025, DiscountRate: []float64{0, 0.05}[rng.IntN(2)], Grades: 2 + rng.IntN(2),
		ClassroomYear: float64(20 + rng.IntN(80)), TemporaryLead: rng.IntN(2)}
	for s := range c.g {
		c.g[s] = make([]int, n)
		for i := range c.g[s] {
			c.g[s][i] = rng.IntN(3)
		}
	}
	return c
}

// bound is the case's bound, as poolPrices builds it: the pooled profile,
// the cheaper stream at the shorter lead, the cap of two schools plus the
// new schools the streams could make.
func (c *boundCase) bound() float64 {
	p := c.p
	p.Stream = min(c.expand, c.streamCost+c.schoolCost/float64(c.newStreams))
	p.Lead = min(c.leadExpand, c.leadNew)
	pooled := make([]int, len(c.g[0]))
	for i := range pooled {
		pooled[i] = c.g[0][i] + c.g[1][i]
	}
	pp := &poolPrices{Prices: &p, capOf: func(_ engine.Year, streams int) int { return c.limit * (2 + streams/c.newStreams) }}
	return pp.poolBound(pooled)
}

// sequences is every non-decreasing sequence of n values from 0 to top
// that rises only in years y with y − lead ≥ first.
func sequences(n, top, lead int) [][]int {
	var out [][]int
	var rec func(seq []int)
	rec = func(seq []int) {
		if len(seq) == n {
			out = append(out, append([]int(nil), seq...))
			return
		}
		lo := 0
		if len(seq) > 0 {
			lo = seq[len(seq)-1]
		}
		hi := top
		if len(seq) < lead {
			hi = lo // nothing opens before it can be decided
		}
		for v := lo; v <= hi; v++ {
			rec(append(seq, v))
		}
	}
	rec(nil)
	return out
}

// optimum is the least cost of a plan of the case, by enumeration: every
// expansion sequence at each school and every opening year of the new
// school (or none); temporary classes meet the rest where they can be
// ready, within the classroom limits. ok is false when no plan fits.
func (c *boundCase) optimum() (best float64, ok bool) {
	n := len(c.g[0])
	seqs := sequences(n, 2, c.leadExpand)
	best = math.Inf(1)
	for open := -1; open < n; open++ { // -1: no new school
		if open >= 0 && open < c.leadNew {
			continue
		}
		for _, e0 := range seqs {
			for _, e1 := range seqs {
				if cost, fits := c.planCost(open, [2][]int{e0, e1}); fits {
					best = min(best, cost)
				}
			}
		}
	}
	return best, !math.IsInf(best, 1)
}

// planCost is the cost of one plan, and whether it keeps the limits.
func (c *boundCase) planCost(open int, e [2][]int) (float64, bool) {
	p := &c.p
	cost := 0.0
	if open >= 0 {
		cost += (c.schoolCost + float64(c.newStreams)*c.streamCost) * p.discount(p.First+engine.Year(open-c.leadNew))
	}
	for s := range e {
		temps := make([]int, len(e[s]))
		prev := 0
		for i, v := range e[s] {
			y := p.First + engine.Year(i)
			cost += float64(v-prev) * c.expand * p.discount(y-engine.Year(c.leadExpand))
			prev = v
			seats := v
			if s == 0 && open >= 0 && i >= open {
				seats += c.newStreams
			}
			if tc := p.TemporaryClass(y); !math.IsInf(tc, 1) {
				temps[i] = max(0, c.g[s][i]-seats)
				cost += float64(temps[i]) * tc
			}
		}
		if !c.withinLimit(temps, s == 0, open) {
			return 0, false
		}
	}
	return cost, true
}

// withinLimit checks a catchment's temporary classes against the
// classrooms its school (and, for school 0, the new school once open) may
// hold.
func (c *boundCase) withinLimit(temps []int, first bool, open int) bool {
	for i := range temps {
		limit := c.limit
		if first && open >= 0 && i >= open {
			limit *= 2
		}
		n := 0
		for a := max(0, i-c.p.Grades+1); a <= i; a++ {
			n += temps[a]
		}
		if n > limit {
			return false
		}
	}
	return true
}

// TestPoolBoundBruteForce checks the bound against the best plan found by
// enumeration on small random districts: it is never above it.
func TestPoolBoundBruteForce(t *testing.T) {
	t.Logf("seed %d (-bound-seed to change)", *boundSeed)
	rng := rand.New(rand.NewPCG(*boundSeed, 0))
	compared, tight := 0, 0
	for k := range 300 {
		c := randomCase(rng)
		opt, ok := c.optimum()
		b := c.bound()
		if !ok {
			continue
		}
		compared++
		if b > opt+1e-6 {
			t.Errorf("case %d %+v: bound %.4f over the optimum %.4f", k, c, b, opt)
		}
		if math.Abs(b-opt) < 1e-6 {
			tight++
		}
	}
	t.Logf("%d cases with a plan; the bound is exact in %d", compared, tight)
	if compared < 100 {
		t.Errorf("only %d of 300 cases have a plan: the test checks too little", compared)
	}
}

// A hand-computed bound: one district of one school holding 2 temporary
// classrooms, junior (3 grades), 3 classes short in 2026–2029; a
// temporary class costs 120, a stream 600 a year ahead, no discounting.
func TestPoolBoundHand(t *testing.T) {
	p := Prices{First: 2025, Grades: 3, ClassroomYear: 40, Stream: 600, Lead: 1}
	tests := []struct {
		name  string
		limit int // -1: none
		want  float64
	}{
		// No limit: each of the 3 layers leases its 4 years, 480 < 600.
		{"no limit leases", -1, 3 * 480},
		// 2 classrooms: with p streams in force in year y, the classes
		// admitted in y's window (1, 2, then 3 years of need in 2026,
		// 2027, 2028) are at least that many times 3 − p, within 2 only
		// for p ≥ 1 in 2026, p ≥ 2 in 2027 and p = 3 from 2028. Three
		// streams from 2026 (1800) beat phasing them in (1800 and three
		// classes leased, 2160).
		{"limit of 2 builds", 2, 1800},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pp := &poolPrices{Prices: &p, capOf: func(engine.Year, int) int { return tt.limit }}
			if got := pp.poolBound([]int{0, 3, 3, 3, 3, 0}); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("bound %v, want %v", got, tt.want)
			}
		})
	}
}
