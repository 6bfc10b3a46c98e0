package siteopt

import (
	"fmt"
	"time"
)

// Status says how Solve ended. It is apart from the error: a search that
// stopped on its time limit returns its best solution and Status TimeLimit
// with a nil error.
type Status int

const (
	// Feasible: the search ran to its iteration limits (or GapTolerance)
	// without proving the solution optimal; Gap bounds how far it can be.
	Feasible Status = iota
	// Optimal: the bound meets the objective (Gap ≈ 0).
	Optimal
	// TimeLimit: Options.TimeLimit ran out; the result is the best found.
	TimeLimit
	// Canceled: the context was cancelled; the result is the best found
	// and the error wraps ctx.Err().
	Canceled
	// Infeasible: no solution exists; the error wraps ErrInfeasible.
	Infeasible
)

func (s Status) String() string {
	switch s {
	case Feasible:
		return "feasible"
	case Optimal:
		return "optimal"
	case TimeLimit:
		return "time limit"
	case Canceled:
		return "canceled"
	case Infeasible:
		return "infeasible"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is a solution and how good it is.
type Result struct {
	// Open lists the open sites, fixed ones included, in increasing order.
	Open []int
	// Assign is each demand point's site: its cheapest open site (PMedian),
	// its assigned site (CapacitatedPMedian), or a covering open site and -1
	// when it is not covered (MaxCover, SetCover).
	Assign []int
	// Objective is the model's objective: weighted cost plus opening costs
	// (the median models), covered weight (MaxCover), or total opening cost,
	// the number of new sites by default (SetCover).
	Objective float64
	// LowerBound and UpperBound bracket the optimum. For the minimisation
	// models UpperBound is Objective and LowerBound is the certified
	// Lagrangian bound; for MaxCover LowerBound is Objective and UpperBound
	// the certified bound.
	LowerBound, UpperBound float64
	// Gap is (UpperBound − LowerBound) / |Objective|, 0 when both are 0:
	// the solution is within Gap (a fraction, not a percentage) of optimal.
	Gap float64
	// Status says how the search ended.
	Status Status
	// Iterations counts local-search moves (swaps) over all rounds;
	// BoundIterations counts subgradient steps.
	Iterations, BoundIterations int
	// Nodes counts the branch-and-bound nodes evaluated (Options.Prove).
	Nodes int
	// Elapsed is the wall time of Solve.
	Elapsed time.Duration
}
