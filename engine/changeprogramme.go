package engine

// Programme is what a plan says of a change besides what it does: its
// cost and how long before its year it is decided (立项, design and
// building). Every kind of change carries one; the simulation ignores it,
// and package scenarios prices and phases the changes by it.
type Programme struct {
	// Cost in the unit of the scenario's cost table; CostGiven tells a
	// cost of 0 from none (then the table prices the change, if it can).
	Cost      float64
	CostGiven bool
	// LeadTime is the years from the decision to the change's year: it is
	// decided in Effective() − LeadTime.
	LeadTime int
}

func (p Programme) programme() Programme { return p }

// ProgrammeOf is c's programme (zero for a kind of change without one).
func ProgrammeOf(c Change) Programme {
	if p, ok := c.(interface{ programme() Programme }); ok {
		return p.programme()
	}
	return Programme{}
}

// Decided is the year change c is decided: its year less its lead time.
func Decided(c Change) Year { return c.Effective() - Year(ProgrammeOf(c).LeadTime) }

// WithProgramme is c carrying p.
func WithProgramme(c Change, p Programme) Change {
	switch c := c.(type) {
	case NewSchool:
		c.Programme = p
		return c
	case Expand:
		c.Programme = p
		return c
	case Close:
		c.Programme = p
		return c
	case SeatSwap:
		c.Programme = p
		return c
	case Temporary:
		c.Programme = p
		return c
	case Feeders:
		c.Programme = p
		return c
	case Convert:
		c.Programme = p
		return c
	}
	return c
}
