package network

import "math"

// unset marks a node or target not reached in the current search.
const unset = Decimetres(math.MaxInt32)

// search is one worker's state, reused from source to source: tentative
// distances of nodes (then targets, after the nodes), the ids touched, a
// heap.
type search struct {
	p       *plan
	dist    []Decimetres
	touched []int32
	heap    minHeap
	found   int
}

func newSearch(p *plan) *search {
	s := &search{p: p, dist: make([]Decimetres, len(p.g.xy)+len(p.targets))}
	for i := range s.dist {
		s.dist[i] = unset
	}
	return s
}

// batch searches from the sources of batch b, writing their counts.
func (s *search) batch(b int, counts []int32) []Hit {
	var out []Hit
	for i := b * batch; i < min((b+1)*batch, len(s.p.sources)); i++ {
		n := len(out)
		out = s.from(i, out)
		counts[i] = int32(len(out) - n)
	}
	return out
}

// relax lowers the tentative distance of id to d.
func (s *search) relax(id int32, d int64) {
	if d >= int64(s.dist[id]) {
		return // also drops walks beyond the reach of Decimetres
	}
	if s.dist[id] == unset {
		s.touched = append(s.touched, id)
	}
	s.dist[id] = Decimetres(d)
	s.heap.push(Decimetres(d), id)
}

// reset clears what the last search touched.
func (s *search) reset() {
	for _, id := range s.touched {
		s.dist[id] = unset
	}
	s.touched, s.heap, s.found = s.touched[:0], s.heap[:0], 0
}

// from runs the search from source i and appends its hits to out.
func (s *search) from(i int, out []Hit) []Hit {
	s.reset()
	s.start(s.p.sources[i])
	nodes := int32(len(s.p.g.xy))
	for len(s.heap) > 0 {
		d, id := s.heap.pop()
		if d > s.dist[id] {
			continue // stale
		}
		if d > s.p.maxDM && s.found >= s.p.k {
			break
		}
		if id >= nodes {
			out = append(out, Hit{Target: id - nodes, Dist: d})
			s.found++
			continue
		}
		s.expand(id, d)
	}
	return out
}

// start seeds the search at a source's snap: both ends of its segment
// (the first only when the segment may be walked backwards) and the
// targets on the same segment.
func (s *search) start(src Snap) {
	if src.Segment < 0 {
		return // not on the network
	}
	g, nodes := s.p.g, int32(len(s.p.g.xy))
	seg := g.seg[src.Segment]
	off := float64(src.Offset)
	s.relax(seg.b, int64(ceilDM(off+(1-src.T)*seg.meters)))
	if !seg.oneway {
		s.relax(seg.a, int64(ceilDM(off+src.T*seg.meters)))
	}
	for _, t := range s.p.onSeg[s.p.segStart[src.Segment]:s.p.segStart[src.Segment+1]] {
		tt := s.p.targets[t]
		along := tt.T - src.T
		if along < 0 && seg.oneway {
			continue
		}
		s.relax(nodes+t, int64(ceilDM(off+math.Abs(along)*seg.meters+float64(tt.Offset))))
	}
}

// expand relaxes the arcs and target entries of node n, settled at d.
func (s *search) expand(n int32, d Decimetres) {
	g, p := s.p.g, s.p
	for a := g.start[n]; a < g.start[n+1]; a++ {
		s.relax(g.head[a], int64(d)+int64(g.length[a]))
	}
	nodes := int32(len(g.xy))
	for _, e := range p.ent[p.entStart[n]:p.entStart[n+1]] {
		s.relax(nodes+e.target, int64(d)+int64(e.extra))
	}
}
