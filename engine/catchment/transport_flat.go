package catchment

import "github.com/paulmach/orb"

// flatSolution is a split answer in CSR form, the input of the whole-area
// heuristic (transport_whole.go).
type flatSolution struct {
	n, m   int
	u      float64
	supply []int32
	capa   []int64
	start  []int32
	school []int32
	cost   []float64
	flow   []int32
	unpl   []int32
	// Arcs added by the heuristic sit after start[n]: the last of area i
	// at xhead[i], each linking to the one before through xnext[a−start[n]].
	xhead []int32
	xnext []int32
	// grid, when set (geometric form), indexes the schools with seats;
	// areas are the areas' points.
	grid  *priceGrid
	areas []orb.Point
}

func (s *sspSolver) flat(res *TransportResult) *flatSolution {
	f := &flatSolution{
		n: s.n, m: s.m, u: s.unplacedCost, supply: s.supply, capa: s.capacity,
		start: res.Start, school: res.School, cost: res.Cost, flow: res.Flow, unpl: res.Unplaced,
	}
	if s.grid != nil {
		f.grid, f.areas = s.grid, s.prob.Areas
	}
	return f
}
