package plan

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/schoolplan/schoolplan/engine"
)

// The tables of a multi-period proposal: the changes with their years,
// decision and discounted cost, and the choice in each district.

// writeMultiChangesTable writes the title and the changes of stage st of a
// multi-period plan, with their total.
func (p *Proposal) writeMultiChangesTable(tw io.Writer, st engine.Stage) {
	c := p.Base.City
	fmt.Fprintf(tw, "%s — %s (%s): multi-period plan to seat every entrant %d–%d at least discounted cost\n", p.Name, st, c.Name, p.Base.First, p.Target)
	fmt.Fprintf(tw, "change\tschool\tdistrict\tstreams\tentry seats\tfrom\tto\tdecided\tcost\tdiscounted\tunplaced removed\t name\n")
	removed, cost, disc, n := 0, 0.0, 0.0, 0
	for i := range p.Changes {
		ch := &p.Changes[i]
		if ch.Stage != st {
			continue
		}
		d := &c.Districts[ch.District]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%d\t%s\t%s\t%d\t %s\n", ch.kindText(), ch.School, d.ID, ch.Streams, ch.Seats,
			ch.Year, ch.toText(), ch.Year-engine.Year(ch.LeadTime), fmtCost(ch.Cost), fmtCost2(ch.Discounted), ch.Removed, cmp.Or(ch.Name, d.Name))
		removed += ch.Removed
		cost += ch.Cost
		disc += ch.Discounted
		n++
	}
	fmt.Fprintf(tw, "total\t%d %s\t\t\t\t\t\t\t%s\t%s\t%d\t\n", n, plural(n, "change", "changes"), fmtCost(cost), fmtCost2(disc), removed)
	fmt.Fprintln(tw)
}

// toText is the last entry year of temporary classrooms, "–" for a
// permanent change.
func (ch *ProposedChange) toText() string {
	if !ch.Temporary {
		return "–"
	}
	return strconv.Itoa(int(ch.To))
}

// writeDistrictsTable writes the choice of each district short of seats in
// stage st, with the costs that decided it.
func (p *Proposal) writeDistrictsTable(tw io.Writer, st engine.Stage) {
	fmt.Fprintf(tw, "district\tpeak unplaced\tin\tshort\tpeak classes\tchoice\ttemporary classes\tclassroom-years\tstreams added\tnew schools\tcost\ttemporary only\tbuild for peak\tbound\t\n")
	for i := range p.MultiPeriod.Districts {
		d := &p.MultiPeriod.Districts[i]
		if d.Stage != st {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d–%d\t%d\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", p.districtID(d.District), d.Peak, d.PeakYear,
			d.From, d.To, d.PeakClasses, d.Choice(), d.TemporaryClasses, d.ClassroomYears, d.ExpandStreams, d.NewSchools,
			fmtCost2(d.Cost), fmtCost2(d.Temporary), fmtCost2(d.Permanent), fmtCost2(d.Bound))
	}
	fmt.Fprintln(tw)
}

// districtID is district d's id, "city" for -1.
func (p *Proposal) districtID(d int) string {
	if d < 0 {
		return "city"
	}
	return p.Base.City.Districts[d].ID
}

// fmtCost2 formats a discounted cost to two decimals.
func fmtCost2(x float64) string { return strconv.FormatFloat(math.Round(100*x)/100, 'f', 2, 64) }

// fmtRate formats a rate as a percentage: "3%".
func fmtRate(r float64) string { return strconv.FormatFloat(100*r, 'f', -1, 64) + "%" }
