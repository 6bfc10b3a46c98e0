package plan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/schoolplan/schoolplan/engine/siteopt"
)

// The placement problem of one group for one p, and its solution.

// weights returns the objective's weight of a child-metre and its factor on
// building costs: DistanceCost per km and 1 (MinCost), or 1 and a factor
// small enough for costs only to break ties (MinDistance).
func (pl *planner) weights() (alpha, costScale float64) {
	if pl.o.Objective == MinDistance {
		return 1, 1e-6
	}
	return pl.o.DistanceCost / 1000, 1
}

// solveGroup solves group g with p new schools.
//
// A child left unseated costs ten times the dearest seat: enough for the
// solver to seat every child it can unless moving a school a little
// seats a few children fewer but saves more distance, and small enough
// to keep the Lagrangian bound close (at a cost of the order of the whole
// group's distances per child, the bound of a start that leaves children
// unseated stays far below). When that solution leaves children unseated
// although the capacity would hold them, the group is solved again with
// the larger cost, and the solution seating more children is kept.
// Whether one more school is worth the last children is decided across p
// (solveModel), where an unseated child outweighs any building cost.
func (pl *planner) solveGroup(ctx context.Context, m *model, g *group, p int) (*groupEval, error) {
	if ev, ok := g.evals[p]; ok {
		return ev, nil
	}
	if p > candidateCount(m, g) {
		return nil, nil
	}
	seat := pl.dearestSeat(m, g)
	ev, err := pl.solveWith(ctx, m, g, p, 10*seat+1)
	if err != nil {
		return nil, err
	}
	if ev.unserved > 0 && p >= pl.pNeeded(m, g) {
		ev2, err := pl.solveWith(ctx, m, g, p, seat*float64(g.demand)+1)
		if err != nil {
			return nil, err
		}
		if ev2.obj < ev.obj {
			ev = ev2
		}
	}
	g.evals[p] = ev
	return ev, nil
}

// candidateCount is the number of g's sites that are candidates for a new
// school.
func candidateCount(m *model, g *group) int {
	n := 0
	for _, j := range g.sites {
		if m.sites[j].kind == siteCandidate {
			n++
		}
	}
	return n
}

// dearestSeat bounds the cost of seating one of g's children: the dearest
// seat at any of its sites plus the stage's placement distance.
func (pl *planner) dearestSeat(m *model, g *group) float64 {
	alpha, _ := pl.weights()
	worst := 0.0
	for _, j := range g.sites {
		worst = max(worst, pl.perSeat(&m.sites[j]))
	}
	return worst + alpha*float64(pl.s.Policy.MaxDistanceFor(m.st))
}

// perSeat is the cost of one child's seat at site s besides distance.
func (pl *planner) perSeat(s *site) float64 {
	if s.kind == siteCandidate {
		return 0
	}
	_, scale := pl.weights()
	return scale * pl.o.StreamCost / float64(s.cs)
}

// solveWith solves group g with p new schools and a cost of none per
// child left unseated, and records the solve in the proposal.
func (pl *planner) solveWith(ctx context.Context, m *model, g *group, p int, none float64) (*groupEval, error) {
	prob, err := pl.problem(m, g, p, none)
	if err != nil {
		return nil, err
	}
	res, err := siteopt.Solve(ctx, prob, pl.o.Solver)
	if err != nil && !errors.Is(err, siteopt.ErrInfeasible) {
		return nil, fmt.Errorf("optimize: %s round %d: %w", m.st, m.round, err)
	}
	ev := &groupEval{p: p, obj: math.Inf(1), sites: append(slices.Clone(g.sites), -1), load: make([]int, len(g.sites)+1)}
	rec := SolveRecord{Stage: m.st, Round: m.round, Districts: g.districts, Demand: g.demand, Points: len(g.chunks),
		Sites: len(g.sites), P: p, Objective: math.Inf(1), Status: siteopt.Infeasible}
	if res != nil && res.Assign != nil {
		ev.readSolution(prob, res, none)
		rec.Objective, rec.LowerBound, rec.Gap, rec.Status, rec.Elapsed = res.Objective, res.LowerBound, res.Gap, res.Status, res.Elapsed
		rec.Unserved = ev.unserved
	} else {
		ev.unserved = g.demand
	}
	rec.Cost = ev.obj - float64(ev.unserved)*unseatedPenalty
	ev.rec = len(pl.pr.Solves)
	pl.pr.Solves = append(pl.pr.Solves, rec)
	pl.progress("%s round %d, districts %v: %d children (%d points, %d sites), p = %d: objective %.6g (bound %.6g, gap %.2f%%, %v), unseated %d, %v",
		m.st, m.round, pl.districtIDs(g.districts), g.demand, len(g.chunks), len(g.sites), p, rec.Objective, rec.LowerBound, 100*rec.Gap, rec.Status, ev.unserved, rec.Elapsed.Round(time.Millisecond))
	return ev, nil
}

// problem is g's capacitated p-median with p new schools: a row per chunk,
// a column per site and a last column for the children left unseated, at
// a cost of none each.
func (pl *planner) problem(m *model, g *group, p int, none float64) (*siteopt.Problem, error) {
	prob, err := siteopt.NewMatrix(len(g.chunks), len(g.sites)+1, pl.costMatrix(m, g, none))
	if err != nil {
		return nil, err
	}
	prob.Model, prob.P = siteopt.CapacitatedPMedian, p
	prob.Weight = make([]float64, len(g.chunks))
	for r, i := range g.chunks {
		prob.Weight[r] = float64(m.chunks[i].children)
	}
	ms := len(g.sites) + 1
	_, scale := pl.weights()
	prob.Capacity = make([]float64, ms)
	prob.Fixed = make([]bool, ms)
	prob.OpenCost = make([]float64, ms)
	for c, j := range g.sites {
		s := &m.sites[j]
		prob.Capacity[c] = float64(s.capacity())
		prob.Fixed[c] = s.kind != siteCandidate
		if s.kind == siteCandidate {
			prob.OpenCost[c] = scale * s.cost
		}
	}
	prob.Capacity[ms-1], prob.Fixed[ms-1] = float64(g.demand), true
	return prob, nil
}

// costMatrix is the cost of seating each of g's chunks (rows) at each of
// its sites (columns), then of leaving it unseated (none). A site out of
// reach costs more than leaving the child unseated, so that the solver
// never seats a child where admission would not.
func (pl *planner) costMatrix(m *model, g *group, none float64) []float64 {
	alpha, _ := pl.weights()
	ms := len(g.sites) + 1
	cost := make([]float64, len(g.chunks)*ms)
	for r, i := range g.chunks {
		for c, j := range g.sites {
			v := 2 * none
			if d, ok := pl.reachable(m, i, j); ok {
				v = alpha*float64(d) + pl.perSeat(&m.sites[j])
			}
			cost[r*ms+c] = v
		}
		cost[r*ms+ms-1] = none
	}
	return cost
}

// readSolution sets ev's load, unseated children and value across p from
// the solver's result: the solver's objective without the cost of the
// children left unseated (in the last column or out of reach), plus a
// penalty that no building cost outweighs.
func (ev *groupEval) readSolution(prob *siteopt.Problem, res *siteopt.Result, none float64) {
	ms := prob.Sites()
	ev.obj = res.Objective
	for r, c := range res.Assign {
		w := int(prob.Weight[r])
		if cost := prob.Cost(r, c); c == ms-1 || cost > none {
			ev.unserved += w
			ev.obj -= prob.Weight[r] * cost
			continue
		}
		ev.load[c] += w
	}
	ev.obj += float64(ev.unserved) * unseatedPenalty
}
