package catchment

import "math"

// pairOf returns the id of the pair heap a → b (b = m for unplaced).
func (s *sspSolver) pairOf(a, b int32) int32 {
	key := uint64(a)<<32 | uint64(b)
	if id, ok := s.pairIdx[key]; ok {
		return id
	}
	id := int32(len(s.pairs))
	s.pairs = append(s.pairs, pairHeap{from: a, to: b, pos: int32(len(s.out[a]))})
	s.pairIdx[key] = id
	s.out[a] = append(s.out[a], outEdge{key: math.Inf(1), to: b, id: id})
	return id
}

// enter records that area i has children at its arc f: the moves they
// could make and, in the geometric form, the widening check.
func (s *sspSolver) enter(i, f int32) {
	a := s.lists[i][f]
	for g, b := range s.lists[i] {
		if int32(g) == f || s.capa[b.school] == 0 {
			continue // schools without seats never take a child
		}
		s.pushPair(s.pairOf(a.school, b.school), pentry{key: b.cost - a.cost, area: i, from: f, to: int32(g), gen: a.gen})
	}
	s.pushPair(s.pairOf(a.school, int32(s.m)), pentry{key: s.u - a.cost, area: i, from: f, to: -1, gen: a.gen})
	if !math.IsInf(s.hid[i], 1) {
		s.pushTok(a.school, tentry{key: s.hid[i] - a.cost, area: i, from: f, gen: a.gen})
	}
}

// materialize builds the pair heaps of school j on first use.
func (s *sspSolver) materialize(j int32) {
	s.mat[j] = true
	for _, i := range s.members[j] {
		for f, a := range s.lists[i] {
			if a.school == j && a.flow > 0 {
				s.enter(i, int32(f))
			}
		}
	}
	s.members[j] = nil
}

// drop retires the heap entries of area i's arc f, whose flow just fell
// to 0, and marks the heaps that may hold them at the top.
func (s *sspSolver) drop(i, f int32) {
	a := &s.lists[i][f]
	a.gen++
	j := a.school
	if !s.mat[j] {
		return
	}
	s.tokDirty[j] = true
	for g, b := range s.lists[i] {
		if int32(g) != f {
			if id, ok := s.pairIdx[uint64(j)<<32|uint64(b.school)]; ok {
				s.pairs[id].dirty = true
				s.topChanged(id)
			}
		}
	}
	if id, ok := s.pairIdx[uint64(j)<<32|uint64(s.m)]; ok {
		s.pairs[id].dirty = true
		s.topChanged(id)
	}
}

func (s *sspSolver) validP(e *pentry) bool {
	a := &s.lists[e.area][e.from]
	return a.flow > 0 && a.gen == e.gen
}

// pairTop returns the cheapest live entry of pair id, or nil.
func (s *sspSolver) pairTop(id int32) *pentry {
	ph := &s.pairs[id]
	h := &ph.h
	if !ph.dirty {
		if len(*h) == 0 {
			return nil
		}
		return &(*h)[0]
	}
	ph.dirty = false
	for len(*h) > 0 && !s.validP(&(*h)[0]) {
		popHeap(h)
	}
	s.topChanged(id)
	if len(*h) == 0 {
		return nil
	}
	return &(*h)[0]
}

// outEdge is a pair as school from's Dijkstra sees it: the key of the
// pair heap's top (+Inf when empty) kept next to the others, so that a
// settled school's edges are read from one array.
type outEdge struct {
	key   float64
	to    int32
	id    int32
	dirty bool
}

// topChanged copies pair id's top key and dirtiness into its out edge.
func (s *sspSolver) topChanged(id int32) {
	ph := &s.pairs[id]
	if ph.pos < 0 {
		return
	}
	oe := &s.out[ph.from][ph.pos]
	oe.dirty = ph.dirty
	oe.key = math.Inf(1)
	if len(ph.h) > 0 {
		oe.key = ph.h[0].key
	}
}

func (s *sspSolver) pushPair(id int32, e pentry) {
	ph := &s.pairs[id]
	if ph.pos < 0 {
		ph.pos = int32(len(s.out[ph.from]))
		s.out[ph.from] = append(s.out[ph.from], outEdge{key: math.Inf(1), to: ph.to, id: id})
	}
	h := append(ph.h, e)
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if h[p].key <= e.key {
			break
		}
		h[k] = h[p]
		k = p
	}
	h[k] = e
	ph.h = h
	if k == 0 {
		// A new top: its key goes to the out edge (a dirty pair's top
		// may be stale, but the new entry is live and cheapest).
		s.out[ph.from][ph.pos].key = e.key
	}
}
