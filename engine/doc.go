// Package engine holds the domain types of schoolplan — cities, districts,
// residential areas, schools, catchments, forecasts, scenario changes and
// policies — together with loading and validating a city folder. It holds no
// planning algorithms: those live in the subpackages forecast (demand),
// catchment (which school serves which area), admit (who gets a seat) and sim
// (the year-by-year, grade-by-grade loop).
//
// Units. Coordinates inside the engine are metres on a local plane (see
// geo.Projection); a City keeps its source CRS so outputs can be written
// back in it (as WGS84 lon/lat when the CRS is projected: City.FromPlane). Distances are geo.Meters, years are Year, pupils and seats are
// plain ints (whole children), forecast counts are float64 children.
//
// Stages. A city's SchoolSystem (学制) says where each stage begins and how
// many grades it holds: by default (6+3) primary covers grades 1–6 (entry
// age 6) and junior grades 7–9 (entry age 12); 5+4 and K–5/6–8 systems are
// set in city.yaml. Grade numbers are ages less 5 in every system (grade 0
// is kindergarten, "K"). A nine-year school (九年一贯制) serves both stages
// and is treated by each stage as a school of that stage. A city may run
// only one stage (City.Stages).
//
// Areas. City.Areas are the units of demand. A polygon area is split on
// load by areal weighting over the districts and catchment polygons it
// overlaps (or kept whole with city.yaml's polygon_areas: point): its
// pieces are Areas with the input area's ID, a Piece number and a Share,
// consecutive in City.Areas, each with its polygon and a point inside it.
// The loader keeps the whole-area fast path (no boundary meets the area)
// off the overlay; see areal.go.
//
// Checks. Every count read from a city folder or a scenario is bounded by
// the plausibility limits of limits.go (MaxStreams, MaxClassSize,
// MaxSchoolSeats, MaxAreaPopulation, MaxRowChildren), so that no count can
// wrap. CheckChanges checks a scenario's changes against a city, once, for
// both the scenario loader and the simulation.
package engine
