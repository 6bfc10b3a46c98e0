package sim

import "github.com/schoolplan/schoolplan/engine"

// addFeeders lays feeders change f of school s into the plan.
func (p *plan) addFeeders(s int, f engine.Feeders) {
	if p.feeders == nil {
		p.feeders = make([][]engine.Change, len(p.city.Schools))
	}
	p.feeders[s] = append(p.feeders[s], f)
}

// feedersIn is school s's feeder list in year y (engine.FeedersIn): the
// city's, or the latest feeders change's in force.
func (p *plan) feedersIn(s int, y engine.Year) []string {
	var changes []engine.Change
	if p.feeders != nil {
		changes = p.feeders[s]
	}
	return engine.FeedersIn(&p.city.Schools[s], y, changes)
}
