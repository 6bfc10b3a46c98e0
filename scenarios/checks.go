package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// Lowest and highest calendar year a scenario may name.
const (
	minYear = 1900
	maxYear = 2200
)

// decodeOptions holds the field checks that the scenario structs' check
// tags name: each sees one decoded value, so its problem is reported at
// the value's line together with every other problem of the file.
var decodeOptions = &strictyaml.Options{Checks: map[string]func(any) error{
	"years":         checkYears,
	"year":          intRange(minYear, maxYear, "a calendar year"),
	"streams":       intRange(1, engine.MaxStreams, "streams (classes per grade)"),
	"added_streams": checkAddedStreams,
	"class_size":    intRange(1, engine.MaxClassSize, "pupils a class"),
	"class_sizes":   stageRange(1, engine.MaxClassSize, "pupils a class"),
	"swap_seats":    intRange(1, engine.MaxSchoolSeats, "entry seats"),
	"ratios":        checkRatios,
	"lonlat":        checkLonLat,
	"catchment":     parsed(engine.ParseCatchmentMode),
	"placement":     parsed(engine.ParsePlacementMode),
	"distance":      parsed(engine.ParseDistanceKind),
	"priority":      parsed(engine.ParseSharedPriority),
	"stage":         parsed(engine.ParseStage),
	"kind":          parsed(engine.ParseKind),
	"method":        parsed(forecast.ParseMethod),
	"band":          parsed(forecast.ParseBand),
	"ratio_source":  parsed(forecast.ParseRatioSource),
	"ratio_rule":    parsed(forecast.ParseRatioRule),
	"robust_window": intRange(1, 50, "years"),
	"exclude_years": checkExcludeYears,
	"shrink":        checkShrink,
	"resource":      checkResource,
	"cost":          checkCost,
	"lead_time":     intRange(0, maxLead, "years"),
	"cv_limits":     stageFloatRange(0, maxCVLimit, "a coefficient of variation"),
	"school_sizes":  stageRange(1, engine.MaxSchoolSeats, "pupils a school"),
	"classrooms":    stageRange(1, engine.MaxStreams*9, "temporary classrooms"),
	"radii":         stageFloatRange(0, 1e6, "metres"),
}}

// plain drops a package prefix ("engine: ") from a parser's message.
func plain(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 && !strings.ContainsAny(msg[:i], " \"") {
		msg = msg[i+2:]
	}
	return fmt.Errorf("%s", msg)
}

// parsed checks a text value with one of the engine's parsers.
func parsed[T any](parse func(string) (T, error)) func(any) error {
	return func(v any) error {
		if _, err := parse(v.(string)); err != nil {
			return plain(err)
		}
		return nil
	}
}

// intRange checks a whole number from lo to hi (what: its unit).
func intRange(lo, hi int, what string) func(any) error {
	return func(v any) error {
		if n := v.(int); n < lo || n > hi {
			return fmt.Errorf("%d is out of range: want %d to %d %s", n, lo, hi, what)
		}
		return nil
	}
}

// stageRange checks each stage of a per-stage whole number; every stage
// out of range is named, in one message.
func stageRange(lo, hi int, what string) func(any) error {
	return func(v any) error {
		sv := v.(stageInts)
		var bad []string
		sv.each(func(st engine.Stage, n int) error {
			if n < lo || n > hi {
				bad = append(bad, fmt.Sprintf("%s: %d", st, n))
			}
			return nil
		})
		if bad == nil {
			return nil
		}
		return fmt.Errorf("%s is out of range: want %d to %d %s", strings.Join(bad, ", "), lo, hi, what)
	}
}

// stageFloatRange checks each stage of a per-stage number: above lo, at
// most hi (what: its unit). NaN is out of every range. Every stage out of
// range is named, in one message.
func stageFloatRange(lo, hi float64, what string) func(any) error {
	return func(v any) error {
		sv := v.(stageFloats)
		var bad []string
		sv.each(func(st engine.Stage, x float64) error {
			if !(x > lo && x <= hi) {
				bad = append(bad, fmt.Sprintf("%s: %v", st, x))
			}
			return nil
		})
		if bad == nil {
			return nil
		}
		return fmt.Errorf("%s is out of range: want %s above %s, at most %s", strings.Join(bad, ", "), what, decimal(lo), decimal(hi))
	}
}

// decimal writes x in plain digits (1000000, not 1e+06).
func decimal(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// checkYears checks a run's [first, last] years.
func checkYears(v any) error {
	ys := v.([]int)
	switch {
	case len(ys) != 2:
		return fmt.Errorf("%d years given: want [first, last]", len(ys))
	case ys[0] < minYear || ys[1] > maxYear:
		return fmt.Errorf("%v: want calendar years %d to %d", ys, minYear, maxYear)
	case ys[0] > ys[1]:
		return fmt.Errorf("%v: the first year is after the last", ys)
	}
	return nil
}

// checkAddedStreams checks the streams an expansion adds (or removes).
func checkAddedStreams(v any) error {
	n := v.(int)
	switch {
	case n == 0:
		return fmt.Errorf("0 changes nothing: want streams to add (or, below 0, to remove)")
	case n < -engine.MaxStreams || n > engine.MaxStreams:
		return fmt.Errorf("%d is out of range: want -%d to %d streams (classes per grade)", n, engine.MaxStreams, engine.MaxStreams)
	}
	return nil
}

// checkRatios checks each stage of a per-stage ratio.
func checkRatios(v any) error {
	sv := v.(stageFloats)
	return sv.each(func(st engine.Stage, x float64) error {
		if x <= 0 || x > 2 {
			return fmt.Errorf("%s: %v is out of range: want a ratio above 0, at most 2", st, x)
		}
		return nil
	})
}

// checkLonLat checks a [lon, lat] pair.
func checkLonLat(v any) error {
	at := v.([]float64)
	if len(at) != 2 || math.Abs(at[0]) > 180 || math.Abs(at[1]) > 90 {
		return fmt.Errorf("%v: want [lon, lat], lon within ±180 and lat within ±90", at)
	}
	return nil
}

// checkExcludeYears checks the shock years left out of a fit.
func checkExcludeYears(v any) error {
	ys := v.([]int)
	for i, y := range ys {
		if y < minYear || y > maxYear {
			return fmt.Errorf("%d is out of range: want calendar years %d to %d", y, minYear, maxYear)
		}
		if k := slices.Index(ys[:i], y); k >= 0 {
			return fmt.Errorf("%d given twice", y)
		}
	}
	return nil
}

// maxShrink bounds the shrinkage K, in pupils.
const maxShrink = 100000

// checkShrink checks the robust fit's shrinkage.
func checkShrink(v any) error {
	k := v.(float64)
	if !(k >= 0 && k <= maxShrink) {
		return fmt.Errorf("%v is out of range: want 0 (no shrinkage) to %d pupils", k, maxShrink)
	}
	return nil
}

// maxResource is the largest resource a new school may give (m², or
// teachers).
const maxResource = 1e7

// checkResource checks a new school's resource: a number from 0 to
// maxResource.
func checkResource(v any) error {
	x := v.(float64)
	if !(x >= 0 && x <= maxResource) {
		return fmt.Errorf("%v is out of range: want 0 to %.0f", x, float64(maxResource))
	}
	return nil
}
