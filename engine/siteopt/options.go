package siteopt

import "time"

// Options tune Solve. A nil *Options means all defaults; every zero field
// means its documented default.
type Options struct {
	// TimeLimit bounds the wall time of Solve. On reaching it Solve returns
	// the best solution found with Status TimeLimit. Zero: no limit; the
	// search then stops on its iteration limits and is deterministic.
	TimeLimit time.Duration
	// Seed seeds the perturbations of the search. Zero is a seed like any
	// other: the same Problem, Options and Seed give the same Result
	// (unless TimeLimit cuts the search short).
	Seed uint64
	// MaxIterations bounds the rounds of variable neighbourhood search
	// (perturb the best solution by k random swaps, then local search) after
	// the first local optimum. Zero: 20·(P+10), at most 2,000 and at most
	// max(50, 2·10⁶/n) (a round costs O(n) and more: 200 rounds, about 4 s,
	// for n = 10,000); for CapacitatedPMedian, whose rounds solve assignment
	// problems, 5·(P+10), at most 500. Negative: none (construction, one
	// local search and the Lagrangian heuristic).
	MaxIterations int
	// BoundIterations bounds the subgradient steps of the Lagrangian bound
	// (split into rounds between search rounds). Zero: 600. Negative: no
	// bound is computed (LowerBound is 0 for the minimisation models, the
	// total weight for MaxCover).
	BoundIterations int
	// GapTolerance stops the search once the relative gap between the
	// objective and the bound is at most this. Zero: 1e-9, that is, stop only
	// when the solution is proved optimal (or on the limits above).
	GapTolerance float64
	// Neighbors is the length of each demand point's list of cheapest
	// sites, which the searches walk instead of full rows of the cost
	// matrix. Zero: all sites when n·m ≤ 4,194,304, else max(64, 6·m/(P+f))
	// for f fixed sites (SetCover: 256), capped at m. Shorter lists save
	// memory and time. Solutions and bounds are exact whatever the length
	// (a point whose search runs past its list scans its full row), but the
	// p-median bound caps each multiplier at the point's last listed cost,
	// so lists much shorter than 2m/(P+f) weaken it (never invalidate it).
	Neighbors int
	// Prove, when positive, follows the search of the median models
	// (PMedian, CapacitatedPMedian) with branch and bound on their
	// Lagrangian bounds for up to this long (within TimeLimit), to prove
	// the solution optimal or narrow the gap: sites forced open or closed,
	// reduced-cost fixing, best bound first. The nodes are bounded in
	// parallel, in rounds of a fixed number of the best open nodes merged
	// in node order, so a tree that is exhausted or stopped by MaxNodes
	// gives the same result for any GOMAXPROCS; where this time budget
	// stops it depends on the machine. The Status is then Optimal when
	// the tree is exhausted and Feasible, with the gap to the least open
	// node's bound, when this budget or MaxNodes stops it. Zero: no branch
	// and bound. The covering models ignore it.
	Prove time.Duration
	// MaxNodes bounds the branch-and-bound nodes (Prove). Zero: 100,000,
	// at most max(1,000, 25·10⁶/n) for n demand points, since every queued
	// node keeps its n multipliers (about 200 MB at most). A search stopped
	// by MaxNodes alone is deterministic.
	MaxNodes int
}

type settings struct {
	timeLimit       time.Duration
	seed            uint64
	maxIter         int
	boundIter       int
	gapTol          float64
	neighbors       int
	neighborsForced bool
	prove           time.Duration
	maxNodes        int
}

// settings resolves the options' defaults for p with open sites open
// (P plus the fixed ones).
func (o *Options) settings(p *Problem, open int) settings {
	var s settings
	if o != nil {
		s = settings{timeLimit: o.TimeLimit, seed: o.Seed, maxIter: o.MaxIterations,
			boundIter: o.BoundIterations, gapTol: o.GapTolerance, neighbors: o.Neighbors,
			prove: o.Prove, maxNodes: o.MaxNodes}
	}
	if s.maxNodes <= 0 {
		s.maxNodes = min(100_000, max(1000, 25_000_000/p.n))
	}
	switch {
	case s.maxIter == 0:
		s.maxIter = defaultMaxIter(p)
	case s.maxIter < 0:
		s.maxIter = 0
	}
	switch {
	case s.boundIter == 0:
		s.boundIter = 600
	case s.boundIter < 0:
		s.boundIter = 0
	}
	if s.gapTol <= 0 {
		s.gapTol = 1e-9
	}
	s.neighborsForced = s.neighbors > 0
	if s.neighbors <= 0 {
		s.neighbors = defaultNeighbors(p, open)
	}
	s.neighbors = min(s.neighbors, p.m)
	return s
}

// defaultMaxIter is the default of Options.MaxIterations.
func defaultMaxIter(p *Problem) int {
	if p.Model == CapacitatedPMedian {
		return min(5*(p.P+10), 500)
	}
	return min(20*(p.P+10), 2000, max(50, 2_000_000/p.n))
}

// defaultNeighbors is the default of Options.Neighbors with open sites
// open.
func defaultNeighbors(p *Problem, open int) int {
	switch {
	case p.n*p.m <= 1<<22:
		return p.m
	case p.Model == SetCover:
		return 256
	}
	return max(64, 6*p.m/max(open, 1))
}
