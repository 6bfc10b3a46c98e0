package plan

import (
	"context"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Multi-period planning (OptimizeOptions.MultiPeriod): the layer rule
// decides when and whether each catchment's shortfall is met by temporary
// classrooms or by streams added to its school; what neither can meet (no
// school, no room, no land, over the temporary classroom limit) goes to the
// capacitated p-median for new schools, opening once their lead time
// allows, and the layer rule is laid out again around them.

// proposeMulti plans every stage on top of base, the run without the plan,
// then works out the proposal, its discounted cost, the bound and the
// choice of each district.
func (pl *planner) proposeMulti(ctx context.Context, base *scenarios.Result) error {
	mp := &MultiPeriod{DiscountRate: pl.o.DiscountRate, Leads: pl.o.Leads, TemporaryCost: pl.o.TemporaryCost,
		ExpandCost: pl.o.expandCost}
	for _, st := range pl.pr.Stages {
		mp.MaxTemporary[st] = pl.o.maxTemporary(&pl.s.Policy, st)
	}
	pl.pr.MultiPeriod = mp
	cur := base
	var err error
	for _, st := range pl.pr.Stages {
		mp.Districts = append(mp.Districts, pl.districtBounds(cur, st)...)
		if cur, err = pl.multiStage(ctx, st, cur); err != nil {
			return err
		}
	}
	if !pl.o.KeepAll {
		if err := pl.prune(ctx); err != nil {
			return err
		}
	}
	if err := pl.finish(ctx); err != nil {
		return err
	}
	pl.explain()
	return nil
}

// multiStage plans stage st on top of cur: the layer rule, then new
// schools for what it leaves, then the layer rule again around them, for
// up to Rounds rounds of new schools.
func (pl *planner) multiStage(ctx context.Context, st engine.Stage, cur *scenarios.Result) (*scenarios.Result, error) {
	for round := 1; ; round++ {
		next, short, err := pl.layerRounds(ctx, st, cur)
		if err != nil || !short || round > pl.o.Rounds || pl.newUsed[st] >= pl.o.MaxNew {
			return next, err
		}
		open := max(firstShortYear(next, st, pl.o.target), pl.s.First+engine.Year(pl.o.Leads.NewSchool))
		if open > pl.o.target {
			return next, nil
		}
		pl.progress("%s: new schools from %d for what temporary classrooms and expansions cannot meet", st, open)
		grown, err := pl.round(ctx, st, round, next, open, open)
		if err != nil || grown == nil {
			return next, err
		}
		pl.setLeads(st)
		pl.dropLayerItems(st)
		if cur, err = pl.ev.run(ctx, pl.changes(nil)); err != nil {
			return nil, err
		}
	}
}

// setLeads gives the new schools and expansions of stage st the p-median
// added their lead times.
func (pl *planner) setLeads(st engine.Stage) {
	for _, it := range pl.plan {
		if it.stage == st && !it.layered && it.lead == 0 {
			it.lead = pl.o.Leads.Expand
			if it.new {
				it.lead = pl.o.Leads.NewSchool
			}
		}
	}
}

// dropLayerItems takes the layer rule's items of stage st out of the plan,
// to be laid out again.
func (pl *planner) dropLayerItems(st engine.Stage) {
	pl.plan = slices.DeleteFunc(pl.plan, func(it *item) bool { return it.stage == st && it.layered })
}

// layerRounds meets the shortfall of stage st in run cur by the layer
// rule, simulating after each round, for up to Rounds rounds; it returns
// the last run and whether entrants are still unplaced.
func (pl *planner) layerRounds(ctx context.Context, st engine.Stage, cur *scenarios.Result) (*scenarios.Result, bool, error) {
	for round := 1; round <= pl.o.Rounds; round++ {
		short := unplacedThrough(cur, st, pl.o.target)
		if short == 0 {
			return cur, false, nil
		}
		pl.progress("%s layer round %d: %d unplaced entrants up to %d", st, round, short, pl.o.target)
		added := 0
		for _, sf := range shortfalls(cur, &pl.s.Policy, st, pl.o.target) {
			added += pl.coverCatchment(st, cur, &sf)
		}
		if added == 0 {
			return cur, true, nil
		}
		var err error
		if cur, err = pl.ev.run(ctx, pl.changes(nil)); err != nil {
			return nil, false, err
		}
	}
	return cur, unplacedThrough(cur, st, pl.o.target) > 0, nil
}

// coverCatchment meets one school's shortfall by the layer rule and adds
// the temporary classrooms and expansions to the plan; it returns the
// number of items added.
func (pl *planner) coverCatchment(st engine.Stage, cur *scenarios.Result, sf *shortfall) int {
	if sf.school < 0 {
		return 0
	}
	sc := &cur.Schools[sf.school]
	p := pl.prices(st)
	p.weight = pl.phaseW.weight(pl.s.Phases)
	room := pl.expandRoom(st, sc, sf.cs)
	limit, limited := pl.temporaryLeft(st, sc.ID)
	covers := p.cover(sf.classes(), room, limit, limited)
	return pl.addCovers(st, sc, sf.cs, covers)
}

// prices are the layer rule's prices for an expansion of stage st.
func (pl *planner) prices(st engine.Stage) *Prices {
	o := pl.o
	return &Prices{First: pl.s.First, DiscountRate: o.DiscountRate, Grades: o.system.Grades(st),
		ClassroomYear: o.TemporaryCost, Stream: o.expandCost, Lead: o.Leads.Expand, TemporaryLead: o.Leads.Temporary}
}

// addCovers adds the covers of school sc's layers to the plan: one
// expansion per opening year, one temporary item per run of entry years.
func (pl *planner) addCovers(st engine.Stage, sc *engine.School, cs int, covers []Cover) int {
	opens := map[engine.Year]int{}
	runs := map[[2]engine.Year]int{}
	for _, c := range covers {
		if c.Open != 0 {
			opens[c.Open]++
		}
		for _, r := range pl.splitRuns(temporaryRuns(c.Temporary)) {
			runs[r]++
		}
	}
	n := 0
	for _, y := range sortedKeys(opens) {
		it := pl.schoolItem(st, sc, cs, y)
		it.streams, it.lead = opens[y], pl.o.Leads.Expand
		n++
	}
	for _, r := range sortedRuns(runs) {
		it := pl.schoolItem(st, sc, cs, r[0])
		it.temp, it.to, it.grades, it.streams, it.lead = true, r[1], pl.o.system.Grades(st), runs[r], pl.o.Leads.Temporary
		n++
	}
	return n
}

// schoolItem adds to the plan an item of the layer rule at school sc from
// year y, and returns it.
func (pl *planner) schoolItem(st engine.Stage, sc *engine.School, cs int, y engine.Year) *item {
	it := &item{stage: st, id: sc.ID, name: sc.Name, district: sc.District, point: sc.Point,
		at: pl.s.City.FromPlane(sc.Point), cs: cs, year: y, kind: sc.Kind, layered: true}
	pl.plan = append(pl.plan, it)
	return it
}

// sortedKeys is the years of m in order.
func sortedKeys(m map[engine.Year]int) []engine.Year {
	out := make([]engine.Year, 0, len(m))
	for y := range m {
		out = append(out, y)
	}
	slices.Sort(out)
	return out
}

// sortedRuns is the runs of m in order of first, then last year.
func sortedRuns(m map[[2]engine.Year]int) [][2]engine.Year {
	out := make([][2]engine.Year, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b [2]engine.Year) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	return out
}
