package siteopt

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Model selects what Solve optimises.
type Model int

const (
	// PMedian opens exactly P new sites (besides the fixed ones) and
	// minimises Σ Weight[i]·cost(i, nearest open site), plus the opening
	// costs of the new sites.
	PMedian Model = iota
	// CapacitatedPMedian is PMedian where every demand point is assigned
	// whole to one open site and the Demand assigned to site j may not
	// exceed Capacity[j]. The cost of an assignment is Weight[i]·cost(i, j)
	// (Weight nil: the bare cost, as in the Osman–Christofides instances).
	CapacitatedPMedian
	// MaxCover opens exactly P new sites and maximises the Weight of the
	// demand points within Radius (cost ≤ Radius) of an open site.
	MaxCover
	// SetCover opens the fewest new sites (the least total OpenCost when
	// OpenCost is set) so that every demand point of positive Weight is
	// within Radius of an open site.
	SetCover
)

func (m Model) String() string {
	switch m {
	case PMedian:
		return "p-median"
	case CapacitatedPMedian:
		return "capacitated p-median"
	case MaxCover:
		return "maximal covering"
	case SetCover:
		return "set covering"
	}
	return fmt.Sprintf("Model(%d)", int(m))
}

// Problem is a placement problem on n demand points and m candidate sites.
//
// The costs are fixed by the constructor (NewMatrix, NewFunc, NewEuclidean);
// the exported fields say what to optimise and may be changed between
// calls to Solve (a Problem is cheap to copy: copies share the costs). Costs
// are in the caller's unit: metres for NewEuclidean, whatever the matrix
// holds otherwise (OR-Library instances have their own units), which is why
// they are plain float64 and not geo.Meters.
//
// Slices of length n are indexed by demand point, slices of length m by
// site. A nil slice takes its documented default.
type Problem struct {
	// Model is the objective; the zero value is PMedian.
	Model Model
	// P is the number of new sites to open (PMedian, CapacitatedPMedian,
	// MaxCover). Fixed sites are open in addition and do not count.
	P int
	// Radius is the service radius of the covering models, in cost units:
	// a demand point is covered by a site when cost ≤ Radius.
	Radius float64

	// Weight multiplies each demand point's cost (children, households).
	// Nil: every weight is 1. Weights must be finite and ≥ 0; a point of
	// weight 0 is assigned but does not count.
	Weight []float64
	// Demand is what each point consumes of a site's capacity
	// (CapacitatedPMedian). Nil: Weight (or 1 when Weight is nil too).
	Demand []float64
	// Capacity is each site's capacity (CapacitatedPMedian; ignored by the
	// other models).
	Capacity []float64
	// Fixed marks sites that are open whatever the solver does, such as
	// existing schools. Nil: none.
	Fixed []bool
	// OpenCost is the cost of opening each new site, added to the objective
	// of the median models and minimised by SetCover. Nil: 0 for the
	// median models, 1 for SetCover. Ignored for fixed sites and by MaxCover.
	OpenCost []float64

	n, m int
	cost costMatrix
}

// NewMatrix returns a problem with n demand points and m candidate sites
// whose cost from point i to site j is cost[i*m+j] (row-major). The slice is
// kept, not copied: do not change it while the problem is in use. Costs must
// be finite and ≥ 0.
func NewMatrix(n, m int, cost []float64) (*Problem, error) {
	if n <= 0 || m <= 0 {
		return nil, fmt.Errorf("%w: %d demand points and %d sites; want at least one of each", ErrInvalid, n, m)
	}
	if len(cost) != n*m {
		return nil, fmt.Errorf("%w: cost matrix has %d entries, want n·m = %d·%d = %d", ErrInvalid, len(cost), n, m, n*m)
	}
	integral := true
	for k, c := range cost {
		if !(c >= 0) || math.IsInf(c, 1) {
			return nil, fmt.Errorf("%w: cost[%d] (point %d, site %d) is %v; want a finite value ≥ 0", ErrInvalid, k, k/m, k%m, c)
		}
		if integral && c != math.Trunc(c) {
			integral = false
		}
	}
	return &Problem{n: n, m: m, cost: costMatrix{n: n, m: m, dense: cost, integral: integral}}, nil
}

