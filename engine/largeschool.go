package engine

// LargeSchool is the enrolment above which a school of stage s counts as
// too large (办学规模): 2000 pupils primary, 2500 junior. The simulation
// counts the schools over it by stage (sim.Totals.OversizeSchools) and the
// indicators by school (metrics.Options.LargeSchool, whose default it is).
func (s Stage) LargeSchool() int {
	if s == Junior {
		return 2500
	}
	return 2000
}
