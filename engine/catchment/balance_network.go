package catchment

import (
	"context"

	"github.com/schoolplan/schoolplan/engine"
)

// solveWalks poses the group's problem in the sparse form, each area's
// arcs being the group's schools it walks to within the cost of leaving a
// child unplaced (a farther school never takes a child: leaving the child
// unplaced costs less and frees the seat), at their walking distance, and
// solves it. An area that reaches none has no arc: its children are
// unplaced by distance.
func (g *balanceGroup) solveWalks(ctx context.Context, dist engine.Distances, supply, capacity []int32, unplaced float64, opt TransportOptions) error {
	p := &g.prob
	local := make(map[int]int32, len(g.schools))
	for k, s := range g.schools {
		local[s] = int32(k)
	}
	keep := func(s int) bool { _, ok := local[s]; return ok }
	*p = TransportProblem{Supply: resize(p.Supply, len(g.areas)), Capacity: resize(p.Capacity, len(g.schools)),
		Start: resize(p.Start, len(g.areas)+1)[:1], School: p.School[:0], Cost: p.Cost[:0], Unplaced: unplaced}
	p.Start[0] = 0
	var near []engine.Reach
	for k, i := range g.areas {
		p.Supply[k] = supply[i]
		near = dist.Near(near[:0], int(i), engine.Meters(unplaced), keep)
		for _, r := range near {
			p.School = append(p.School, local[int(r.School)])
			p.Cost = append(p.Cost, float64(r.Dist))
		}
		p.Start = append(p.Start, int32(len(p.School)))
	}
	for k, s := range g.schools {
		p.Capacity[k] = capacity[s]
	}
	g.solver.keepStart = false
	res, err := solveTransport(ctx, &g.solver, p, &opt)
	g.res = res
	return err
}
