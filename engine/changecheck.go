package engine

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb/planar"

	"github.com/schoolplan/schoolplan/geo"
)

// ChangeError is a problem of one change of a list checked by
// CheckChanges.
type ChangeError struct {
	Index int    // 0-based position in the list; -1 for the city itself under the policy
	Kind  string // new_school, expand, close, seat_swap, temporary, convert, … ("" with Index -1)
	Field string // the field at fault, e.g. "year"; "" for the change as a whole
	Err   error  // wraps ErrUnknownID, ErrInvalid, ErrMissing or ErrOutside
}

// Error reads "change 3 (expand): year: 2040 is outside the run 2025–2035"
// (changes counted from 1).
func (e *ChangeError) Error() string {
	if e.Index < 0 {
		return e.Err.Error()
	}
	if e.Field == "" {
		return fmt.Sprintf("change %d (%s): %v", e.Index+1, e.Kind, e.Err)
	}
	return fmt.Sprintf("change %d (%s): %s: %v", e.Index+1, e.Kind, e.Field, e.Err)
}

func (e *ChangeError) Unwrap() error { return e.Err }

// problem is a message in a planner's words that errors.Is matches to its
// sentinel without repeating the sentinel's text.
type problem struct {
	sentinel error
	msg      string
}

func (p *problem) Error() string { return p.msg }
func (p *problem) Unwrap() error { return p.sentinel }

// changeKind names a change as a scenario file does: new_school, expand,
// close or seat_swap.
func changeKind(ch Change) string {
	switch ch.(type) {
	case NewSchool:
		return "new_school"
	case Expand:
		return "expand"
	case Close:
		return "close"
	case SeatSwap:
		return "seat_swap"
	case Temporary:
		return "temporary"
	case Feeders:
		return "feeders"
	case Convert:
		return "convert"
	}
	return fmt.Sprintf("%T", ch)
}

// CheckChanges checks changes against city c for a run of years
// first..last under policy pol (nil: defaults), as the simulation applies
// them: every school id is known (in c or opened by a NewSchool), every
// year in the run; a closure comes after the school opens and before it
// closes, once, and merges into a school of the same stages that is open
// then; a seat swap joins two schools of different districts that share a
// stage; a new school has a fresh id, a kind, streams and class size
// within MaxStreams and MaxClassSize, and stands inside its district; no
// expansion takes a school below zero or above MaxStreams streams; and in
// every year each school's entry seats hold its shared seats and the seats
// it swaps (at most MaxSchoolSeats a swap); a new school or an expansion
// leaves its school the land and floor area the city's Standards ask at
// full capacity (see changeland.go; a warning instead under enforce:
// warn, listed by ChangeWarnings); temporary classes go to a stage the
// school admits in their years, within the policy's
// MaxTemporaryClassrooms (changetemporarycheck.go); a feeders change
// lists primaries as CheckFeeders checks a city's (changefeeders.go); a
// conversion (Convert) is checked as changeconvert.go says, and every
// change sees a converted school's kind of its own year. Every problem is
// reported, as geo.Errors of *ChangeError; nil when there are none.
func CheckChanges(c *City, pol *Policy, first, last Year, changes []Change) error {
	k := runChangeChecks(c, pol, first, last, changes)
	if len(k.errs) == 0 {
		return nil
	}
	// In list order (the city's own problems first), whatever pass found them.
	slices.SortStableFunc(k.errs, func(a, b error) int {
		return a.(*ChangeError).Index - b.(*ChangeError).Index
	})
	return k.errs
}

// runChangeChecks makes every check of CheckChanges and ChangeWarnings.
func runChangeChecks(c *City, pol *Policy, first, last Year, changes []Change) *changeChecker {
	k := newChangeChecker(c, pol, first, last)
	for i, ch := range changes {
		if ns, ok := ch.(NewSchool); ok {
			k.newSchool(i, &ns.School)
		}
	}
	k.ready()
	k.conversions(changes)
	for i, ch := range changes {
		k.stagesRun(i, ch)
		switch ch := ch.(type) {
		case NewSchool, Convert:
		case Expand:
			k.expand(i, ch)
		case Close:
			k.close(i, ch)
		case SeatSwap:
			k.seatSwap(i, ch)
		case Temporary:
			k.temporary(i, ch)
		case Feeders:
			k.feeders(i, ch)
		default:
			k.fail(i, changeKind(ch), "", ErrInvalid, "unknown kind of change")
		}
	}
	k.merges()
	k.temporaries()
	k.convertsOpen()
	k.streamTotals()
	k.seats()
	k.land(changes)
	return k
}

// changeChecker is the city as the changes leave it.
type changeChecker struct {
	c           *City
	pol         *Policy
	first, last Year
	schools     []School       // the city's, then the new schools
	ids         map[string]int // into schools
	closedBy    []int          // per school: the change that closes it, or -1
	closeYear   []Year         // per school: its closing year after the changes (0: never)
	expansions  [][]indexedExpand
	swaps       []indexedSwap
	closes      []indexedClose
	temps       []indexedTemporary
	feederYears map[[2]int]int // school and year of a feeders change → its index
	join        *geo.PolygonIndex
	errs        geo.Errors
	warns       geo.Errors  // each a *Warning of a *ChangeError
	newAt       map[int]int // change index of a new school → its index in schools

	// conv is each school's conversions, in year order (changeconvert.go).
	conv [][]indexedConvert
}

type indexedExpand struct {
	index   int
	year    Year
	streams [NumStages]int
	set     bool // a conversion: streams set, rather than added, where not 0
}

// apply is n streams of stage st after e.
func (e indexedExpand) apply(n int, st Stage) int {
	if e.set && e.streams[st] != 0 {
		return e.streams[st]
	}
	return n + e.streams[st]
}

