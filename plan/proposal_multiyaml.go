package plan

import (
	"fmt"
	"io"

	"github.com/schoolplan/schoolplan/engine"
)

// writeYAMLMultiHeader ends the header of a multi-period proposal: the
// prices and lead times, the discounted cost, the bound and the gap.
func (p *Proposal) writeYAMLMultiHeader(b io.Writer, mp *MultiPeriod) {
	fmt.Fprintf(b, "# Multi-period plan: temporary classrooms at %s a classroom-year, streams added at %s, new schools at\n",
		fmtCost(mp.TemporaryCost), fmtCost(mp.ExpandCost))
	fmt.Fprintf(b, "# the school and stream costs; lead times: new school %d, expansion %d, temporary %d years.\n",
		mp.Leads.NewSchool, mp.Leads.Expand, mp.Leads.Temporary)
	fmt.Fprintf(b, "# Discounted at %s a year to %d: %s; lower bound %s (districts pooled), gap %.2f%%.\n",
		fmtRate(mp.DiscountRate), p.Base.First, fmtCost2(mp.Cost), fmtCost2(mp.Bound), 100*mp.Gap)
	if p.Residual > 0 {
		fmt.Fprintf(b, "# WARNING: the plan still leaves %d entrants unplaced (summed over the years up to %d).\n", p.Residual, p.Target)
	}
}

// writeYAMLMulti writes one change of a multi-period plan, with its cost
// and lead time.
func (p *Proposal) writeYAMLMulti(b io.Writer, ch *ProposedChange) {
	dist := p.Base.City.Districts[ch.District]
	prog := fmt.Sprintf("    lead_time: %d\n    cost: %s\n", ch.LeadTime, fmtCost(ch.Cost))
	switch {
	case ch.Temporary:
		p.writeYAMLTemporary(b, ch, prog)
	case ch.New:
		fmt.Fprintf(b, "  - new_school: {id: %s, name: %s, at: [%s, %s], district: %s, stage: %s, streams: %d, opens: %d}\n%s",
			yamlString(ch.School), yamlString(ch.Name), fmtCoord(ch.At[0]), fmtCoord(ch.At[1]), yamlString(dist.ID), ch.Stage, ch.Streams, ch.Year, prog)
	default:
		fmt.Fprintf(b, "  - expand: {school: %s, streams: %d, year: %d%s}\n%s", yamlString(ch.School), ch.Streams, ch.Year, stageKey(ch), prog)
	}
}

// writeYAMLTemporary writes temporary classrooms: a temporary change.
func (p *Proposal) writeYAMLTemporary(b io.Writer, ch *ProposedChange, prog string) {
	stage := ""
	if t, ok := ch.Change.(engine.Temporary); ok && t.StageGiven {
		stage = fmt.Sprintf(", stage: %s", t.Stage)
	}
	fmt.Fprintf(b, "  - temporary: {school: %s, streams: %d, from: %d, to: %d%s}\n%s", yamlString(ch.School), ch.Streams, ch.Year, ch.To, stage, prog)
}

// stageKey is ", stage: S" for a change that names its stage (a nine-year
// school's), else "".
func stageKey(ch *ProposedChange) string {
	var stages []engine.Stage
	if e, ok := ch.Change.(engine.Expand); ok {
		stages = e.Stages
	}
	if len(stages) == 1 {
		return fmt.Sprintf(", stage: %s", stages[0])
	}
	return ""
}
