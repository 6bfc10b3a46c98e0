package catchment

import "math"

// augment moves surplus out of overfull school j0 along one cheapest
// chain of moves.
func (s *sspSolver) augment(j0 int32) {
	sink, d := s.shortestPath(j0)
	s.updatePrices(d)
	s.move(j0, sink)
}

// shortestPath runs Dijkstra from overfull school j0 over the move graph,
// with reduced costs, until it settles a school with room or the sink
// (unplaced), and returns that end and its distance; due widening checks
// run on the way. The chain is read back through predPair.
func (s *sspSolver) shortestPath(j0 int32) (int32, float64) {
	s.round++
	r := s.round
	T := int32(s.m)
	s.queue.clear()
	s.settled = s.settled[:0]
	s.deferred = s.deferred[:0]
	s.setDist(j0, 0, -1)
	for len(s.queue.items) > 0 {
		v, key := s.queue.pop()
		if v > T {
			s.dueCheck(v-T-1, key)
			continue
		}
		s.node[v].settled = r
		if v == T || v != j0 && s.load[v] < s.capacity[v] {
			return v, key
		}
		s.settle(v)
	}
	return -1, 0
}

// settle scans the out edges of school v, just settled: it relaxes the
// moves to unsettled schools, drops emptied pairs from the list, and
// schedules v's next widening check.
func (s *sspSolver) settle(v int32) {
	r := s.round
	s.settled = append(s.settled, v)
	if !s.materialized[v] {
		s.materialize(v)
	}
	out := s.outEdges[v]
	// The slices and v's own distance and price do not change while its
	// edges are relaxed: read once.
	dv, pv := s.node[v].dist, s.price[v]
	price, node := s.price, s.node
	for k := 0; k < len(out); k++ {
		oe := &out[k]
		if oe.to < 0 { // dirty
			s.pairTop(oe.id) // cleans and refreshes oe.key and oe.to
		}
		if math.IsInf(oe.key, 1) {
			// Emptied: out of the list until an entry comes back.
			out = s.dropOutEdge(out, k)
			k--
			continue
		}
		b := oe.to
		nb := &node[b]
		if nb.settled == r {
			continue
		}
		// relax, inline
		// max(0, w) but for its sign of zero, which dv + w drops (dv ≥ +0)
		w := oe.key + price[b] - pv
		if w < 0 {
			w = 0
		}
		d := dv + w
		if d > s.queue.bound {
			continue // never settled, and its distance never read
		}
		if nb.reached != r || d < nb.dist {
			s.setDist(b, d, oe.id)
		}
	}
	s.outEdges[v] = out
	s.pushDue(v)
}

// dropOutEdge removes the emptied pair at out[k], moving the last in its
// place, and returns the shorter list.
func (s *sspSolver) dropOutEdge(out []outEdge, k int) []outEdge {
	s.pairHeaps[out[k].id].pos = -1
	last := len(out) - 1
	if k < last {
		out[k] = out[last]
		s.pairHeaps[out[k].id].pos = int32(k)
	}
	return out[:last]
}

// updatePrices raises the prices of the schools settled nearer than d, the
// end's distance, by how much nearer (Johnson's potentials, capped), and
// lowers the hidden bounds of the areas whose widening was deferred.
func (s *sspSolver) updatePrices(d float64) {
	for _, v := range s.settled {
		if dv := s.node[v].dist; dv < d {
			old := s.price[v]
			s.price[v] += d - dv
			if s.grid != nil {
				s.grid.raise(v, old)
			}
		}
	}
	for _, x := range s.deferred {
		if h := min(x.limit, x.low+d); h < s.hiddenBound[x.area] {
			s.setHid(x.area, h)
		}
	}
}

// roundNode is a school (or the sink) as one Dijkstra round sees it: its
// distance and the rounds in which it was reached and settled, kept
// together so that relaxing an edge to it reads one place.
type roundNode struct {
	dist             float64 // distance from the overfull school; valid when reached is the round
	reached, settled uint32  // rounds in which dist was set and the node was settled
}

// setDist sets the distance of v this round, reached by pair via.
func (s *sspSolver) setDist(v int32, d float64, via int32) {
	s.node[v].dist = d
	s.node[v].reached = s.round
	s.predPair[v] = via
	if (v == int32(s.m) || s.load[v] < s.capacity[v]) && d < s.queue.bound {
		s.queue.bound = d // v ends the search (see shortestPath) when popped
	}
	s.queue.set(v, d)
}

// relax lowers the distance of b to d, reached by pair via, when that is
// nearer (or b is not reached yet this round). Beyond the queue's bound,
// where b can never be settled, it is left alone: only the distances of
// settled schools and of the search's end are read.
func (s *sspSolver) relax(b int32, d float64, via int32) {
	if d > s.queue.bound {
		return
	}
	if s.node[b].reached != s.round || d < s.node[b].dist {
		s.setDist(b, d, via)
	}
}

// move sends the surplus of j0 along the predecessor chain to sink.
func (s *sspSolver) move(j0, sink int32) {
	type step struct {
		area, from, to int32
	}
	var path [64]step
	steps := path[:0]
	delta := s.load[j0] - s.capacity[j0]
	if sink != int32(s.m) {
		delta = min(delta, s.capacity[sink]-s.load[sink])
	}
	for v := sink; v != j0; {
		id := s.predPair[v]
		e := s.pairTop(id)
		steps = append(steps, step{e.area, e.from, e.to})
		delta = min(delta, int64(s.arcs[e.area][e.from].flow))
		v = s.arcs[e.area][e.from].school
	}
	d := int32(delta)
	for k := len(steps) - 1; k >= 0; k-- {
		st := steps[k]
		a := &s.arcs[st.area][st.from]
		a.flow -= d
		s.load[a.school] -= delta
		if a.flow == 0 {
			s.drop(st.area, st.from)
		}
		if st.to < 0 {
			s.unplaced[st.area] += d
			continue
		}
		b := &s.arcs[st.area][st.to]
		b.flow += d
		s.load[b.school] += delta
		if b.flow == d {
			s.enter(st.area, st.to)
		}
	}
}
