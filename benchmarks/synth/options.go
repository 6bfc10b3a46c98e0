package synth

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
)

// Options describe a synthetic city. A nil *Options, like the zero value,
// is a city of 10,000 areas from seed 0.
type Options struct {
	// Areas is the number of residential areas, new housing included;
	// 0 means 10,000.
	Areas int
	// Schools is the number of schools; 0 means max(Areas/200, 2×Districts).
	Schools int
	// Districts is the number of districts; 0 means 9 + Areas/100,000.
	Districts int
	// NewHousing is the number of areas that are new housing, with a
	// completion year after First; 0 means max(1, Areas/1000), a negative
	// number means none.
	NewHousing int
	// Seed drives every random choice.
	Seed uint64
	// First and Last are the years of the forecast; 0 means 2025 and 2035.
	First, Last engine.Year
	// Origin is the WGS84 lon/lat of the city centre, the origin of the
	// plane; the zero point means (106.5, 29.5), near Chongqing.
	Origin orb.Point
}

// withDefaults returns a copy of o with every zero field filled in.
func withDefaults(o *Options) Options {
	var opt Options
	if o != nil {
		opt = *o
	}
	if opt.Areas <= 0 {
		opt.Areas = 10000
	}
	if opt.Districts <= 0 {
		opt.Districts = 9 + opt.Areas/100000
	}
	if opt.Schools <= 0 {
		opt.Schools = max(opt.Areas/200, 2*opt.Districts)
	}
	switch {
	case opt.NewHousing == 0:
		opt.NewHousing = max(1, opt.Areas/1000)
	case opt.NewHousing < 0:
		opt.NewHousing = 0
	}
	opt.NewHousing = min(opt.NewHousing, opt.Areas)
	if opt.First == 0 {
		opt.First = 2025
	}
	if opt.Last == 0 {
		opt.Last = max(2035, opt.First)
	}
	if opt.Last < opt.First {
		opt.Last = opt.First
	}
	if opt.Origin == (orb.Point{}) {
		opt.Origin = orb.Point{106.5, 29.5}
	}
	return opt
}

// side is the side of the city's square bound in metres: 40 km for 100,000
// areas, scaled so that the density of areas stays the same.
func side(areas int) float64 {
	return 40000 * math.Sqrt(float64(areas)/100000)
}