// NewFunc returns a problem whose cost from point i to site j is cost(i, j),
// called as often as the solver needs (at least once per pair, and again for
// the points whose nearest open sites are far down their candidate lists).
// The function must be deterministic, safe for concurrent use, and return
// finite values ≥ 0; Solve reports ErrInvalid for a value that is not.
func NewFunc(n, m int, cost func(i, j int) float64) (*Problem, error) {
	if n <= 0 || m <= 0 {
		return nil, fmt.Errorf("%w: %d demand points and %d sites; want at least one of each", ErrInvalid, n, m)
	}
	if cost == nil {
		return nil, fmt.Errorf("%w: nil cost function", ErrInvalid)
	}
	return &Problem{n: n, m: m, cost: costMatrix{n: n, m: m, fn: cost}}, nil
}

// NewEuclidean returns a problem whose costs are the straight-line
// distances between demand points and candidate sites on a metric plane
// (metres, as geo projects them). Distances are computed when needed, so a
// problem of 10,000 points and 2,000 sites never holds the 160 MB matrix.
// The slices are kept, not copied.
func NewEuclidean(demand, sites []orb.Point) (*Problem, error) {
	if len(demand) == 0 || len(sites) == 0 {
		return nil, fmt.Errorf("%w: %d demand points and %d sites; want at least one of each", ErrInvalid, len(demand), len(sites))
	}
	for i, q := range demand {
		if !finite(q[0]) || !finite(q[1]) {
			return nil, fmt.Errorf("%w: demand point %d is %v", ErrInvalid, i, q)
		}
	}
	for j, q := range sites {
		if !finite(q[0]) || !finite(q[1]) {
			return nil, fmt.Errorf("%w: site %d is %v", ErrInvalid, j, q)
		}
	}
	n, m := len(demand), len(sites)
	return &Problem{n: n, m: m, cost: costMatrix{n: n, m: m, from: demand, to: sites}}, nil
}

// Demands returns n, the number of demand points.
func (p *Problem) Demands() int { return p.n }

// Sites returns m, the number of candidate sites.
func (p *Problem) Sites() int { return p.m }

// Cost returns the cost from demand point i to site j.
func (p *Problem) Cost(i, j int) float64 { return p.cost.at(i, j) }

// Evaluate returns the objective of opening the sites in open (fixed sites
// need not be listed; they are open anyway) with every demand point served by
// its cheapest open site, under the problem's Model: the weighted cost plus
// opening costs for PMedian, the covered weight for MaxCover, the opening
// cost (number of sites) for SetCover. CapacitatedPMedian needs an
// assignment: use EvaluateAssignment. Evaluate does not check P.
func (p *Problem) Evaluate(open []int) float64 {
	isOpen := p.openMask(open)
	switch p.Model {
	case SetCover:
		return p.openingCost(isOpen, 1)
	case MaxCover:
		return p.coveredWeight(isOpen)
	}
	return p.medianCost(isOpen)
}

// openMask marks the sites of open and the fixed sites.
func (p *Problem) openMask(open []int) []bool {
	isOpen := make([]bool, p.m)
	for _, j := range open {
		isOpen[j] = true
	}
	for j := range p.Fixed {
		if p.Fixed[j] {
			isOpen[j] = true
		}
	}
	return isOpen
}

// openingCost is the opening cost of the open new sites, def for each
// when OpenCost is nil.
func (p *Problem) openingCost(isOpen []bool, def float64) float64 {
	total := 0.0
	for j := 0; j < p.m; j++ {
		if isOpen[j] && !p.fixed(j) {
			total += p.openCost(j, def)
		}
	}
	return total
}

// coveredWeight is the weight of the points within Radius of an open site.
func (p *Problem) coveredWeight(isOpen []bool) float64 {
	total := 0.0
	for i := 0; i < p.n; i++ {
		for j := 0; j < p.m; j++ {
			if isOpen[j] && p.cost.at(i, j) <= p.Radius {
				total += p.weight(i)
				break
			}
		}
	}
	return total
}

// medianCost is the opening cost plus every point's weighted cost to its
// cheapest open site.
func (p *Problem) medianCost(isOpen []bool) float64 {
	total := p.openingCost(isOpen, 0)
	for i := 0; i < p.n; i++ {
		best := math.Inf(1)
		for j := 0; j < p.m; j++ {
			if isOpen[j] {
				best = math.Min(best, p.cost.at(i, j))
			}
		}
		total += p.weight(i) * best
	}
	return total
}

