package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/schoolplan/schoolplan/scenarios"
)

// limitFlagHelp is the help of --limit, on simulate, compare and report.
const limitFlagHelp = "set an indicator limit over every scenario's policy, as key.stage=value (repeatable): cv_limit, standard_class_size, large_school, service_radius, large_class (大班额) or huge_class (超大班额); primary or junior; e.g. --limit cv_limit.primary=0.45"

// addLimitFlag adds --limit to f, collecting its values in specs.
func addLimitFlag(f *pflag.FlagSet, specs *[]string) {
	f.StringArrayVar(specs, "limit", nil, limitFlagHelp)
}

// applyLimits sets the indicator limits --limit gives on each scenario,
// over the limits of its policy, then checks the class sizes together;
// every problem is reported, once.
func applyLimits(specs []string, scs ...*scenarios.Scenario) error {
	var errs []string
	note := func(err error) {
		msg := "--limit " + strings.TrimPrefix(err.Error(), scenarios.ErrScenario.Error()+": ")
		if !slices.Contains(errs, msg) {
			errs = append(errs, msg)
		}
	}
	for _, s := range scs {
		for _, spec := range specs {
			if err := scenarios.SetLimit(&s.Policy.Limits, spec); err != nil {
				note(err)
			}
		}
	}
	if len(errs) == 0 && len(specs) > 0 {
		for _, s := range scs {
			if err := scenarios.CheckClassLimits(&s.Policy.Limits); err != nil {
				note(err)
			}
		}
	}
	if len(errs) > 0 {
		return usageError{fmt.Errorf("%s", strings.Join(errs, "; "))}
	}
	return nil
}
