package engine

import (
	"fmt"

	"github.com/schoolplan/schoolplan/geo"
)

// system sets the city's school system and stages from city.yaml; every
// problem is returned, each naming city.yaml and its key.
func (l *loader) system(cfg CityConfig) error {
	var errs geo.Errors
	file := l.name(CityFile)
	if sys := cfg.SchoolSystem; sys != nil {
		if *sys == (SchoolSystem{}) {
			errs = append(errs, &KeyError{File: file, Key: "school_system",
				Err: fmt.Errorf("%w: give primary and junior, each with entry_age and grades", ErrInvalid)})
		} else if err := sys.Validate(); err != nil {
			for _, e := range err.(geo.Errors) {
				ke := e.(*KeyError)
				ke.File = file
				errs = append(errs, ke)
			}
		} else {
			l.city.System = *sys
		}
	}
	if cfg.Stages != nil {
		run, err := ParseStages(cfg.Stages)
		if err != nil {
			errs = append(errs, &KeyError{File: file, Key: "stages", Err: err})
		}
		l.city.RunStages = run
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// runStage records an error when a school of kind k serves no stage the
// city runs: its pupils would be left out of every table.
func (l *loader) runStage(f *geo.Feature, k Kind) {
	for _, st := range l.city.Stages() {
		if k.Serves(st) {
			return
		}
	}
	l.fail(f.Errorf("stage", "%w: a %s school, but the city runs only %s school (%s stages)", ErrInvalid, k, l.city.Stages()[0], CityFile))
}
