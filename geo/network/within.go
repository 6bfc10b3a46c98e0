package network

import (
	"context"
)

// nodeHit is a node from which a target is reached at d.
type nodeHit struct {
	node int32
	d    Decimetres
}

// within gives every node the targets within MaxDist of it, by a bounded
// search backwards from each target, on workers goroutines.
func (p *plan) within(ctx context.Context, workers int) [][]label {
	g := p.g
	out := make([][]label, len(g.xy))
	if p.maxDM <= 0 {
		return out
	}
	per := make([][]nodeHit, len(p.targets))
	parallel(ctx, workers, len(p.targets), func() func(t int) {
		s := newSearch(p)
		return func(t int) { per[t] = s.backFrom(int32(t)) }
	})
	for t, hs := range per {
		for _, h := range hs {
			out[h.node] = append(out[h.node], label{int32(t), h.d})
		}
	}
	return out
}

// backFrom searches backwards from target t up to MaxDist, returning the
// nodes reached.
func (s *search) backFrom(t int32) []nodeHit {
	s.reset()
	g, p := s.p.g, s.p
	tt := p.targets[t]
	if tt.Segment < 0 {
		return nil
	}
	seg := g.seg[tt.Segment]
	s.relax(seg.a, int64(ceilDM(float64(tt.Offset)+tt.T*seg.meters)))
	if !seg.oneway {
		s.relax(seg.b, int64(ceilDM(float64(tt.Offset)+(1-tt.T)*seg.meters)))
	}
	var hits []nodeHit
	for len(s.heap) > 0 {
		d, n := s.heap.pop()
		if d > s.dist[n] {
			continue
		}
		if d > p.maxDM {
			break
		}
		hits = append(hits, nodeHit{n, d})
		for a := g.rstart[n]; a < g.rstart[n+1]; a++ {
			s.relax(g.rtail[a], int64(d)+int64(g.rlength[a]))
		}
	}
	return hits
}
