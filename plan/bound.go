package plan

import (
	"math"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The bound of a multi-period plan: a relaxation of the model solved
// exactly, district by district (or over the city when children may
// cross districts).
//
// The district's shortfall is pooled: g_y entry classes in year y (its
// unplaced entrants rounded up to classes of the largest size). A plan
// meets it with permanent streams P_y in force in year y (P non-decreasing;
// a stream opening in y is decided in y − lead, never before the first
// year) and temporary entry classes T_y ≥ g_y − P_y in every year
// temporary classes can be ready. The relaxation keeps:
//   - the price of a permanent stream at its cheapest: an expansion's
//     stream, or a new school's stream with the school's fixed cost spread
//     over the most streams it may have, at the shorter lead;
//   - the temporary classroom limit, pooled: each school may hold L
//     temporary classrooms, so the classrooms in use in year y, the
//     classes admitted in its last Grades years, are at most L × (the
//     stage's schools open in the district that year + the new schools P_y
//     could hold, P_y over the smallest new school's streams). Since P is
//     non-decreasing, a class admitted in a ≤ y is at least g_a − P_y, so
//     Σ_{a in the window} max(0, g_a − P_y) ≤ cap(y, P_y) is implied by
//     every plan and depends on P_y alone.
//
// It drops the catchments (a school's spare classrooms serve another's
// shortfall), the room and land of each school and the placement of new
// schools. With P_y as the state, a dynamic programme over the years
// solves it exactly: O(years × G²) for a peak of G classes. A year where
// no P_y reachable meets the cap (the shortfall outgrows the limit before
// any stream can open) has its cap dropped, so the bound stays a bound on
// plans that leave such entrants unplaced.

// poolPrices are the prices of the bound: temporary classes as the layer
// rule's, and a permanent stream at its cheapest price and shortest lead.
type poolPrices struct {
	*Prices
	// capOf is the temporary classrooms the district may hold in year y
	// with p permanent streams in force; a negative value: no limit.
	capOf func(y engine.Year, p int) int
}

// poolBound is the least discounted cost of the relaxation for the pooled
// profile classes (entry classes by year from First).
func (pp *poolPrices) poolBound(classes []int) float64 {
	top := maxInt(classes)
	f := make([]float64, top+1) // f[p]: least cost so far with p streams
	for p := 1; p <= top; p++ {
		f[p] = math.Inf(1)
	}
	next := make([]float64, top+1)
	for i := range classes {
		pp.step(f, next, classes, i, true)
		if allInf(next) {
			pp.step(f, next, classes, i, false)
		}
		f, next = next, f
	}
	best := math.Inf(1)
	for _, c := range f {
		best = min(best, c)
	}
	return best
}

// step is year i of the programme: next[p] is the least cost with p
// streams in force in year i, from f, the least costs of year i − 1; with
// capped, states over the classroom cap are +Inf.
func (pp *poolPrices) step(f, next []float64, classes []int, i int, capped bool) {
	y := pp.First + engine.Year(i)
	stream := pp.PermanentStream(y) // +Inf: no stream can open in y
	temp := pp.TemporaryClass(y)    // +Inf: no temporary class is ready
	run := math.Inf(1)              // min over q ≤ p of f[q] − q × stream
	for p := range next {
		if math.IsInf(stream, 1) {
			run = f[p] // no stream opens: p stays as it was
		} else {
			run = min(run, f[p]+float64(p)*-stream)
		}
		c := run
		if !math.IsInf(stream, 1) {
			c += float64(p) * stream
		}
		if short := classes[i] - p; short > 0 && !math.IsInf(temp, 1) {
			c += float64(short) * temp
		}
		if capped && !pp.fits(classes, i, p) {
			c = math.Inf(1)
		}
		next[p] = c
	}
}

// fits reports whether the temporary classes of the window of year i
// (those admitted in its last Grades years), at least the shortfall over p
// streams in each, fit the cap of year i with p streams.
func (pp *poolPrices) fits(classes []int, i, p int) bool {
	y := pp.First + engine.Year(i)
	limit := pp.capOf(y, p)
	if limit < 0 {
		return true
	}
	n := 0
	for a := max(0, i-pp.Grades+1); a <= i; a++ {
		if ya := pp.First + engine.Year(a); !math.IsInf(pp.TemporaryClass(ya), 1) {
			n += max(0, classes[a]-p)
		}
	}
	return n <= limit
}

// allInf reports whether every cost of f is +Inf.
func allInf(f []float64) bool {
	for _, c := range f {
		if !math.IsInf(c, 1) {
			return false
		}
	}
	return true
}

// poolPrices are the bound's prices for pool, the pooled shortfall of
// stage st in run r: a permanent stream at the cheaper of an expansion's
// stream and a new school's (its fixed cost spread over the most streams
// it may have), at the shorter lead, and the classroom cap of the
// district's schools.
func (pl *planner) poolPrices(st engine.Stage, r *scenarios.Result, pool *shortfall) *poolPrices {
	o := pl.o
	p := pl.prices(st)
	p.Stream, p.Lead = pl.newStreamPrice(st), o.Leads.NewSchool
	if o.AllowExpand > 0 {
		p.Stream, p.Lead = min(p.Stream, o.expandCost), min(p.Lead, o.Leads.Expand)
	}
	limit := o.maxTemporary(&pl.s.Policy, st)
	m := pl.smallestNew(st)
	capOf := func(y engine.Year, streams int) int {
		if limit <= 0 {
			return -1
		}
		return limit * (schoolsOpen(r, st, pool.district, y) + streams/m)
	}
	return &poolPrices{Prices: p, capOf: capOf}
}

// newStreamPrice is the least a new school of stage st costs a stream:
// a site costing c for k streams, grown or pruned to n streams, costs
// c + (n − k) × StreamCost, i.e. StreamCost + (c − kStreamCost)/n a
// stream, least at the most streams (c ≥ k StreamCost) or the fewest.
func (pl *planner) newStreamPrice(st engine.Stage) float64 {
	o := pl.o
	most := o.maxStreams(st, pl.s.Policy.ClassSizeFor(&engine.School{}, st))
	fewest := pl.smallestNew(st)
	per := func(c float64, k int) float64 {
		extra := c - float64(k)*o.StreamCost
		if extra >= 0 {
			return o.StreamCost + extra/float64(max(most, k))
		}
		return o.StreamCost + extra/float64(fewest)
	}
	k := o.newStreams(st)
	best := per(o.SchoolCost+float64(k)*o.StreamCost, k)
	for _, c := range o.Candidates {
		if c.Cost > 0 && c.Streams > 0 {
			best = min(best, per(c.Cost, c.Streams))
		}
	}
	return max(best, 0)
}

// smallestNew is the fewest streams a new school of stage st may have: the
// pruning's minimum, or a smaller candidate's size.
func (pl *planner) smallestNew(st engine.Stage) int {
	m := min(pl.o.minStreams(st), pl.o.newStreams(st))
	for _, c := range pl.o.Candidates {
		if c.Streams > 0 {
			m = min(m, c.Streams)
		}
	}
	return max(m, 1)
}

// schoolsOpen is the schools of stage st open in year y in district d (-1:
// the city) in run r.
func schoolsOpen(r *scenarios.Result, st engine.Stage, d int, y engine.Year) int {
	n := 0
	for i := range r.Schools {
		s := &r.Schools[i]
		if s.Kind.Serves(st) && (d < 0 || s.District == d) && s.OpenIn(y) {
			n++
		}
	}
	return n
}
