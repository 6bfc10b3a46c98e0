package catchment

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
	// widen, when set, appends the schools with seats nearer than maxCost
	// to area i (geometric form).
	widen func(i int, maxCost float64, dst []Arc) []Arc
}

func (s *sspSolver) flat(res *TransportResult) *flatSolution {
	f := &flatSolution{
		n: s.n, m: s.m, u: s.unplacedCost, supply: s.supply, capa: s.capacity,
		start: res.Start, school: res.School, cost: res.Cost, flow: res.Flow, unpl: res.Unplaced,
	}
	if g := s.grid; g != nil {
		f.widen = func(i int, maxCost float64, dst []Arc) []Arc {
			q := s.prob.Areas[i]
			lim := maxCost
			g.scan(q, false, &lim, func(j int32, d float64) {
				dst = append(dst, Arc{School: j, Cost: d})
			})
			return dst
		}
	}
	return f
}
