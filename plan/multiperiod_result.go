package plan

import (
	"math"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// MultiPeriod is what a multi-period plan adds to its proposal: the prices
// and lead times it used, its discounted cost, the bound it proves and the
// choice made in each district.
type MultiPeriod struct {
	DiscountRate float64
	Leads        Leads
	// TemporaryCost is a temporary classroom's cost per year, ExpandCost
	// a stream added to an existing school; MaxTemporary the temporary
	// classrooms a school may hold by stage (0: no limit).
	TemporaryCost, ExpandCost float64
	MaxTemporary              [engine.NumStages]int
	// Cost is the plan's cost discounted to the scenario's first year:
	// each new school and expansion paid in the year it is decided, each
	// temporary classroom in each year it is used. It is the upper bound.
	Cost float64
	// Bound is a lower bound on the cost of any plan of the model: each
	// district's shortfall pooled (the catchments, room and land relaxed,
	// the temporary classroom limit pooled over the district's schools),
	// met by temporary classes and permanent streams at the cheapest
	// price a stream can have (a new school's fixed cost spread over its
	// most streams) and the shortest lead, solved exactly (bound.go). Gap
	// is (Cost − Bound) / Cost (0 when Cost is).
	Bound, Gap float64
	// Districts explains the choice in each district short of seats.
	Districts []DistrictChoice
}

// DistrictChoice is what the plan does in one district and stage, and the
// costs that decided it.
type DistrictChoice struct {
	Stage engine.Stage
	// District is an index into the city's districts; -1 for the whole
	// city, pooled when children may be seated across districts.
	District int
	// Before the plan: the most entrants unplaced in a year (Peak, in
	// PeakYear; PeakClasses in entry classes) and the first and last year
	// any are.
	Peak, PeakClasses int
	PeakYear          engine.Year
	From, To          engine.Year
	// The plan: temporary entry classes and the classroom-years they use,
	// streams added to schools, new schools and their streams.
	TemporaryClasses, ClassroomYears int
	ExpandStreams                    int
	NewSchools, NewStreams           int
	// Discounted costs: Cost the plan's changes in the district;
	// Temporary temporary classes alone for each school's catchment's
	// shortfall in classes (no limit: the layer rule's alternative);
	// Permanent building for the peak (new schools opening as early as
	// their lead time allows, temporary classes before); Bound the
	// district's share of MultiPeriod.Bound.
	Cost, Temporary, Permanent, Bound float64
}

// Choice names what the plan does in the district: "temporary",
// "expand", "new school", a mix joined by "+", or "none".
func (d *DistrictChoice) Choice() string {
	s := ""
	for _, part := range []struct {
		n    int
		name string
	}{{d.TemporaryClasses, "temporary"}, {d.ExpandStreams, "expand"}, {d.NewSchools, "new school"}} {
		if part.n == 0 {
			continue
		}
		if s != "" {
			s += " + "
		}
		s += part.name
	}
	if s == "" {
		return "none"
	}
	return s
}

// districtBounds pools the shortfall of stage st in run r by district (or
// over the city when children may cross districts) and works out, for
// each, the costs of temporary classes alone (catchment by catchment), of
// building for the peak and the bound (pooled).
func (pl *planner) districtBounds(r *scenarios.Result, st engine.Stage) []DistrictChoice {
	pools := map[int]*shortfall{}
	leased := map[int]float64{}
	var order []int
	for _, sf := range shortfalls(r, &pl.s.Policy, st, pl.o.target) {
		d := sf.district
		if pl.crossDistrict() {
			d = -1
		}
		leased[d] += pl.leaseAll(st, sf.classes())
		if pools[d] == nil {
			pools[d] = &shortfall{school: -1, district: d, unplaced: make([]int, len(sf.unplaced))}
			order = append(order, d)
		}
		pool := pools[d]
		pool.cs = max(pool.cs, sf.cs)
		for i, u := range sf.unplaced {
			pool.unplaced[i] += u
		}
	}
	slices.Sort(order)
	out := make([]DistrictChoice, 0, len(order))
	for _, d := range order {
		dc := pl.districtCosts(st, r, pools[d])
		dc.Temporary = leased[d]
		out = append(out, dc)
	}
	return out
}

// leaseAll is the discounted cost of temporary classes for every class of
// a shortfall profile in stage st, where they can be had.
func (pl *planner) leaseAll(st engine.Stage, classes []int) float64 {
	c := 0.0
	for _, cv := range pl.prices(st).cover(classes, 0, 0, false) {
		c += cv.TemporaryCost
	}
	return c
}

// districtCosts is the district choice of one pooled shortfall of run r,
// before the plan: its peak and years, and the costs that decide.
func (pl *planner) districtCosts(st engine.Stage, r *scenarios.Result, pool *shortfall) DistrictChoice {
	first := pl.s.First
	dc := DistrictChoice{Stage: st, District: pool.district, Peak: pool.peak()}
	classes := pool.classes()
	for i, u := range pool.unplaced {
		y := first + engine.Year(i)
		if u > 0 && dc.From == 0 {
			dc.From = y
		}
		if u > 0 {
			dc.To = y
		}
		if u == dc.Peak && dc.PeakYear == 0 && u > 0 {
			dc.PeakYear, dc.PeakClasses = y, classes[i]
		}
	}
	dc.Bound = pl.poolPrices(st, r, pool).poolBound(classes)
	dc.Permanent = pl.buildForPeak(st, classes, dc.PeakClasses)
	return dc
}

// buildForPeak is the discounted cost of building for the peak: new
// schools of the default size for peak classes, opening in the first year
// short or as soon as their lead time allows, with temporary classes in
// the years before.
func (pl *planner) buildForPeak(st engine.Stage, classes []int, peak int) float64 {
	o := pl.o
	p := pl.prices(st)
	first := pl.s.First
	open := first + engine.Year(o.Leads.NewSchool)
	for i, g := range classes {
		if g > 0 {
			open = max(open, first+engine.Year(i))
			break
		}
	}
	schools := (peak + o.newStreams(st) - 1) / o.newStreams(st)
	cost := (float64(schools)*o.SchoolCost + float64(peak)*o.StreamCost) * p.discount(open-engine.Year(o.Leads.NewSchool))
	for i, g := range classes {
		if y := first + engine.Year(i); y < open && g > 0 {
			if c := p.TemporaryClass(y); !math.IsInf(c, 1) {
				cost += float64(g) * c
			}
		}
	}
	return cost
}

// discounted is item it's cost discounted to the scenario's first year:
// a temporary classroom in each year it is used, anything else in the
// year it is decided.
func (pl *planner) discounted(it *item) float64 {
	p := pl.prices(it.stage)
	if !it.temp {
		return it.cost(pl.o) * p.discount(it.year-engine.Year(it.lead))
	}
	c := 0.0
	for e := it.year; e <= it.to; e++ {
		for t := e; t < e+engine.Year(it.grades); t++ {
			c += float64(it.streams) * pl.o.TemporaryCost * p.discount(t)
		}
	}
	return c
}

// explain fills in what the plan does in each district and its
// discounted cost, and the plan's cost, bound and gap.
func (pl *planner) explain() {
	mp := pl.pr.MultiPeriod
	for i := range mp.Districts {
		d := &mp.Districts[i]
		for j := range pl.pr.Changes {
			ch := &pl.pr.Changes[j]
			if ch.Stage == d.Stage && (d.District < 0 || ch.District == d.District) {
				d.add(ch)
			}
		}
		mp.Bound += d.Bound
	}
	for j := range pl.pr.Changes {
		mp.Cost += pl.pr.Changes[j].Discounted
	}
	if mp.Cost > 0 {
		mp.Gap = max(0, (mp.Cost-mp.Bound)/mp.Cost)
	}
}

// add counts change ch in the district's choice.
func (d *DistrictChoice) add(ch *ProposedChange) {
	d.Cost += ch.Discounted
	switch {
	case ch.Temporary:
		d.TemporaryClasses += ch.Streams * int(ch.To-ch.Year+1)
		d.ClassroomYears += ch.ClassroomYears
	case ch.New:
		d.NewSchools++
		d.NewStreams += ch.Streams
	default:
		d.ExpandStreams += ch.Streams
	}
}

// maxInt is the largest of xs (0 for none).
func maxInt(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
