package engine

import (
	"fmt"
	"math"
	"strings"
)

// CostTable gives the default cost of a scenario change that gives none,
// in whatever unit the city uses (万元 reads well): city.yaml's costs
// block, which a scenario's own costs block overrides key by key. A nil
// field is not given. The meaning is that of the planner's school and
// stream costs (plan.OptimizeOptions SchoolCost and StreamCost, 8000 and
// 600 万元 by default there).
type CostTable struct {
	// NewSchool is the cost of a new school before its streams: the site
	// works, sports ground and shared buildings.
	NewSchool *float64 `yaml:"new_school"`
	// PerStream is the cost of each stream (轨, through every grade) of a
	// new school, per stage: a nine-year school with 6 primary and 4
	// junior streams has 10.
	PerStream *float64 `yaml:"per_stream"`
	// ExpansionStream is the cost of each stream an expansion adds, per
	// stage it adds to.
	ExpansionStream *float64 `yaml:"expansion_stream"`
	// LandM2 is the cost of a m² of land, for a new school that gives its
	// site_area (a school on land the city holds gives none).
	LandM2 *float64 `yaml:"land_m2"`
	// TemporaryClassroomYear is the cost of one temporary classroom
	// (leased or modular) for one school year; a temporary change costs
	// it × its ClassYears.
	TemporaryClassroomYear *float64 `yaml:"temporary_classroom_year"`
	// ConversionStream is the cost of each stream of a stage a conversion
	// (Convert) gains: refitting and equipping its classrooms for it.
	ConversionStream *float64 `yaml:"conversion_stream"`
}

// MaxCost bounds a cost or a cost table's entry.
const MaxCost = 1e12

// Over is t laid over base: each entry t gives, else base's. Either may be
// nil; the result is nil when both are.
func (t *CostTable) Over(base *CostTable) *CostTable {
	if t == nil {
		return base
	}
	if base == nil {
		return t
	}
	out := *base
	for _, f := range []struct{ dst, src **float64 }{
		{&out.NewSchool, &t.NewSchool}, {&out.PerStream, &t.PerStream},
		{&out.ExpansionStream, &t.ExpansionStream}, {&out.LandM2, &t.LandM2},
		{&out.TemporaryClassroomYear, &t.TemporaryClassroomYear},
		{&out.ConversionStream, &t.ConversionStream},
	} {
		if *f.src != nil {
			*f.dst = *f.src
		}
	}
	return &out
}

// Entries are the table's keys and values, in key order of city.yaml.
func (t *CostTable) Entries() []CostEntry {
	return []CostEntry{{"new_school", t.NewSchool}, {"per_stream", t.PerStream},
		{"expansion_stream", t.ExpansionStream}, {"land_m2", t.LandM2},
		{"temporary_classroom_year", t.TemporaryClassroomYear},
		{"conversion_stream", t.ConversionStream}}
}

// CostEntry is one key of a CostTable; Value is nil when not given.
type CostEntry struct {
	Key   string
	Value *float64
}

// CheckCost says what is wrong with a cost: it is a number from 0 to
// MaxCost.
func CheckCost(x float64) error {
	if !(x >= 0 && x <= MaxCost) || math.IsInf(x, 0) {
		return fmt.Errorf("%w: %v is out of range: want a cost from 0 to 10^12", ErrInvalid, x)
	}
	return nil
}

// Phase is a named year range of a plan (近期 2021–2025), both ends
// included, with the most the plan may commit in it when Budget is given
// (nil: no budget). Spending counts against the phase of the year a change
// is decided, as costs do.
type Phase struct {
	Name   string   `yaml:"name"`
	From   Year     `yaml:"from"`
	To     Year     `yaml:"to"`
	Budget *float64 `yaml:"budget"`
}

// HasBudgets tells phases of which some gives a budget.
func HasBudgets(ps []Phase) bool {
	for _, p := range ps {
		if p.Budget != nil {
			return true
		}
	}
	return false
}

// Reserved names of the rows of a costs table that are not phases.
const (
	PhaseOutside = "outside" // changes decided outside every phase
	PhaseTotal   = "total"
)

// CheckPhases checks a plan's phases: each named once (not outside or
// total), from ≤ to, in year order, each starting the year after the one
// before ends, and a budget, when given, a cost (CheckCost). It calls bad
// with the index and field of each problem.
func CheckPhases(ps []Phase, bad func(i int, field string, err error)) {
	names := map[string]int{}
	for i, p := range ps {
		if err := phaseName(p.Name, names); err != nil {
			bad(i, "name", err)
		}
		names[p.Name] = i + 1
		if field, err := phaseYears(ps, i); err != nil {
			bad(i, field, err)
		}
		if p.Budget != nil {
			if err := CheckCost(*p.Budget); err != nil {
				bad(i, "budget", err)
			}
		}
	}
}

// phaseYears checks the years of phase i of ps, and that it starts the
// year after phase i-1 ends; field is the key at fault ("": the phase).
func phaseYears(ps []Phase, i int) (field string, err error) {
	p := ps[i]
	switch {
	case p.From == 0 || p.To == 0:
		return "", fmt.Errorf("%w: want from and to, the first and last year of the phase", ErrInvalid)
	case p.From < 1900 || p.To > 2200:
		return "", fmt.Errorf("%w: %d–%d: want years between 1900 and 2200", ErrInvalid, p.From, p.To)
	case p.From > p.To:
		return "to", fmt.Errorf("%w: %d is before from (%d)", ErrInvalid, p.To, p.From)
	case i > 0 && ps[i-1].To != 0:
		return "from", phaseJoin(ps[i-1], p)
	}
	return "", nil
}

// phaseName checks a phase's name against those before (names: name →
// index + 1).
func phaseName(name string, names map[string]int) error {
	switch {
	case name == "":
		return fmt.Errorf("%w: missing: every phase is named (近期, 中期, 远期)", ErrInvalid)
	case name == PhaseTotal || name == PhaseOutside:
		return fmt.Errorf("%w: %q names a row of the costs table: choose another name", ErrInvalid, name)
	case names[name] > 0:
		return fmt.Errorf("%w: %q is also phases[%d]: want each name once", ErrInvalid, name, names[name]-1)
	}
	return nil
}

// phaseJoin checks that phase p starts the year after prev ends.
func phaseJoin(prev, p Phase) error {
	switch next := prev.To + 1; {
	case p.From < next:
		return fmt.Errorf("%w: %d overlaps phase %q (%d–%d): want %d", ErrInvalid, p.From, prev.Name, prev.From, prev.To, next)
	case p.From > next:
		gap := fmt.Sprint(next)
		if p.From-1 > next {
			gap = fmt.Sprintf("%d–%d", next, p.From-1)
		}
		return fmt.Errorf("%w: %d leaves %s in no phase (phase %q ends %d): want %d", ErrInvalid, p.From, gap, prev.Name, prev.To, next)
	}
	return nil
}

// PhaseOf is the name of the phase of ps holding year y ("" for none).
func PhaseOf(ps []Phase, y Year) string {
	for _, p := range ps {
		if p.From <= y && y <= p.To {
			return p.Name
		}
	}
	return ""
}

// PhaseNames lists the names of ps: "近期, 中期, 远期".
func PhaseNames(ps []Phase) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
