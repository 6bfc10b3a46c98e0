package scenarios

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// convertConfig is a convert change: a school that becomes a school of
// another kind from a year, grade by grade (engine.Convert). streams are
// the classes per grade of the stage it gains (of primary, for a
// nine_year school); junior_streams those of a nine_year school's junior
// stage, as in new_school.
type convertConfig struct {
	Pos           strictyaml.Pos
	School        string `yaml:"school"`
	To            string `yaml:"to" check:"kind"`
	Year          int    `yaml:"year" check:"year" help:"a calendar year"`
	Streams       int    `yaml:"streams" check:"streams" help:"streams are classes per grade"`
	JuniorStreams int    `yaml:"junior_streams" check:"streams" help:"streams are classes per grade"`
}

func (cv *convertConfig) line() int { return cv.Pos.Line }

// toChange makes the conversion; which streams it needs is checked by
// engine.CheckChanges, which knows the school's kind that year.
func (cv *convertConfig) toChange(*engine.City) (engine.Change, error) {
	to, err := engine.ParseKind(cv.To)
	switch {
	case cv.To == "":
		return nil, fieldErrorf("convert.to", "missing (primary, junior or nine_year)")
	case err != nil:
		return nil, fieldErrorf("convert.to", "%v", plain(err))
	case cv.Year == 0:
		return nil, fieldErrorf("convert.year", "missing")
	case cv.JuniorStreams != 0 && to != engine.KindNineYear:
		return nil, fieldErrorf("convert.junior_streams", "only a conversion to nine_year takes junior_streams (streams are the %s streams)", to)
	}
	out := engine.Convert{School: cv.School, To: to, Year: engine.Year(cv.Year)}
	switch to {
	case engine.KindJunior:
		out.Streams[engine.Junior] = cv.Streams
	default:
		out.Streams[engine.Primary] = cv.Streams
		out.Streams[engine.Junior] = cv.JuniorStreams
	}
	return out, nil
}

// convert is the cost table's cost of conversion ch, conversion_stream ×
// the streams of the stages it gains (ok false without conversion_stream,
// or for a conversion that only leaves a stage: the table does not say
// what that costs),
// and the seats of those stages, in the entry grade and in every grade,
// where the school still teaches them in the run's last year.
func (r *Result) convert(ch engine.Convert) (cost float64, ok bool, entry, seats int) {
	s := r.school(ch.School)
	if s == nil {
		return 0, false, 0, 0
	}
	streams := 0
	for _, st := range engine.Stages {
		streams += ch.Streams[st]
	}
	entry, seats = r.addedSeats(s, ch.Streams)
	t := r.Scenario.Costs
	if t == nil || t.ConversionStream == nil || streams == 0 {
		return 0, false, entry, seats
	}
	return *t.ConversionStream * float64(streams), true, entry, seats
}
