package network

import (
	"cmp"
	"context"
	"slices"
)

// runLabels answers the query from node labels: the targets that matter
// from a source are among those of its segment's two ends (see
// Distances), plus the targets on its own segment.
func (p *plan) runLabels(ctx context.Context, workers int) *Table {
	var near *kLabels
	if p.k > 0 {
		near = p.kNearest(ctx)
	}
	labs := mergeLabels(len(p.g.xy), near, p.within(ctx, workers))
	nb := (len(p.sources) + batch - 1) / batch
	hits := make([][]Hit, nb)
	counts := make([]int32, len(p.sources))
	parallel(ctx, workers, nb, func() func(b int) {
		w := &hitMerge{seen: make([]int32, len(p.targets))}
		return func(b int) {
			out := w.batch[:0]
			for i := b * batch; i < min((b+1)*batch, len(p.sources)); i++ {
				hs := p.sourceHits(labs, p.sources[i], w)
				out = append(out, hs...)
				counts[i] = int32(len(hs))
			}
			w.batch = out
			hits[b] = slices.Clone(out) // one allocation of the batch's size
		}
	})
	return assemble(hits, counts)
}

// hitMerge is a worker's buffers for sourceHits: the candidates through
// each end of the segment, their merge, and the stamps that keep each
// target once (seen[t] == stamp: t is listed for the current source).
type hitMerge struct {
	a, b, out []Hit
	batch     []Hit // the hits of the batch at hand
	seen      []int32
	stamp     int32
}

// sourceHits lists the targets of one source: candidates through either
// end of its segment and along it, the best of each target, nearest
// first, cut to the K nearest and those within MaxDist. Each end's labels
// are sorted (nearest first, then by target), so the two lists merge in
// order; targets on the source's own segment, rare, are sorted in.
func (p *plan) sourceHits(labs *nodeLabels, src Snap, w *hitMerge) []Hit {
	if src.Segment < 0 {
		return nil // not on the network
	}
	seg := p.g.seg[src.Segment]
	off := float64(src.Offset)
	w.b = appendLabels(w.b[:0], ceilDM(off+(1-src.T)*seg.meters), labs.of(seg.b))
	w.a = w.a[:0]
	if !seg.oneway {
		w.a = appendLabels(w.a, ceilDM(off+src.T*seg.meters), labs.of(seg.a))
	}
	w.out = mergeHits(w.out[:0], w.a, w.b)
	on := p.onSeg[p.segStart[src.Segment]:p.segStart[src.Segment+1]]
	for _, t := range on {
		tt := p.targets[t]
		if along := tt.T - src.T; along >= 0 || !seg.oneway {
			w.out = append(w.out, Hit{t, ceilDM(off + abs(along)*seg.meters + float64(tt.Offset))})
		}
	}
	if len(on) > 0 {
		slices.SortFunc(w.out, hitOrder)
	}
	return p.cut(w.out, w)
}

// hitOrder orders hits by distance, then target.
func hitOrder(a, b Hit) int {
	return cmp.Or(cmp.Compare(a.Dist, b.Dist), cmp.Compare(a.Target, b.Target))
}

// appendLabels appends the labels ls, reached at base more, as hits;
// walks beyond the reach of Decimetres are left out.
func appendLabels(dst []Hit, base Decimetres, ls []label) []Hit {
	for _, l := range ls {
		if d := int64(base) + int64(l.d); d < int64(unset) {
			dst = append(dst, Hit{l.target, Decimetres(d)})
		}
	}
	return dst
}

// mergeHits appends to dst the hits of a and b, each in hitOrder, in
// hitOrder.
func mergeHits(dst, a, b []Hit) []Hit {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if hitOrder(a[i], b[j]) <= 0 {
			dst = append(dst, a[i])
			i++
		} else {
			dst = append(dst, b[j])
			j++
		}
	}
	return append(append(dst, a[i:]...), b[j:]...)
}

// cut keeps, of hits in hitOrder, each target's first (its best), and
// only the K nearest and all within MaxDist.
func (p *plan) cut(hs []Hit, w *hitMerge) []Hit {
	w.stamp++
	if w.stamp == 0 { // wrapped: clear the stamps
		clear(w.seen)
		w.stamp = 1
	}
	out := hs[:0]
	for _, h := range hs {
		if len(out) >= p.k && h.Dist > p.maxDM {
			break
		}
		if w.seen[h.Target] != w.stamp {
			w.seen[h.Target] = w.stamp
			out = append(out, h)
		}
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
