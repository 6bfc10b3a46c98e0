package scenarios

import (
	"errors"
	"fmt"
	"strings"

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

// maxLead bounds a lead time, in years.
const maxLead = 30

// costsConfig is the costs: block of a scenario.
type costsConfig struct {
	NewSchool       *float64 `yaml:"new_school" check:"cost" help:"cost of a new school before its streams"`
	PerStream       *float64 `yaml:"per_stream" check:"cost" help:"cost of each stream of a new school"`
	ExpansionStream *float64 `yaml:"expansion_stream" check:"cost" help:"cost of each stream an expansion adds"`
	LandM2          *float64 `yaml:"land_m2" check:"cost" help:"cost of a m² of land"`
	// TemporaryClassroomYear prices a temporary change: it × classroom-years.
	TemporaryClassroomYear *float64 `yaml:"temporary_classroom_year" check:"cost" help:"cost of one temporary classroom for one school year"`
	// ConversionStream prices a convert change (change_convert.go).
	ConversionStream *float64 `yaml:"conversion_stream" check:"cost" help:"cost of each stream of a stage a conversion gains"`
}

// phaseConfig is one item of the phases: list.
type phaseConfig struct {
	Pos  strictyaml.Pos
	Name string `yaml:"name"`
	From int    `yaml:"from" check:"year" help:"a calendar year"`
	To   int    `yaml:"to" check:"year" help:"a calendar year"`
	// Budget is checked with the phase (engine.CheckPhases).
	Budget *float64 `yaml:"budget" help:"the most the phase's changes may cost, in the cost table's unit"`
}

// checkCost checks a cost: a finite number from 0.
func checkCost(v any) error {
	if err := engine.CheckCost(v.(float64)); err != nil {
		return plainValue(err)
	}
	return nil
}

// plainValue is an engine check's message without its package and
// "invalid value" prefixes, which the scenario's own messages leave out.
func plainValue(err error) error {
	return errors.New(strings.TrimPrefix(plain(err).Error(), "invalid value: "))
}

// toTable converts the costs: block (nil: none).
func (c *costsConfig) toTable() *engine.CostTable {
	if c == nil {
		return nil
	}
	return &engine.CostTable{NewSchool: c.NewSchool, PerStream: c.PerStream, ExpansionStream: c.ExpansionStream, LandM2: c.LandM2,
		TemporaryClassroomYear: c.TemporaryClassroomYear,
		ConversionStream:       c.ConversionStream}
}

// toPhases converts and checks the phases: list of file (engine.CheckPhases).
// Every problem is returned.
func toPhases(file string, ps []phaseConfig) ([]engine.Phase, []error) {
	out := make([]engine.Phase, len(ps))
	for i, p := range ps {
		out[i] = engine.Phase{Name: p.Name, From: engine.Year(p.From), To: engine.Year(p.To), Budget: p.Budget}
	}
	var errs []error
	engine.CheckPhases(out, func(i int, field string, err error) {
		key := fmt.Sprintf("phases[%d]", i)
		if field != "" {
			key += "." + field
		}
		errs = append(errs, &Error{File: file, Line: ps[i].Pos.Line, Key: key, Err: plainValue(err)})
	})
	return out, errs
}

// hasProgramme tells a change that says anything of its programme.
func (c *changeConfig) hasProgramme() bool {
	return c.Cost != nil || c.LeadTime != nil || c.Decided != nil || c.Phase != ""
}

// programme reads the change's cost and lead time for a change effective
// in year eff, and checks the phase it names. A problem of one field is a
// *fieldError.
func (c *changeConfig) programme(eff engine.Year, phases []engine.Phase) (engine.Programme, error) {
	var p engine.Programme
	if c.Cost != nil {
		p.Cost, p.CostGiven = *c.Cost, true
	}
	var err error
	if p.LeadTime, err = c.leadTime(eff); err != nil {
		return p, err
	}
	return p, c.checkPhase(eff-engine.Year(p.LeadTime), phases)
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
func (c *changeConfig) checkPhase(decided engine.Year, phases []engine.Phase) error {
	if c.Phase == "" {
		return nil
	}
	for _, ph := range phases {
		if ph.Name != c.Phase {
			continue
		}
		if engine.PhaseOf(phases, decided) != c.Phase {
			return fieldErrorf("phase", "%q is %d–%d, but the change is decided in %d (effective year less lead_time)", c.Phase, ph.From, ph.To, decided)
		}
		return nil
	}
	if len(phases) == 0 {
		return fieldErrorf("phase", "%q: unknown phase: the scenario gives no phases", c.Phase)
	}
	return fieldErrorf("phase", "%q: unknown phase: want one of %s", c.Phase, engine.PhaseNames(phases))
}

// errHousingProgramme is the problem of a housing change with a cost.
var errHousingProgramme = errors.New("housing adds homes, not seats: it takes no cost, lead_time, decided or phase")
