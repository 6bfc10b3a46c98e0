package catchment

import "math"

// deferral is a widened area whose scan met settled schools, which
// cannot be improved this round: after the price update the least of
// their c_ij + π_j is low + D (each settled school's price rises by
// D − δ_j, and low is the least c_ij + π_j − δ_j among them).
type deferral struct {
	area  int32
	limit float64 // the scan's threshold
	low   float64
}

// pushDue schedules school v's next widening check.
func (s *sspSolver) pushDue(v int32) {
	if e := s.widenTop(v); e != nil {
		s.queue.set(int32(s.m)+1+v, s.node[v].dist+max(0, e.key-s.price[v]))
	}
}

// dueCheck runs the widening check of settled school v scheduled at key.
func (s *sspSolver) dueCheck(v int32, key float64) {
	e := s.widenTop(v)
	if e == nil {
		return
	}
	at := s.node[v].dist + max(0, e.key-s.price[v])
	if at > key {
		s.queue.set(int32(s.m)+1+v, at)
		return
	}
	i, f := e.area, e.from
	popWiden(&s.widenHeaps[v])
	s.widenDirty[v] = true
	s.widen(i, f, v, at)
	s.pushDue(v)
}

// widen lists area i's unlisted schools below a threshold well beyond
// its cost, relaxing the new moves from settled schools; unlisted schools
// already settled cannot be improved and are only noted, for hid.
func (s *sspSolver) widen(i, f, v int32, at float64) {
	r := s.round
	q := s.prob.Areas[i]
	w := s.arcs[i][f].cost + s.price[v]
	limit := w + max(widenGrow*(at-s.node[v].dist), widenMin*s.widenStep)
	s.listedGen++
	for _, a := range s.arcs[i] {
		s.listedMark[a.school] = s.listedGen
	}
	low := math.Inf(1)
	// A settled school cannot be improved this round; after the price
	// update its reduced cost from i's school is rc (the update adds
	// D − δ to both prices' sides alike). Near ones are listed, the rest
	// bound hid.
	base := w - s.node[v].dist
	s.grid.scanUnmarked(q, limit, s.listedMark, s.listedGen, func(j int32, d float64) {
		settled := s.node[j].settled == r
		if settled {
			if x := d + s.price[j] - s.node[j].dist; x-base >= min(limit-w, s.widenStep*settledNear) {
				low = min(low, x)
				return
			}
		}
		s.listNew(i, j, d, settled)
	})
	s.setHid(i, limit)
	if !math.IsInf(low, 1) {
		s.deferred = append(s.deferred, deferral{area: i, limit: limit, low: low})
	}
}

// listNew lists school j, at distance d, for area i: the moves to it from
// the area's schools with children enter their pair heaps, and unless j
// is settled, those from settled schools are relaxed at once.
func (s *sspSolver) listNew(i, j int32, d float64, settled bool) {
	r := s.round
	g := int32(len(s.arcs[i]))
	s.arcs[i] = append(s.arcs[i], sspArc{school: j, cost: d})
	for k, a := range s.arcs[i][:g] {
		if a.flow == 0 || !s.materialized[a.school] {
			continue
		}
		id := s.pairOf(a.school, j)
		e := moveEntry{key: d - a.cost, area: i, from: int32(k), to: g, gen: a.gen}
		s.pushPair(id, e)
		if !settled && s.node[a.school].settled == r {
			s.relax(j, s.node[a.school].dist+max(0, e.key+s.price[j]-s.price[a.school]), id)
		}
	}
}

// setHid sets hid[i] and re-enters its widening checks. Changing hid[i]
// stales only area i's entries, so a heap whose top is live and of
// another area keeps a live top and need not be re-checked.
func (s *sspSolver) setHid(i int32, h float64) {
	s.hiddenBound[i] = h
	s.areaStamp[i]++
	for k, a := range s.arcs[i] {
		if a.flow > 0 && s.materialized[a.school] {
			if top := s.widenHeaps[a.school]; len(top) > 0 && top[0].area == i {
				s.widenDirty[a.school] = true
			}
			s.pushWiden(a.school, widenEntry{key: h - a.cost, area: i, from: int32(k), gen: a.gen, stamp: s.areaStamp[i]})
			if s.node[a.school].settled == s.round {
				s.pushDue(a.school)
			}
		}
	}
}

// settledNear is how near (in widening steps) a settled school's reduced
// cost must be for a widened area to list it; farther ones only bound hid.
const settledNear = 0.25

// A widening check lists the schools up to w + max(widenGrow·g, widenMin·
// step), where g is how far the check was due beyond w and step is the
// grid's cell (about two schools' spacing): geometric growth, so an area
// is widened a few times at most per solve, and never by a trifle. A
// quarter cell lists about a third fewer arcs than a whole one and is
// 20–40% faster on the synthetic cities (benchmarks/README.md).
const (
	widenGrow = 2.0
	widenMin  = 0.25
)
