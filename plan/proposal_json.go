package plan

import (
	"encoding/json"
	"io"
	"math"
)

// proposalJSON is the JSON form of a proposal (WriteJSON).
type proposalJSON struct {
	Scenario  string            `json:"scenario"`
	Name      string            `json:"name"`
	File      string            `json:"file,omitempty"`
	First     int               `json:"first"`
	Target    int               `json:"target"`
	Objective string            `json:"objective"`
	Stages    []string          `json:"stages"`
	Cost      float64           `json:"cost"`
	Residual  int               `json:"residual"`
	Changes   []changeJSON      `json:"changes"`
	Unplaced  []unplacedJSON    `json:"unplaced"`
	Solves    []solveRecordJSON `json:"solves"`
	// MultiPeriod is the multi-period plan's result (absent otherwise).
	MultiPeriod *multiPeriodJSON `json:"multi_period,omitempty"`
}

// changeJSON is a ProposedChange in JSON, its district by id.
type changeJSON struct {
	Stage          string      `json:"stage"`
	Change         string      `json:"change"`
	School         string      `json:"school"`
	Name           string      `json:"name"`
	District       string      `json:"district"`
	Streams        int         `json:"streams"`
	EntrySeats     int         `json:"entry_seats"`
	Year           int         `json:"year"`
	At             *[2]float64 `json:"at,omitempty"`
	Cost           float64     `json:"cost"`
	Removed        int         `json:"unplaced_removed"`
	DistanceChange float64     `json:"mean_distance_change_m"`
	// Programme is a multi-period plan's years and discounted cost.
	Programme *programmeJSON `json:"programme,omitempty"`
}

// unplacedJSON is an UnplacedYear in JSON.
type unplacedJSON struct {
	Stage  string `json:"stage"`
	Year   int    `json:"year"`
	Before int    `json:"before"`
	After  int    `json:"after"`
}

// solveRecordJSON is a SolveRecord in JSON: districts by id, values that
// are not finite as null. It leaves out the solve's wall time, so that the
// same scenario and options write the same bytes (the time is in the
// progress messages on stderr).
type solveRecordJSON struct {
	Stage      string   `json:"stage"`
	Round      int      `json:"round"`
	Districts  []string `json:"districts"`
	Demand     int      `json:"demand"`
	Points     int      `json:"points"`
	Sites      int      `json:"sites"`
	P          int      `json:"p"`
	Objective  *float64 `json:"objective"`
	LowerBound *float64 `json:"lower_bound"`
	Gap        *float64 `json:"gap"`
	Status     string   `json:"status"`
	Unserved   int      `json:"unserved"`
	Cost       *float64 `json:"cost"`
	Chosen     bool     `json:"chosen"`
}

// WriteJSON writes everything the proposal holds but the runs, as indented
// JSON: the changes, the unplaced entrants by year and every solve. file is
// the proposal scenario's file, written as "file" unless it is "" or "-".
func (p *Proposal) WriteJSON(w io.Writer, file string) error {
	out := proposalJSON{Scenario: p.Base.Name, Name: p.Name, First: int(p.Base.First), Target: int(p.Target),
		Objective: p.Objective.String(), Stages: p.stageNames(), Cost: p.Cost, Residual: p.Residual,
		Changes: []changeJSON{}, Unplaced: []unplacedJSON{}, Solves: []solveRecordJSON{}}
	if file != "-" {
		out.File = file
	}
	for i := range p.Changes {
		out.Changes = append(out.Changes, p.changeJSON(&p.Changes[i]))
	}
	for _, u := range p.Unplaced {
		out.Unplaced = append(out.Unplaced, unplacedJSON{Stage: u.Stage.String(), Year: int(u.Year), Before: u.Before, After: u.After})
	}
	for i := range p.Solves {
		out.Solves = append(out.Solves, p.solveJSON(&p.Solves[i]))
	}
	if p.MultiPeriod != nil {
		out.MultiPeriod = p.multiJSON(p.MultiPeriod)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// changeJSON is change ch in JSON, its distance change to 0.1 m.
func (p *Proposal) changeJSON(ch *ProposedChange) changeJSON {
	cj := changeJSON{Stage: ch.Stage.String(), Change: ch.kindKey(), School: ch.School, Name: ch.Name,
		District: p.Base.City.Districts[ch.District].ID, Streams: ch.Streams, EntrySeats: ch.Seats, Year: int(ch.Year),
		Cost: ch.Cost, Removed: ch.Removed, DistanceChange: math.Round(10*float64(ch.DistanceChange)) / 10}
	if ch.New {
		cj.At = &[2]float64{ch.At[0], ch.At[1]}
	}
	if p.MultiPeriod != nil {
		cj.Programme = programmeOf(ch)
	}
	return cj
}

// solveJSON is solve record s in JSON.
func (p *Proposal) solveJSON(s *SolveRecord) solveRecordJSON {
	ds := make([]string, 0, len(s.Districts))
	for _, d := range s.Districts {
		ds = append(ds, p.Base.City.Districts[d].ID)
	}
	return solveRecordJSON{Stage: s.Stage.String(), Round: s.Round, Districts: ds,
		Demand: s.Demand, Points: s.Points, Sites: s.Sites, P: s.P, Objective: finitePtr(s.Objective),
		LowerBound: finitePtr(s.LowerBound), Gap: finitePtr(s.Gap), Status: s.Status.String(), Unserved: s.Unserved,
		Cost: finitePtr(s.Cost), Chosen: s.Chosen}
}

// finitePtr is x, or nil (JSON null) when x is not finite.
func finitePtr(x float64) *float64 {
	if !finite(x) {
		return nil
	}
	return &x
}
