package network

import (
	"cmp"
	"context"
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

// kItem is a tentative label in the K-nearest search: key packs the
// distance (high) and the target (low), so that one comparison orders by
// distance, then target; ties of both go to the lower node.
type kItem struct {
	key  uint64
	node int32
}

func kKey(d Decimetres, target int32) uint64 { return uint64(uint32(d))<<32 | uint64(uint32(target)) }

func (a kItem) less(b kItem) bool { return a.key < b.key || (a.key == b.key && a.node < b.node) }

// kHeap is a 4-ary min-heap of kItems: shallower than a binary heap, and
// its four children share a cache line.
type kHeap []kItem

func (h *kHeap) push(it kItem) {
	a := append(*h, it)
	for i := len(a) - 1; i > 0; {
		p := (i - 1) / 4
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
		c := smallestChild(a, 4*i+1)
		if c < 0 || !a[c].less(a[i]) {
			break
		}
		a[i], a[c] = a[c], a[i]
		i = c
	}
	*h = a
	return top
}

// smallestChild is the least of the (up to) four items from first on;
// -1 when there are none.
func smallestChild(a []kItem, first int) int {
	if first >= len(a) {
		return -1
	}
	c := first
	for j := first + 1; j < min(first+4, len(a)); j++ {
		if a[j].less(a[c]) {
			c = j
		}
	}
	return c
}

// kLabels holds up to K labels per node in one flat array.
type kLabels struct {
	k   int
	n   []int32 // labels held by each node
	lab []label // node n's labels: lab[n*k : n*k+n[n]]
}

func (l *kLabels) of(n int32) []label {
	return l.lab[int(n)*l.k : int(n)*l.k+int(l.n[n])]
}

// accepts reports whether node n takes a label of target t: it holds
// fewer than K, none of them from t.
func (l *kLabels) accepts(n, t int32) bool {
	if int(l.n[n]) >= l.k {
		return false
	}
	for _, x := range l.of(n) {
		if x.target == t {
			return false
		}
	}
	return true
}

// kNearest gives every node its K nearest targets by walking, in one
// search from all targets at once over the reversed arcs: a node takes at
// most K labels, each from a different target, in order of (distance,
// target) (Dijkstra with K labels per node). It costs about K searches
// of the whole graph, whatever the number of sources.
//
// It checks ctx every 65,536 labels and stops early when it is done; the
// caller then returns ctx's error.
func (p *plan) kNearest(ctx context.Context) *kLabels {
	g := p.g
	l := &kLabels{k: p.k, n: make([]int32, len(g.xy)), lab: make([]label, len(g.xy)*p.k)}
	var h kHeap
	for n := int32(0); n < int32(len(g.xy)); n++ {
		for _, e := range p.ent[p.entStart[n]:p.entStart[n+1]] {
			h.push(kItem{kKey(e.extra, e.target), n})
		}
	}
	for steps := 0; len(h) > 0; steps++ {
		if steps&0xffff == 0 && ctx.Err() != nil {
			break
		}
		it := h.pop()
		d, t := Decimetres(it.key>>32), int32(uint32(it.key))
		if !l.accepts(it.node, t) {
			continue
		}
		l.lab[int(it.node)*l.k+int(l.n[it.node])] = label{t, d}
		l.n[it.node]++
		for a := g.rstart[it.node]; a < g.rstart[it.node+1]; a++ {
			if m := g.rtail[a]; l.accepts(m, t) {
				if nd := int64(d) + int64(g.rlength[a]); nd < int64(unset) {
					h.push(kItem{kKey(Decimetres(nd), t), m})
				}
			}
		}
	}
	return l
}

// mergeLabels joins the K nearest (nil when K is 0) and the
// within-MaxDist labels of each node, nearest first, each target once.
func mergeLabels(nodes int, near *kLabels, within [][]label) *nodeLabels {
	out := &nodeLabels{start: make([]int32, nodes+1)}
	total := 0 // at most this many labels: room for them at once
	for n := range nodes {
		total += len(within[n])
		if near != nil {
			total += len(near.of(int32(n)))
		}
	}
	out.lab = make([]label, 0, total)
	var buf []label
	for n := range nodes {
		buf = buf[:0]
		if near != nil {
			buf = append(buf, near.of(int32(n))...)
		}
		buf = append(buf, within[n]...)
		slices.SortFunc(buf, func(a, b label) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.target, b.target)) })
		// A target in both lists has one shortest distance: its copies
		// are neighbours.
		buf = slices.CompactFunc(buf, func(a, b label) bool { return a.target == b.target })
		out.lab = append(out.lab, buf...)
		out.start[n+1] = int32(len(out.lab))
	}
	return out
}
