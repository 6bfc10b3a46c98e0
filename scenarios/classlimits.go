package scenarios

import (
	"fmt"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
)

// CheckClassLimits checks, for each stage whose large_class or huge_class
// l sets, that the class-size limits grow: standard_class_size below
// large_class (大班额) below huge_class (超大班额), a limit l leaves at
// its default (45 or 50, 55, 65). Every stage out of order is named, in
// one error.
func CheckClassLimits(l *engine.IndicatorLimits) error {
	var bad []string
	for _, st := range engine.Stages {
		if l.LargeClass[st] == 0 && l.HugeClass[st] == 0 {
			continue
		}
		std := pickInt(l.StandardClassSize[st], st.DefaultClassSize())
		large := pickInt(l.LargeClass[st], metrics.DefaultLargeClass)
		huge := pickInt(l.HugeClass[st], metrics.DefaultHugeClass)
		if large <= std {
			bad = append(bad, fmt.Sprintf("large_class.%s %d is not above standard_class_size.%s %d", st, large, st, std))
		}
		if huge <= large {
			bad = append(bad, fmt.Sprintf("huge_class.%s %d is not above large_class.%s %d", st, huge, st, large))
		}
	}
	if bad == nil {
		return nil
	}
	return fmt.Errorf("%w: %s: want standard < large < huge class sizes", ErrScenario, strings.Join(bad, "; "))
}

// pickInt is v when set (above 0), else def.
func pickInt(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}
