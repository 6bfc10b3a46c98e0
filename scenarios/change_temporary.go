package scenarios

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// temporaryConfig is a temporary change: extra entry classes housed in
// temporary classrooms (临时/周转校舍) in entry years from..to, each kept
// until its cohort leaves the stage (engine.Temporary).
type temporaryConfig struct {
	Pos     strictyaml.Pos
	School  string `yaml:"school"`
	Stage   string `yaml:"stage" check:"stage"`
	Streams int    `yaml:"streams" help:"temporary classes per entry year"`
	From    int    `yaml:"from" check:"year" help:"a calendar year"`
	To      int    `yaml:"to" check:"year" help:"a calendar year"`
}

func (t *temporaryConfig) line() int { return t.Pos.Line }

// toChange makes the temporary change; its school, stage, streams and
// years are checked by engine.CheckChanges.
func (t *temporaryConfig) toChange(*engine.City) (engine.Change, error) {
	switch {
	case t.From == 0:
		return nil, fieldErrorf("temporary.from", "missing (the first entry year with temporary classes)")
	case t.To == 0:
		return nil, fieldErrorf("temporary.to", "missing (the last entry year with temporary classes)")
	}
	out := engine.Temporary{School: t.School, Streams: t.Streams, From: engine.Year(t.From), To: engine.Year(t.To)}
	if t.Stage != "" {
		st, err := engine.ParseStage(t.Stage)
		if err != nil {
			return nil, fieldErrorf("temporary.stage", "%v", plain(err))
		}
		out.Stage, out.StageGiven = st, true
	}
	return out, nil
}
