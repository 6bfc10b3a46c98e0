package engine

import (
	"fmt"
	"slices"

	"github.com/schoolplan/schoolplan/geo"
)

// ChangeWarnings checks changes as CheckChanges does and returns the
// problems that are warnings rather than errors: new schools and
// expansions short of land or floor area when the city's standards say
// enforce: warn. Each is a *Warning of a *ChangeError, in list order; nil
// when there are none.
func ChangeWarnings(c *City, pol *Policy, first, last Year, changes []Change) geo.Errors {
	k := runChangeChecks(c, pol, first, last, changes)
	slices.SortStableFunc(k.warns, func(a, b error) int {
		return a.(*Warning).Err.(*ChangeError).Index - b.(*Warning).Err.(*ChangeError).Index
	})
	return k.warns
}

// land checks that every new school, and every school an expansion or a
// conversion gaining a stage enlarges, has the land and floor area the city's standards ask of it at
// full capacity. A school without site_area (floor_area) is not checked
// for land (floor area).
func (k *changeChecker) land(changes []Change) {
	for i, ch := range changes {
		switch ch := ch.(type) {
		case NewSchool:
			if s, ok := k.newAt[i]; ok {
				k.schoolLand(i, "new_school", s, k.schools[s].Opens)
			}
		case Expand:
			if s, ok := k.ids[ch.School]; ok && ch.Streams > 0 && k.expanded(s, i) {
				k.schoolLand(i, "expand", s, ch.Year)
			}
		case Convert:
			if s, ok := k.ids[ch.School]; ok && k.expanded(s, i) { // a checked conversion gaining a stage
				k.schoolLand(i, "convert", s, ch.Year)
			}
		}
	}
}

// expanded is whether change i is a checked expansion of school s.
func (k *changeChecker) expanded(s, i int) bool {
	return slices.ContainsFunc(k.expansions[s], func(e indexedExpand) bool { return e.index == i })
}

// SchoolSize is a school's size at full capacity: its classes in all
// grades and the pupils they hold.
type SchoolSize struct {
	Classes, Pupils int
}

// FullSize is school s's size in year y with streams by stage, under
// policy pol and school system sys: streams × grades classes of the
// policy's class size in each stage it teaches.
func FullSize(s *School, streams [NumStages]int, pol *Policy, sys SchoolSystem) SchoolSize {
	var z SchoolSize
	for _, st := range Stages {
		if !s.Kind.Serves(st) || streams[st] <= 0 {
			continue
		}
		n := streams[st] * sys.Grades(st)
		z.Classes += n
		z.Pupils += n * pol.ClassSizeFor(s, st)
	}
	return z
}

// schoolLand checks school s as change i (of kind kind) leaves it from
// year y.
func (k *changeChecker) schoolLand(i int, kind string, s int, y Year) {
	then := k.schools[s]
	then.Kind = k.kindIn(s, y) // a converted school's kind of the year (changeconvert.go)
	sc := &then
	var streams [NumStages]int
	for _, st := range Stages {
		streams[st], _ = k.streams(s, st, y)
	}
	size := FullSize(sc, streams, k.pol, k.c.System)
	for _, m := range Measures {
		have, ok := sc.Resources[m.Field()]
		if !ok {
			continue
		}
		per, ok := k.c.Standards.PerPupil(m, sc.Kind, size.Classes)
		if !ok {
			k.fail(i, kind, m.Field(), ErrMissing, "school %q gives %s, but city.yaml's standards give no %s per pupil for a %s school: set standards.%s",
				sc.ID, m.Field(), m.Field(), sc.Kind, sc.Kind)
			continue
		}
		if need := per * float64(size.Pupils); need > have {
			k.short(i, kind, m, sc, y, size, per, need)
		}
	}
}

// short records school sc short of measure m: an error, or a warning when
// the city's standards say warn.
func (k *changeChecker) short(i int, kind string, m Measure, sc *School, y Year, size SchoolSize, per, need float64) {
	what := "land"
	if m == FloorArea {
		what = "floor area"
	}
	err := &ChangeError{Index: i, Kind: kind, Field: m.Field(), Err: &problem{ErrInvalid, fmt.Sprintf(
		"school %q needs %.0f m² of %s from %d (%d pupils in %d classes at full capacity × %g m² per pupil) but has %.0f m² (%s %.0f m² short)",
		sc.ID, need, what, y, size.Pupils, size.Classes, per, have(sc, m), m.Field(), need-have(sc, m))}}
	if k.c.Standards.Warns() {
		k.warns = append(k.warns, &Warning{Err: err})
		return
	}
	k.errs = append(k.errs, err)
}

// have is school sc's area of measure m.
func have(sc *School, m Measure) float64 { return sc.Resources[m.Field()] }
