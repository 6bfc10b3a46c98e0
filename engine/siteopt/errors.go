package siteopt

import "errors"

// Sentinel errors. Solve wraps them with the detail (which demand point,
// which field), so test them with errors.Is.
var (
	// ErrInfeasible: no choice of sites satisfies the model, e.g. a demand
	// point lies farther than Radius from every candidate (SetCover), or the
	// capacities cannot hold the demand (CapacitatedPMedian).
	ErrInfeasible = errors.New("siteopt: infeasible")
	// ErrInvalid: the Problem is malformed (lengths disagree, negative or
	// non-finite costs, P out of range, a model without the data it needs).
	ErrInvalid = errors.New("siteopt: invalid problem")
	// ErrFormat: an OR-Library file does not follow its format.
	ErrFormat = errors.New("siteopt: bad instance file")
)
