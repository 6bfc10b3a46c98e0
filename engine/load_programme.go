package engine

import (
	"fmt"

	"github.com/schoolplan/schoolplan/geo"
)

// programme checks city.yaml's costs and phases, the defaults of the
// city's scenarios, and sets them on the city; every problem is returned,
// each naming city.yaml and its key.
func (l *loader) programme(cfg CityConfig) error {
	var errs geo.Errors
	file := l.name(CityFile)
	if cfg.Costs != nil {
		for _, e := range cfg.Costs.Entries() {
			if e.Value == nil {
				continue
			}
			if err := CheckCost(*e.Value); err != nil {
				errs = append(errs, &KeyError{File: file, Key: "costs." + e.Key, Err: err})
			}
		}
	}
	CheckPhases(cfg.Phases, func(i int, field string, err error) {
		key := fmt.Sprintf("phases[%d]", i)
		if field != "" {
			key += "." + field
		}
		errs = append(errs, &KeyError{File: file, Key: key, Err: err})
	})
	if len(errs) > 0 {
		return errs
	}
	l.city.Costs, l.city.Phases = cfg.Costs, cfg.Phases
	return nil
}
