package sim

import (
	"fmt"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// plan is the city with the scenario's changes laid out by year.
type plan struct {
	city      *engine.City // a copy whose Schools include new schools
	expand    [][]expansion
	temps     [][]temporary     // per school: its temporary classes
	feeders   [][]engine.Change // per school: its feeders changes (nil: none in the scenario)
	mergeInto []int             // per school: target of its closure, or -1
	swaps     []swap
	zone      []int32 // per school: sharing zone index, or -1

	// convert is each school's conversions in year order (nil without
	// any); catchCity is the city the catchments are drawn on (convert.go).
	convert   [][]engine.Conversion
	catchCity *engine.City
}

type swap struct {
	schools [2]int
	seats   int
	year    engine.Year
}

type expansion struct {
	year    engine.Year
	streams [engine.NumStages]int
	set     bool // a conversion: streams set, rather than added, where not 0
}

// newPlan checks opt.Changes against c with engine.CheckChanges, the one
// check of changes that validation makes too, and lays them out on a copy
// of c. Every problem wraps ErrChange; a plan is made only of changes that
// passed.
func newPlan(c *engine.City, opt *Options) (*plan, error) {
	if err := engine.CheckChanges(c, &opt.Policy, opt.First, opt.Last, opt.Changes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrChange, err)
	}
	p, ids := startPlan(c, opt.Changes)
	p.conversions(opt.Changes, ids)
	for _, ch := range opt.Changes {
		p.apply(ch, ids)
	}
	p.zones()
	p.sortExpansions()
	p.catchCity = p.unionCity()
	return p, nil
}

// startPlan copies c with the changes' new schools appended (so that
// later changes may name them) and returns the empty plan on it with each
// school's index by id.
func startPlan(c *engine.City, changes []engine.Change) (*plan, map[string]int) {
	cc := *c
	cc.Schools = slices.Clone(c.Schools)
	ids := make(map[string]int, len(cc.Schools))
	for i := range cc.Schools {
		ids[cc.Schools[i].ID] = i
	}
	for _, ch := range changes {
		if ns, ok := ch.(engine.NewSchool); ok {
			ids[ns.School.ID] = len(cc.Schools)
			cc.Schools = append(cc.Schools, ns.School)
		}
	}
	p := &plan{city: &cc, expand: make([][]expansion, len(cc.Schools)), mergeInto: make([]int, len(cc.Schools)),
		temps: make([][]temporary, len(cc.Schools))}
	for i := range p.mergeInto {
		p.mergeInto[i] = -1
	}
	return p, ids
}

// apply lays one change, checked by engine.CheckChanges, into the plan.
func (p *plan) apply(ch engine.Change, ids map[string]int) {
	cc := p.city
	switch ch := ch.(type) {
	case engine.Expand:
		s := ids[ch.School]
		e := expansion{year: ch.Year}
		for _, st := range cc.Stages() {
			if p.kind(s, ch.Year).Serves(st) && (ch.Stages == nil || slices.Contains(ch.Stages, st)) {
				e.streams[st] = ch.Streams
			}
		}
		p.expand[s] = append(p.expand[s], e)
	case engine.Close:
		s := ids[ch.School]
		cc.Schools[s].Closes = ch.Year
		if ch.MergeInto != "" {
			p.mergeInto[s] = ids[ch.MergeInto]
		}
	case engine.SeatSwap:
		p.swaps = append(p.swaps, swap{schools: [2]int{ids[ch.Schools[0]], ids[ch.Schools[1]]}, seats: ch.Seats, year: ch.Year})
	case engine.Temporary:
		p.addTemporary(ids[ch.School], ch)
	case engine.Feeders:
		p.addFeeders(ids[ch.School], ch)
	}
}

// zones numbers the sharing zones.
func (p *plan) zones() {
	cc := p.city
	zones := map[string]int32{}
	p.zone = make([]int32, len(cc.Schools))
	for i := range cc.Schools {
		z := cc.Schools[i].SharingZone
		if z == "" {
			p.zone[i] = -1
			continue
		}
		if _, ok := zones[z]; !ok {
			zones[z] = int32(len(zones))
		}
		p.zone[i] = zones[z]
	}
}

// sortExpansions puts each school's expansions in year order, those of one
// year in the scenario's order.
func (p *plan) sortExpansions() {
	for s := range p.expand {
		slices.SortStableFunc(p.expand[s], func(a, b expansion) int { return int(a.year - b.year) })
	}
}

// streams is school s's streams in stage st in year y.
func (p *plan) streams(s int, st engine.Stage, y engine.Year) int {
	if p.convert != nil && !p.serves(s, st, y) {
		return 0 // converted away from the stage (convert.go)
	}
	n := p.city.Schools[s].Streams[st]
	for _, e := range p.expand[s] {
		if e.year <= y {
			n = e.apply(n, st)
		}
	}
	return n
}
