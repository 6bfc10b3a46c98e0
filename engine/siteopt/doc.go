// Package siteopt chooses sites for facilities — schools, here — among
// candidates: the p-median, capacitated p-median, maximal covering and set
// covering models, each with a heuristic solution and a certified bound.
//
// A Problem has n demand points (residential areas, weighted by children)
// and m candidate sites, and the cost of serving point i from site j: the
// straight-line distance on the projected plane (NewEuclidean, metres), a
// function (NewFunc), or a matrix (NewMatrix), so that the OR-Library
// instances run as published (ReadPMed, ReadPMedCap). Fixed sites, such as
// existing schools, are open whatever the solver does; OpenCost prices the
// others; Capacity bounds what a site may serve (CapacitatedPMedian).
//
//   - PMedian opens P new sites and minimises Σ Weight·cost to each point's
//     cheapest open site, plus opening costs: greedy ADD, Resende–Werneck
//     fast swap, variable neighbourhood search, and a Lagrangian bound by
//     subgradient whose relaxed solutions seed further searches.
//   - CapacitatedPMedian assigns each point whole to one open site within
//     its capacity: a search over open sets, each valued by a generalised
//     assignment heuristic and, near the best, branch and bound; the
//     bound relaxes the assignment constraints, leaving a knapsack per site.
//   - MaxCover opens P sites and maximises the weight within Radius of an
//     open site; SetCover opens the cheapest set that covers every point of
//     positive weight (Chvátal's greedy, Beasley's Lagrangian heuristic).
//
// Solve returns the best solution found, the bound, the relative Gap
// between them and a Status (Optimal when the gap closes, Feasible at the
// iteration limits, TimeLimit, Canceled). Without Options.TimeLimit a solve
// is deterministic for a given Options.Seed. Options.Prove follows the
// search of the median models with branch and bound on the Lagrangian
// bound (bnb.go, capbnb.go), which proves the OR-Library p-median and
// capacitated instances optimal. Errors wrap ErrInvalid,
// ErrInfeasible and ErrFormat.
//
// Costs are plain float64 in the caller's unit. Package plan builds
// placement plans on top of this package (plan.Optimize); the
// benchmarks and the OR-Library results are in benchmarks/README.md.
package siteopt
