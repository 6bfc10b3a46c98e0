package network

import (
	"cmp"
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

func (a kItem) less(b kItem) bool {
	return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.target, b.target), cmp.Compare(a.node, b.node)) < 0
}

func (h *kHeap) push(it kItem) {
	a := append(*h, it)
	for i := len(a) - 1; i > 0; {
		p := (i - 1) / 2
		if !a[i].less(a[p]) {
			break
		}
		a[p], a[i] = a[i], a[p]
		i = p
	}
	*h = a
}

func (h *kHeap) pop() kItem {
	a := *h
	top, n := a[0], len(a)-1
	a[0] = a[n]
	a = a[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a[c+1].less(a[c]) {
			c++
		}
		if !a[c].less(a[i]) {
			break
		}
		a[i], a[c] = a[c], a[i]
		i = c
	}
	*h = a
	return top
}

// kNearest gives every node its K nearest targets by walking, in one
// search from all targets at once over the reversed arcs: a node takes at
// most K labels, each from a different target, in order of distance
// (Dijkstra with K labels per node). It costs about K searches of the
// whole graph, whatever the number of sources.
func (p *plan) kNearest() [][]label {
	g := p.g
	labs := make([][]label, len(g.xy))
	var h kHeap
	for n := int32(0); n < int32(len(g.xy)); n++ {
		for _, e := range p.ent[p.entStart[n]:p.entStart[n+1]] {
			h.push(kItem{e.extra, e.target, n})
		}
	}
	for len(h) > 0 {
		it := h.pop()
		if !p.accepts(labs[it.node], it.target) {
			continue
		}
		labs[it.node] = append(labs[it.node], label{it.target, it.d})
		for a := g.rstart[it.node]; a < g.rstart[it.node+1]; a++ {
			if m := g.rtail[a]; p.accepts(labs[m], it.target) {
				if d := int64(it.d) + int64(g.rlength[a]); d < int64(unset) {
					h.push(kItem{Decimetres(d), it.target, m})
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
