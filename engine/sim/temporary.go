package sim

import "github.com/schoolplan/schoolplan/engine"

// temporary is a temporary change (engine.Temporary) of one school, with
// its stage resolved.
type temporary struct {
	stage engine.Stage
	engine.Temporary
}

// addTemporary lays temporary change t of school s into the plan.
func (p *plan) addTemporary(s int, t engine.Temporary) {
	sc := p.city.Schools[s] // with its kind of the first entry year (convert.go)
	sc.Kind = p.kind(s, t.From)
	st, _ := t.StageOf(&sc) // checked by engine.CheckChanges
	p.temps[s] = append(p.temps[s], temporary{stage: st, Temporary: t})
}

// temporaryStreams is the temporary entry classes of school s in stage st
// in entry year y.
func (p *plan) temporaryStreams(s int, st engine.Stage, y engine.Year) int {
	n := 0
	for _, t := range p.temps[s] {
		if t.stage == st {
			n += t.EntryStreams(y)
		}
	}
	return n
}

// entryStreams is the entry classes of school s in stage st in year y:
// its streams after expansions and its temporary classes.
func (p *plan) entryStreams(s int, st engine.Stage, y engine.Year) int {
	return p.streams(s, st, y) + p.temporaryStreams(s, st, y)
}
