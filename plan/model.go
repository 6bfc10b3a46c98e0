package plan

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
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
	m := &model{st: st, round: round}
	peak, early := areaDemand(cur, st, pl.o.target, openYear)
	m.chunks = splitDemand(peak, early, pl.s.Policy.ClassSizeFor(&engine.School{}, st))
	if len(m.chunks) == 0 {
		return m
	}
	tyr := cur.Stages[st].Year(pl.o.target)
	m.setBase(tyr, len(peak))
	if tyr != nil {
		pl.addSchoolSites(m, cur, tyr, openYear, expandYear)
	}
	// Candidate sites for new schools, when any may still be built.
	if pl.newUsed[st] < pl.o.MaxNew {
		pl.addCandidateSites(m, peak, early)
	}
	return m
}

// splitDemand splits each area's shortfall into demand points of at most
// one class (size children): first those short before the new schools
// open, then the rest.
func splitDemand(peak, early []int, size int) []chunk {
	var chunks []chunk
	for a := range peak {
		e := min(early[a], peak[a])
		for _, part := range []struct {
			n     int
			early bool
		}{{e, true}, {peak[a] - e, false}} {
			for left := part.n; left > 0; left -= size {
				chunks = append(chunks, chunk{area: a, children: min(left, size), early: part.early})
			}
		}
	}
	return chunks
}

// setBase records each of the n areas' base school in the target year tyr
// (nil: none) and the distance to it.
func (m *model) setBase(tyr *sim.YearResult, n int) {
	m.base = make([]int32, n)
	m.baseDist = make([]float64, n)
	for a := range n {
		m.base[a], m.baseDist[a] = -1, math.Inf(1)
		if tyr != nil && tyr.Assign != nil && tyr.Assign.School[a] >= 0 {
			m.base[a], m.baseDist[a] = tyr.Assign.School[a], float64(tyr.Assign.Dist[a])
		}
	}
}

// addSchoolSites adds the fixed sites: the stage's schools open in the
// target year (tyr) with room for more streams, each either a proposed new
// school that may grow or an existing school that may expand.
func (pl *planner) addSchoolSites(m *model, cur *scenarios.Result, tyr *sim.YearResult, openYear, expandYear engine.Year) {
	st := m.st
	growing, expanded := pl.proposedByID(st)
	for _, row := range tyr.Schools {
		sc := &cur.Schools[row.School]
		cs := pl.s.Policy.ClassSizeFor(sc, st)
		room := pl.o.maxStreams(st, cs) - row.Streams
		sit := site{point: sc.Point, district: sc.District, cs: cs, index: row.School}
		if k, ok := growing[sc.ID]; ok {
			sit.kind, sit.item, sit.streams = siteGrow, k, room
		} else if pl.o.MultiPeriod {
			// The layer rule has given the existing schools' room already.
			continue
		} else {
			sit.kind, sit.school = siteExpand, sc
			sit.streams = min(room, pl.o.AllowExpand-expanded[sc.ID])
			sit.early = expandYear < openYear && sc.OpenIn(expandYear)
		}
		if sit.streams > 0 {
			m.sites = append(m.sites, sit)
		}
	}
}

// proposedByID indexes the plan's items of stage st by school id: the new
// schools (their index in the plan) and the streams added to each existing
// school.
func (pl *planner) proposedByID(st engine.Stage) (growing, expanded map[string]int) {
	growing, expanded = map[string]int{}, map[string]int{}
	for k, it := range pl.plan {
		switch {
		case it.stage != st:
		case it.new:
			growing[it.id] = k
		default:
			expanded[it.id] += it.streams
		}
	}
	return growing, expanded
}

// addCandidateSites adds the candidate sites for new schools: the
// candidatesPerArea nearest within reach of each area short of seats after
// the schools open (a p-median school sits near its children; the far ones
// only slow the search).
func (pl *planner) addCandidateSites(m *model, peak, early []int) {
	st := m.st
	cands := pl.candidates(st, peak)
	keep := make([]bool, len(cands))
	var buf []nearSite
	for a := range peak {
		if peak[a]-min(early[a], peak[a]) <= 0 {
			continue
		}
		buf = pl.nearestCandidates(m, a, cands, buf[:0])
		for _, nb := range buf[:min(len(buf), candidatesPerArea)] {
			keep[nb.k] = true
		}
	}
	cs := pl.s.Policy.ClassSizeFor(&engine.School{}, st)
	for k := range cands {
		if keep[k] {
			m.sites = append(m.sites, pl.candidateSite(st, k, &cands[k], cs))
		}
	}
}

// nearSite is a candidate site (k, into the candidates) at distance d.
type nearSite struct {
	k int
	d float64
}

// nearestCandidates appends to buf the candidates not yet built on, of the
// model's stage, that admission could seat area a's children at, nearest
// first (ties by index).
func (pl *planner) nearestCandidates(m *model, a int, cands []Candidate, buf []nearSite) []nearSite {
	for k := range cands {
		cand := &cands[k]
		if pl.usedCand[k] || (cand.Stage != nil && *cand.Stage != m.st) {
			continue
		}
		if d, ok := pl.reach(m, a, &site{kind: siteCandidate, index: -1, point: cand.Point, district: cand.District}); ok {
			buf = append(buf, nearSite{k, float64(d)})
		}
	}
	slices.SortFunc(buf, func(x, y nearSite) int { return cmp.Or(cmp.Compare(x.d, y.d), cmp.Compare(x.k, y.k)) })
	return buf
}

// candidateSite is candidate k as a site of stage st with class size cs:
// its own size and cost, or the options'.
func (pl *planner) candidateSite(st engine.Stage, k int, cand *Candidate, cs int) site {
	streams := cand.Streams
	if streams == 0 {
		streams = pl.o.newStreams(st)
	}
	cost := cand.Cost
	if cost == 0 {
		cost = pl.o.SchoolCost + float64(streams)*pl.o.StreamCost
	}
	return site{kind: siteCandidate, cand: k, index: -1, point: cand.Point, district: cand.District,
		cs: cs, streams: streams, cost: cost}
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
	d, walked := pl.distance(m, a, s)
	if !walked {
		return d, false
	}
	same := ar.District == s.district
	if pl.asBase(m, a, s, d, same) {
		return d, true
	}
	return d, pol.Placement == engine.PlaceNearest && d <= pol.MaxDistanceFor(m.st) && (same || pol.PlacementCrossDistrict)
}

// asBase reports whether site s, at distance d from area a (in its
// district when same), is or would become the area's base school: it is
// the base school now, or it is a new school nearer than that one within
// the catchments' reach.
func (pl *planner) asBase(m *model, a int, s *site, d engine.Meters, same bool) bool {
	if s.index >= 0 && int32(s.index) == m.base[a] {
		return true
	}
	return s.kind == siteCandidate && float64(d) < m.baseDist[a] && (same || pl.s.Policy.CrossDistrict)
}
