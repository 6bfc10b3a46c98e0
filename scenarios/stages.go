package scenarios

import (
	"fmt"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// restrictStages applies the stages: key of the last file of the extends
// chain that gives one (none: the city's stages): the scenario gets its own
// copy of the city running only those stages, each of which the city must
// run. Schools of the other stage stay in the city but take no part in the
// run; changes naming them are errors (engine.CheckChanges).
func (s *Scenario) restrictStages(layers []layer) error {
	var l *layer
	for i := range layers {
		if layers[i].cfg.Stages != nil {
			l = &layers[i]
		}
	}
	if l == nil {
		return nil
	}
	fail := func(err error) error { return &Error{File: l.file, Key: "stages", Err: err} }
	run, err := engine.ParseStages(l.cfg.Stages)
	if err != nil {
		return fail(fmt.Errorf("%w: %s", ErrScenario, strings.TrimPrefix(err.Error(), "engine: ")))
	}
	for _, st := range run {
		if !s.City.Runs(st) {
			return fail(fmt.Errorf("%w: %s: the city runs only %s school (%s stages)", ErrScenario, st, s.City.Stages()[0], engine.CityFile))
		}
	}
	cc := *s.City
	cc.RunStages = run
	s.City = &cc
	return nil
}
