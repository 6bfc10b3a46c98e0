// Package plan proposes where to add school seats: new schools on
// candidate sites and streams added to existing schools, so that every
// entrant of a scenario is seated up to a target year (placement
// planning, 布局规划).
//
// It owns three things, one above the other:
//
//   - the candidate sites (Candidate): read from a file of points
//     (ReadCandidatesFile, ReadCandidates) or laid out as a grid inside the
//     districts (GridCandidates);
//   - the optimisation driver (Optimize, OptimizeOptions): it simulates the
//     scenario with package scenarios, turns the children left unplaced
//     into a capacitated p-median problem solved by engine/siteopt, applies
//     the solution, simulates again to seat what admission still leaves
//     out, and prunes what the plan does not need;
//   - multi-period planning (OptimizeOptions.MultiPeriod): when as well
//     as where, at least discounted cost. The layer rule (CoverShortfall,
//     Layers, Prices) meets each catchment's shortfall, class by class,
//     with temporary classrooms or a stream added to its school; new
//     schools, opening after their lead time, take what neither can, and
//     the proposal's MultiPeriod holds the discounted cost, a lower bound
//     (each district's shortfall pooled, solved exactly by a programme
//     over the years: bound.go) and the choice in each district
//     (DistrictChoice). When the scenario's phases give budgets, the plan
//     keeps every phase within its budget, or fails with ErrOverBudget
//     naming the phases it cannot (budget.go);
//   - the proposal (Proposal) and its writers: WriteYAML writes it as a
//     scenario that extends the one optimised, and WriteTable, WriteCSV and
//     WriteJSON print its changes and their effects.
//
// Distances: with policy distance network the candidate sites are snapped
// to the city's roads and every reach is a walk from the area (distance.go:
// one table of walks per stage and run); else straight lines.
//
// Units: distances are engine.Meters on the city's plane (a candidate's
// Point is on that plane; a proposed change's At is lon/lat in the city's
// CRS); costs are in whatever unit the caller chooses (the defaults read
// as 万元); years are engine.Year.
//
// Layering: plan imports scenarios, engine and its algorithm packages
// (engine/siteopt below all, engine/sim, engine/metrics) and geo; nothing
// below imports plan, and cmd/schoolplan (like any library user) calls it.
// Package scenarios keeps loading, extending and running scenarios.
//
// Determinism: with the default solver options (no time limit) the same
// scenario and options give the same proposal, and its writers the same
// bytes; only the wall times (Proposal.Elapsed, SolveRecord.Elapsed)
// differ, and no writer prints them.
package plan
