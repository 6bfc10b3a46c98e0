package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// LimitKeys are the policy keys of the indicator limits, as SetLimit reads
// them.
var LimitKeys = []string{"cv_limit", "standard_class_size", "large_school", "service_radius", "large_class", "huge_class"}

// SetLimit sets one indicator limit of l from "key.stage=value", as a
// command line gives it: key is one of LimitKeys (the policy keys of the
// same name), stage primary or junior, and value in the range the policy
// key takes (a whole number but for cv_limit and service_radius). It
// checks the one limit: CheckClassLimits checks the class sizes together
// once every limit is set.
func SetLimit(l *engine.IndicatorLimits, spec string) error {
	name, value, ok := strings.Cut(spec, "=")
	key, stage, ok2 := strings.Cut(name, ".")
	if !ok || !ok2 {
		return fmt.Errorf("%w: %q: want key.stage=value, e.g. cv_limit.primary=0.45", ErrScenario, spec)
	}
	st, err := engine.ParseStage(stage)
	if err != nil {
		return fmt.Errorf("%w: %q: %s is not a stage: want primary or junior", ErrScenario, spec, stage)
	}
	x, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return fmt.Errorf("%w: %q: %s is not a number", ErrScenario, spec, value)
	}
	return setLimit(l, key, st, x, spec)
}

// setLimit checks x against the range of key and sets it for stage st.
func setLimit(l *engine.IndicatorLimits, key string, st engine.Stage, x float64, spec string) error {
	whole := func(dst *int, in interval) error {
		if x != math.Trunc(x) {
			return fmt.Errorf("%w: %q: %v is not a whole number", ErrScenario, spec, x)
		}
		return setIn(key+"."+st.String(), &x, dst, in)
	}
	switch key {
	case "cv_limit":
		return setIn(key+"."+st.String(), &x, &l.CV[st], cvLimits)
	case "standard_class_size":
		return whole(&l.StandardClassSize[st], classSizes)
	case "large_school":
		return whole(&l.LargeSchool[st], schoolSize)
	case "service_radius":
		return setIn(key+"."+st.String(), &x, &l.ServiceRadius[st], distances)
	case "large_class":
		return whole(&l.LargeClass[st], classSizes)
	case "huge_class":
		return whole(&l.HugeClass[st], classSizes)
	}
	return fmt.Errorf("%w: %q: unknown limit %s: want one of %s", ErrScenario, spec, key, strings.Join(LimitKeys, ", "))
}
