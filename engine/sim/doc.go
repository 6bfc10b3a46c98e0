// Package sim runs a city year by year and grade by grade, for the stages it
// runs (City.Stages) and the grades of its school system (City.System),
// under a policy and a list of scenario changes.
//
// Each stage and year:
//
//  1. Supply: the schools open that year with their streams (after
//     expansions, and with their temporary classes) give entry seats =
//     streams × class size.
//  2. Demand: entrants per area = resident children of the stage's entry
//     age (6 or 12 in 6+3) × the public take-up ratio, rounded to whole
//     children so that each district's total is the rounded total of its
//     areas (cumulative
//     rounding in area order: deterministic, and each area gets the floor
//     or the ceiling of its own count).
//  3. Catchment: each area's base school, recomputed whenever the set of
//     open schools changes; a balanced catchment is solved every year for
//     that year's entrants, exactly, each district on its own (in the
//     first year, the older grades are warm-started through the entry
//     grade's balanced catchment). A year's balanced catchment depends on
//     nothing the admissions decide, so every year's is solved ahead of
//     the year loop, in a goroutine of its own, while the loop admits the
//     years before it (balanceahead.go).
//  4. Admission (package admit): in the junior stage, from the second
//     year, primary leavers first (a nine-year school's own, then feeder
//     primaries': the last primary grade of the year before, drawn from
//     the primary catchment's junior entrants); then base seats, seat
//     swaps, shared seats, bureau placement; the rest is unplaced.
//  5. Progression: each grade moves up a year with the retention ratio
//     (rounded), the last grade leaves, the entry grade is this year's
//     admissions. A closing school's pupils move, grade by grade, to its
//     merge target or else to the nearest open school of the stage. A
//     school whose streams fall to 0 without closing phases out: it
//     admits no one but teaches its pupils until they leave (phaseout.go).
//  6. Classes: each grade has the classes of today's streams, or of its
//     cohort's entry year when the school has shrunk since, plus the
//     temporary classes (engine.Temporary) of that entry year.
//  7. Indicators: capacity, enrolment, utilisation, classes needed and
//     available, class sizes, school size.
//
// Enrolment in the first year: schools with an enrolled property start from
// it; the others are warm-started by admitting each older grade's resident
// children (age = entry age + grade offset, first-year forecast) through the
// same catchments and seats, as if they had entered under today's layout.
// A school opening in a later year starts empty and fills from its entry
// grade up.
//
// Conversions (engine.Convert, convert.go): a converted school has the
// kind of the conversion from its year (plan.kind; Result.KindIn after
// the run, Result.Schools giving the kind of the last year). A stage it
// gains has the conversion's streams from that year, in every grade, and
// fills from its entry grade up; a stage it leaves has no streams from
// that year, so it phases out as above: its earlier cohorts keep their
// classes and move up until the last leaves. Admission, catchments
// (drawn on a copy of the city where a converted school serves every
// stage it serves in some year, each year's open schools choosing among
// them), the nine-year route (a school that is nine-year that year) and
// the warm start (not into a stage gained in the first year) see each
// year's kind.
//
// Merges: after the run, each closure with a merge target is measured on
// the target's classes in the year of the merge, with and without the
// pupils moved in (MergeLoads, Result.Merges). A merge that adds classes
// over 45, 50 or 55 is listed by Result.MergeWarnings; one that makes a
// class larger than the policy's oversize_class_size, when the policy sets
// it, fails the run with ErrChange.
package sim
