package network

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/schoolplan/schoolplan/geo"
)

// Query says which targets each source wants.
type Query struct {
	// K asks for the K nearest targets by network; 0 for none beyond
	// MaxDist. K is meant to be small (the few nearest): the labels take
	// K × 8 bytes per node.
	K int
	// MaxDist asks for every target within it too; 0 for none beyond the
	// K nearest. K and MaxDist may not both be 0.
	MaxDist geo.Meters
	// Workers is the number of searches run at once; 0 means one per
	// core (runtime.GOMAXPROCS).
	Workers int
	// PerSource searches from each source in turn instead of labelling
	// the nodes from the targets: the same table, slower when sources
	// are many; kept as the reference.
	PerSource bool
}

// entry is a target reached from a node by walking extra along the
// target's segment (and its snap offset).
type entry struct {
	target int32
	extra  Decimetres
}

// plan holds what every search of one Distances call shares.
type plan struct {
	g       *Graph
	sources []Snap
	targets []Snap
	k       int
	maxDM   Decimetres
	// entries of node n: ent[entStart[n]:entStart[n+1]]
	entStart []int32
	ent      []entry
	// targets on segment s: onSeg[segStart[s]:segStart[s+1]]
	segStart []int32
	onSeg    []int32
}

// Distances walks from every source to the targets the query asks for:
// the K nearest and all within MaxDist. Distances include the snap
// offsets of both ends. Walks longer than 214,748 km (the reach of
// Decimetres) are not followed. It checks ctx between batches.
//
// The nodes are labelled first, from the targets backwards: each node
// with its K nearest targets (one search from all targets at once, with K
// labels per node) and with the targets within MaxDist (a bounded search
// from each target, on Workers goroutines). A source on segment (a, b)
// then walks to a or b and on: its K nearest targets are among those of a
// and of b, and its targets within MaxDist among theirs, so merging the
// two lists (and the targets on its own segment) gives its answer
// exactly. The cost is about K searches of the graph and one small search
// per target, whatever the number of sources. Query.PerSource runs a
// bounded Dijkstra search from each source instead.
func (g *Graph) Distances(ctx context.Context, sources, targets []Snap, q Query) (*Table, error) {
	if q.K < 0 || q.MaxDist < 0 || (q.K == 0 && q.MaxDist == 0) || math.IsNaN(float64(q.MaxDist)) {
		return nil, fmt.Errorf("%w: want K > 0 or MaxDist > 0, got K %d and MaxDist %v m", ErrQuery, q.K, q.MaxDist)
	}
	p := newPlan(g, sources, targets, q)
	workers := q.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if q.PerSource {
		return p.run(ctx, workers)
	}
	t := p.runLabels(ctx, workers)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("walking distances: %w", err)
	}
	return t, nil
}

// newPlan indexes the targets by the nodes and segments they are reached
// from.
func newPlan(g *Graph, sources, targets []Snap, q Query) *plan {
	p := &plan{g: g, sources: sources, targets: targets, k: q.K, maxDM: ceilDM(float64(q.MaxDist))}
	from := func(yield func(n int32, e entry)) {
		for t, s := range targets {
			if s.Segment < 0 {
				continue
			}
			seg := g.seg[s.Segment]
			yield(seg.a, entry{int32(t), ceilDM(float64(s.Offset) + s.T*seg.meters)})
			if !seg.oneway {
				yield(seg.b, entry{int32(t), ceilDM(float64(s.Offset) + (1-s.T)*seg.meters)})
			}
		}
	}
	p.entStart = make([]int32, len(g.xy)+1)
	from(func(n int32, _ entry) { p.entStart[n+1]++ })
	prefix(p.entStart)
	p.ent = make([]entry, p.entStart[len(g.xy)])
	fill := append([]int32(nil), p.entStart...)
	from(func(n int32, e entry) { p.ent[fill[n]] = e; fill[n]++ })

	p.indexBySegment()
	return p
}

// indexBySegment lists the targets on each segment.
func (p *plan) indexBySegment() {
	p.segStart = make([]int32, len(p.g.seg)+1)
	for _, s := range p.targets {
		if s.Segment >= 0 {
			p.segStart[s.Segment+1]++
		}
	}
	prefix(p.segStart)
	p.onSeg = make([]int32, p.segStart[len(p.g.seg)])
	fill := append([]int32(nil), p.segStart...)
	for t, s := range p.targets {
		if s.Segment >= 0 {
			p.onSeg[fill[s.Segment]] = int32(t)
			fill[s.Segment]++
		}
	}
}

// prefix turns counts (shifted by one) into offsets.
func prefix(a []int32) {
	for i := 1; i < len(a); i++ {
		a[i] += a[i-1]
	}
}

// batch is the number of sources a worker takes at a time.
const batch = 256

// run searches from every source on workers goroutines; batches are
// written to their own slots, so the table does not depend on timing.
func (p *plan) run(ctx context.Context, workers int) (*Table, error) {
	nb := (len(p.sources) + batch - 1) / batch
	hits := make([][]Hit, nb)
	counts := make([]int32, len(p.sources))
	parallel(ctx, workers, nb, func() func(b int) {
		s := newSearch(p)
		return func(b int) { hits[b] = s.batch(b, counts) }
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("walking distances: %w", err)
	}
	return assemble(hits, counts), nil
}

// parallel runs jobs 0..n-1 on workers goroutines, each taking the next
// job as it finishes one; worker makes a goroutine's job runner, with
// buffers of its own. It stops taking jobs once ctx is done.
func parallel(ctx context.Context, workers, n int, worker func() func(job int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do := worker()
			for j := int(next.Add(1) - 1); j < n && ctx.Err() == nil; j = int(next.Add(1) - 1) {
				do(j)
			}
		}()
	}
	wg.Wait()
}

// assemble joins the batches into one table.
func assemble(hits [][]Hit, counts []int32) *Table {
	t := &Table{start: make([]int32, len(counts)+1)}
	for i, c := range counts {
		t.start[i+1] = t.start[i] + c
	}
	t.hits = make([]Hit, 0, t.start[len(counts)])
	for _, h := range hits {
		t.hits = append(t.hits, h...)
	}
	return t
}
