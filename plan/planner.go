package plan

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

// planner carries the plan through the rounds of Optimize.
type planner struct {
	o   *optSettings
	s   *scenarios.Scenario
	ev  *evaluator
	pr  *Proposal
	ids map[string]bool // school ids taken
	// next numbers the generated ids per stage.
	next    [engine.NumStages]int
	newUsed [engine.NumStages]int
	plan    []*item
	dropped []*item // pruned away
	// cands are the candidate sites: the caller's, or the grid plus the
	// areas short of seats (added as they appear); usedCand marks those
	// built on.
	cands     []Candidate
	candsInit bool
	candArea  map[int]bool
	usedCand  []bool
}

// item is one proposed change while planning.
type item struct {
	stage    engine.Stage
	new      bool
	id, name string
	district int
	point    orb.Point // on the plane
	at       orb.Point // lon/lat, as written
	streams  int       // new: the size; expansion: streams added
	proposed int       // new: the size it was proposed at (siteCost's)
	min      int       // new: the smallest it may be pruned to
	cs       int
	year     engine.Year
	kind     engine.Kind // the school's kind (nine-year expansions name their stage)
	siteCost float64     // new: the candidate's cost for min streams
	// generated marks an id made by newID (renumbered once the plan is
	// final), not a candidate's own.
	generated bool
}

// cost is the item's building cost.
func (it *item) cost(o *optSettings) float64 {
	if it.new {
		return it.siteCost + float64(it.streams-it.proposed)*o.StreamCost
	}
	return float64(it.streams) * o.StreamCost
}

// change is the item as a scenario change.
func (it *item) change() engine.Change {
	if it.new {
		kind := engine.KindPrimary
		if it.stage == engine.Junior {
			kind = engine.KindJunior
		}
		sc := engine.School{ID: it.id, Name: it.name, Kind: kind, District: it.district, Point: it.point, Opens: it.year}
		sc.Streams[it.stage] = it.streams
		return engine.NewSchool{School: sc}
	}
	e := engine.Expand{School: it.id, Streams: it.streams, Year: it.year}
	if it.kind == engine.KindNineYear {
		e.Stages = []engine.Stage{it.stage}
	}
	return e
}

func (pl *planner) changes(skip *item) []engine.Change {
	out := make([]engine.Change, 0, len(pl.plan))
	for _, it := range pl.plan {
		if it != skip && it.streams > 0 {
			out = append(out, it.change())
		}
	}
	return out
}

func (pl *planner) progress(format string, args ...any) {
	if pl.o.Progress != nil {
		pl.o.Progress(fmt.Sprintf(format, args...))
	}
}

// candidates returns the candidate sites, adding the centres of the areas
// short of seats (peak > 0) when the caller gave none.
func (pl *planner) candidates(st engine.Stage, peak []int) []Candidate {
	if !pl.candsInit {
		pl.candsInit = true
		if pl.o.Candidates != nil {
			pl.cands = pl.o.Candidates
		} else {
			pl.cands = GridCandidates(pl.s.City, pl.o.GridSpacing)
			pl.candArea = map[int]bool{}
		}
	}
	if pl.candArea != nil {
		for a, n := range peak {
			if n > 0 && !pl.candArea[a] {
				pl.candArea[a] = true
				ar := &pl.s.City.Areas[a]
				pl.cands = append(pl.cands, Candidate{Point: ar.Point, District: ar.District})
			}
		}
	}
	for len(pl.usedCand) < len(pl.cands) {
		pl.usedCand = append(pl.usedCand, false)
	}
	return pl.cands
}

