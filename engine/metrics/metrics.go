package metrics

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
)

// Indicators are a run's indicators by stage and year.
type Indicators struct {
	First, Last engine.Year
	Stages      [engine.NumStages]StageIndicators
}

// StageIndicators holds one stage's years and the thresholds they were
// measured against.
type StageIndicators struct {
	Stage             engine.Stage
	ServiceRadius     engine.Meters
	StandardClassSize int
	LargeClass        int
	HugeClass         int
	LargeSchool       int
	CVLimit           float64
	Years             []YearIndicators // First..Last
}

// YearIndicators is one stage in one year: the city and each district.
type YearIndicators struct {
	Year      engine.Year
	City      Set
	Districts []Set // by district index
}

// Set is the indicators of a set of schools and areas (a district or the
// city).
type Set struct {
	Schools     int // open schools of the stage
	Enrolled    int
	Capacity    int
	Utilisation float64 // Enrolled / Capacity; 0 without capacity

	ClassesNeeded    int // Σ ceil(grade pupils / class size)
	ClassesAvailable int // Σ the classes of each grade (streams × grades unless shrunk or with temporary classes)
	// Classes formed (see the package doc) and their sizes.
	Classes       int
	MeanClassSize float64 // Enrolled / Classes
	MaxClassSize  int
	OverStandard  int // classes over 45 (primary) / 50 (junior)
	Oversize      int // classes over 55 (大班额)
	HugeClasses   int // classes over 65 (超大班额)

	LargeSchools int // schools over 2000 (primary) / 2500 (junior, nine-year) pupils

	Entrants     int
	WithinRadius int     // entrants admitted within the service radius
	RadiusShare  float64 // WithinRadius / Entrants; 0 without entrants

	// CV lists the coefficients of variation: seats per pupil first, then
	// one per resource in engine.ResourceFields that some school of the
	// stage gives, in that order.
	CV []CV

	// Areas lists land and floor area per pupil against the city's
	// standards, one per engine.Measures entry that some school of the
	// stage gives, in that order (land.go).
	Areas []AreaStandard
}

// CV is one enrolment-weighted coefficient of variation.
type CV struct {
	Indicator string  // e.g. "seats_per_pupil"
	Schools   int     // schools with pupils that entered it
	Missing   int     // schools with pupils that lack the resource
	Mean      float64 // enrolment-weighted mean of the indicator
	Value     float64 // the coefficient
	Limit     float64 // the 优质均衡 threshold
	// Pass is Value <= Limit with at least one school and none missing.
	Pass bool
}

// Indicator names of CV.Indicator.
const (
	SeatsPerPupil = "seats_per_pupil"
)

// ResourceIndicator names the CV of a resource field: floor_area and
// sports_area per pupil, teachers per 100 pupils, any other field per pupil.
func ResourceIndicator(field string) string {
	if field == "teachers" {
		return "teachers_per_100_pupils"
	}
	return field + "_per_pupil"
}

// resourceScale is what a resource per pupil is multiplied by.
func resourceScale(field string) float64 {
	if field == "teachers" {
		return 100
	}
	return 1
}

// EachAdmission calls fn for the admitted children of year yr by area and
// school, with the distance from the area's centre to the school: base
// seats at the area's base school, then every other admission (shared
// seats, bureau placement, …) as yr.Admissions lists them. schools is the
// run's schools (sim.Result.Schools).
func EachAdmission(c *engine.City, schools []engine.School, yr *sim.YearResult, fn func(area, school int, d engine.Meters, n int)) {
	for i := range c.Areas {
		if s, n := yr.Assign.School[i], baseAdmitted(yr, i); n > 0 && s >= 0 {
			fn(i, int(s), yr.Assign.Dist[i], n)
		}
	}
	for _, ad := range yr.Admissions {
		if ad.Route == admit.RouteUnplaced || ad.School < 0 || ad.Students <= 0 {
			continue
		}
		a, s := int(ad.Area), int(ad.School)
		fn(a, s, admissionDistance(c, schools, yr, a, s), int(ad.Students))
	}
}

// admissionDistance is the distance from area a to school s of year yr:
// the walk when the run walked, else (and for a pair no walk joins: an
// area kept in a zone whose school it cannot walk to) the straight line.
func admissionDistance(c *engine.City, schools []engine.School, yr *sim.YearResult, a, s int) engine.Meters {
	if yr.Distances != nil && yr.Distances.Kind() == engine.Network {
		if d, ok := yr.Distances.Area(a, s); ok {
			return d
		}
	}
	return geo.Distance(c.Areas[a].Point, schools[s].Point)
}

