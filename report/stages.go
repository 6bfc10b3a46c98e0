package report

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// runStages lists, in order, the stages at least one of results runs (a
// city or scenario may run only primary or only junior school).
func runStages(results []*scenarios.Result) []engine.Stage {
	var out []engine.Stage
	for _, st := range engine.Stages {
		for _, r := range results {
			if r.City.Runs(st) {
				out = append(out, st)
				break
			}
		}
	}
	return out
}
