package sim

import (
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// The stages of a converted school by year (engine.Convert): its kind and
// its streams (none in a stage its kind of the year does not teach, so
// that it phases the stage out as phaseout.go says: its cohorts of
// earlier years keep their classes until they leave), and the city the
// catchments are drawn on.

// conversions lays out the changes' conversions, checked by
// engine.CheckChanges, in year order: each school's kind by year, and the
// streams of each stage it gains as an expansion that sets them (laid
// before the expansions, so that one of the same year adds to them).
func (p *plan) conversions(changes []engine.Change, ids map[string]int) {
	var cs []engine.Convert
	for _, ch := range changes {
		if cv, ok := ch.(engine.Convert); ok {
			cs = append(cs, cv)
		}
	}
	if len(cs) == 0 {
		return
	}
	slices.SortStableFunc(cs, func(a, b engine.Convert) int { return int(a.Year - b.Year) })
	p.convert = make([][]engine.Conversion, len(p.city.Schools))
	for _, ch := range cs {
		s := ids[ch.School]
		cv := engine.Conversion{Year: ch.Year, From: p.kind(s, ch.Year), To: ch.To}
		p.convert[s] = append(p.convert[s], cv)
		e := expansion{year: ch.Year, set: true}
		for _, st := range engine.Stages {
			if cv.Gains(st) {
				e.streams[st] = ch.Streams[st]
			}
		}
		p.expand[s] = append(p.expand[s], e)
	}
}

// apply is n streams of stage st after expansion e.
func (e expansion) apply(n int, st engine.Stage) int {
	if e.set && e.streams[st] != 0 {
		return e.streams[st]
	}
	return n + e.streams[st]
}

// kind is school s's kind in year y.
func (p *plan) kind(s int, y engine.Year) engine.Kind {
	if p.convert == nil {
		return p.city.Schools[s].Kind
	}
	return engine.KindIn(p.city.Schools[s].Kind, p.convert[s], y)
}

// serves is whether school s teaches stage st in year y by its kind that
// year (a school converted away from it may still teach the cohorts that
// entered before: plan.teaches).
func (p *plan) serves(s int, st engine.Stage, y engine.Year) bool {
	return p.kind(s, y).Serves(st)
}

// servesEver is whether school s teaches stage st in some year.
func (p *plan) servesEver(s int, st engine.Stage) bool {
	if p.city.Schools[s].Kind.Serves(st) {
		return true
	}
	if p.convert != nil {
		for _, cv := range p.convert[s] {
			if cv.Gains(st) {
				return true
			}
		}
	}
	return false
}

// unionCity is the city the catchments are drawn on: the plan's city, or,
// when schools are converted, a copy where each converted school serves every stage it serves in some
// year, with streams in each. A catchment chooses only among the schools
// open to its stage that year (stageRun.open), which the school's kind of
// that year decides, so the union lets no school in out of its years.
func (p *plan) unionCity() *engine.City {
	if p.convert == nil {
		return p.city
	}
	cc := *p.city
	cc.Schools = slices.Clone(p.city.Schools)
	for s, cs := range p.convert {
		sc := &cc.Schools[s]
		for _, cv := range cs {
			for _, st := range engine.Stages {
				if cv.Gains(st) && sc.Streams[st] == 0 {
					sc.Streams[st] = 1 // any: a catchment asks only whether it has streams
				}
			}
			if sc.Kind != cv.To {
				sc.Kind = engine.KindNineYear
			}
		}
	}
	return &cc
}

// endSchools is the schools as the run leaves them: each converted school
// with its kind of the last year, its streams then in the stages it
// gained, none in those it left.
func (p *plan) endSchools(last engine.Year) []engine.School {
	if p.convert == nil {
		return p.city.Schools
	}
	out := slices.Clone(p.city.Schools)
	for s := range p.convert {
		k := p.kind(s, last)
		if k == out[s].Kind {
			continue
		}
		for _, st := range engine.Stages {
			switch {
			case !k.Serves(st):
				out[s].Streams[st] = 0
			case !out[s].Kind.Serves(st):
				out[s].Streams[st] = p.streams(s, st, last)
			}
		}
		out[s].Kind = k
	}
	return out
}

// KindIn is school s's kind (index into r.Schools) in year y: r.Schools
// gives each school's kind in the run's last year, and a conversion
// (engine.Convert) changes it from its year.
func (r *Result) KindIn(s int, y engine.Year) engine.Kind {
	k := r.Schools[s].Kind
	if r.convert == nil {
		return k
	}
	cs := r.convert[s]
	for i := len(cs) - 1; i >= 0 && cs[i].Year > y; i-- {
		k = cs[i].From
	}
	return k
}
