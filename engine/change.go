package engine

// A Change is one step of a scenario, effective from its year (the school
// year that starts in the autumn of that year).
type Change interface {
	Effective() Year
}

// NewSchool opens School from its Opens year. Its Point is projected and
// District resolved by whoever builds the change.
type NewSchool struct {
	School School
}

// Expand adds Streams classes per grade (挖潜扩容) to a school from Year;
// negative Streams shrink it.
type Expand struct {
	School  string
	Streams int
	Year    Year
	// Stages limits the change to some stages of a nine-year school;
	// nil means every stage the school serves.
	Stages []Stage
}

// Close closes a school from Year (撤并). Its pupils move to MergeInto
// when given, else to the nearest open school of the stage.
type Close struct {
	School    string
	Year      Year
	MergeInto string
}

func (c NewSchool) Effective() Year { return c.School.Opens }
func (c Expand) Effective() Year    { return c.Year }
func (c Close) Effective() Year     { return c.Year }
