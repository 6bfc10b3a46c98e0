package scenarios

import (
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// CostSource says where a change's cost comes from.
type CostSource int

const (
	// CostUnknown: the change gives no cost and the cost table none for
	// its kind. Its cost is unknown, not 0.
	CostUnknown CostSource = iota
	// CostGiven: the change gives its cost.
	CostGiven
	// CostFromTable: the cost is the scenario's cost table's default.
	CostFromTable
)

func (c CostSource) String() string {
	return [...]string{"unknown", "given", "table"}[c]
}

// ChangeCost is one change of a run's programme, with the seats it adds.
type ChangeCost struct {
	Index     int    // in Scenario.Changes
	Kind      string // new_school, expand, close, seat_swap, temporary, feeders
	School    string // the school's id (seat_swap: the first school's)
	Effective engine.Year
	Decided   engine.Year
	LeadTime  int
	Phase     string // "" outside the phases
	Cost      float64
	Source    CostSource
	// EntrySeats and Seats are the permanent seats the change adds, in
	// the entry grade and in every grade (streams × class size [× grades],
	// over the stages the run simulates); UsedLastYear is how many of
	// Seats are filled in the run's last year.
	EntrySeats, Seats, UsedLastYear int
	// ClassroomYears and TemporarySeats are, for a temporary change, the
	// classroom-years it rents (what the cost table prices) and the entry
	// seats it adds over all its entry years; they are not permanent
	// seats and count in none of the above.
	ClassroomYears, TemporarySeats int
}

// CostRow adds up the changes of one phase (or of the whole programme).
type CostRow struct {
	Phase    string // "" for the changes decided outside every phase, or for the total
	From, To engine.Year
	Changes  int
	Unpriced int     // changes whose cost is unknown
	Cost     float64 // of the priced changes
	// The seats the changes add and those used in the last year.
	EntrySeats, Seats, UsedLastYear int
	// The temporary changes' classroom-years and entry seats (ChangeCost).
	ClassroomYears, TemporarySeats int
	// Budget is the phase's budget (nil: none, and for the total and
	// the changes outside the phases).
	Budget *float64
}

// CostPerEntrySeat is Cost per entry seat added; ok is false when a change
// of the row is unpriced or the row adds no seats.
func (r *CostRow) CostPerEntrySeat() (v float64, ok bool) { return r.per(r.EntrySeats) }

// CostPerSeat is Cost per seat added in every grade; ok as CostPerEntrySeat.
func (r *CostRow) CostPerSeat() (v float64, ok bool) { return r.per(r.Seats) }

// UsedShare is UsedLastYear / Seats; ok is false without seats.
func (r *CostRow) UsedShare() (v float64, ok bool) {
	if r.Seats == 0 {
		return 0, false
	}
	return float64(r.UsedLastYear) / float64(r.Seats), true
}

func (r *CostRow) per(seats int) (float64, bool) {
	if r.Unpriced > 0 || seats == 0 {
		return 0, false
	}
	return r.Cost / float64(seats), true
}

func (r *CostRow) add(c *ChangeCost) {
	r.Changes++
	if c.Source == CostUnknown {
		r.Unpriced++
	} else {
		r.Cost += c.Cost
	}
	r.EntrySeats += c.EntrySeats
	r.Seats += c.Seats
	r.UsedLastYear += c.UsedLastYear
	r.ClassroomYears += c.ClassroomYears
	r.TemporarySeats += c.TemporarySeats
}

// Costs is a run's programme: each change, then one row per phase (and
// one for the changes decided outside them, when there are any) and the
// total.
type Costs struct {
	Changes []ChangeCost
	Phases  []CostRow
	Total   CostRow
}

// HasProgramme tells a scenario that says anything of costs, lead times
// or phases: only such a scenario's outputs carry costs.
func (s *Scenario) HasProgramme() bool {
	if s.Costs != nil || len(s.Phases) > 0 {
		return true
	}
	for _, c := range s.Changes {
		if p := engine.ProgrammeOf(c); p.CostGiven || p.LeadTime > 0 {
			return true
		}
	}
	return false
}

// ProgrammeCosts prices r's changes (given, else from the cost table),
// counts the seats they add and those still used in the last year, and
// adds them up by phase.
func ProgrammeCosts(r *Result) *Costs {
	s := r.Scenario
	out := &Costs{Changes: make([]ChangeCost, len(s.Changes))}
	for i, ch := range s.Changes {
		out.Changes[i] = r.changeCost(i, ch)
	}
	r.useLastYear(out.Changes)
	out.Phases = phaseRows(s.Phases, out.Changes)
	for i := range out.Changes {
		out.Total.add(&out.Changes[i])
	}
	return out
}

// changeCost is change i without its last-year use.
func (r *Result) changeCost(i int, ch engine.Change) ChangeCost {
	p := engine.ProgrammeOf(ch)
	decided := engine.Decided(ch)
	c := ChangeCost{Index: i, Effective: ch.Effective(), Decided: decided, LeadTime: p.LeadTime, Phase: engine.PhaseOf(r.Scenario.Phases, decided)}
	var def float64
	var ok bool
	switch ch := ch.(type) {
	case engine.NewSchool:
		c.Kind, c.School = "new_school", ch.School.ID
		def, ok = newSchoolCost(r.Scenario.Costs, &ch.School)
		c.EntrySeats, c.Seats = r.addedSeats(&ch.School, ch.School.Streams)
	case engine.Expand:
		c.Kind, c.School = "expand", ch.School
		def, ok, c.EntrySeats, c.Seats = r.expand(ch)
	case engine.Close:
		c.Kind, c.School = "close", ch.School
	case engine.SeatSwap:
		c.Kind, c.School = "seat_swap", ch.Schools[0]
	case engine.Temporary:
		c.Kind, c.School = "temporary", ch.School
		def, ok = r.temporary(ch, &c)
	case engine.Feeders:
		c.Kind, c.School = "feeders", ch.School
	case engine.Convert:
		c.Kind, c.School = "convert", ch.School
		def, ok, c.EntrySeats, c.Seats = r.convert(ch)
	}
	switch {
	case p.CostGiven:
		c.Cost, c.Source = p.Cost, CostGiven
	case ok:
		c.Cost, c.Source = def, CostFromTable
	}
	return c
}

// newSchoolCost is table t's cost of new school s: new_school + per_stream
// × its streams (+ land_m2 × its site_area when both are given); ok is
// false when the table lacks new_school or per_stream.
func newSchoolCost(t *engine.CostTable, s *engine.School) (float64, bool) {
	if t == nil || t.NewSchool == nil || t.PerStream == nil {
		return 0, false
	}
	streams := 0
	for _, st := range engine.Stages {
		if s.Kind.Serves(st) {
			streams += s.Streams[st]
		}
	}
	cost := *t.NewSchool + *t.PerStream*float64(streams)
	if area, ok := s.Resources["site_area"]; ok && t.LandM2 != nil {
		cost += *t.LandM2 * area
	}
	return cost, true
}

// expand is the table's cost of e (ok false without expansion_stream or
// when e removes streams) and the seats it adds.
func (r *Result) expand(e engine.Expand) (cost float64, ok bool, entry, seats int) {
	s := r.school(e.School)
	if s == nil || e.Streams <= 0 {
		return 0, false, 0, 0
	}
	var streams [engine.NumStages]int
	n := 0
	for _, st := range engine.Stages {
		if s.Kind.Serves(st) && (e.Stages == nil || slices.Contains(e.Stages, st)) {
			streams[st] = e.Streams
			n++
		}
	}
	entry, seats = r.addedSeats(s, streams)
	t := r.Scenario.Costs
	if t == nil || t.ExpansionStream == nil {
		return 0, false, entry, seats
	}
	return *t.ExpansionStream * float64(e.Streams*n), true, entry, seats
}

// school is the run's school with id (nil: none).
func (r *Result) school(id string) *engine.School {
	for i := range r.Schools {
		if r.Schools[i].ID == id {
			return &r.Schools[i]
		}
	}
	return nil
}

// addedSeats is the seats streams add to school s, in the entry grade and
// in every grade, over the stages the run simulates.
func (r *Result) addedSeats(s *engine.School, streams [engine.NumStages]int) (entry, all int) {
	for _, st := range engine.Stages {
		if !s.Kind.Serves(st) || !r.City.Runs(st) || streams[st] <= 0 {
			continue
		}
		e := streams[st] * r.Scenario.Policy.ClassSizeFor(s, st)
		entry += e
		all += e * r.City.System.Grades(st)
	}
	return entry, all
}

// phaseRows adds the changes up by phase, with a last row for those
// decided outside every phase when there are any.
func phaseRows(phases []engine.Phase, changes []ChangeCost) []CostRow {
	if len(phases) == 0 {
		return nil
	}
	rows := make([]CostRow, len(phases), len(phases)+1)
	var outside CostRow
	for i, p := range phases {
		rows[i] = CostRow{Phase: p.Name, From: p.From, To: p.To, Budget: p.Budget}
	}
	for i := range changes {
		c := &changes[i]
		k := slices.IndexFunc(phases, func(p engine.Phase) bool { return p.Name == c.Phase })
		if k < 0 {
			outside.add(c)
			continue
		}
		rows[k].add(c)
	}
	if outside.Changes > 0 {
		rows = append(rows, outside)
	}
	return rows
}

// useLastYear sets each change's UsedLastYear: at each school and stage,
// the pupils of the last year beyond the seats the school had without the
// changes fill the added seats, earliest change first.
func (r *Result) useLastYear(changes []ChangeCost) {
	for _, st := range engine.Stages {
		last := r.Stages[st].Year(r.Last)
		if last == nil {
			continue
		}
		for i := range last.Schools {
			r.fillSchool(&last.Schools[i], st, changes)
		}
	}
}

// fillSchool fills the seats the changes added to school row sy of stage
// st in the last year.
func (r *Result) fillSchool(sy *sim.SchoolYear, st engine.Stage, changes []ChangeCost) {
	s := &r.Schools[sy.School]
	var mine []int // the changes adding seats here, in effect order
	added := 0
	for i := range changes {
		c := &changes[i]
		if c.School == s.ID && (c.Kind == "new_school" || c.Kind == "expand" || c.Kind == "convert") && c.Effective <= r.Last {
			if n := r.stageSeats(c, s, st); n > 0 {
				mine = append(mine, i)
				added += n
			}
		}
	}
	slices.SortStableFunc(mine, func(a, b int) int { return int(changes[a].Effective - changes[b].Effective) })
	// Pupils fill the permanent rooms before the temporary ones.
	free := sy.Enrolled - max(0, sy.Capacity-added-r.temporarySeatsLast(s, st, sy.ClassSize))
	for _, i := range mine {
		n := min(max(free, 0), r.stageSeats(&changes[i], s, st))
		changes[i].UsedLastYear += n
		free -= n
	}
}

// stageSeats is the seats change c adds to school s in stage st.
func (r *Result) stageSeats(c *ChangeCost, s *engine.School, st engine.Stage) int {
	var streams [engine.NumStages]int
	switch ch := r.Scenario.Changes[c.Index].(type) {
	case engine.NewSchool:
		streams[st] = ch.School.Streams[st]
	case engine.Convert:
		streams[st] = ch.Streams[st]
	case engine.Expand:
		if ch.Stages == nil || slices.Contains(ch.Stages, st) {
			streams[st] = ch.Streams
		}
	}
	_, n := r.addedSeats(s, streams)
	return n
}
