package plan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The placement model of one round of one stage: the children short of
// seats as demand points, and the places seats can be added as sites.

// chunk is a demand point: some children of one area.
type chunk struct {
	area     int
	children int
	// early children are short before the new schools open: only
	// expansions (in force by then) can seat them.
	early bool
}

type siteKind int

const (
	siteExpand    siteKind = iota // an existing school with room to add streams (fixed)
	siteGrow                      // a proposed new school that may grow (fixed)
	siteCandidate                 // a candidate site for a new school
)

// site is a place seats can be added.
type site struct {
	kind     siteKind
	school   *engine.School // siteExpand: the school (of the round's run)
	index    int            // siteExpand, siteGrow: index into the run's Schools; -1 for a candidate
	item     int            // siteGrow: index into planner.plan
	cand     int            // siteCandidate: index into the candidates
	point    orb.Point
	district int
	cs       int // class size
	streams  int // siteCandidate: the school's size; else the streams that may be added
	early    bool
	cost     float64 // siteCandidate: the building cost
}

func (s *site) capacity() int { return s.streams * s.cs }

// model is the whole round: every chunk and site, and the groups of
// districts solved apart.
type model struct {
	st     engine.Stage
	round  int
	chunks []chunk
	sites  []site
	groups []group
	// base is each area's base school in the target year (an index into
	// the run's Schools, -1 for none) and baseDist the distance to it.
	base     []int32
	baseDist []float64
}

// group is a set of districts that share no children with the others.
type group struct {
	districts []int
	chunks    []int // into model.chunks
	sites     []int // into model.sites (those some chunk of the group may use)
	demand    int
	// evaluations by p
	evals map[int]*groupEval
}

// candidatesPerArea is how many of the nearest candidate sites of each area
// short of seats enter the model.
const candidatesPerArea = 24

// unseatedPenalty is the value, across P, of a child left without a seat:
// more than any building cost.
const unseatedPenalty = 1e12

// groupEval is the solution of a group with p new schools.
type groupEval struct {
	p int
	// obj is the value across p: building costs and weighted distance,
	// plus unseatedPenalty per child left unseated.
	obj      float64
	unserved int
	rec      int   // index into Proposal.Solves
	load     []int // children seated per problem site
	sites    []int // the problem's sites (into model.sites), the unseated last (-1)
}

// areaDemand is each area's peak shortfall up to the target year, and the
// peak before the new schools open.
func areaDemand(r *scenarios.Result, st engine.Stage, target, openYear engine.Year) (peak, early []int) {
	n := len(r.City.Areas)
	peak, early = make([]int, n), make([]int, n)
	for i := range r.Stages[st].Years {
		yr := &r.Stages[st].Years[i]
		if yr.Year > target {
			continue
		}
		for a := 0; a < n; a++ {
			u := int(yr.AreaEntrants[a] - yr.AreaAdmitted[a])
			peak[a] = max(peak[a], u)
			if yr.Year < openYear {
				early[a] = max(early[a], u)
			}
		}
	}
	return peak, early
}

