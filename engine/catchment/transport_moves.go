package catchment

import "math"

// pairOf returns the id of the pair heap a → b (b = m for unplaced).
func (s *sspSolver) pairOf(a, b int32) int32 {
	sink := int32(s.m)
	if id := s.pairs.find(a, b, sink); id >= 0 {
		return id
	}
	id := int32(len(s.pairHeaps))
	ph := pairHeap{from: a, to: b, pos: int32(len(s.outEdges[a]))}
	ph.h = s.spareHeap(a, b, id)
	s.pairHeaps = append(s.pairHeaps, ph)
	s.pairs.add(a, b, sink, id)
	s.outEdges[a] = append(s.outEdges[a], outEdge{key: math.Inf(1), to: b, id: id})
	return id
}

// spareHeap returns empty memory for the new pair heap a → b, of index id:
// that of the same pair in the last solve, which needs about as much in a
// problem that changed little (a year later), or else that of the heap of
// index id two solves ago. Only the memory is reused, never the entries.
func (s *sspSolver) spareHeap(a, b, id int32) []moveEntry {
	if lid := s.lastPairs.lookup(a, b); lid >= 0 && s.lastPairHeaps[lid].h != nil {
		h := s.lastPairHeaps[lid].h[:0]
		s.lastPairHeaps[lid].h = nil // taken: it must not be handed out twice
		return h
	}
	if len(s.pairHeaps) < cap(s.pairHeaps) {
		old := &s.pairHeaps[:id+1][id]
		h := old.h[:0]
		old.h = nil
		return h
	}
	return nil
}

// enter records that area i has children at its arc f: the moves they
// could make and, in the geometric form, the widening check.
func (s *sspSolver) enter(i, f int32) {
	a := s.arcs[i][f]
	for g, b := range s.arcs[i] {
		if int32(g) == f || s.capacity[b.school] == 0 {
			continue // schools without seats never take a child
		}
		s.pushPair(s.pairOf(a.school, b.school), moveEntry{key: b.cost - a.cost, area: i, from: f, to: int32(g), gen: a.gen})
	}
	s.pushPair(s.pairOf(a.school, int32(s.m)), moveEntry{key: s.unplacedCost - a.cost, area: i, from: f, to: -1, gen: a.gen})
	if !math.IsInf(s.hiddenBound[i], 1) {
		s.pushWiden(a.school, widenEntry{key: s.hiddenBound[i] - a.cost, area: i, from: f, gen: a.gen, stamp: s.areaStamp[i]})
	}
}

// materialize builds the pair heaps of school j on first use.
func (s *sspSolver) materialize(j int32) {
	s.materialized[j] = true
	for _, i := range s.startMembers[j] {
		for f, a := range s.arcs[i] {
			if a.school == j && a.flow > 0 {
				s.enter(i, int32(f))
			}
		}
	}
	s.startMembers[j] = s.startMembers[j][:0]
}

// drop retires the heap entries of area i's arc f, whose flow just fell
// to 0, and marks the heaps that may hold them at the top.
func (s *sspSolver) drop(i, f int32) {
	a := &s.arcs[i][f]
	a.gen++
	s.areaStamp[i]++
	j := a.school
	if !s.materialized[j] {
		return
	}
	// Only area i's entry goes stale: a live top of another area stays
	// live (as in setHid), so the heap need not be re-checked.
	if top := s.widenHeaps[j]; len(top) > 0 && top[0].area == i {
		s.widenDirty[j] = true
	}
	for g, b := range s.arcs[i] {
		if int32(g) != f {
			if id := s.pairs.find(j, b.school, int32(s.m)); id >= 0 {
				s.pairHeaps[id].dirty = true
				s.topChanged(id)
			}
		}
	}
	if id := s.pairs.sink[j] - 1; id >= 0 {
		s.pairHeaps[id].dirty = true
		s.topChanged(id)
	}
}

// outEdge is a pair as school from's Dijkstra sees it: the key of the
// pair heap's top (+Inf when empty) kept next to the others, so that a
// settled school's edges are read from one array. A pair whose top may
// be stale (dirty) keeps its school complemented, ^to < 0, so that an
// edge fills 16 bytes.
type outEdge struct {
	key float64
	to  int32 // the school, or ^school while the pair is dirty
	id  int32
}

// emptyPairKey is the out edge's key of an empty pair.
var emptyPairKey = math.Inf(1)

// topChanged copies pair id's top key and dirtiness into its out edge.
func (s *sspSolver) topChanged(id int32) {
	ph := &s.pairHeaps[id]
	if ph.pos < 0 {
		return
	}
	key, to := emptyPairKey, ph.to
	if len(ph.h) > 0 {
		key = ph.h[0].key
	}
	if ph.dirty {
		to = ^to
	}
	s.outEdges[ph.from][ph.pos] = outEdge{key: key, to: to, id: id}
}
