package network

import (
	"math"

	"github.com/schoolplan/schoolplan/geo"
)

// Walker walks from one point at a time to a fixed set of targets,
// reusing its buffers from walk to walk: for the few pairs a Table does
// not hold (a target beyond its bounds, or one a caller's filter allows
// where the table's nearest are all filtered out). Making one costs a pass
// over the graph; each walk then costs what its search touches. A Walker
// is not safe for concurrent use; make one per goroutine.
type Walker struct {
	s *search
}

// NewWalker prepares walks to targets.
func (g *Graph) NewWalker(targets []Snap) *Walker {
	return &Walker{s: newSearch(newPlan(g, nil, targets, Query{}))}
}

// From appends to dst the targets that keep allows (nil: all) reached
// from src, nearest first: the k nearest of them and every one within
// maxDist (k 0: none beyond maxDist). It gives what a Table of the same
// query would hold for src, restricted to the kept targets.
func (w *Walker) From(dst []Hit, src Snap, k int, maxDist geo.Meters, keep func(t int32) bool) []Hit {
	s := w.s
	s.reset()
	s.start(src)
	maxDM := Decimetres(0)
	if maxDist > 0 {
		maxDM = ceilDM(math.Min(float64(maxDist), float64(unset-1)/10))
	}
	nodes := int32(len(s.p.g.xy))
	for len(s.heap) > 0 {
		d, id := s.heap.pop()
		if d > s.dist[id] {
			continue // stale
		}
		if d > maxDM && s.found >= k {
			break
		}
		if id < nodes {
			s.expand(id, d)
			continue
		}
		if t := id - nodes; keep == nil || keep(t) {
			dst = append(dst, Hit{Target: t, Dist: d})
			s.found++
		}
	}
	return dst
}
