package network

import (
	"cmp"
	"container/heap"
	"slices"
)

// label is a target reached from a node, walking forwards, at d.
type label struct {
	target int32
	d      Decimetres
}

// nodeLabels are, for each node, the targets that matter from it, nearest
// first: lab[start[n]:start[n+1]].
type nodeLabels struct {
	start []int32
	lab   []label
}

func (l *nodeLabels) of(n int32) []label { return l.lab[l.start[n]:l.start[n+1]] }

// kItem is a tentative label in the K-nearest search.
type kItem struct {
	d      Decimetres
	target int32
	node   int32
}

// kHeap orders items by distance, then target, then node, so that the
// labels a node settles are its K nearest by (distance, target).
type kHeap []kItem

func (h kHeap) Len() int { return len(h) }
func (h kHeap) Less(i, j int) bool {
	a, b := h[i], h[j]
	return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.target, b.target), cmp.Compare(a.node, b.node)) < 0
}
func (h kHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *kHeap) Push(x any)   { *h = append(*h, x.(kItem)) }
func (h *kHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// kNearest gives every node its K nearest targets by walking, in one
// search from all targets at once over the reversed arcs: a node takes at
// most K labels, each from a different target, in order of distance
// (Dijkstra with K labels per node). It costs about K searches of the
// whole graph, whatever the number of sources.
func (p *plan) kNearest() [][]label {
	g := p.g
	labs := make([][]label, len(g.xy))
	h := kHeap{}
	for n := int32(0); n < int32(len(g.xy)); n++ {
		for _, e := range p.ent[p.entStart[n]:p.entStart[n+1]] {
			h = append(h, kItem{e.extra, e.target, n})
		}
	}
	heap.Init(&h)
	for h.Len() > 0 {
		it := heap.Pop(&h).(kItem)
		if !p.accepts(labs[it.node], it.target) {
			continue
		}
		labs[it.node] = append(labs[it.node], label{it.target, it.d})
		for a := g.rstart[it.node]; a < g.rstart[it.node+1]; a++ {
			if m := g.rtail[a]; p.accepts(labs[m], it.target) {
				if d := int64(it.d) + int64(g.rlength[a]); d < int64(unset) {
					heap.Push(&h, kItem{Decimetres(d), it.target, m})
				}
			}
		}
	}
	return labs
}

// accepts reports whether a node with labels ls takes a label of target t.
func (p *plan) accepts(ls []label, t int32) bool {
	if len(ls) >= p.k {
		return false
	}
	for _, l := range ls {
		if l.target == t {
			return false
		}
	}
	return true
}

// mergeLabels joins the K nearest and the within-MaxDist labels of each
// node, nearest first, each target once.
func mergeLabels(near [][]label, within [][]label) *nodeLabels {
	out := &nodeLabels{start: make([]int32, len(near)+1)}
	var buf []label
	for n := range near {
		buf = append(append(buf[:0], near[n]...), within[n]...)
		slices.SortFunc(buf, func(a, b label) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.target, b.target)) })
		buf = slices.CompactFunc(buf, func(a, b label) bool { return a.target == b.target })
		out.lab = append(out.lab, buf...)
		out.start[n+1] = int32(len(out.lab))
	}
	return out
}
