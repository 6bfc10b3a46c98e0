// Package engine holds the domain types of schoolplan — cities, districts,
// residential areas, schools, catchments, forecasts, scenario changes and
// policies — together with loading and validating a city folder. It holds no
// planning algorithms: those live in the subpackages forecast (demand),
// catchment (which school serves which area), admit (who gets a seat) and sim
// (the year-by-year, grade-by-grade loop).
//
// Units. Coordinates inside the engine are metres on a local plane (see
// geo.Projection); a City keeps its source CRS so outputs can be written
// back in it. Distances are geo.Meters, years are Year, pupils and seats are
// plain ints (whole children), forecast counts are float64 children.
//
// Stages. Primary covers grades 1–6 (entry age 6), junior covers grades 7–9
// (entry age 12). A nine-year school (九年一贯制) serves both stages and is
// treated by each stage as a school of that stage.
//
// Checks. Every count read from a city folder or a scenario is bounded by
// the plausibility limits of limits.go (MaxStreams, MaxClassSize,
// MaxSchoolSeats, MaxAreaPopulation, MaxRowChildren), so that no count can
// wrap. CheckChanges checks a scenario's changes against a city, once, for
// both the scenario loader and the simulation.
package engine