// buildModel lays out the round's demand and sites.
func (pl *planner) buildModel(st engine.Stage, round int, cur *scenarios.Result, openYear, expandYear engine.Year) *model {
	o := pl.o
	m := &model{st: st, round: round}
	peak, early := areaDemand(cur, st, o.target, openYear)
	chunkSize := pl.s.Policy.ClassSizeFor(&engine.School{}, st)
	for a := range peak {
		e := min(early[a], peak[a])
		for _, part := range []struct {
			n     int
			early bool
		}{{e, true}, {peak[a] - e, false}} {
			for left := part.n; left > 0; left -= chunkSize {
				m.chunks = append(m.chunks, chunk{area: a, children: min(left, chunkSize), early: part.early})
			}
		}
	}
	if len(m.chunks) == 0 {
		return m
	}
	// Expansion sites: the stage's schools open in the target year.
	tyr := cur.Stages[st].Year(o.target)
	m.base = make([]int32, len(peak))
	m.baseDist = make([]float64, len(peak))
	for a := range peak {
		m.base[a], m.baseDist[a] = -1, math.Inf(1)
		if tyr != nil && tyr.Assign != nil && tyr.Assign.School[a] >= 0 {
			m.base[a], m.baseDist[a] = tyr.Assign.School[a], float64(tyr.Assign.Dist[a])
		}
	}
	growing := map[string]int{} // proposed new schools by id
	for k, it := range pl.plan {
		if it.new && it.stage == st {
			growing[it.id] = k
		}
	}
	expanded := map[string]int{}
	for _, it := range pl.plan {
		if !it.new && it.stage == st {
			expanded[it.id] += it.streams
		}
	}
	if tyr != nil {
		for _, row := range tyr.Schools {
			sc := &cur.Schools[row.School]
			cs := pl.s.Policy.ClassSizeFor(sc, st)
			room := o.maxStreams(st, cs) - row.Streams
			sit := site{point: sc.Point, district: sc.District, cs: cs, index: row.School}
			if k, ok := growing[sc.ID]; ok {
				sit.kind, sit.item, sit.streams = siteGrow, k, room
			} else {
				sit.kind, sit.school = siteExpand, sc
				sit.streams = min(room, o.AllowExpand-expanded[sc.ID])
				sit.early = expandYear < openYear && sc.OpenIn(expandYear)
			}
			if sit.streams > 0 {
				m.sites = append(m.sites, sit)
			}
		}
	}
	// Candidate sites for new schools, when any may still be built: the
	// candidatesPerArea nearest within reach of each area short of seats
	// after the schools open (a p-median school sits near its children;
	// the far ones only slow the search).
	if pl.newUsed[st] < o.MaxNew {
		cands := pl.candidates(st, peak)
		keep := make([]bool, len(cands))
		type near struct {
			k int
			d float64
		}
		var buf []near
		for a := range peak {
			if peak[a]-min(early[a], peak[a]) <= 0 {
				continue
			}
			buf = buf[:0]
			for k := range cands {
				cand := &cands[k]
				if pl.usedCand[k] || (cand.Stage != nil && *cand.Stage != st) {
					continue
				}
				if d, ok := pl.reach(m, a, &site{kind: siteCandidate, index: -1, point: cand.Point, district: cand.District}); ok {
					buf = append(buf, near{k, float64(d)})
				}
			}
			slices.SortFunc(buf, func(x, y near) int { return cmp.Or(cmp.Compare(x.d, y.d), cmp.Compare(x.k, y.k)) })
			for _, nb := range buf[:min(len(buf), candidatesPerArea)] {
				keep[nb.k] = true
			}
		}
		cs := pl.s.Policy.ClassSizeFor(&engine.School{}, st)
		for k := range cands {
			if !keep[k] {
				continue
			}
			cand := &cands[k]
			streams := cand.Streams
			if streams == 0 {
				streams = o.newStreams(st)
			}
			cost := cand.Cost
			if cost == 0 {
				cost = o.SchoolCost + float64(streams)*o.StreamCost
			}
			m.sites = append(m.sites, site{kind: siteCandidate, cand: k, index: -1, point: cand.Point, district: cand.District,
				cs: cs, streams: streams, cost: cost})
		}
	}
	return m
}

// reachable reports whether the children of chunk i may be seated at site
// j: early children only by early expansions, and the others where
// admission would seat them (reach).
func (pl *planner) reachable(m *model, i, j int) (engine.Meters, bool) {
	ch, s := &m.chunks[i], &m.sites[j]
	if ch.early && !s.early {
		return 0, false
	}
	return pl.reach(m, ch.area, s)
}

// reach reports whether admission could seat children of area a at site s,
// and how far it is: as their base school (the area's base school now, or
// a new school nearer than it, which the catchment would make its base,
// within the district unless catchments cross districts), or by bureau
// placement (within the stage's placement distance, in the district unless
// placement crosses districts).
func (pl *planner) reach(m *model, a int, s *site) (engine.Meters, bool) {
	pol := &pl.s.Policy
	ar := &pl.s.City.Areas[a]
	d := geo.Distance(ar.Point, s.point)
	same := ar.District == s.district
	switch {
	case s.index >= 0 && int32(s.index) == m.base[a]:
		return d, true
	case s.kind == siteCandidate && float64(d) < m.baseDist[a] && (same || pol.CrossDistrict):
		return d, true
	case pol.Placement == engine.PlaceNearest && d <= pol.MaxDistanceFor(m.st) && (same || pol.PlacementCrossDistrict):
		return d, true
	}
	return d, false
}

func (pl *planner) crossDistrict() bool {
	return pl.s.Policy.CrossDistrict || pl.s.Policy.PlacementCrossDistrict
}

