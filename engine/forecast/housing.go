package forecast

import (
	"fmt"
	"math"
)

// Housing gives the children of new housing (areas with a completion_year)
// from yields instead of the district's per-resident rate:
//
//	children(a, y, age) = yield(age) × units(a) × phase(y − completion(a)) × band factor
//
// where units are residents / 1000 (PerThousand, 千人指标) or households
// (PerHousehold). Ages without a yield keep the district's per-resident
// rate, phased in the same way.
type Housing struct {
	// PerThousand[age] is children of that single age per 1000 residents;
	// PerHousehold[age] is children of that age per household. Give one
	// of them (nil, or zero for an age: no yield for the age).
	PerThousand  []float64
	PerHousehold []float64
	// PhaseIn is the share of the full count reached in the completion
	// year, the year after, and so on; the last value holds afterwards.
	// nil = [1]: full from the completion year.
	PhaseIn []float64
}

// ErrHousing is wrapped by errors in Housing.
var ErrHousing = fmt.Errorf("%w: housing", ErrInput)

// validate checks that one kind of yield is given, and the yields and
// phase-in shares are in range.
func (h *Housing) validate() error {
	if h.PerThousand != nil && h.PerHousehold != nil {
		return fmt.Errorf("%w: give yields per 1000 residents or per household, not both", ErrHousing)
	}
	for _, ys := range [][]float64{h.PerThousand, h.PerHousehold} {
		if age, ok := firstOutside(ys, 1000); !ok {
			return fmt.Errorf("%w: yield %v at age %d: want 0–1000", ErrHousing, ys[age], age)
		}
	}
	if i, ok := firstOutside(h.PhaseIn, 1); !ok {
		return fmt.Errorf("%w: phase_in[%d] = %v: want shares in [0, 1]", ErrHousing, i, h.PhaseIn[i])
	}
	return nil
}

// firstOutside returns the index of the first value of vs outside
// [0, hi] (NaN is outside), and false; or true when all are inside.
func firstOutside(vs []float64, hi float64) (int, bool) {
	for i, v := range vs {
		if math.IsNaN(v) || v < 0 || v > hi {
			return i, false
		}
	}
	return 0, true
}

// yield returns the yield of age and whether it is given; perHousehold
// tells the unit.
func (h *Housing) yield(age int) (v float64, perHousehold, ok bool) {
	if h == nil {
		return 0, false, false
	}
	if age < len(h.PerThousand) && h.PerThousand[age] > 0 {
		return h.PerThousand[age], false, true
	}
	if age < len(h.PerHousehold) && h.PerHousehold[age] > 0 {
		return h.PerHousehold[age], true, true
	}
	return 0, false, false
}

// phase returns the share reached k years after completion (k >= 0).
func (h *Housing) phase(k int) float64 {
	if h == nil || len(h.PhaseIn) == 0 {
		return 1
	}
	return h.PhaseIn[min(k, len(h.PhaseIn)-1)]
}

// YieldsFromSpans builds a per-age yield table from yields over age spans:
// each span's yield (children per unit over all its ages) is split evenly
// over its ages, and spans add up where they overlap.
func YieldsFromSpans(spans []AgeSpan) ([]float64, error) {
	top := -1
	for _, s := range spans {
		if s.From < 0 || s.To < s.From || s.To > 120 || math.IsNaN(s.Yield) || s.Yield < 0 {
			return nil, fmt.Errorf("%w: ages %d–%d yield %v", ErrHousing, s.From, s.To, s.Yield)
		}
		top = max(top, s.To)
	}
	out := make([]float64, top+1)
	for _, s := range spans {
		per := s.Yield / float64(s.To-s.From+1)
		for a := s.From; a <= s.To; a++ {
			out[a] += per
		}
	}
	return out, nil
}

// AgeSpan is a yield over ages From..To (both included).
type AgeSpan struct {
	From, To int
	Yield    float64
}