// baseAdmitted is area i's children admitted to its single base school by
// the base route: AreaBase, or, in a year result without it and without
// Admissions, all its admitted children.
func baseAdmitted(yr *sim.YearResult, i int) int {
	switch {
	case yr.AreaBase != nil:
		return int(yr.AreaBase[i])
	case yr.Admissions == nil:
		return int(yr.AreaAdmitted[i])
	}
	return 0
}

// Compute works out the indicators of run r of city c (the city the run
// was made on; r.Schools holds its schools plus the scenario's new ones).
func Compute(c *engine.City, r *sim.Result, opt *Options) *Indicators {
	o := opt.resolve()
	out := &Indicators{First: r.First, Last: r.Last}
	for _, st := range engine.Stages {
		sr := &r.Stages[st]
		si := &out.Stages[st]
		*si = StageIndicators{Stage: st, ServiceRadius: o.radius[st], StandardClassSize: o.standard[st],
			LargeClass: o.large[st], HugeClass: o.huge[st], LargeSchool: o.school[st], CVLimit: o.cvLimit[st]}
		fields := resourceFields(r, st)
		for yi := range sr.Years {
			si.Years = append(si.Years, yearIndicators(c, r, st, &sr.Years[yi], fields, &o))
		}
	}
	return out
}

// resourceFields lists the resource fields some school of stage st (in
// some year of run r: a conversion changes a school's stages) gives.
func resourceFields(r *sim.Result, st engine.Stage) []string {
	schools := r.Schools
	var out []string
	for _, f := range engine.ResourceFields {
		for i := range schools {
			if _, ok := schools[i].Resources[f]; ok && servesIn(r, i, st) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// acc accumulates one Set.
type acc struct {
	Set
	x, n    [][]float64 // per CV indicator: values and weights
	missing []int
	areas   [len(engine.Measures)]AreaStandard
}

func newAcc(k int) *acc {
	return &acc{x: make([][]float64, k), n: make([][]float64, k), missing: make([]int, k)}
}

// yearIndicators works out the indicators of one stage-year for the city
// and each district.
func yearIndicators(c *engine.City, r *sim.Result, st engine.Stage, yr *sim.YearResult, fields []string, o *resolved) YearIndicators {
	pupils, classes := schoolTotals(r, yr.Year)
	k := 1 + len(fields)
	city := newAcc(k)
	dist := make([]*acc, len(c.Districts))
	for d := range dist {
		dist[d] = newAcc(k)
	}
	for j := range yr.Schools {
		row := &yr.Schools[j]
		sc := &r.Schools[row.School]
		kind := r.KindIn(row.School, yr.Year)
		f := newSchoolFacts(row, kind, st, pupils[row.School], o)
		f.areas = schoolAreas(sc, kind, pupils[row.School], classes[row.School], c.Standards)
		for _, a := range []*acc{city, dist[sc.District]} {
			a.addSchool(row, sc, &f, fields)
		}
	}
	for i := range c.Areas {
		e := int(yr.AreaEntrants[i])
		city.Entrants += e
		dist[c.Areas[i].District].Entrants += e
	}
	radius := o.radius[st]
	EachAdmission(c, r.Schools, yr, func(area, _ int, d engine.Meters, n int) {
		if d <= radius {
			city.WithinRadius += n
			dist[c.Areas[area].District].WithinRadius += n
		}
	})
	out := YearIndicators{Year: yr.Year, City: city.finish(fields, o.cvLimit[st])}
	for _, a := range dist {
		out.Districts = append(out.Districts, a.finish(fields, o.cvLimit[st]))
	}
	return out
}

// schoolFacts is what a school row adds to a Set besides its own counts.
type schoolFacts struct {
	classes classStats
	pupils  int  // over every stage the school serves
	large   bool // pupils over the school size limit
	areas   [len(engine.Measures)]schoolArea
}

// newSchoolFacts forms the classes of a school row of stage st and holds
// its pupils over every stage against the size limit of st (a nine-year
// school's the junior one; kind is the school's kind that year).
func newSchoolFacts(row *sim.SchoolYear, kind engine.Kind, st engine.Stage, pupils int, o *resolved) schoolFacts {
	limit := o.school[st]
	if kind == engine.KindNineYear {
		limit = o.school[engine.Junior]
	}
	f := schoolFacts{pupils: pupils, large: pupils > limit}
	for k, n := range row.Grades {
		streams := row.Streams
		if k < len(row.GradeStreams) {
			streams = row.GradeStreams[k] // a shrunk school's older cohorts, temporary classes
		}
		f.classes.grade(n, streams, row.ClassSize, o.standard[st], o.large[st], o.huge[st])
	}
	return f
}

// addSchool adds a school row to the set, and, when it has pupils, its
// values to the coefficients of variation.
func (a *acc) addSchool(row *sim.SchoolYear, sc *engine.School, f *schoolFacts, fields []string) {
	a.Schools++
	a.Enrolled += row.Enrolled
	a.Capacity += row.Capacity
	a.ClassesNeeded += row.ClassesNeeded
	a.ClassesAvailable += row.ClassesAvailable
	a.Classes += f.classes.classes
	a.MaxClassSize = max(a.MaxClassSize, f.classes.max)
	a.OverStandard += f.classes.over
	a.Oversize += f.classes.large
	a.HugeClasses += f.classes.huge
	if f.large {
		a.LargeSchools++
	}
	if row.Enrolled > 0 {
		a.addCV(row, sc, f.pupils, fields)
	}
	a.addAreas(&f.areas, f.pupils)
}

// addCV adds a school with pupils to each coefficient of variation,
// weighted by its enrolment in the stage: its seats per pupil, and each
// resource per pupil over every stage it serves (counted missing when the
// school does not give it).
func (a *acc) addCV(row *sim.SchoolYear, sc *engine.School, pupils int, fields []string) {
	w := float64(row.Enrolled)
	a.x[0] = append(a.x[0], float64(row.Capacity)/w)
	a.n[0] = append(a.n[0], w)
	for f, field := range fields {
		v, ok := sc.Resources[field]
		if !ok {
			a.missing[1+f]++
			continue
		}
		a.x[1+f] = append(a.x[1+f], resourceScale(field)*v/float64(pupils))
		a.n[1+f] = append(a.n[1+f], w)
	}
}

func (a *acc) finish(fields []string, limit float64) Set {
	s := a.Set
	if s.Capacity > 0 {
		s.Utilisation = float64(s.Enrolled) / float64(s.Capacity)
	}
	if s.Classes > 0 {
		s.MeanClassSize = float64(s.Enrolled) / float64(s.Classes)
	}
	if s.Entrants > 0 {
		s.RadiusShare = float64(s.WithinRadius) / float64(s.Entrants)
	}
	s.CV = make([]CV, len(a.x))
	for f := range a.x {
		name := SeatsPerPupil
		if f > 0 {
			name = ResourceIndicator(fields[f-1])
		}
		v, mean := WeightedCV(a.x[f], a.n[f])
		cv := CV{Indicator: name, Schools: len(a.x[f]), Missing: a.missing[f], Mean: mean, Value: v, Limit: limit}
		cv.Pass = cv.Schools > 0 && cv.Missing == 0 && v <= limit
		s.CV[f] = cv
	}
	s.Areas = a.finishAreas(fields)
	return s
}

// schoolTotals is each school's pupils and classes available in year y
// over every stage it serves.
func schoolTotals(r *sim.Result, y engine.Year) (pupils, classes []int) {
	pupils, classes = make([]int, len(r.Schools)), make([]int, len(r.Schools))
	for st := range r.Stages {
		yr := r.Stages[st].Year(y)
		if yr == nil {
			continue
		}
		for j := range yr.Schools {
			row := &yr.Schools[j]
			pupils[row.School] += row.Enrolled
			classes[row.School] += row.ClassesAvailable
		}
	}
	return pupils, classes
}

// classStats counts the classes of a school's grades.
type classStats struct {
	classes, max, over, large, huge int
}

// grade adds a grade of n pupils in a school of the given streams and
// class size, formed as engine.FormClasses forms them.
func (cs *classStats) grade(n, streams, size, standard, large, huge int) {
	g := engine.FormClasses(n, streams, size)
	cs.classes += g.N
	cs.max = max(cs.max, g.Max())
	cs.over += g.Over(standard)
	cs.large += g.Over(large)
	cs.huge += g.Over(huge)
}

// servesIn is whether school s of run r teaches stage st in some year of
// the run, by its kind of the year (sim.Result.KindIn).
func servesIn(r *sim.Result, s int, st engine.Stage) bool {
	if r.Schools[s].Kind.Serves(st) {
		return true
	}
	for y := r.First; y <= r.Last; y++ {
		if r.KindIn(s, y).Serves(st) {
			return true
		}
	}
	return false
}
