package plan

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
)

// proposalCSVHeader is the header row of WriteCSV.
var proposalCSVHeader = []string{"stage", "change", "school", "name", "district", "streams", "entry_seats", "year",
	"lon", "lat", "cost", "unplaced_removed", "mean_distance_change_m"}

// proposalCSVMulti are the columns a multi-period proposal adds.
var proposalCSVMulti = []string{"to", "decided", "lead_time", "classroom_years", "discounted_cost"}

// WriteCSV writes the proposal's changes as CSV, a row per change: stage,
// change (new_school, expand or temporary), school, name, district (id),
// streams, entry_seats, year, lon and lat (new schools only), cost,
// unplaced_removed and mean_distance_change_m (to 0.1 m); a multi-period
// proposal adds to (temporary classrooms' last entry year), decided,
// lead_time, classroom_years and discounted_cost.
func (p *Proposal) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := proposalCSVHeader
	if p.MultiPeriod != nil {
		header = append(slices.Clip(header), proposalCSVMulti...)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range p.Changes {
		rec := p.csvRecord(&p.Changes[i])
		if p.MultiPeriod != nil {
			rec = append(rec, csvProgramme(&p.Changes[i])...)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvRecord is change ch as a row of WriteCSV.
func (p *Proposal) csvRecord(ch *ProposedChange) []string {
	lon, lat := "", ""
	if ch.New {
		lon, lat = strconv.FormatFloat(ch.At[0], 'f', -1, 64), strconv.FormatFloat(ch.At[1], 'f', -1, 64)
	}
	return []string{ch.Stage.String(), ch.kindKey(), ch.School, ch.Name, p.Base.City.Districts[ch.District].ID,
		strconv.Itoa(ch.Streams), strconv.Itoa(ch.Seats), strconv.Itoa(int(ch.Year)), lon, lat, fmtCost(ch.Cost),
		strconv.Itoa(ch.Removed), strconv.FormatFloat(float64(ch.DistanceChange), 'f', 1, 64)}
}

// kindKey is the change's kind as the scenario key names it: "new_school"
// or "expand".
func (ch *ProposedChange) kindKey() string {
	if ch.Temporary {
		return "temporary"
	}
	if ch.New {
		return "new_school"
	}
	return "expand"
}

// csvProgramme is the multi-period columns of change ch.
func csvProgramme(ch *ProposedChange) []string {
	to := ""
	if ch.Temporary {
		to = strconv.Itoa(int(ch.To))
	}
	return []string{to, strconv.Itoa(int(ch.Year) - ch.LeadTime), strconv.Itoa(ch.LeadTime),
		strconv.Itoa(ch.ClassroomYears), fmtCost2(ch.Discounted)}
}
