package scenarios

import (
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// feedersConfig is a feeders change: a junior or nine-year school's feeder
// primaries (对口直升) from a year, replacing the list the city gives
// (engine.Feeders).
type feedersConfig struct {
	Pos       strictyaml.Pos
	School    string    `yaml:"school"`
	Primaries *[]string `yaml:"primaries"`
	Year      int       `yaml:"year" check:"year" help:"a calendar year"`
}

func (f *feedersConfig) line() int { return f.Pos.Line }

// toChange makes the feeders change; the school and the primaries are
// checked by engine.CheckChanges. The list is required: [] ends the
// school's feeders.
func (f *feedersConfig) toChange(*engine.City) (engine.Change, error) {
	switch {
	case f.Primaries == nil:
		return nil, fieldErrorf("feeders.primaries", "missing (the feeder primaries in priority order; [] for none)")
	case f.Year == 0:
		return nil, fieldErrorf("feeders.year", "missing (the first school year of the list)")
	}
	return engine.Feeders{School: f.School, Primaries: slices.Clone(*f.Primaries), Year: engine.Year(f.Year)}, nil
}
