package plan

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Leads are lead times in years, from deciding a change to the first
// school year it is in force (a school decided in 2025 with lead 3 opens
// in 2028), by kind of change.
type Leads struct {
	NewSchool, Expand, Temporary int
}

// Defaults of the multi-period options. The temporary classroom's price is
// an assumption, not a survey: a leased or modular classroom (周转校舍)
// with its site works at about a twentieth of the permanent stream's 600
// per classroom-year of its three to six classrooms' life, i.e. 30 万元 a
// classroom-year; set it from local tenders.
const (
	DefaultDiscountRate  = 0.03
	DefaultTemporaryCost = 30.0
	DefaultMaxTemporary  = 6
)

// DefaultLeads are the lead times of a new school (立项, land, design and
// building: three years), an expansion (one) and temporary classrooms
// (none: leased or set up over the summer).
var DefaultLeads = Leads{NewSchool: 3, Expand: 1, Temporary: 0}

// resolveMultiPeriod checks the multi-period options and fills in their
// defaults; prices come from the options, else the scenario's cost table,
// else the defaults.
func (o *optSettings) resolveMultiPeriod(s *scenarios.Scenario) error {
	o.expandCost = o.StreamCost
	if !o.MultiPeriod {
		return nil
	}
	if err := o.checkMultiPeriod(); err != nil {
		return err
	}
	o.tablePrices(s.Costs)
	o.DiscountRate = defaultOr(o.DiscountRate, DefaultDiscountRate)
	o.Leads.NewSchool = leadOr(o.Leads.NewSchool, DefaultLeads.NewSchool)
	o.Leads.Expand = leadOr(o.Leads.Expand, DefaultLeads.Expand)
	o.Leads.Temporary = leadOr(o.Leads.Temporary, DefaultLeads.Temporary)
	if o.TemporaryCost == 0 {
		o.TemporaryCost = DefaultTemporaryCost
		if t := s.Costs; t != nil && t.TemporaryClassroomYear != nil {
			o.TemporaryCost = *t.TemporaryClassroomYear
		}
	}
	return nil
}

// maxTemporary is the most temporary classrooms a school of stage st may
// hold in a year (0: no limit): MaxTemporary (DefaultMaxTemporary for 0),
// and never more than the policy's max_temporary_classrooms, which the
// simulation enforces.
func (o *optSettings) maxTemporary(pol *engine.Policy, st engine.Stage) int {
	n := o.MaxTemporary
	switch {
	case n == 0:
		n = DefaultMaxTemporary
	case n < 0:
		n = 0
	}
	if p := pol.MaxTemporaryClassrooms[st]; p > 0 && (n == 0 || p < n) {
		n = p
	}
	return n
}

// checkMultiPeriod checks the rate, the lead times and the temporary
// classroom's cost.
func (o *optSettings) checkMultiPeriod() error {
	if !finite(o.DiscountRate) || o.DiscountRate > 1 {
		return fmt.Errorf("%w: discount rate %v: want a rate from 0 to 1 (0.03 is 3%% a year)", ErrOptimize, o.DiscountRate)
	}
	if !finite(o.TemporaryCost) || o.TemporaryCost < 0 {
		return fmt.Errorf("%w: temporary classroom cost %v: want a number >= 0", ErrOptimize, o.TemporaryCost)
	}
	for _, l := range []int{o.Leads.NewSchool, o.Leads.Expand, o.Leads.Temporary} {
		if l > 30 {
			return fmt.Errorf("%w: lead time %d years: want at most 30", ErrOptimize, l)
		}
	}
	if o.Objective != MinCost {
		return fmt.Errorf("%w: multi-period planning minimises cost: it takes no distance objective", ErrOptimize)
	}
	return nil
}

// tablePrices takes the expansion stream's price from the scenario's cost
// table when it gives one; the school and stream costs the options were
// not given come from it too.
func (o *optSettings) tablePrices(t *engine.CostTable) {
	if t == nil {
		return
	}
	if t.ExpansionStream != nil {
		o.expandCost = *t.ExpansionStream
	}
	if t.NewSchool != nil && o.schoolCostDefault {
		o.SchoolCost = *t.NewSchool
	}
	if t.PerStream != nil && o.streamCostDefault {
		o.StreamCost = *t.PerStream
		if t.ExpansionStream == nil {
			o.expandCost = o.StreamCost
		}
	}
}

// defaultOr is x, or def for 0; a negative x is 0.
func defaultOr(x, def float64) float64 {
	switch {
	case x == 0:
		return def
	case x < 0:
		return 0
	}
	return x
}

// leadOr is lead, or def for 0; a negative lead is 0.
func leadOr(lead, def int) int {
	switch {
	case lead == 0:
		return def
	case lead < 0:
		return 0
	}
	return lead
}
