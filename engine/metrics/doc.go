// Package metrics computes the indicators of compulsory-school provision
// that the 优质均衡 (high-quality balanced development) supervision reads,
// per stage and year, for the city and for each district (区县, the unit the
// supervision assesses), from a simulation result.
//
// # Indicators
//
// Capacity and classes. Utilisation is pupils enrolled / capacity (classes
// available × class size). Classes needed is Σ ceil(grade pupils / class
// size); classes available is the classes of every grade: streams × grades,
// but a school that has shrunk keeps an older cohort's classes, and
// temporary classes go with their cohort (sim.SchoolYear.GradeStreams).
//
// Class size (班额). Each grade of a school forms the fewest classes that
// keep to the school's class size, but no more than the grade's classes
// (streams, 轨, and the cohort's kept or temporary classes): a grade with
// more pupils than its classes hold crowds them into those classes. Pupils are spread evenly over a
// grade's classes (sizes differ by at most one). From these classes come
// the mean and maximum class size and the count of classes over the
// standard (45 primary, 50 junior), over 55 (大班额, oversize) and over 65
// (超大班额, 66 and more).
//
// School size. Schools over 2000 pupils (primary) or 2500 (junior and
// nine-year, 九年一贯制; engine.Stage.LargeSchool) are counted; a nine-year
// school's size is its pupils in both stages, and it is counted in each
// stage it serves.
//
// Service radius (服务半径). The share of entrants admitted to a school
// within the service radius of their residential area: 500 m for primary
// and 1000 m for junior (GB 50180-2018), configurable in Options. The
// distance is the area's centre to the school, for every admitted child
// whatever the route (base seat, shared seat, bureau placement). The
// denominator is all entrants, so an unplaced child counts as not served.
//
// Coefficient of variation (差异系数). Across the open schools with pupils,
// of seats per pupil (capacity / enrolment) and, where schools.geojson
// gives them (engine.ResourceFields), of floor area (m²) per pupil, sports
// area (m²) per pupil and teachers per 100 pupils. The coefficient is
// weighted by enrolment, as in the supervision method for county-level
// high-quality balanced compulsory education (《县域义务教育优质均衡发展督导
// 评估办法》, 教督〔2017〕6号, annex: 差异系数计算方法): with x_i the indicator
// of school i and n_i its pupils,
//
//	x̄  = Σ n_i x_i / Σ n_i
//	S  = sqrt( Σ n_i (x_i − x̄)² / Σ n_i )
//	CV = S / x̄
//
// The thresholds are CV ≤ 0.50 for primary and ≤ 0.45 for junior schools.
// A nine-year school's resources serve its pupils of both stages, so its
// resource per pupil divides by both; its weight in each stage is that
// stage's pupils. A school without a resource the others give is counted
// as missing, and a coefficient with missing schools does not pass.
//
// Land and floor area (生均用地, 生均建筑面积; Set.Areas). Where schools
// give site_area or floor_area, the set's area over its pupils enrolled
// (over every stage of each school), and the share of its schools that
// meet the per-pupil standard of their kind and classes (校校达标):
// area >= pupils enrolled × the standard of engine.Standards (the city's,
// laid over the national 建标102-2002 floor areas). A school whose kind
// and size the standard sets no value for is not counted in the share.
// SetsBy gives the same, with every other indicator, by school group
// (集团化), sharing zone (大学区) or any other key.
package metrics
