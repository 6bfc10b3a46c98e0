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
	if e := s.tokTop(v); e != nil {
		s.dh.set(int32(s.m)+1+v, s.dist[v]+max(0, e.key-s.pi[v]))
	}
}

// dueCheck runs the widening check of settled school v scheduled at key.
func (s *sspSolver) dueCheck(v int32, key float64) {
	e := s.tokTop(v)
	if e == nil {
		return
	}
	at := s.dist[v] + max(0, e.key-s.pi[v])
	if at > key {
		s.dh.set(int32(s.m)+1+v, at)
		return
	}
	i, f := e.area, e.from
	popHeap(&s.tok[v])
	s.tokDirty[v] = true
	s.widen(i, f, v, at)
	s.pushDue(v)
}

// widen lists area i's unlisted schools below a threshold well beyond
// its cost, relaxing the new moves from settled schools; unlisted schools
// already settled cannot be improved and are only noted, for hid.
func (s *sspSolver) widen(i, f, v int32, at float64) {
	r := s.round
	q := s.p.Areas[i]
	w := s.lists[i][f].cost + s.pi[v]
	limit := w + max(widenGrow*(at-s.dist[v]), widenMin*s.step)
	s.markGen++
	for _, a := range s.lists[i] {
		s.mark[a.school] = s.markGen
	}
	lim := limit
	low := math.Inf(1)
	// A settled school cannot be improved this round; after the price
	// update its reduced cost from i's school is rc (the update adds
	// D − δ to both prices' sides alike). Near ones are listed, the rest
	// bound hid.
	base := w - s.dist[v]
	s.grid.scan(q, true, &lim, func(j int32, d float64) {
		if s.mark[j] == s.markGen {
			return
		}
		settled := s.done[j] == r
		if settled {
			if x := d + s.pi[j] - s.dist[j]; x-base >= min(limit-w, s.step*settledNear) {
				low = min(low, x)
				return
			}
		}
		g := int32(len(s.lists[i]))
		s.lists[i] = append(s.lists[i], sspArc{school: j, cost: d})
		for k, a := range s.lists[i][:g] {
			if a.flow == 0 || !s.mat[a.school] {
				continue
			}
			id := s.pairOf(a.school, j)
			e := pentry{key: d - a.cost, area: i, from: int32(k), to: g, gen: a.gen}
			s.pushPair(id, e)
			if !settled && s.done[a.school] == r {
				s.relax(j, s.dist[a.school]+max(0, e.key+s.pi[j]-s.pi[a.school]), id)
			}
		}
	})
	s.setHid(i, limit)
	if !math.IsInf(low, 1) {
		s.defer_ = append(s.defer_, deferral{area: i, limit: limit, low: low})
	}
}

// setHid sets hid[i] and re-enters its widening checks.
func (s *sspSolver) setHid(i int32, h float64) {
	s.hid[i] = h
	for k, a := range s.lists[i] {
		if a.flow > 0 && s.mat[a.school] {
			s.pushTok(a.school, tentry{key: h - a.cost, area: i, from: int32(k), gen: a.gen})
			s.tokDirty[a.school] = true
			if s.done[a.school] == s.round {
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
