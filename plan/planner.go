package plan

import (
	"cmp"
	"context"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
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
	// phaseW weighs the layer rule's prices by the phase they are
	// committed in (phase budgets; nil: true prices).
	phaseW phaseWeights
	// walk is each stage's table of walks (policy distance network).
	walk [engine.NumStages]*stageWalks
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
	// temp marks temporary classrooms: streams extra entry classes in
	// each entry year from year to to, for grades years each.
	temp   bool
	to     engine.Year
	grades int
	// lead is the years from deciding the change to year (multi-period);
	// layered marks the items of the layer rule (temporary classrooms and
	// expansions it chose), laid out again around new schools.
	lead    int
	layered bool
}

// cost is the item's building cost.
func (it *item) cost(o *optSettings) float64 {
	switch {
	case it.temp:
		return float64(it.classroomYears()) * o.TemporaryCost
	case !it.new && o.MultiPeriod:
		return float64(it.streams) * o.expandCost
	case it.new:
		return it.siteCost + float64(it.streams-it.proposed)*o.StreamCost
	}
	return float64(it.streams) * o.StreamCost
}

// changesOf is the item as scenario changes: in multi-period planning with
// its cost and lead time.
func (pl *planner) changesOf(it *item) []engine.Change {
	if it.temp {
		return pl.temporaryChanges(it)
	}
	c := it.change()
	if pl.o.MultiPeriod {
		c = engine.WithProgramme(c, engine.Programme{Cost: it.cost(pl.o), CostGiven: true, LeadTime: it.lead})
	}
	return []engine.Change{c}
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
			out = append(out, pl.changesOf(it)...)
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
	first := firstShortYear(cur, st, o.target)
	if first == 0 {
		pl.progress("%s: no unplaced entrants up to %d", st, o.target)
		return cur, nil
	}
	openYear, expandYear := cmp.Or(o.OpenYear, first), cmp.Or(o.ExpandYear, first)
	for round := 1; round <= o.Rounds; round++ {
		short := unplacedThrough(cur, st, o.target)
		if short == 0 {
			break
		}
		pl.progress("%s round %d: %d unplaced entrants up to %d", st, round, short, o.target)
		next, err := pl.round(ctx, st, round, cur, openYear, expandYear)
		if err != nil {
			return nil, err
		}
		if next == nil {
			break
		}
		cur = next
	}
	return cur, nil
}

// firstShortYear is the first year up to target with unplaced entrants of
// stage st in r, or 0.
func firstShortYear(r *scenarios.Result, st engine.Stage, target engine.Year) engine.Year {
	for i := range r.Stages[st].Years {
		if yr := &r.Stages[st].Years[i]; yr.Year <= target && yr.City.Unplaced > 0 {
			return yr.Year
		}
	}
	return 0
}

// round runs one solve–simulate round of stage st on top of cur: it lays
// out the model, solves it, adds the solution to the plan and runs the
// scenario with it. It returns nil when no site can seat the children
// left.
func (pl *planner) round(ctx context.Context, st engine.Stage, round int, cur *scenarios.Result, openYear, expandYear engine.Year) (*scenarios.Result, error) {
	if err := pl.prepareWalks(ctx, st, cur); err != nil {
		return nil, err
	}
	m := pl.buildModel(st, round, cur, openYear, expandYear)
	evals, err := pl.solveModel(ctx, m, pl.o.MaxNew-pl.newUsed[st])
	if err != nil {
		return nil, err
	}
	if pl.apply(m, evals, openYear, expandYear) == 0 {
		pl.progress("%s round %d: no site can seat the children left", st, round)
		return nil, nil
	}
	return pl.ev.run(ctx, pl.changes(nil))
}

// apply adds the chosen solutions to the plan and returns the number of
// changes made.
func (pl *planner) apply(m *model, evals []*groupEval, openYear, expandYear engine.Year) int {
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
				pl.addNewSchool(m.st, s, openYear)
			case siteGrow:
				pl.plan[s.item].streams += streams
			case siteExpand:
				pl.expansion(m.st, s, expandYear).streams += streams
			}
			added++
		}
	}
	return added
}

// addNewSchool adds to the plan a new school of stage st at candidate site
// s, opening in openYear, with the candidate's id and name or generated
// ones.
func (pl *planner) addNewSchool(st engine.Stage, s *site, openYear engine.Year) {
	c := pl.s.City
	cand := &pl.cands[s.cand]
	pl.usedCand[s.cand] = true
	pl.newUsed[st]++
	id, generated := cand.ID, false
	if id == "" || pl.ids[id] {
		id, generated = pl.newID(st), true
	}
	pl.ids[id] = true
	name := cand.Name
	if name == "" {
		name = fmt.Sprintf("proposed %s school near %s", st, pl.nearestAreaName(cand.Point, cand.District))
	}
	at := c.FromPlane(cand.Point)
	at = orb.Point{round6(at[0]), round6(at[1])}
	pl.plan = append(pl.plan, &item{stage: st, new: true, id: id, name: name, district: cand.District,
		point: c.LonLatToPlane(at), at: at, streams: s.streams, proposed: s.streams, min: min(s.streams, pl.o.minStreams(st)),
		cs: s.cs, year: openYear, siteCost: s.cost, generated: generated})
}

// expansion is the plan's expansion of the school of site s in stage st,
// added (with no streams yet, taking effect in expandYear) if the plan has
// none.
func (pl *planner) expansion(st engine.Stage, s *site, expandYear engine.Year) *item {
	sc := s.school
	var it *item
	for _, x := range pl.plan {
		if !x.new && x.stage == st && x.id == sc.ID {
			it = x
		}
	}
	if it == nil {
		it = &item{stage: st, id: sc.ID, name: sc.Name, district: sc.District, point: sc.Point,
			at: pl.s.City.FromPlane(sc.Point), cs: s.cs, year: expandYear, kind: sc.Kind}
		pl.plan = append(pl.plan, it)
	}
	return it
}

// nearestAreaName names the area of the district nearest to p, for the
// name of a new school; the district's name when it has no area.
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
