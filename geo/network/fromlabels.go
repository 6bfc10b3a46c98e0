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
		var buf []Hit
		return func(b int) {
			var out []Hit
			for i := b * batch; i < min((b+1)*batch, len(p.sources)); i++ {
				buf = p.sourceHits(labs, p.sources[i], buf[:0])
				out = append(out, buf...)
				counts[i] = int32(len(buf))
			}
			hits[b] = out
		}
	})
	return assemble(hits, counts)
}

// sourceHits lists the targets of one source: candidates through either
// end of its segment and along it, the best of each target, nearest
// first, cut to the K nearest and those within MaxDist.
func (p *plan) sourceHits(labs *nodeLabels, src Snap, buf []Hit) []Hit {
	if src.Segment < 0 {
		return buf // not on the network
	}
	seg := p.g.seg[src.Segment]
	off := float64(src.Offset)
	add := func(base Decimetres, ls []label) {
		for _, l := range ls {
			if d := int64(base) + int64(l.d); d < int64(unset) {
				buf = append(buf, Hit{l.target, Decimetres(d)})
			}
		}
	}
	add(ceilDM(off+(1-src.T)*seg.meters), labs.of(seg.b))
	if !seg.oneway {
		add(ceilDM(off+src.T*seg.meters), labs.of(seg.a))
	}
	for _, t := range p.onSeg[p.segStart[src.Segment]:p.segStart[src.Segment+1]] {
		tt := p.targets[t]
		if along := tt.T - src.T; along >= 0 || !seg.oneway {
			buf = append(buf, Hit{t, ceilDM(off + abs(along)*seg.meters + float64(tt.Offset))})
		}
	}
	return p.cut(buf)
}

// cut sorts hits by (distance, target), keeps each target's best, and
// keeps the K nearest and all within MaxDist.
func (p *plan) cut(hs []Hit) []Hit {
	slices.SortFunc(hs, func(a, b Hit) int { return cmp.Or(cmp.Compare(a.Dist, b.Dist), cmp.Compare(a.Target, b.Target)) })
	out := hs[:0]
	for _, h := range hs {
		if len(out) >= p.k && h.Dist > p.maxDM {
			break
		}
		if !slices.ContainsFunc(out, func(o Hit) bool { return o.Target == h.Target }) {
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
