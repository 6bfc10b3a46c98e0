package report

import (
	"io"

	"github.com/schoolplan/schoolplan/scenarios"
)

// CostsJSON is the JSON form of a scenario's programme (costs.json): each
// change with its cost and seats, then the rows of costs.csv.
type CostsJSON struct {
	Scenario string           `json:"scenario"`
	LastYear int              `json:"last_year"`
	Changes  []ChangeCostJSON `json:"changes"`
	Phases   []CostRowJSON    `json:"phases"`
	Total    CostRowJSON      `json:"total"`
}

// ChangeCostJSON is one change: Cost is null when unknown (source
// "unknown").
type ChangeCostJSON struct {
	Change       int      `json:"change"` // index in the scenario's changes
	Kind         string   `json:"kind"`
	School       string   `json:"school"`
	Effective    int      `json:"effective_year"`
	Decided      int      `json:"decided_year"`
	LeadTime     int      `json:"lead_time"`
	Phase        string   `json:"phase,omitempty"`
	Cost         *float64 `json:"cost"`
	Source       string   `json:"cost_source"`
	EntrySeats   int      `json:"entry_seats_added"`
	Seats        int      `json:"seats_added"`
	UsedLastYear int      `json:"new_seats_used_last_year"`
	// A temporary change's classroom-years and entry seats (absent for
	// any other change).
	ClassroomYears int `json:"temporary_classroom_years,omitempty"`
	TemporarySeats int `json:"temporary_entry_seats,omitempty"`
}

// CostRowJSON is a row of costs.csv; a figure that is not known is null.
type CostRowJSON struct {
	Phase            string   `json:"phase"`
	From             int      `json:"from,omitempty"`
	To               int      `json:"to,omitempty"`
	Changes          int      `json:"changes"`
	Unpriced         int      `json:"unpriced_changes"`
	Cost             float64  `json:"cost"`
	EntrySeats       int      `json:"entry_seats_added"`
	Seats            int      `json:"seats_added"`
	CostPerEntrySeat *float64 `json:"cost_per_entry_seat"`
	CostPerSeat      *float64 `json:"cost_per_seat"`
	UsedLastYear     int      `json:"new_seats_used_last_year"`
	UsedShare        *float64 `json:"new_seats_used_share"`
	// The temporary changes' classroom-years and entry seats (absent
	// without any), and the phase's budget and how much it is over it
	// (absent without a budget).
	ClassroomYears int      `json:"temporary_classroom_years,omitempty"`
	TemporarySeats int      `json:"temporary_entry_seats,omitempty"`
	Budget         *float64 `json:"budget,omitempty"`
	OverBudget     *float64 `json:"over_budget,omitempty"`
}

// NewCostsJSON builds the costs of r.
func NewCostsJSON(r *scenarios.Result) *CostsJSON {
	c := scenarios.ProgrammeCosts(r)
	out := &CostsJSON{Scenario: r.Scenario.Name, LastYear: int(r.Last), Changes: make([]ChangeCostJSON, 0, len(c.Changes)), Phases: []CostRowJSON{}}
	for _, ch := range c.Changes {
		out.Changes = append(out.Changes, changeCostJSON(ch))
	}
	rows := costTableRows(c)
	for _, row := range rows[:len(rows)-1] {
		out.Phases = append(out.Phases, costRowJSON(row))
	}
	out.Total = costRowJSON(rows[len(rows)-1])
	return out
}

func changeCostJSON(c scenarios.ChangeCost) ChangeCostJSON {
	j := ChangeCostJSON{Change: c.Index, Kind: c.Kind, School: c.School, Effective: int(c.Effective), Decided: int(c.Decided),
		LeadTime: c.LeadTime, Phase: c.Phase, Source: c.Source.String(), EntrySeats: c.EntrySeats, Seats: c.Seats, UsedLastYear: c.UsedLastYear,
		ClassroomYears: c.ClassroomYears, TemporarySeats: c.TemporarySeats}
	if c.Source != scenarios.CostUnknown {
		v := round2(c.Cost)
		j.Cost = &v
	}
	return j
}

func costRowJSON(r scenarios.CostRow) CostRowJSON {
	j := CostRowJSON{Phase: r.Phase, From: int(r.From), To: int(r.To), Changes: r.Changes, Unpriced: r.Unpriced,
		Cost: round2(r.Cost), EntrySeats: r.EntrySeats, Seats: r.Seats,
		CostPerEntrySeat: knownJSON(2)(r.CostPerEntrySeat()), CostPerSeat: knownJSON(2)(r.CostPerSeat()),
		UsedLastYear: r.UsedLastYear, UsedShare: knownJSON(4)(r.UsedShare()),
		ClassroomYears: r.ClassroomYears, TemporarySeats: r.TemporarySeats}
	if r.Budget != nil {
		b := round2(*r.Budget)
		over, _ := r.OverBudget()
		over = round2(over)
		j.Budget, j.OverBudget = &b, &over
	}
	return j
}

// knownJSON rounds v to prec decimals, or gives nil (null) when not known.
func knownJSON(prec int) func(float64, bool) *float64 {
	return func(v float64, ok bool) *float64 {
		if !ok {
			return nil
		}
		f, _ := jsonFloatPrec(v, prec)
		return &f
	}
}

// WriteCostsJSON writes the costs of results as a JSON array, indented.
func WriteCostsJSON(w io.Writer, results ...*scenarios.Result) error {
	out := make([]*CostsJSON, 0, len(results))
	for _, r := range results {
		out = append(out, NewCostsJSON(r))
	}
	return writeJSON(w, out)
}
