package report

import (
	"encoding/json"
	"io"

	"github.com/schoolplan/schoolplan/engine"

	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Summary is the JSON form of a run's district and city totals
// (summary.json).
type Summary struct {
	Scenario string         `json:"scenario"`
	City     string         `json:"city"`
	First    int            `json:"first_year"`
	Last     int            `json:"last_year"`
	Stages   []StageSummary `json:"stages"`
}

// StageSummary is one stage's years.
type StageSummary struct {
	Stage string        `json:"stage"`
	Years []YearSummary `json:"years"`
}

// YearSummary is one year's city totals and district totals, and the
// totals of the groups (集团化) and sharing zones (大学区) when schools
// belong to some (see summary_units.csv for what a unit's figures count).
type YearSummary struct {
	Year      int            `json:"year"`
	City      TotalsJSON     `json:"city"`
	Districts []DistrictJSON `json:"districts"`
	Groups    []UnitJSON     `json:"groups,omitempty"`
	Zones     []UnitJSON     `json:"zones,omitempty"`
}

// UnitJSON is a group's or sharing zone's totals.
type UnitJSON struct {
	ID string `json:"id"`
	TotalsJSON
}

// DistrictJSON is a district's totals.
type DistrictJSON struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	TotalsJSON
}

// TotalsJSON mirrors sim.Totals with the utilisation worked out.
type TotalsJSON struct {
	Entrants   int `json:"entrants"`
	Admitted   int `json:"admitted"`
	Unplaced   int `json:"unplaced"`
	Base       int `json:"base"`
	Shared     int `json:"shared"`
	Placed     int `json:"placed"`
	Oversize   int `json:"oversize"`
	EntrySeats int `json:"entry_seats"`
	// EntryUtilisation is admitted / entry seats (null without seats);
	// UtilisationAllGrades is enrolled / capacity.
	EntryUtilisation     *float64 `json:"entry_utilisation"`
	Capacity             int      `json:"capacity"`
	Enrolled             int      `json:"enrolled"`
	UtilisationAllGrades float64  `json:"utilisation_all_grades"`
	Schools              int      `json:"schools"`
	ClassesNeeded        int      `json:"classes_needed"`
	ClassesAvailable     int      `json:"classes_available"`
	OverCapacity         int      `json:"over_capacity_schools"`
	OversizeSchools      int      `json:"oversize_schools"`
}

func totalsJSON(t *sim.Totals) TotalsJSON {
	return TotalsJSON{t.Entrants, t.Admitted, t.Unplaced, t.Base, t.Shared, t.Placed, t.Oversize, t.EntrySeats,
		ratioJSON(t.Admitted, t.EntrySeats), t.Capacity, t.Enrolled, round4(t.Utilisation()), t.Schools, t.ClassesNeeded, t.ClassesAvailable, t.OverCapacity, t.OversizeSchools}
}

// NewSummary builds the summary of r.
func NewSummary(r *scenarios.Result) *Summary {
	s := &Summary{Scenario: r.Scenario.Name, City: r.City.Name, First: int(r.First), Last: int(r.Last)}
	for _, st := range r.City.Stages() {
		sr := &r.Stages[st]
		ss := StageSummary{Stage: st.String()}
		for yi := range sr.Years {
			ss.Years = append(ss.Years, yearSummary(r, st, &sr.Years[yi]))
		}
		s.Stages = append(s.Stages, ss)
	}
	return s
}

// yearSummary is year yr of stage st: the city, its districts and its
// units.
func yearSummary(r *scenarios.Result, st engine.Stage, yr *sim.YearResult) YearSummary {
	ys := YearSummary{Year: int(yr.Year), City: totalsJSON(&yr.City)}
	for di := range yr.Districts {
		d := &r.City.Districts[di]
		ys.Districts = append(ys.Districts, DistrictJSON{ID: d.ID, Name: d.Name, TotalsJSON: totalsJSON(&yr.Districts[di].Totals)})
	}
	_ = unitsOf(r, st, yr, func(kind string, us []unitTotal) error {
		js := make([]UnitJSON, len(us))
		for i := range us {
			js[i] = UnitJSON{us[i].ID, totalsJSON(&us[i].Totals)}
		}
		if kind == UnitGroup {
			ys.Groups = js
		} else {
			ys.Zones = js
		}
		return nil
	})
	return ys
}

// WriteSummaryJSON writes the summaries of results as a JSON array,
// indented.
func WriteSummaryJSON(w io.Writer, results ...*scenarios.Result) error {
	out := make([]*Summary, 0, len(results))
	for _, r := range results {
		out = append(out, NewSummary(r))
	}
	return writeJSON(w, out)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
