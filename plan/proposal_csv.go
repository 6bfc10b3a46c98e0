package plan

import (
	"encoding/csv"
	"io"
	"strconv"
)

// proposalCSVHeader is the header row of WriteCSV.
var proposalCSVHeader = []string{"stage", "change", "school", "name", "district", "streams", "entry_seats", "year",
	"lon", "lat", "cost", "unplaced_removed", "mean_distance_change_m"}

// WriteCSV writes the proposal's changes as CSV, a row per change: stage,
// change (new_school or expand), school, name, district (id), streams,
// entry_seats, year, lon and lat (new schools only), cost,
// unplaced_removed and mean_distance_change_m (to 0.1 m).
func (p *Proposal) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(proposalCSVHeader); err != nil {
		return err
	}
	for i := range p.Changes {
		if err := cw.Write(p.csvRecord(&p.Changes[i])); err != nil {
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