// groupModel splits the model into groups of districts that share no
// children, and keeps in each the sites some of its children can use.
func (pl *planner) groupModel(m *model) {
	m.groups = nil
	if pl.crossDistrict() {
		g := group{evals: map[int]*groupEval{}}
		for i, ch := range m.chunks {
			g.chunks = append(g.chunks, i)
			g.demand += ch.children
		}
		for d := range pl.s.City.Districts {
			g.districts = append(g.districts, d)
		}
		m.groups = []group{g}
	} else {
		at := map[int]int{}
		for i, ch := range m.chunks {
			d := pl.s.City.Areas[ch.area].District
			k, ok := at[d]
			if !ok {
				k = len(m.groups)
				at[d] = k
				m.groups = append(m.groups, group{districts: []int{d}, evals: map[int]*groupEval{}})
			}
			m.groups[k].chunks = append(m.groups[k].chunks, i)
			m.groups[k].demand += ch.children
		}
	}
	// Keep the sites some chunk of the group can use.
	for gi := range m.groups {
		g := &m.groups[gi]
		for j := range m.sites {
			for _, i := range g.chunks {
				if _, ok := pl.reachable(m, i, j); ok {
					g.sites = append(g.sites, j)
					break
				}
			}
		}
	}
}

// weights returns the objective's weight of a child-metre and its factor on
// building costs: DistanceCost per km and 1 (MinCost), or 1 and a factor
// small enough for costs only to break ties (MinDistance).
func (pl *planner) weights() (alpha, costScale float64) {
	if pl.o.Objective == MinDistance {
		return 1, 1e-6
	}
	return pl.o.DistanceCost / 1000, 1
}

// solveGroup solves group g with p new schools.
//
// A child left unseated costs ten times the dearest seat: enough for the
// solver to seat every child it can unless moving a school a little
// seats a few children fewer but saves more distance, and small enough
// to keep the Lagrangian bound close (at a cost of the order of the whole
// group's distances per child, the bound of a start that leaves children
// unseated stays far below). When that solution leaves children unseated
// although the capacity would hold them, the group is solved again with
// the larger cost, and the solution seating more children is kept.
// Whether one more school is worth the last children is decided across p
// (solveModel), where an unseated child outweighs any building cost.
func (pl *planner) solveGroup(ctx context.Context, m *model, g *group, p int) (*groupEval, error) {
	if ev, ok := g.evals[p]; ok {
		return ev, nil
	}
	cands := 0
	for _, j := range g.sites {
		if m.sites[j].kind == siteCandidate {
			cands++
		}
	}
	if p > cands {
		return nil, nil
	}
	alpha, _ := pl.weights()
	worst := 0.0
	for _, j := range g.sites {
		worst = max(worst, pl.perSeat(&m.sites[j]))
	}
	seat := worst + alpha*float64(pl.s.Policy.MaxDistanceFor(m.st))
	ev, err := pl.solveWith(ctx, m, g, p, 10*seat+1)
	if err != nil {
		return nil, err
	}
	if ev.unserved > 0 && p >= pl.pNeeded(m, g) {
		ev2, err := pl.solveWith(ctx, m, g, p, seat*float64(g.demand)+1)
		if err != nil {
			return nil, err
		}
		if ev2.obj < ev.obj {
			ev = ev2
		}
	}
	g.evals[p] = ev
	return ev, nil
}

// perSeat is the cost of one child's seat at site s besides distance.
func (pl *planner) perSeat(s *site) float64 {
	if s.kind == siteCandidate {
		return 0
	}
	_, scale := pl.weights()
	return scale * pl.o.StreamCost / float64(s.cs)
}

