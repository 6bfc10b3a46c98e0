package engine

// Temporary houses Streams extra entry classes of a school in temporary
// classrooms (临时/周转校舍: leased or modular rooms) in each entry year
// From..To: each such cohort keeps its temporary classroom until it leaves
// the stage, grades years later. It adds entry seats in those years only,
// so it meets a bulge without seats that stand empty after it.
//
// Stage is the stage the classes are added to. StageGiven false means the
// school's only stage: a primary or junior school needs no stage, a
// nine-year school must give one (CheckChanges says so). It is a flag
// rather than a sentinel Stage so that the zero Temporary is a valid
// change of a one-stage school.
type Temporary struct {
	School     string
	Stage      Stage
	StageGiven bool
	Streams    int
	From, To   Year
	Programme
}

// Effective is the first entry year of the temporary classes.
func (c Temporary) Effective() Year { return c.From }

// StageOf is the stage c adds to at school s: Stage when given, else the
// school's only stage; ok is false for a nine-year school without a
// stage.
func (c Temporary) StageOf(s *School) (st Stage, ok bool) {
	switch {
	case c.StageGiven:
		return c.Stage, true
	case s.Kind == KindPrimary:
		return Primary, true
	case s.Kind == KindJunior:
		return Junior, true
	}
	return 0, false
}

// Classrooms is the temporary classrooms c's classes use in year y, in a
// stage of grades grades: Streams × the entry years e of From..To with
// e ≤ y < e + grades (the cohorts still in the stage). The simulation's
// capacity, the per-school maximum (Policy.MaxTemporaryClassrooms) and the
// planners share this one definition.
func (c Temporary) Classrooms(y Year, grades int) int {
	lo := max(c.From, y-Year(grades)+1)
	hi := min(c.To, y)
	if hi < lo || c.Streams <= 0 {
		return 0
	}
	return c.Streams * int(hi-lo+1)
}

// ClassYears is the classroom-years c uses over its life, in a stage of
// grades grades: Streams × (To − From + 1) × grades. It is what a cost
// table's temporary_classroom_year prices.
func (c Temporary) ClassYears(grades int) int {
	if c.To < c.From || c.Streams <= 0 {
		return 0
	}
	return c.Streams * int(c.To-c.From+1) * grades
}

// EntryStreams is the temporary entry classes c adds in year y: Streams
// in From..To, else none.
func (c Temporary) EntryStreams(y Year) int {
	if y < c.From || y > c.To {
		return 0
	}
	return c.Streams
}

// stages is the stage c names, as a list (nil: every stage the school
// teaches, for a change without a stage).
func (c Temporary) stages() []Stage {
	if !c.StageGiven {
		return nil
	}
	return []Stage{c.Stage}
}

// MaxTemporaryClassroomsFor is p's most temporary classrooms one school
// may use at once in stage st; 0 means no limit.
func (p *Policy) MaxTemporaryClassroomsFor(st Stage) int {
	if p == nil {
		return 0
	}
	return p.MaxTemporaryClassrooms[st]
}
