package catchment

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/paulmach/orb"
)

// ErrBadTransport is wrapped by the errors SolveTransport returns for a
// malformed problem or options.
var ErrBadTransport = errors.New("catchment: bad transport problem")

// TransportProblem is a capacity-balanced catchment problem: children of
// areas (sources, with integer supply) go to schools (sinks, with integer
// seats), or stay unplaced at a cost.
//
// It comes in one of two forms. In the geometric form (Areas and Schools
// set, Start, School and Cost nil) every school may take children of every
// area, at the straight-line distance between their points (projected
// metres); the solver finds the candidates itself with a grid, so nothing
// is left out. In the sparse form (Start, School and Cost set) an area may
// only use its listed arcs, at their costs.
//
// Costs are per child; they must be finite and non-negative.
type TransportProblem struct {
	// Supply is the number of children of each area.
	Supply []int32
	// Capacity is the number of seats of each school.
	Capacity []int32

	// Areas and Schools are the points of the geometric form, one per
	// area and per school.
	Areas, Schools []orb.Point

	// Start has len(Supply)+1 entries; the candidate arcs of area i are
	// Start[i]:Start[i+1] of School and Cost (sparse form).
	Start []int32
	// School is the candidate school of each arc; an area lists a school
	// at most once.
	School []int32
	// Cost is the cost per child of each arc.
	Cost []float64

	// Unplaced is the cost per child left without a seat.
	Unplaced float64
}

// Arc is a candidate school of an area and its cost per child.
type Arc struct {
	School int32
	Cost   float64
}

// TransportOptions tune SolveTransport. A nil *TransportOptions means the
// defaults.
type TransportOptions struct {
	// Split lets the children of one area go to several schools; by
	// default each area goes whole to one school or stays unplaced.
	Split bool
	// Tolerance is the relative gap (Objective−LowerBound)/Objective the
	// answer must reach; 0 means 1e-4 (0.01%). The split solver is exact,
	// so it only matters when the time limit stops a solve.
	Tolerance float64
	// Warm holds the result of a related problem (last year's, say) whose
	// Prices start a sparse-form solve; nil means a cold start. Only Prices
	// is read. The geometric form always starts cold: warm prices leave
	// schools with free seats priced above 0, and lowering them one school
	// at a time (a reverse auction) costs more than the cold solve.
	Warm *TransportResult
	// TimeLimit stops the solve with Status TimeLimit and the best
	// feasible answer at hand; 0 means no limit.
	TimeLimit time.Duration
}

// TransportStatus says why SolveTransport stopped.
type TransportStatus int

const (
	// Optimal: the split objective meets its lower bound (up to rounding:
	// a relative gap below 1e-12); in whole mode, the split relaxation
	// was solved to optimality.
	Optimal TransportStatus = iota
	// WithinTolerance: the split gap is at most the tolerance.
	WithinTolerance
	// TimeLimit: the time limit ran out; the answer is feasible and its
	// gap is certified, but may exceed the tolerance.
	TimeLimit
)

func (s TransportStatus) String() string {
	switch s {
	case Optimal:
		return "optimal"
	case WithinTolerance:
		return "within tolerance"
	case TimeLimit:
		return "time limit"
	}
	return fmt.Sprintf("TransportStatus(%d)", int(s))
}

// TransportResult is the answer of SolveTransport.
type TransportResult struct {
	// Start, School and Flow give the flow on every candidate arc the
	// solver used, in the same CSR form as the sparse problem: the arcs of
	// area i are Start[i]:Start[i+1]. In the sparse form they are the
	// problem's own lists; in the geometric form the solver's lists (the
	// nearest school, and the schools it looked at beyond). In whole mode
	// each area has at most one arc with flow, carrying its whole supply.
	Start  []int32
	School []int32
	Flow   []int32
	// Cost is the cost per child of each arc.
	Cost []float64
	// Unplaced is the number of unplaced children of each area.
	Unplaced []int32
	// Objective is Σ cost × flow + Problem.Unplaced × unplaced.
	Objective float64
	// LowerBound is a lower bound on the split optimum: the value of the
	// dual solution Prices, taken over every school.
	LowerBound float64
	// Gap is (Objective − LowerBound) / Objective, 0 when Objective is 0.
	// In whole mode it is the gap to the split bound, which includes the
	// cost of keeping areas whole.
	Gap float64
	// Prices are the dual prices of the schools' seats (≥ 0, in cost
	// units), reusable as TransportOptions.Warm; a school without seats
	// gets +Inf.
	Prices []float64
	// Status says why the solve stopped.
	Status TransportStatus
	// Iterations counts the augmenting paths of the split solve.
	Iterations int
}

// SolveTransport assigns the children of p's areas to schools at least
// total cost, within each school's seats, and certifies the answer with a
// lower bound from dual prices.
//
// With opt.Split it solves the transportation problem to a relative gap of
// opt.Tolerance (or optimally); by default it then keeps every area whole
// (one school, or unplaced) by rounding the split solution, repairing
// overloaded schools at least extra cost and improving with moves and
// swaps; its gap is then measured against the split bound.
//
// The split solver is a primal–dual successive-shortest-path method on
// the schools: children start at their cheapest school, and the surplus of
// every overfull school moves along the cheapest chain of exchanges (one
// area's children to another school, whose children move on …) to a
// school with room or to unplaced, found by Dijkstra with the seat prices
// as potentials; see transport_ssp.go. The answer is optimal, and the
// prices prove it. It returns an error wrapping ErrBadTransport for a
// malformed problem, and one wrapping ctx.Err() when ctx ends.
func SolveTransport(ctx context.Context, p *TransportProblem, opt *TransportOptions) (*TransportResult, error) {
	return solveTransport(ctx, new(sspSolver), p, opt)
}

// solveTransport is SolveTransport on solver s, whose buffers it reuses;
// the result holds some of them, so it is the caller's only until s solves
// again.
func solveTransport(ctx context.Context, s *sspSolver, p *TransportProblem, opt *TransportOptions) (*TransportResult, error) {
	var o TransportOptions
	if opt != nil {
		o = *opt
	}
	if o.Tolerance == 0 {
		o.Tolerance = 1e-4
	}
	if err := validateTransport(p, &o); err != nil {
		return nil, err
	}
	s.reset(p, &o)
	res, err := s.solve(ctx)
	if err != nil {
		return nil, fmt.Errorf("catchment: SolveTransport: %w", err)
	}
	if !o.Split {
		f := s.flat(res)
		f.whole(res, &s.whole)
		// Keep the split arcs' memory as the arcs the heuristic added grew
		// it, for the next solve.
		s.kept.School, s.kept.Cost = f.school, f.cost
	}
	return res, nil
}