// solveWith solves group g with p new schools and a cost of none per
// child left unseated.
func (pl *planner) solveWith(ctx context.Context, m *model, g *group, p int, none float64) (*groupEval, error) {
	alpha, scale := pl.weights()
	sites := g.sites
	n, ms := len(g.chunks), len(sites)+1
	// A site out of reach costs more than leaving the child unseated, so
	// that the solver never seats a child where admission would not.
	cost := make([]float64, n*ms)
	for r, i := range g.chunks {
		for c, j := range sites {
			v := 2 * none
			if d, ok := pl.reachable(m, i, j); ok {
				v = alpha*float64(d) + pl.perSeat(&m.sites[j])
			}
			cost[r*ms+c] = v
		}
		cost[r*ms+ms-1] = none
	}
	prob, err := siteopt.NewMatrix(n, ms, cost)
	if err != nil {
		return nil, err
	}
	prob.Model, prob.P = siteopt.CapacitatedPMedian, p
	prob.Weight = make([]float64, n)
	for r, i := range g.chunks {
		prob.Weight[r] = float64(m.chunks[i].children)
	}
	prob.Capacity = make([]float64, ms)
	prob.Fixed = make([]bool, ms)
	prob.OpenCost = make([]float64, ms)
	for c, j := range sites {
		s := &m.sites[j]
		prob.Capacity[c] = float64(s.capacity())
		prob.Fixed[c] = s.kind != siteCandidate
		if s.kind == siteCandidate {
			prob.OpenCost[c] = scale * s.cost
		}
	}
	prob.Capacity[ms-1], prob.Fixed[ms-1] = float64(g.demand), true
	res, err := siteopt.Solve(ctx, prob, pl.o.Solver)
	if err != nil && !errors.Is(err, siteopt.ErrInfeasible) {
		return nil, fmt.Errorf("optimize: %s round %d: %w", m.st, m.round, err)
	}
	ev := &groupEval{p: p, obj: math.Inf(1), sites: append(slices.Clone(sites), -1), load: make([]int, ms)}
	rec := SolveRecord{Stage: m.st, Round: m.round, Districts: g.districts, Demand: g.demand, Points: n,
		Sites: len(sites), P: p, Objective: math.Inf(1), Status: siteopt.Infeasible}
	if res != nil && res.Assign != nil {
		// The value across P: the solver's objective without the cost of
		// the children left unseated, plus a penalty that no building cost
		// outweighs.
		ev.obj = res.Objective
		for r, c := range res.Assign {
			w := int(prob.Weight[r])
			if c == ms-1 || cost[r*ms+c] > none {
				ev.unserved += w
				ev.obj -= prob.Weight[r] * cost[r*ms+c]
				continue
			}
			ev.load[c] += w
		}
		ev.obj += float64(ev.unserved) * unseatedPenalty
		rec.Objective, rec.LowerBound, rec.Gap, rec.Status, rec.Elapsed = res.Objective, res.LowerBound, res.Gap, res.Status, res.Elapsed
		rec.Unserved = ev.unserved
	} else {
		ev.unserved = g.demand
	}
	rec.Cost = ev.obj - float64(ev.unserved)*unseatedPenalty
	ev.rec = len(pl.pr.Solves)
	pl.pr.Solves = append(pl.pr.Solves, rec)
	pl.progress("%s round %d, districts %v: %d children (%d points, %d sites), p = %d: objective %.6g (bound %.6g, gap %.2f%%, %v), unseated %d, %v",
		m.st, m.round, pl.districtIDs(g.districts), g.demand, n, len(sites), p, rec.Objective, rec.LowerBound, 100*rec.Gap, rec.Status, ev.unserved, rec.Elapsed.Round(time.Millisecond))
	return ev, nil
}

// solveModel solves every group for a range of p and picks, within the
// budget of new schools, the best total.
func (pl *planner) solveModel(ctx context.Context, m *model, budget int) ([]*groupEval, error) {
	pl.groupModel(m)
	for gi := range m.groups {
		g := &m.groups[gi]
		if err := pl.scanGroup(ctx, m, g, min(pl.pNeeded(m, g), budget), budget); err != nil {
			return nil, err
		}
	}
	for {
		out, ok := pl.splitBudget(m, budget)
		if ok {
			for _, ev := range out {
				pl.pr.Solves[ev.rec].Chosen = true
			}
			return out, nil
		}
		// The groups' fewest schools overrun the budget: try fewer.
		more := false
		for gi := range m.groups {
			g := &m.groups[gi]
			for p := 0; p <= budget; p++ {
				if _, done := g.evals[p]; done {
					break
				}
				if _, err := pl.solveGroup(ctx, m, g, p); err != nil {
					return nil, err
				}
				more = true
			}
		}
		if !more {
			return make([]*groupEval, len(m.groups)), nil
		}
	}
}

// splitBudget shares the budget of new schools between the groups (a
// knapsack over p) for the least total value.
func (pl *planner) splitBudget(m *model, budget int) ([]*groupEval, bool) {
	inf := math.Inf(1)
	ng := len(m.groups)
	best := make([][]float64, ng+1) // best[g][b]: groups < g within b schools
	pick := make([][]int, ng+1)
	for g := range best {
		best[g] = make([]float64, budget+1)
		pick[g] = make([]int, budget+1)
		for b := range best[g] {
			best[g][b] = inf
		}
	}
	for b := 0; b <= budget; b++ {
		best[0][b] = 0
	}
	for gi := range m.groups {
		g := &m.groups[gi]
		ps := make([]int, 0, len(g.evals))
		for p, ev := range g.evals {
			if ev != nil && !math.IsInf(ev.obj, 1) {
				ps = append(ps, p)
			}
		}
		slices.Sort(ps)
		for b := 0; b <= budget; b++ {
			for _, p := range ps {
				if v := best[gi][max(b-p, 0)] + g.evals[p].obj; p <= b && v < best[gi+1][b] {
					best[gi+1][b], pick[gi+1][b] = v, p
				}
			}
		}
	}
	if math.IsInf(best[ng][budget], 1) {
		return nil, false
	}
	out := make([]*groupEval, ng)
	b := budget
	for gi := ng; gi > 0; gi-- {
		p := pick[gi][b]
		out[gi-1] = m.groups[gi-1].evals[p]
		b -= p
	}
	return out, true
}

