package scenarios

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// Steps that convert a key of a scenario file (a pointer: nil is "not
// given") into the field of an option struct, shared by the policy: and
// forecast: blocks. A problem is an ErrScenario reading "key: value: want
// …", which load reports under the block's key.

// number is a value a key takes that an interval bounds.
type number interface{ ~int | ~float64 }

// setGiven copies v to dst when it is given. It cannot fail: its error
// makes it a step like setParsed and setIn.
func setGiven[T any](v *T, dst *T) error {
	if v != nil {
		*dst = *v
	}
	return nil
}

// setParsed reads a given text value into dst with one of the engine's
// parsers.
func setParsed[T any](key string, v *string, dst *T, parse func(string) (T, error)) error {
	if v == nil {
		return nil
	}
	x, err := parse(*v)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrScenario, key, err)
	}
	*dst = x
	return nil
}

// setIn copies a given number to dst, which must lie in the interval in.
func setIn[T, D number](key string, v *T, dst *D, in interval) error {
	if v == nil {
		return nil
	}
	if err := checkIn(key, *v, in); err != nil {
		return err
	}
	*dst = D(*v)
	return nil
}

// setStagesIn copies the stages a per-stage value gives to dst, each of
// which must lie in the interval in.
func setStagesIn[T, D number](key string, v *stageValues[T], dst *[engine.NumStages]D, in interval) error {
	return v.each(func(st engine.Stage, x T) error {
		if err := checkIn(key+"."+st.String(), x, in); err != nil {
			return err
		}
		dst[st] = D(x)
		return nil
	})
}

// interval is the range of values a key takes, with the words that say it.
type interval struct {
	lo, hi         float64
	loOpen, hiOpen bool   // lo (hi) itself is out
	want           string // e.g. "a ratio in (0, 2]"
}

// checkIn reads "key: v: want …" when v lies outside the interval in (NaN
// lies outside every interval).
func checkIn[T number](key string, v T, in interval) error {
	x := float64(v)
	above := x > in.lo || (!in.loOpen && x == in.lo)
	below := x < in.hi || (!in.hiOpen && x == in.hi)
	if above && below {
		return nil
	}
	return fmt.Errorf("%w: %s: %v: want %s", ErrScenario, key, v, in.want)
}
