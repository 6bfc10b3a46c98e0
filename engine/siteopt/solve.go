package siteopt

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Solve optimises p under its Model and returns the best solution found,
// with a certified bound and the gap between them.
//
// The error is non-nil when the problem is invalid (ErrInvalid, nil
// Result), has no solution (ErrInfeasible, Result with Status Infeasible),
// or ctx was cancelled (the error wraps ctx.Err(); the Result holds the best
// solution so far, Status Canceled). A search stopped by Options.TimeLimit
// is not an error: Status TimeLimit. ctx is checked after every swap move,
// subgradient step and search round.
func Solve(ctx context.Context, p *Problem, opt *Options) (*Result, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	s := opt.settings(p, p.P+p.fixedCount())
	clk := newClock(ctx, s.timeLimit)
	in, err := newInstance(p, s, true)
	if err != nil {
		return nil, err
	}
	res, err := solveModel(in, s, clk)
	if res != nil {
		res.Elapsed = time.Since(clk.start)
		if res.Status == Feasible && clk.status != Feasible {
			res.Status = clk.status
		}
	}
	if err != nil {
		return res, err
	}
	if clk.err != nil {
		return res, clk.err
	}
	return res, nil
}

// solveModel runs the solver of the problem's model.
func solveModel(in *instance, s settings, clk *clock) (*Result, error) {
	switch in.pr.Model {
	case PMedian:
		return solvePMedian(in, s, clk), nil
	case CapacitatedPMedian:
		return solveCapacitated(in, s, clk)
	case MaxCover:
		return solveMaxCover(in, s, clk), nil
	case SetCover:
		return solveSetCover(in, s, clk)
	}
	return nil, nil
}

// relGap is (ub − lb)/|ub|, 0 when ub = lb, +Inf when ub = 0 < ub − lb.
func relGap(ub, lb float64) float64 {
	d := ub - lb
	if d <= 0 {
		return 0
	}
	if ub == 0 {
		return math.Inf(1)
	}
	return d / math.Abs(ub)
}

// optimalGap is the gap below which a solution counts as proved optimal.
const optimalGap = 1e-9

// finishMin fills the bounds, gap and status of a minimisation result.
func finishMin(res *Result, lb float64) {
	lb = math.Min(lb, res.Objective)
	res.LowerBound, res.UpperBound = lb, res.Objective
	res.Gap = relGap(res.Objective, lb)
	if res.Gap <= optimalGap {
		res.Status = Optimal
	}
}

// finishMax fills the bounds, gap and status of a maximisation result.
func finishMax(res *Result, ub float64) {
	ub = math.Max(ub, res.Objective)
	res.LowerBound, res.UpperBound = res.Objective, ub
	res.Gap = 0
	if d := ub - res.Objective; d > 0 {
		res.Gap = math.Inf(1)
		if res.Objective != 0 {
			res.Gap = d / math.Abs(res.Objective)
		}
	}
	if res.Gap <= optimalGap {
		res.Status = Optimal
	}
}

func infeasible(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInfeasible}, args...)...)
}
