package catchment

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// badTransport returns an error wrapping ErrBadTransport.
func badTransport(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadTransport, fmt.Sprintf(format, a...))
}

// validateTransport checks p and o (defaults filled in) before a solve,
// and returns the first problem it finds.
func validateTransport(p *TransportProblem, o *TransportOptions) error {
	if p == nil {
		return badTransport("nil problem")
	}
	geometric := p.Areas != nil || p.Schools != nil
	if geometric {
		if err := validatePoints(p); err != nil {
			return err
		}
	} else if err := validateCSR(p); err != nil {
		return err
	}
	if err := validateCosts(p, o); err != nil {
		return err
	}
	if err := validateSupplies(p); err != nil {
		return err
	}
	if geometric {
		return nil
	}
	return validateArcs(p)
}

// validatePoints checks the geometric form: one finite point per area and
// per school, and none of the sparse form's lists.
func validatePoints(p *TransportProblem) error {
	n, m := len(p.Supply), len(p.Capacity)
	if p.Start != nil || p.School != nil || p.Cost != nil {
		return badTransport("both forms: Areas/Schools and Start/School/Cost are set")
	}
	if len(p.Areas) != n || len(p.Schools) != m {
		return badTransport("%d area points for %d areas, %d school points for %d schools", len(p.Areas), n, len(p.Schools), m)
	}
	for i, q := range p.Areas {
		if !finitePoint(q) {
			return badTransport("area %d: point %v is not finite", i, q)
		}
	}
	for j, q := range p.Schools {
		if !finitePoint(q) {
			return badTransport("school %d: point %v is not finite", j, q)
		}
	}
	return nil
}

// finitePoint reports whether both coordinates of q are finite.
func finitePoint(q orb.Point) bool {
	return !math.IsNaN(q[0]) && !math.IsInf(q[0], 0) && !math.IsNaN(q[1]) && !math.IsInf(q[1], 0)
}

// validateCSR checks the shape of the sparse form's lists.
func validateCSR(p *TransportProblem) error {
	n := len(p.Supply)
	if len(p.Start) != n+1 {
		return badTransport("len(Start) = %d, want len(Supply)+1 = %d", len(p.Start), n+1)
	}
	if len(p.School) != len(p.Cost) {
		return badTransport("len(School) = %d but len(Cost) = %d", len(p.School), len(p.Cost))
	}
	if p.Start[0] != 0 || int(p.Start[n]) != len(p.School) {
		return badTransport("Start runs from %d to %d, want 0 to len(School) = %d", p.Start[0], p.Start[n], len(p.School))
	}
	return nil
}

// validateCosts checks the unplaced cost and the options.
func validateCosts(p *TransportProblem, o *TransportOptions) error {
	if !validCost(p.Unplaced) {
		return badTransport("Unplaced = %v, want a finite cost ≥ 0", p.Unplaced)
	}
	if !(o.Tolerance >= 0) || math.IsInf(o.Tolerance, 0) {
		return badTransport("Tolerance = %v, want ≥ 0", o.Tolerance)
	}
	if o.TimeLimit < 0 {
		return badTransport("TimeLimit = %v, want ≥ 0", o.TimeLimit)
	}
	if o.Warm != nil && len(o.Warm.Prices) != len(p.Capacity) {
		return badTransport("Warm has %d prices, want one per school (%d)", len(o.Warm.Prices), len(p.Capacity))
	}
	return nil
}

// validCost reports whether c is a finite cost ≥ 0.
func validCost(c float64) bool {
	return !math.IsNaN(c) && !math.IsInf(c, 0) && c >= 0
}

// validateSupplies checks that supplies and capacities are ≥ 0 and that
// the total supply fits an int32.
func validateSupplies(p *TransportProblem) error {
	var total int64
	for i, s := range p.Supply {
		if s < 0 {
			return badTransport("area %d: Supply = %d, want ≥ 0", i, s)
		}
		total += int64(s)
	}
	if total > math.MaxInt32 {
		return badTransport("total supply %d exceeds %d", total, math.MaxInt32)
	}
	for j, c := range p.Capacity {
		if c < 0 {
			return badTransport("school %d: Capacity = %d, want ≥ 0", j, c)
		}
	}
	return nil
}

// validateArcs checks every arc of the sparse form: lists that do not run
// backwards, schools in range and listed once an area, valid costs.
func validateArcs(p *TransportProblem) error {
	m := len(p.Capacity)
	seen := make([]int32, m) // area+1 that last listed each school
	for i := range len(p.Supply) {
		lo, hi := p.Start[i], p.Start[i+1]
		if hi < lo {
			return badTransport("area %d: Start decreases (%d to %d)", i, lo, hi)
		}
		for a := lo; a < hi; a++ {
			if err := validateArc(p, seen, i, a); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateArc checks arc a of area i; seen marks the schools area i listed
// before it.
func validateArc(p *TransportProblem, seen []int32, i int, a int32) error {
	j, c := p.School[a], p.Cost[a]
	if m := len(p.Capacity); j < 0 || int(j) >= m {
		return badTransport("area %d, arc %d: school %d out of range [0, %d)", i, a, j, m)
	}
	if !validCost(c) {
		return badTransport("area %d, arc %d: cost %v, want a finite cost ≥ 0", i, a, c)
	}
	if seen[j] == int32(i)+1 {
		return badTransport("area %d lists school %d twice", i, j)
	}
	seen[j] = int32(i) + 1
	return nil
}