// planStage runs the solve–simulate rounds of one stage on top of cur, the
// run with the plan so far, and returns the run with the stage's changes.
func (pl *planner) planStage(ctx context.Context, st engine.Stage, cur *scenarios.Result) (*scenarios.Result, error) {
	o := pl.o
	first := engine.Year(0)
	for i := range cur.Stages[st].Years {
		if yr := &cur.Stages[st].Years[i]; yr.Year <= o.target && yr.City.Unplaced > 0 {
			first = yr.Year
			break
		}
	}
	if first == 0 {
		pl.progress("%s: no unplaced entrants up to %d", st, o.target)
		return cur, nil
	}
	openYear, expandYear := first, first
	if o.OpenYear != 0 {
		openYear = o.OpenYear
	}
	if o.ExpandYear != 0 {
		expandYear = o.ExpandYear
	}
	for round := 1; round <= o.Rounds; round++ {
		short := unplacedThrough(cur, st, o.target)
		if short == 0 {
			break
		}
		pl.progress("%s round %d: %d unplaced entrants up to %d", st, round, short, o.target)
		m := pl.buildModel(st, round, cur, openYear, expandYear)
		evals, err := pl.solveModel(ctx, m, o.MaxNew-pl.newUsed[st])
		if err != nil {
			return nil, err
		}
		if pl.apply(m, evals, openYear, expandYear) == 0 {
			pl.progress("%s round %d: no site can seat the children left", st, round)
			break
		}
		if cur, err = pl.ev.run(ctx, pl.changes(nil)); err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// apply adds the chosen solutions to the plan and returns the number of
// changes made.
func (pl *planner) apply(m *model, evals []*groupEval, openYear, expandYear engine.Year) int {
	c := pl.s.City
	added := 0
	for _, ev := range evals {
		if ev == nil {
			continue
		}
		for k, j := range ev.sites {
			if j < 0 || ev.load[k] == 0 {
				continue
			}
			s := &m.sites[j]
			streams := min(s.streams, (ev.load[k]+s.cs-1)/s.cs)
			switch s.kind {
			case siteCandidate:
				cand := &pl.cands[s.cand]
				pl.usedCand[s.cand] = true
				pl.newUsed[m.st]++
				id, generated := cand.ID, false
				if id == "" || pl.ids[id] {
					id, generated = pl.newID(m.st), true
				}
				pl.ids[id] = true
				name := cand.Name
				if name == "" {
					name = fmt.Sprintf("proposed %s school near %s", m.st, pl.nearestAreaName(cand.Point, cand.District))
				}
				at := c.FromPlane(cand.Point)
				at = orb.Point{round6(at[0]), round6(at[1])}
				pl.plan = append(pl.plan, &item{stage: m.st, new: true, id: id, name: name, district: cand.District,
					point: c.LonLatToPlane(at), at: at, streams: s.streams, proposed: s.streams, min: min(s.streams, pl.o.minStreams(m.st)),
					cs: s.cs, year: openYear, siteCost: s.cost, generated: generated})
			case siteGrow:
				pl.plan[s.item].streams += streams
			case siteExpand:
				sc := s.school
				var it *item
				for _, x := range pl.plan {
					if !x.new && x.stage == m.st && x.id == sc.ID {
						it = x
					}
				}
				if it == nil {
					it = &item{stage: m.st, id: sc.ID, name: sc.Name, district: sc.District, point: sc.Point,
						at: c.FromPlane(sc.Point), cs: s.cs, year: expandYear, kind: sc.Kind}
					pl.plan = append(pl.plan, it)
				}
				it.streams += streams
			}
			added++
		}
	}
	return added
}

func (pl *planner) nearestAreaName(p orb.Point, district int) string {
	best, name := math.Inf(1), ""
	for i := range pl.s.City.Areas {
		a := &pl.s.City.Areas[i]
		if a.District != district {
			continue
		}
		if d := math.Hypot(a.Point[0]-p[0], a.Point[1]-p[1]); d < best {
			best, name = d, cmp.Or(a.Name, a.ID)
		}
	}
	return cmp.Or(name, pl.s.City.Districts[district].Name, pl.s.City.Districts[district].ID)
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// score is what pruning compares: the unplaced entrants of the planned
// stages up to the target, and the child-km of an average entry cohort.
type score struct {
	unplaced int
	km       float64
}

func (pl *planner) score(r *scenarios.Result) score {
	var sc score
	for _, st := range pl.pr.Stages {
		sc.unplaced += unplacedThrough(r, st, pl.o.target)
		var sum float64
		years := 0
		for i := range r.Stages[st].Years {
			yr := &r.Stages[st].Years[i]
			if yr.Year > pl.o.target {
				continue
			}
			years++
			metrics.EachAdmission(r.City, r.Schools, yr, func(_, _ int, d engine.Meters, k int) {
				sum += float64(k) * float64(d) / 1000
			})
		}
		if years > 0 {
			sc.km += sum / float64(years)
		}
	}
	return sc
}

// prune drops new schools, then single streams, that the plan can do
// without: no more unplaced entrants, and (MinCost) a saving worth more
// than the distance it adds; under MinDistance new schools stay and
// streams go only when the distance does not grow.
func (pl *planner) prune(ctx context.Context) error {
	if len(pl.plan) == 0 {
		return nil
	}
	r, err := pl.ev.run(ctx, pl.changes(nil))
	if err != nil {
		return err
	}
	cur := pl.score(r)
	worth := func(next score, saved float64) bool {
		if next.unplaced > cur.unplaced {
			return false
		}
		if pl.o.Objective == MinDistance {
			return next.km <= cur.km*(1+1e-9)
		}
		return saved >= pl.o.DistanceCost*(next.km-cur.km)
	}
	try := func(it *item, streams int) (bool, error) {
		old, oldCost := it.streams, it.cost(pl.o)
		it.streams = streams
		r, err := pl.ev.run(ctx, pl.changes(nil))
		if err != nil {
			return false, err
		}
		next := pl.score(r)
		saved := oldCost - it.cost(pl.o)
		if streams == 0 {
			saved = oldCost
		}
		if worth(next, saved) {
			cur = next
			return true, nil
		}
		it.streams = old
		return false, nil
	}
	if pl.o.Objective == MinCost {
		order := slices.Clone(pl.plan)
		slices.SortStableFunc(order, func(a, b *item) int { return cmp.Compare(b.cost(pl.o), a.cost(pl.o)) })
		for _, it := range order {
			if !it.new {
				continue
			}
			ok, err := try(it, 0)
			if err != nil {
				return err
			}
			if ok {
				pl.progress("pruned new school %s", it.id)
			}
		}
	}
	for _, it := range pl.plan {
		floor := 0
		if it.new {
			if it.streams == 0 {
				continue
			}
			floor = it.min
		}
		for it.streams > floor {
			ok, err := try(it, it.streams-1)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
		}
	}
	pl.plan = slices.DeleteFunc(pl.plan, func(it *item) bool {
		if it.streams == 0 {
			pl.dropped = append(pl.dropped, it)
			return true
		}
		return false
	})
	return nil
}

// finish orders the plan, works out each change's effect and runs the
// scenario with and without it.
func (pl *planner) finish(ctx context.Context) error {
	o, pr := pl.o, pl.pr
	stageOrder := func(st engine.Stage) int { return slices.Index(pr.Stages, st) }
	slices.SortStableFunc(pl.plan, func(a, b *item) int {
		if c := cmp.Compare(stageOrder(a.stage), stageOrder(b.stage)); c != 0 {
			return c
		}
		if a.new != b.new {
			if a.new {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.district, b.district)
	})
	// Number the new schools in order, without the gaps pruning left.
	for _, it := range pl.dropped {
		if it.generated {
			delete(pl.ids, it.id)
		}
	}
	for _, it := range pl.plan {
		if it.generated {
			delete(pl.ids, it.id)
		}
	}
	pl.next = [engine.NumStages]int{}
	for _, it := range pl.plan {
		if it.generated {
			it.id = pl.newID(it.stage)
		}
	}
	prev, err := pl.ev.run(ctx, nil)
	if err != nil {
		return err
	}
	var extra []engine.Change
	for _, it := range pl.plan {
		extra = append(extra, it.change())
		next, err := pl.ev.run(ctx, extra)
		if err != nil {
			return err
		}
		pc := ProposedChange{Change: it.change(), Stage: it.stage, School: it.id, Name: it.name, District: it.district,
			New: it.new, Streams: it.streams, Seats: it.streams * it.cs, Year: it.year, Cost: it.cost(o),
			Removed:        unplacedThrough(prev, it.stage, o.target) - unplacedThrough(next, it.stage, o.target),
			DistanceChange: meanDistanceThrough(next, it.stage, o.target) - meanDistanceThrough(prev, it.stage, o.target)}
		if it.new {
			pc.At = it.at
		}
		pr.Changes = append(pr.Changes, pc)
		pr.Cost += pc.Cost
		prev = next
	}
	full := &evaluator{s: pl.s}
	if pr.Before, err = full.run(ctx, nil); err != nil {
		return err
	}
	if pr.After, err = full.run(ctx, extra); err != nil {
		return err
	}
	pr.After.Scenario = pr.Scenario()
	for _, st := range pr.Stages {
		pr.Residual += unplacedThrough(pr.After, st, o.target)
		for i := range pr.Before.Stages[st].Years {
			b := &pr.Before.Stages[st].Years[i]
			u := UnplacedYear{Stage: st, Year: b.Year, Before: b.City.Unplaced}
			if a := pr.After.Stages[st].Year(b.Year); a != nil {
				u.After = a.City.Unplaced
			}
			pr.Unplaced = append(pr.Unplaced, u)
		}
	}
	return nil
}

// Scenario returns the proposal as a scenario: the base with the proposed
// changes added, named Name.
func (p *Proposal) Scenario() *scenarios.Scenario {
	cp := *p.Base
	cp.Name = p.Name
	cp.Base = p.Base.File // the proposal extends the scenario optimised
	cp.Changes = slices.Clip(slices.Clone(p.Base.Changes))
	for _, c := range p.Changes {
		cp.Changes = append(cp.Changes, c.Change)
	}
	return &cp
}
