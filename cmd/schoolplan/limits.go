package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/schoolplan/schoolplan/scenarios"
)

// limitFlagHelp is the help of --limit, on simulate, compare and report.
const limitFlagHelp = "set an indicator limit over every scenario's policy, as key.stage=value (repeatable): cv_limit, standard_class_size, large_school or service_radius; primary or junior; e.g. --limit cv_limit.primary=0.45"

// addLimitFlag adds --limit to f, collecting its values in specs.
func addLimitFlag(f *pflag.FlagSet, specs *[]string) {
	f.StringArrayVar(specs, "limit", nil, limitFlagHelp)
}

// applyLimits sets the indicator limits --limit gives on each scenario,
// over the limits of its policy.
func applyLimits(specs []string, scs ...*scenarios.Scenario) error {
	for _, spec := range specs {
		for _, s := range scs {
			if err := scenarios.SetLimit(&s.Policy.Limits, spec); err != nil {
				msg := strings.TrimPrefix(err.Error(), scenarios.ErrScenario.Error()+": ")
				return usageError{fmt.Errorf("--limit %s", msg)}
			}
		}
	}
	return nil
}
