package plan

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/schoolplan/schoolplan/engine"
)

// WriteTable writes the proposal as text tables, one pair per planned
// stage: the changes with their cost and effect, then the unplaced
// entrants by year before and after; then a line with the plan's cost, the
// entrants it leaves unplaced and how the solver did.
func (p *Proposal) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, st := range p.Stages {
		if p.MultiPeriod != nil {
			p.writeMultiChangesTable(tw, st)
			p.writeDistrictsTable(tw, st)
		} else {
			p.writeChangesTable(tw, st)
		}
		p.writeUnplacedTable(tw, st)
	}
	if len(p.Stages) == 0 {
		fmt.Fprintf(tw, "%s: no entrant is left unplaced up to %d; nothing to plan\n", p.Base.Name, p.Target)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "cost %s; %d entrants left unplaced up to %d", fmtCost(p.Cost), p.Residual, p.Target)
	if mp := p.MultiPeriod; mp != nil {
		fmt.Fprintf(w, "; discounted at %s a year to %d: %s, bound %s, gap %.2f%%", fmtRate(mp.DiscountRate), p.Base.First,
			fmtCost2(mp.Cost), fmtCost2(mp.Bound), 100*mp.Gap)
	}
	if len(p.Solves) > 0 {
		chosen, worst := p.chosenSolves()
		fmt.Fprintf(w, "; capacitated p-median: %d %s solved, %d %s used, largest gap %.2f%%", len(p.Solves),
			plural(len(p.Solves), "problem", "problems"), chosen, plural(chosen, "solution", "solutions"), 100*worst)
	}
	fmt.Fprintln(w)
	return nil
}

// writeChangesTable writes the title and the changes of stage st, with
// their total.
func (p *Proposal) writeChangesTable(tw io.Writer, st engine.Stage) {
	c := p.Base.City
	fmt.Fprintf(tw, "%s — %s (%s): plan to seat every entrant %d–%d, objective %s\n", p.Name, st, c.Name, p.Base.First, p.Target, p.Objective)
	fmt.Fprintf(tw, "change\tschool\tdistrict\tstreams\tentry seats\tfrom\tcost\tunplaced removed\tmean distance\t name\n")
	removed, cost, dist, n := 0, 0.0, 0.0, 0
	for i := range p.Changes {
		ch := &p.Changes[i]
		if ch.Stage != st {
			continue
		}
		d := &c.Districts[ch.District]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%d\t%s\t %s\n", ch.kindText(), ch.School, d.ID, ch.Streams, ch.Seats,
			ch.Year, fmtCost(ch.Cost), ch.Removed, fmtMeters(float64(ch.DistanceChange)), cmp.Or(ch.Name, d.Name))
		removed += ch.Removed
		cost += ch.Cost
		dist += float64(ch.DistanceChange)
		n++
	}
	fmt.Fprintf(tw, "total\t%d %s\t\t\t\t\t%s\t%d\t%s\t\n", n, plural(n, "change", "changes"), fmtCost(cost), removed, fmtMeters(dist))
	fmt.Fprintln(tw)
}

// writeUnplacedTable writes the unplaced entrants of stage st by year,
// before and after the plan.
func (p *Proposal) writeUnplacedTable(tw io.Writer, st engine.Stage) {
	fmt.Fprintf(tw, "year\tunplaced before\tafter\t\n")
	for _, u := range p.Unplaced {
		if u.Stage != st {
			continue
		}
		mark := ""
		if u.Year > p.Target {
			mark = " (after the target)"
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%s\n", u.Year, u.Before, u.After, mark)
	}
	fmt.Fprintln(tw)
}

// kindText is the change's kind in the table: "new school" or "expand".
func (ch *ProposedChange) kindText() string {
	if ch.Temporary {
		return "temporary"
	}
	if ch.New {
		return "new school"
	}
	return "expand"
}

// fmtMeters formats a distance change in whole metres with its sign ("+0",
// never "-0").
func fmtMeters(x float64) string {
	r := math.Round(x)
	if r == 0 {
		return "+0 m"
	}
	return fmt.Sprintf("%+.0f m", r)
}
