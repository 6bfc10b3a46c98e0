package sim

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
)

// Result is a whole run: one StageResult per stage.
type Result struct {
	First, Last engine.Year
	// Schools is the city's schools plus the scenario's new schools, with
	// closures and opening years as the scenario set them, and the kinds
	// (and streams) its conversions leave them in the last year (KindIn
	// gives the kind of each year); rows below index into it.
	Schools []engine.School
	Stages  [engine.NumStages]StageResult
	// Merges is each merge's load on its receiver (MergeLoads); Warns
	// says which add classes over 45, 50 or 55.
	Merges []MergeLoad

	convert [][]engine.Conversion // per school, in year order (KindIn); nil without any
	// Distance is how the run measured distances (policy distance), and
	// WalkKMH the walking speed its walking minutes are given at.
	Distance engine.DistanceKind
	WalkKMH  float64
	// DistanceWarnings are the problems of walking the network that did
	// not stop the run: areas and schools far from any walkable road.
	DistanceWarnings []string
}

// StageResult holds the years of one stage.
type StageResult struct {
	Stage engine.Stage
	Years []YearResult // First..Last
}

// YearResult is one stage in one year.
type YearResult struct {
	Year      engine.Year
	Schools   []SchoolYear   // the schools teaching the stage this year (phasing out included), by school index
	Districts []DistrictYear // every district, by district index
	City      Totals

	// Per area (index = area): entrants and admitted children; unplaced is
	// their difference. Assign is the catchment in force (shared between
	// years while the set of open schools is unchanged).
	AreaEntrants []int32
	AreaAdmitted []int32
	Assign       *engine.Assignment
	// AreaBase is each area's base-seat admissions at its single base
	// school (Assign.School); Admissions lists every other admission (base
	// seats of multi-school catchments and swaps, shared, placed,
	// oversize), by area, route and school.
	AreaBase   []int32
	Admissions []admit.Admission
	// Distances measured the year's distances (the stage's, for every year
	// of the run): straight lines or walks (Result.Distance).
	Distances engine.Distances
}

// SchoolYear is one school's row.
type SchoolYear struct {
	School     int   // index into Result.Schools
	Streams    int   // entry classes this year (轨), temporary ones included
	ClassSize  int   // standard class size
	EntrySeats int   // streams × class size
	Capacity   int   // classes available × class size
	Applicants int   // entrants whose base school this is
	Admitted   int   // entry-grade admissions by every route
	Base       int   // admitted to base seats (incl. swapped, nine-year and feeder seats)
	Shared     int   // admitted to shared seats
	Placed     int   // placed here by the bureau
	Oversize   int   // squeezed in as oversize classes
	Enrolled   int   // pupils in all grades of the stage
	Grades     []int // pupils by grade, entry grade first
	// GradeStreams is the classes of each grade, entry grade first: the
	// streams of today, or of the cohort's entry year when the school has
	// shrunk since, plus the temporary classes of the cohort's entry year.
	GradeStreams     []int
	ClassesNeeded    int // Σ ceil(grade pupils / class size)
	ClassesAvailable int // Σ GradeStreams (streams × grades without reductions or temporary classes)
	MaxClassSize     float64
	Utilisation      float64 // enrolled / capacity

	unplaced int
}

// gradeStreams is the classes of grade k (GradeStreams, else Streams).
func (s *SchoolYear) gradeStreams(k int) int {
	if k < len(s.GradeStreams) {
		return s.GradeStreams[k]
	}
	return s.Streams
}

// Unplaced is the children of the school's catchment left without a seat.
func (s *SchoolYear) Unplaced() int { return s.unplaced }

// Totals add up schools and areas.
type Totals struct {
	Entrants int
	Admitted int // by every route: Base + Shared + Placed + Oversize
	Unplaced int
	// Admissions by route, counted where the children live; Base counts
	// the nine_year and feeder routes too.
	Base, Shared, Placed, Oversize int
	EntrySeats                     int
	Capacity                       int
	Enrolled                       int
	Schools                        int
	// OverCapacity counts schools enrolling more than their capacity;
	// OversizeSchools counts schools enrolling, in this stage, more than
	// Stage.LargeSchool pupils (2000 primary, 2500 junior).
	OverCapacity    int
	OversizeSchools int
	// ClassesNeeded and ClassesAvailable sum the schools' classes.
	ClassesNeeded, ClassesAvailable int
}

// DistrictYear is one district's totals.
type DistrictYear struct {
	District int
	Totals
}

// Utilisation is enrolled / capacity (0 without capacity).
func (t *Totals) Utilisation() float64 {
	if t.Capacity == 0 {
		return 0
	}
	return float64(t.Enrolled) / float64(t.Capacity)
}

// Year returns the result of year y, or nil.
func (s *StageResult) Year(y engine.Year) *YearResult {
	for i := range s.Years {
		if s.Years[i].Year == y {
			return &s.Years[i]
		}
	}
	return nil
}
