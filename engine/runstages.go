package engine

import (
	"fmt"
	"slices"
)

// Stages returns the stages the city runs, in order: RunStages, or every
// stage when it is empty. Loops over "the stages of this city" use it
// rather than the package's Stages.
func (c *City) Stages() []Stage {
	if len(c.RunStages) == 0 {
		return Stages[:]
	}
	return c.RunStages
}

// Runs reports whether the city runs stage st.
func (c *City) Runs(st Stage) bool {
	return len(c.RunStages) == 0 || slices.Contains(c.RunStages, st)
}

// ParseStages reads a list of stage names ("primary", "junior") into the
// stages it names, in order; an empty list, an unknown name or a stage
// named twice is an error.
func ParseStages(names []string) ([]Stage, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: an empty list: want primary, junior or both", ErrInvalid)
	}
	var run [NumStages]bool
	for _, n := range names {
		st, err := ParseStage(n)
		if err != nil {
			return nil, err
		}
		if run[st] {
			return nil, fmt.Errorf("%w: %s is named twice", ErrInvalid, st)
		}
		run[st] = true
	}
	var out []Stage
	for _, st := range Stages {
		if run[st] {
			out = append(out, st)
		}
	}
	return out, nil
}
