package catchment

import "math"

// moveEntry is an area that could move children from school `from` arc to
// the `to` arc (−1: unplaced) of its list, at cost key = c_to − c_from.
type moveEntry struct {
	key      float64
	area     int32
	from, to int32
	gen      uint32
}

// pairHeap is the heap of the moves from school from to school to (or to
// unplaced): the areas with children at from that list to, cheapest move
// first. Entries go stale when their arc's flow drops to 0 (its gen
// moves on); they are dropped lazily when they come to the top.
type pairHeap struct {
	from  int32
	to    int32 // school, or m for unplaced
	dirty bool  // the top may be stale
	pos   int32 // index in out[from], −1 when emptied and left out
	h     []moveEntry
}

// liveMove reports whether e still stands: its arc has children and has
// not dropped to 0 since e was pushed.
func (s *sspSolver) liveMove(e *moveEntry) bool {
	a := &s.arcs[e.area][e.from]
	return a.flow > 0 && a.gen == e.gen
}

// pairTop returns the cheapest live entry of pair id, or nil.
func (s *sspSolver) pairTop(id int32) *moveEntry {
	ph := &s.pairHeaps[id]
	h := &ph.h
	if !ph.dirty {
		if len(*h) == 0 {
			return nil
		}
		return &(*h)[0]
	}
	ph.dirty = false
	for len(*h) > 0 && !s.liveMove(&(*h)[0]) {
		popPair(h)
	}
	s.topChanged(id)
	if len(*h) == 0 {
		return nil
	}
	return &(*h)[0]
}

// pushPair pushes e onto pair heap id, putting the pair back in its
// school's out edges if it had left them, and keeps the out edge's key.
func (s *sspSolver) pushPair(id int32, e moveEntry) {
	ph := &s.pairHeaps[id]
	if ph.pos < 0 {
		ph.pos = int32(len(s.outEdges[ph.from]))
		s.outEdges[ph.from] = append(s.outEdges[ph.from], outEdge{key: math.Inf(1), to: ph.to, id: id})
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
		s.outEdges[ph.from][ph.pos].key = e.key
	}
}
