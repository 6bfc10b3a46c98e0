package scenarios

import (
	"errors"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// A scenario as a programme (布局规划 项目表): what each change costs, when
// it is decided and in which phase (近期/中期/远期) it falls.
//
// A change's year (new_school.opens, expand.year, …) stays the year it
// takes effect: the first school year it is in force, which is what the
// simulation needs and what a plan's project list calls 投用年份. The lead
// time says how long before that the change must be decided (立项, then
// design and building): decided = year − lead_time. A change may give
// lead_time, decided, or both when they agree; its cost falls in the phase
// of its decided year, the year the money is committed.

// CostTable gives the default cost of a change that gives none, in
// whatever unit the scenario uses (万元 reads well). A nil field is not
// given. The meaning is plan.OptimizeOptions' SchoolCost and StreamCost
// (defaults 8000 and 600 万元 there).
type CostTable struct {
	// NewSchool is the cost of a new school before its streams: the site
	// works, sports ground and shared buildings.
	NewSchool *float64
	// PerStream is the cost of each stream (轨, through every grade) of a
	// new school, per stage: a nine-year school with 6 primary and 4
	// junior streams has 10.
	PerStream *float64
	// ExpansionStream is the cost of each stream an expand change adds, per
	// stage it adds to.
	ExpansionStream *float64
	// LandM2 is the cost of a m² of land, for a new school that gives its
	// site_area (a school on land the city holds gives none).
	LandM2 *float64
}

// Phase is a named year range of the plan (近期 2021–2025), both ends
// included.
type Phase struct {
	Name     string
	From, To engine.Year
}

// ChangeProgramme is what a scenario says of one change besides the
// change itself (Scenario.Programme[i] is of Scenario.Changes[i]).
type ChangeProgramme struct {
	// Cost as given; Given tells a cost of 0 from none.
	Cost  float64
	Given bool
	// Decided is the year the change is decided: its effective year less
	// LeadTime (0 years when neither is given).
	Decided  engine.Year
	LeadTime int
	// Phase is the name of the phase the change falls in (its decided
	// year); "" when the scenario has no phases or the year is in none.
	Phase string
}

// maxCost bounds a cost, and maxLead a lead time in years.
const (
	maxCost = 1e12
	maxLead = 30
)

// costsConfig is the costs: block of a scenario.
type costsConfig struct {
	NewSchool       *float64 `yaml:"new_school" check:"cost" help:"cost of a new school before its streams"`
	PerStream       *float64 `yaml:"per_stream" check:"cost" help:"cost of each stream of a new school"`
	ExpansionStream *float64 `yaml:"expansion_stream" check:"cost" help:"cost of each stream an expansion adds"`
	LandM2          *float64 `yaml:"land_m2" check:"cost" help:"cost of a m² of land"`
}

// phaseConfig is one item of the phases: list.
type phaseConfig struct {
	Pos  strictyaml.Pos
	Name string `yaml:"name"`
	From int    `yaml:"from" check:"year" help:"a calendar year"`
	To   int    `yaml:"to" check:"year" help:"a calendar year"`
}

// checkCost checks a cost: a finite number from 0.
func checkCost(v any) error {
	x := v.(float64)
	if !(x >= 0 && x <= maxCost) {
		return fmt.Errorf("%v is out of range: want a cost from 0 to 10^12", x)
	}
	return nil
}

// toTable converts the costs: block (nil: none).
func (c *costsConfig) toTable() *CostTable {
	if c == nil {
		return nil
	}
	return &CostTable{NewSchool: c.NewSchool, PerStream: c.PerStream, ExpansionStream: c.ExpansionStream, LandM2: c.LandM2}
}

// toPhases converts and checks the phases: list of file: each named once,
// from ≤ to, in year order, each starting the year after the one before
// ends. Every problem is returned.
func toPhases(file string, ps []phaseConfig) ([]Phase, []error) {
	var errs []error
	out := make([]Phase, 0, len(ps))
	names := map[string]int{}
	for i, p := range ps {
		key := fmt.Sprintf("phases[%d]", i)
		bad := func(field, format string, args ...any) {
			errs = append(errs, &Error{File: file, Line: p.Pos.Line, Key: key + field, Err: fmt.Errorf(format, args...)})
		}
		switch {
		case p.Name == "":
			bad(".name", "missing: every phase is named (近期, 中期, 远期)")
		case p.Name == "total" || p.Name == "outside":
			bad(".name", "%q names a row of the costs table: choose another name", p.Name)
		case names[p.Name] > 0:
			bad(".name", "%q is also phases[%d]: want each name once", p.Name, names[p.Name]-1)
		}
		names[p.Name] = i + 1
		if p.From == 0 || p.To == 0 {
			bad("", "want from and to, the first and last year of the phase")
			continue
		}
		if p.From > p.To {
			bad(".to", "%d is before from (%d)", p.To, p.From)
		}
		if i > 0 && len(out) > 0 {
			prev := out[len(out)-1]
			if err := phaseJoin(prev, p); err != nil {
				bad(".from", "%v", err)
			}
		}
		out = append(out, Phase{Name: p.Name, From: engine.Year(p.From), To: engine.Year(p.To)})
	}
	return out, errs
}

// phaseJoin checks that phase p starts the year after prev ends.
func phaseJoin(prev Phase, p phaseConfig) error {
	switch next := int(prev.To) + 1; {
	case p.From < next:
		return fmt.Errorf("%d overlaps phase %q (%d–%d): want %d", p.From, prev.Name, prev.From, prev.To, next)
	case p.From > next:
		gap := fmt.Sprint(next)
		if p.From-1 > next {
			gap = fmt.Sprintf("%d–%d", next, p.From-1)
		}
		return fmt.Errorf("%d leaves %s in no phase (phase %q ends %d): want %d", p.From, gap, prev.Name, prev.To, next)
	}
	return nil
}

// phaseOf is the name of the phase holding year y ("" for none).
func phaseOf(phases []Phase, y engine.Year) string {
	for _, p := range phases {
		if p.From <= y && y <= p.To {
			return p.Name
		}
	}
	return ""
}

// hasProgramme tells a change that says anything of its programme.
func (c *changeConfig) hasProgramme() bool {
	return c.Cost != nil || c.LeadTime != nil || c.Decided != nil || c.Phase != ""
}

// programme reads the change's cost, lead time and phase for a change
// effective in year eff. A problem of one field is a *fieldError.
func (c *changeConfig) programme(eff engine.Year, phases []Phase) (ChangeProgramme, error) {
	var p ChangeProgramme
	if c.Cost != nil {
		p.Cost, p.Given = *c.Cost, true
	}
	var err error
	if p.LeadTime, err = c.leadTime(eff); err != nil {
		return p, err
	}
	p.Decided = eff - engine.Year(p.LeadTime)
	p.Phase = phaseOf(phases, p.Decided)
	return p, c.checkPhase(p, phases)
}

// leadTime is the change's lead time: lead_time, or effective year less
// decided, which must agree when both are given.
func (c *changeConfig) leadTime(eff engine.Year) (int, error) {
	switch {
	case c.Decided == nil && c.LeadTime == nil:
		return 0, nil
	case c.Decided == nil:
		return *c.LeadTime, nil
	case engine.Year(*c.Decided) > eff:
		return 0, fieldErrorf("decided", "%d is after the change takes effect (%d)", *c.Decided, eff)
	case c.LeadTime != nil && engine.Year(*c.Decided+*c.LeadTime) != eff:
		return 0, fieldErrorf("lead_time", "decided %d with lead_time %d is %d, but the change takes effect in %d: give one of them, or both agreeing",
			*c.Decided, *c.LeadTime, *c.Decided+*c.LeadTime, eff)
	}
	return int(eff) - *c.Decided, nil
}

// checkPhase checks the phase the change names, if any: one of phases,
// holding its decided year.
func (c *changeConfig) checkPhase(p ChangeProgramme, phases []Phase) error {
	if c.Phase == "" {
		return nil
	}
	for _, ph := range phases {
		if ph.Name != c.Phase {
			continue
		}
		if p.Phase != c.Phase {
			return fieldErrorf("phase", "%q is %d–%d, but the change is decided in %d (effective year less lead_time)", c.Phase, ph.From, ph.To, p.Decided)
		}
		return nil
	}
	if len(phases) == 0 {
		return fieldErrorf("phase", "%q: unknown phase: the scenario gives no phases", c.Phase)
	}
	return fieldErrorf("phase", "%q: unknown phase: want one of %s", c.Phase, phaseNames(phases))
}

// phaseNames lists the phases' names: "近期, 中期, 远期".
func phaseNames(phases []Phase) string {
	s := ""
	for i, p := range phases {
		if i > 0 {
			s += ", "
		}
		s += p.Name
	}
	return s
}

// errHousingProgramme is the problem of a housing change with a cost.
var errHousingProgramme = errors.New("housing adds homes, not seats: it takes no cost, lead_time, decided or phase")
