package catchment

import (
	"context"
	"math"

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
// by area in the city's order, with the city's school indices.
func mergeArcs(res *TransportResult, groups []balanceGroup) {
	nnz := 0
	for gi := range groups {
		nnz += len(groups[gi].res.School)
	}
	res.School = resize(res.School, nnz)[:0]
	res.Flow = resize(res.Flow, nnz)[:0]
	res.Cost = resize(res.Cost, nnz)[:0]
	type span struct{ g, k int }
	where := make([]span, len(res.Unplaced))
	for gi := range groups {
		for k, i := range groups[gi].areas {
			where[i] = span{gi, k}
		}
	}
	for i, w := range where {
		r := groups[w.g].res
		ids := groups[w.g].schools
		for a := r.Start[w.k]; a < r.Start[w.k+1]; a++ {
			res.School = append(res.School, int32(ids[r.School[a]]))
			res.Flow = append(res.Flow, r.Flow[a])
			res.Cost = append(res.Cost, r.Cost[a])
		}
		res.Unplaced[i] = r.Unplaced[w.k]
		res.Start[i+1] = int32(len(res.School))
	}
}
