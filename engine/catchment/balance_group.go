package catchment

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
)

// balanceGroup is one independent part of a balanced catchment: the
// areas of a district and the schools that may serve them.
type balanceGroup struct {
	areas   []int32
	schools []int
	res     *TransportResult // the solver's: valid until it solves again

	// Kept from one call of Balancer.Balance to the next.
	prob   TransportProblem
	solver sspSolver
}

// solve poses and solves the group's problem: in the geometric form for
// straight lines (dist nil), in the sparse form for walks (balance_network.go).
func (g *balanceGroup) solve(ctx context.Context, c *engine.City, dist engine.Distances, supply, capacity []int32, unplaced float64, opt TransportOptions) error {
	if dist != nil {
		return g.solveWalks(ctx, dist, supply, capacity, unplaced, opt)
	}
	p := &g.prob
	p.Supply = resize(p.Supply, len(g.areas))
	p.Capacity = resize(p.Capacity, len(g.schools))
	// Non-nil even when empty: nil points would mean the sparse form.
	p.Areas = nonNil(resize(p.Areas, len(g.areas)))
	p.Schools = nonNil(resize(p.Schools, len(g.schools)))
	p.Unplaced = unplaced
	for k, i := range g.areas {
		p.Supply[k] = supply[i]
		p.Areas[k] = c.Areas[i].Point
	}
	for k, s := range g.schools {
		p.Capacity[k] = capacity[s]
		p.Schools[k] = c.Schools[s].Point
	}
	g.solver.keepStart = true
	res, err := solveTransport(ctx, &g.solver, p, &opt)
	g.res = res
	return err
}

// nonNil returns pts, or an empty slice when pts is nil.
func nonNil(pts []orb.Point) []orb.Point {
	if pts == nil {
		return []orb.Point{}
	}
	return pts
}

// mergeGroups joins the groups' results into one over the whole city,
// in the memory of buf's slices.
func mergeGroups(groups []balanceGroup, nA, nS int, capacity []int32, buf *TransportResult) *TransportResult {
	res := &TransportResult{
		Start:    zeroedTo(buf.Start, nA+1),
		Unplaced: zeroedTo(buf.Unplaced, nA),
		Prices:   resize(buf.Prices, nS),
		School:   buf.School,
		Flow:     buf.Flow,
		Cost:     buf.Cost,
	}
	for s := range res.Prices {
		res.Prices[s] = math.Inf(1) // no group: no seats to price
		if capacity[s] > 0 {
			res.Prices[s] = 0
		}
	}
	for gi := range groups {
		g := &groups[gi]
		for k, s := range g.schools {
			res.Prices[s] = g.res.Prices[k]
		}
		res.Objective += g.res.Objective
		res.LowerBound += g.res.LowerBound
		res.Iterations += g.res.Iterations
		res.Status = max(res.Status, g.res.Status)
	}
	mergeArcs(res, groups)
	res.Gap = relGap(res.Objective, res.LowerBound)
	return res
}

// mergeArcs copies the groups' arcs and unplaced children into res, area
// by area in the city's order, with the city's school indices. Each group
// writes only its own areas' entries, so the groups are copied side by
// side (GOMAXPROCS workers) and the result does not depend on the
// schedule: first each area's arc count and unplaced children, then, once
// the counts are summed into res.Start, the arcs.
func mergeArcs(res *TransportResult, groups []balanceGroup) {
	eachGroup(groups, func(g *balanceGroup) {
		r := g.res
		for k, i := range g.areas {
			res.Start[i+1] = r.Start[k+1] - r.Start[k]
			res.Unplaced[i] = r.Unplaced[k]
		}
	})
	for i := range len(res.Unplaced) {
		res.Start[i+1] += res.Start[i]
	}
	nnz := int(res.Start[len(res.Unplaced)])
	res.School = resizeRoom(res.School, nnz)
	res.Flow = resizeRoom(res.Flow, nnz)
	res.Cost = resizeRoom(res.Cost, nnz)
	eachGroup(groups, func(g *balanceGroup) {
		r := g.res
		for k, i := range g.areas {
			at := res.Start[i]
			for a := r.Start[k]; a < r.Start[k+1]; a++ {
				res.School[at] = int32(g.schools[r.School[a]])
				at++
			}
			copy(res.Flow[res.Start[i]:], r.Flow[r.Start[k]:r.Start[k+1]])
			copy(res.Cost[res.Start[i]:], r.Cost[r.Start[k]:r.Start[k+1]])
		}
	})
}

// eachGroup calls f on every group, on up to GOMAXPROCS goroutines; f
// must write only what belongs to its group.
func eachGroup(groups []balanceGroup, f func(*balanceGroup)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		wg.Go(func() {
			for k := next.Add(1) - 1; k < int64(len(groups)); k = next.Add(1) - 1 {
				f(&groups[k])
			}
		})
	}
	wg.Wait()
}
