// Package catchment decides each residential area's base school for a stage
// (划片): by zones (catchment properties or polygons), by the nearest open
// school, or balanced against the schools' seats, within the area's
// district unless cross-district service is allowed.
//
// Balanced catchments (Balance) assign children to schools at least total
// distance within the seats, with a cost per child left without a base
// seat: a transportation problem, solved exactly by SolveTransport (a
// successive-shortest-path method over the schools with lazily widened
// candidate lists on a priced grid; see transport_ssp.go), with areas kept
// whole by a heuristic on top of the split optimum unless split is allowed.
// A Balancer runs Balance again and again (a simulation's years) on the
// same solver memory, with the same answers.
//
// An Assignment also groups areas by school, nearest first, which is the
// order base-seat admission works through.
package catchment