type indexedSwap struct {
	index   int
	schools [2]int
	seats   int
	year    Year
}

type indexedClose struct {
	index  int
	school int
	Close
}

func newChangeChecker(c *City, pol *Policy, first, last Year) *changeChecker {
	k := &changeChecker{c: c, pol: pol, first: first, last: last,
		schools: slices.Clip(c.Schools), ids: make(map[string]int, len(c.Schools)), newAt: map[int]int{}}
	for i := range c.Schools {
		k.ids[c.Schools[i].ID] = i
	}
	return k
}

func (k *changeChecker) fail(i int, kind, field string, sentinel error, format string, args ...any) {
	k.errs = append(k.errs, &ChangeError{Index: i, Kind: kind, Field: field,
		Err: &problem{sentinel, fmt.Sprintf(format, args...)}})
}

// year checks y is in the run.
func (k *changeChecker) year(i int, kind, field string, y Year) bool {
	if y < k.first || y > k.last {
		k.fail(i, kind, field, ErrInvalid, "%d is outside the run %d–%d", y, k.first, k.last)
		return false
	}
	return true
}

// school resolves a school id; -1 (recorded) when unknown.
func (k *changeChecker) school(i int, kind, field, id string) int {
	if id == "" {
		k.fail(i, kind, field, ErrMissing, "missing (a school id)")
		return -1
	}
	s, ok := k.ids[id]
	if !ok {
		k.fail(i, kind, field, ErrUnknownID, "%q: unknown school (not in the city nor opened by a new_school change)", id)
		return -1
	}
	return s
}

func (k *changeChecker) newSchool(i int, s *School) {
	const kind = "new_school"
	okID := false
	if s.ID == "" {
		k.fail(i, kind, "id", ErrMissing, "missing")
	} else if j, dup := k.ids[s.ID]; dup {
		where := "in the city's schools"
		if j >= len(k.c.Schools) {
			where = "opened by an earlier new_school change"
		}
		k.fail(i, kind, "id", ErrInvalid, "%q: a school with this id exists (%s)", s.ID, where)
	} else {
		okID = true
	}
	if s.Kind < KindPrimary || s.Kind > KindNineYear {
		k.fail(i, kind, "stage", ErrInvalid, "%v: want primary, junior or nine_year", s.Kind)
	} else {
		k.newSchoolSize(i, s)
	}
	k.year(i, kind, "opens", s.Opens)
	k.newSchoolDistrict(i, s)
	if okID {
		// Known even with other problems, so that later changes naming it
		// are checked rather than reported as naming an unknown school.
		k.ids[s.ID] = len(k.schools)
		k.newAt[i] = len(k.schools)
		k.schools = append(k.schools, *s)
	}
}

// newSchoolSize checks a new school's streams and class size in every
// stage.
func (k *changeChecker) newSchoolSize(i int, s *School) {
	const kind = "new_school"
	for _, st := range Stages {
		k.newSchoolStreams(i, s, st)
		if v := s.ClassSize[st]; v < 0 || v > MaxClassSize {
			k.fail(i, kind, "class_size", ErrInvalid, "%d: want 1 to %d pupils a class (or none for the policy's)", v, MaxClassSize)
		}
	}
}

// newSchoolStreams checks a new school's streams in stage st: 1 to
// MaxStreams in a stage it teaches, none in another.
func (k *changeChecker) newSchoolStreams(i int, s *School, st Stage) {
	const kind = "new_school"
	field := "streams"
	if st == Junior && s.Kind != KindJunior {
		field = "junior_streams"
	}
	switch v := s.Streams[st]; {
	case !s.Kind.Serves(st) && v != 0:
		k.fail(i, kind, field, ErrInvalid, "%d %s streams: a %s school teaches no %s classes", v, st, s.Kind, st)
	case s.Kind.Serves(st) && (v < 1 || v > MaxStreams):
		k.fail(i, kind, field, ErrInvalid, "%d: want 1 to %d streams (classes per grade)", v, MaxStreams)
	}
}

// newSchoolDistrict checks the school stands inside its district.
func (k *changeChecker) newSchoolDistrict(i int, s *School) {
	const kind = "new_school"
	ds := k.c.Districts
	join := k.districtIndex()
	if s.District < 0 || s.District >= len(ds) {
		k.noDistrict(i, s)
		return
	}
	if !join.Contains(s.District, s.Point) {
		d := planar.DistanceFrom(ds[s.District].Geometry, s.Point)
		k.fail(i, kind, "at", ErrOutside, "lies %.0f m outside district %s, which the school names", d, ds[s.District].ID)
	}
}

// districtIndex is the index of the city's districts, built on first use.
func (k *changeChecker) districtIndex() *geo.PolygonIndex {
	if k.join == nil {
		k.join = k.c.DistrictPolygonIndex()
	}
	return k.join
}

// noDistrict records a new school that names no district of the city: the
// district is missing if the school stands in one, else the school lies
// outside every district (named with the nearest).
func (k *changeChecker) noDistrict(i int, s *School) {
	const kind = "new_school"
	ds := k.c.Districts
	if at := k.districtIndex().Locate(s.Point); at >= 0 {
		k.fail(i, kind, "district", ErrMissing, "missing (the school stands in %s)", ds[at].ID)
		return
	}
	near, dist := -1, 0.0
	for j := range ds {
		if d := planar.DistanceFrom(ds[j].Geometry, s.Point); near < 0 || d < dist {
			near, dist = j, d
		}
	}
	if near < 0 {
		k.fail(i, kind, "at", ErrOutside, "lies outside every district (the city has none)")
		return
	}
	k.fail(i, kind, "at", ErrOutside, "lies outside every district of the city (%.0f m from the nearest, %s)", dist, ds[near].ID)
}
