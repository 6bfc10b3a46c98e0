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
	Programme
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
	Programme
}

// Close closes a school from Year (撤并). Its pupils move to MergeInto
// when given, else to the nearest open school of the stage.
type Close struct {
	School    string
	Year      Year
	MergeInto string
	Programme
}

func (c NewSchool) Effective() Year { return c.School.Opens }
func (c Expand) Effective() Year    { return c.Year }
func (c Close) Effective() Year     { return c.Year }

// SeatSwap exchanges Seats entry-grade base seats between two schools of
// different districts from Year (as Mianyang's 涪城区 and 经开区 did): each
// school reserves that many seats for children of the other's district who
// have no base seat at home, nearest first; reserved seats left unused go
// back to the school's own catchment.
type SeatSwap struct {
	Schools [2]string
	Seats   int
	Year    Year
	Programme
}

func (c SeatSwap) Effective() Year { return c.Year }
