package engine

// Plausibility limits. Every count read from a city folder or a scenario is
// checked against one of these, so that no product of counts (streams ×
// class size, seats summed over schools, children summed over areas) can
// wrap an int32 or lose precision in a float64, and so that a typing slip
// (streams: 1e9) is an error rather than a result. Each is well above what
// a real city has.
const (
	// MaxStreams is the most classes per grade of one school and stage.
	// Real schools run at most about 30 (超级中学 up to 50); the limit is
	// far above that because the synthetic load-test cities of
	// benchmarks/synth give schools several hundred streams (up to 665
	// seen). Lower it if those cities are ever sized like real ones.
	MaxStreams = 1000
	// MaxClassSize is the most pupils in one class. The national standard
	// is 45 (primary) and 50 (junior); 66+ is a 超大班额 to be eliminated.
	MaxClassSize = 100
	// MaxSchoolSeats is the most entry-grade seats of one school and stage
	// (base, shared or swapped): MaxStreams full classes of MaxClassSize.
	MaxSchoolSeats = MaxStreams * MaxClassSize
	// MaxGradePupils is the most pupils in one grade of one school.
	MaxGradePupils = MaxSchoolSeats
	// MaxAreaPopulation is the most residents of one area (a residential
	// compound, a 社区 or a whole 街道; the largest 街道 have about 10⁶).
	MaxAreaPopulation = 10_000_000
	// MaxRowChildren is the most children of one forecast or demography row
	// (one area or district, one age, one year). The largest real districts
	// hold a few tens of thousands of children of one age; the limit leaves
	// room for the synthetic load-test cities of benchmarks/synth, whose
	// districts hold up to about 1.5 million.
	MaxRowChildren = 10_000_000
	// MaxCount bounds every other count (opening years, teachers, square
	// metres of floor area) read from a city folder.
	MaxCount = 100_000_000
)

// countLimit is the largest value a school or area property may take.
func countLimit(field string) int {
	switch field {
	case "streams", "junior_streams":
		return MaxStreams
	case "classes":
		return MaxStreams * 9
	case "class_size":
		return MaxClassSize
	case "base_seats", "shared_seats":
		return MaxSchoolSeats
	case "population", "households":
		return MaxAreaPopulation
	}
	return MaxCount
}