// EvaluateAssignment returns the cost of serving each demand point i from
// site assign[i] (weighted cost plus the opening costs of the new sites
// used) and the largest overload, max over sites of assigned Demand minus
// Capacity (≤ 0 when capacities hold; 0 without capacities).
func (p *Problem) EvaluateAssignment(assign []int) (cost, overload float64) {
	load := make([]float64, p.m)
	used := make([]bool, p.m)
	for i, j := range assign {
		cost += p.weight(i) * p.cost.at(i, j)
		load[j] += p.demand(i)
		used[j] = true
	}
	overload = math.Inf(-1)
	for j := 0; j < p.m; j++ {
		if used[j] && !p.fixed(j) {
			cost += p.openCost(j, 0)
		}
		if p.Capacity != nil {
			overload = math.Max(overload, load[j]-p.Capacity[j])
		}
	}
	if p.Capacity == nil {
		overload = 0
	}
	return cost, overload
}

func (p *Problem) weight(i int) float64 {
	if p.Weight == nil {
		return 1
	}
	return p.Weight[i]
}

func (p *Problem) demand(i int) float64 {
	if p.Demand != nil {
		return p.Demand[i]
	}
	return p.weight(i)
}

func (p *Problem) fixed(j int) bool { return p.Fixed != nil && p.Fixed[j] }

// fixedCount is the number of fixed sites.
func (p *Problem) fixedCount() int {
	n := 0
	for j := 0; j < p.m; j++ {
		if p.fixed(j) {
			n++
		}
	}
	return n
}

func (p *Problem) openCost(j int, def float64) float64 {
	if p.OpenCost == nil {
		return def
	}
	return p.OpenCost[j]
}

// validate checks the fields against n and m and the model's needs, and
// returns the first problem found.
func (p *Problem) validate() error {
	if p.n <= 0 || p.m <= 0 {
		return fmt.Errorf("%w: empty problem (use NewMatrix, NewFunc or NewEuclidean)", ErrInvalid)
	}
	if err := checkValues("Weight", p.Weight, p.n); err != nil {
		return err
	}
	if err := checkValues("Demand", p.Demand, p.n); err != nil {
		return err
	}
	if p.Fixed != nil {
		if err := checkLen("Fixed", len(p.Fixed), p.m); err != nil {
			return err
		}
	}
	if err := checkValues("OpenCost", p.OpenCost, p.m); err != nil {
		return err
	}
	if err := p.validateP(); err != nil {
		return err
	}
	return p.validateModelFields()
}

// checkLen checks that the field name has want entries.
func checkLen(name string, got, want int) error {
	if got != want {
		return fmt.Errorf("%w: %s has %d entries, want %d", ErrInvalid, name, got, want)
	}
	return nil
}

// checkValues checks an optional field: nil, or want entries, each finite
// and ≥ 0.
func checkValues(name string, v []float64, want int) error {
	if v == nil {
		return nil
	}
	if err := checkLen(name, len(v), want); err != nil {
		return err
	}
	for k, x := range v {
		if !(x >= 0) || math.IsInf(x, 1) {
			return fmt.Errorf("%w: %s[%d] is %v; want a finite value ≥ 0", ErrInvalid, name, k, x)
		}
	}
	return nil
}

// validateP checks the model and, for the models that open P sites, that
// P fits the sites that are not fixed and that something is open.
func (p *Problem) validateP() error {
	switch p.Model {
	case PMedian, CapacitatedPMedian, MaxCover:
	case SetCover:
		return nil
	default:
		return fmt.Errorf("%w: unknown model %v", ErrInvalid, p.Model)
	}
	nFixed := p.fixedCount()
	if p.P < 0 || p.P > p.m-nFixed {
		return fmt.Errorf("%w: P = %d; want 0 ≤ P ≤ %d (the %d sites that are not fixed)", ErrInvalid, p.P, p.m-nFixed, p.m-nFixed)
	}
	if p.P+nFixed == 0 {
		return fmt.Errorf("%w: P = 0 and no fixed sites: nothing would be open", ErrInvalid)
	}
	return nil
}

// validateModelFields checks the fields only some models use: Capacity
// for the capacitated p-median, Radius for the covering models.
func (p *Problem) validateModelFields() error {
	switch p.Model {
	case CapacitatedPMedian:
		if p.Capacity == nil {
			return fmt.Errorf("%w: %v without Capacity", ErrInvalid, p.Model)
		}
		return checkValues("Capacity", p.Capacity, p.m)
	case MaxCover, SetCover:
		if !(p.Radius >= 0) || math.IsInf(p.Radius, 1) {
			return fmt.Errorf("%w: Radius is %v; want a finite value ≥ 0", ErrInvalid, p.Radius)
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