// scanGroup solves g for the fewest new schools, from p = from on, that
// seat every child (doubling p, then bisecting), then for more schools
// while they may pay: until the opening costs alone exceed the best value
// found, two more schools in a row bring no improvement, or the budget.
func (pl *planner) scanGroup(ctx context.Context, m *model, g *group, from, budget int) error {
	solve := func(p int) (*groupEval, error) { return pl.solveGroup(ctx, m, g, p) }
	ev, err := solve(from)
	if err != nil || ev == nil {
		return err
	}
	seated := from
	if ev.unserved > 0 {
		lo, hi := from, -1 // lo leaves children unseated, hi seats them all
		for step := 1; lo < budget; step *= 2 {
			p := min(budget, lo+step)
			ev, err := solve(p)
			if err != nil {
				return err
			}
			if ev == nil { // fewer candidates than p
				break
			}
			if ev.unserved == 0 {
				hi = p
				break
			}
			lo = p
		}
		if hi < 0 {
			return nil // no p within the budget seats them all
		}
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			ev, err := solve(mid)
			if err != nil {
				return err
			}
			if ev != nil && ev.unserved == 0 {
				hi = mid
			} else {
				lo = mid
			}
		}
		seated = hi
	}
	bestObj := math.Inf(1)
	for p, ev := range g.evals {
		if p <= seated && ev != nil {
			bestObj = min(bestObj, ev.obj)
		}
	}
	floor, minOpen := pl.groupFloor(m, g)
	worse := 0
	for p := seated + 1; p <= budget; p++ {
		// Once every child is seated, p schools cost at least p times the
		// cheapest site on top of each child's cheapest seat.
		if floor+float64(p)*minOpen >= bestObj {
			break
		}
		ev, err := solve(p)
		if err != nil {
			return err
		}
		if ev == nil {
			break
		}
		if ev.obj < bestObj*(1-1e-9) {
			bestObj, worse = ev.obj, 0
		} else if worse++; worse >= 2 {
			break
		}
	}
	return nil
}

// groupFloor returns a lower bound on the seat costs of g's children (each
// at its cheapest reachable site, or unseated) and the cheapest opening
// cost of a candidate, both as solveGroup weighs them.
func (pl *planner) groupFloor(m *model, g *group) (floor, minOpen float64) {
	alpha, scale := pl.weights()
	minOpen = math.Inf(1)
	for _, j := range g.sites {
		if s := &m.sites[j]; s.kind == siteCandidate {
			minOpen = min(minOpen, scale*s.cost)
		}
	}
	if math.IsInf(minOpen, 1) {
		minOpen = 0
	}
	for _, i := range g.chunks {
		best := math.Inf(1)
		for _, j := range g.sites {
			if d, ok := pl.reachable(m, i, j); ok {
				best = min(best, alpha*float64(d)+pl.perSeat(&m.sites[j]))
			}
		}
		if math.IsInf(best, 1) {
			best = unseatedPenalty
		}
		floor += float64(m.chunks[i].children) * best
	}
	return floor, minOpen
}

// pNeeded is the fewest new schools that could hold the group's demand
// besides the fixed sites' room.
func (pl *planner) pNeeded(m *model, g *group) int {
	room := 0
	var caps []int
	for _, j := range g.sites {
		if s := &m.sites[j]; s.kind == siteCandidate {
			caps = append(caps, s.capacity())
		} else {
			room += s.capacity()
		}
	}
	slices.Sort(caps)
	p := 0
	for k := len(caps) - 1; k >= 0 && room < g.demand; k-- {
		room += caps[k]
		p++
	}
	return p
}

func (pl *planner) districtIDs(ds []int) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, pl.s.City.Districts[d].ID)
	}
	if len(out) > 5 {
		out = append(out[:5], "…")
	}
	return out
}
