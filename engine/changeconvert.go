package engine

import (
	"fmt"
	"slices"
)

// Convert changes a school's kind from Year (改制): a primary school
// becomes a junior or nine-year school, or the reverse, grade by grade as
// pupils move up. From Year the school admits the entry grade of each
// stage of To, with Streams classes per grade in each stage it gains, and
// stops admitting the entry grade of each stage To does not teach; the
// pupils already in such a stage stay and move up a grade a year until
// the last of them leaves (none is transferred). A stage it keeps keeps
// its streams. So in year Year+k the school teaches the stage it leaves
// only in the grades above the k+1 lowest.
type Convert struct {
	School string
	To     Kind
	Year   Year
	// Streams are the classes per grade of each stage the school gains
	// (1 to MaxStreams); none in the stages it keeps or does not teach.
	Streams [NumStages]int
	Programme
}

func (c Convert) Effective() Year { return c.Year }

// Conversion is one change of a school's kind, as KindIn applies it.
type Conversion struct {
	Year     Year
	From, To Kind
}

// KindIn is the kind of a school of kind k in year y after its
// conversions (in year order): the To of the last one from y or earlier.
func KindIn(k Kind, conv []Conversion, y Year) Kind {
	for _, cv := range conv {
		if cv.Year <= y {
			k = cv.To
		}
	}
	return k
}

// Gains and Drops report whether the conversion makes its school teach
// stage st, or stop teaching it.
func (cv Conversion) Gains(st Stage) bool { return cv.To.Serves(st) && !cv.From.Serves(st) }
func (cv Conversion) Drops(st Stage) bool { return cv.From.Serves(st) && !cv.To.Serves(st) }

// indexedConvert is a checked conversion: change index and school.
type indexedConvert struct {
	index, school int
	Conversion
}

// conversions checks every conversion of changes, in year order (so that
// each sees the kind the ones before leave), and records those that pass
// for the checks of the other changes: a known school, a year of the run
// (after the first when it leaves a stage the run simulates: the first
// year's older grades are warm-started from the layout of that year), a
// new kind, once a year, and streams for exactly the stages it gains. That
// the school is open then is checked by convertsOpen, once the closures
// are known.
func (k *changeChecker) conversions(changes []Change) {
	var order []int
	for i, ch := range changes {
		if _, ok := ch.(Convert); ok {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return int(changes[a].Effective() - changes[b].Effective())
	})
	k.conv = make([][]indexedConvert, len(k.schools))
	for _, i := range order {
		k.convert(i, changes[i].(Convert))
	}
}

// convert checks and records conversion i.
func (k *changeChecker) convert(i int, ch Convert) {
	const kind = "convert"
	s := k.school(i, kind, "school", ch.School)
	okYear := k.year(i, kind, "year", ch.Year)
	if ch.To < KindPrimary || ch.To > KindNineYear {
		k.fail(i, kind, "to", ErrInvalid, "%v: want primary, junior or nine_year", ch.To)
		return
	}
	if s < 0 || !okYear {
		return
	}
	cv := Conversion{Year: ch.Year, From: k.kindIn(s, ch.Year), To: ch.To}
	if !k.convertKind(i, s, cv) {
		return
	}
	ok := k.convertStreams(i, s, cv, ch.Streams)
	if !k.convertStages(i, s, cv) || !ok {
		return
	}
	k.conv[s] = append(k.conv[s], indexedConvert{index: i, school: s, Conversion: cv})
	gained := indexedExpand{index: i, year: ch.Year, set: true}
	for _, st := range Stages {
		if cv.Gains(st) {
			gained.streams[st] = ch.Streams[st]
		}
	}
	if gained.streams != ([NumStages]int{}) {
		k.expansions[s] = append(k.expansions[s], gained)
	}
}

// convertKind checks that conversion cv of school s changes its kind,
// once in its year.
func (k *changeChecker) convertKind(i, s int, cv Conversion) bool {
	const kind = "convert"
	id := k.schools[s].ID
	for _, o := range k.conv[s] {
		if o.Year == cv.Year {
			k.fail(i, kind, "year", ErrInvalid, "school %q is converted already in %d, by an earlier change: once a year at most", id, cv.Year)
			return false
		}
	}
	if cv.From == cv.To {
		k.fail(i, kind, "to", ErrInvalid, "school %q is a %s school already in %d", id, cv.From, cv.Year)
		return false
	}
	return true
}

// convertStreams checks the streams of conversion cv of school s: 1 to
// MaxStreams in each stage it gains, none in another.
func (k *changeChecker) convertStreams(i, s int, cv Conversion, streams [NumStages]int) bool {
	ok := true
	for _, st := range Stages {
		ok = k.convertStageStreams(i, s, cv, st, streams[st]) && ok
	}
	return ok
}

// convertStageStreams checks the n streams conversion cv of school s
// gives stage st.
func (k *changeChecker) convertStageStreams(i, s int, cv Conversion, st Stage, n int) bool {
	const kind = "convert"
	field := "streams"
	if st == Junior && cv.To == KindNineYear {
		field = "junior_streams"
	}
	switch {
	case cv.Gains(st):
		return k.gainedStreams(i, field, st, n)
	case n == 0:
		return true
	case cv.To.Serves(st):
		k.fail(i, kind, field, ErrInvalid, "%d %s streams: school %q keeps its %s stage and its streams (change them with expand)", n, st, k.schools[s].ID, st)
	default:
		k.fail(i, kind, field, ErrInvalid, "%d %s streams: a %s school teaches no %s classes", n, st, cv.To, st)
	}
	return false
}

// gainedStreams checks the n streams of a stage st a conversion gains,
// given in field: 1 to MaxStreams.
func (k *changeChecker) gainedStreams(i int, field string, st Stage, n int) bool {
	const kind = "convert"
	switch {
	case n == 0:
		k.fail(i, kind, field, ErrMissing, "missing (classes per grade of the %s stage the school gains)", st)
	case n < 1 || n > MaxStreams:
		k.fail(i, kind, field, ErrInvalid, "%d: want 1 to %d streams (classes per grade)", n, MaxStreams)
	default:
		return true
	}
	return false
}

// convertStages checks what conversion cv does to the stages of school s:
// it touches (gains or leaves) a stage the run simulates, and each stage
// it touches passes convertStageYear.
func (k *changeChecker) convertStages(i, s int, cv Conversion) bool {
	run := false
	for _, st := range Stages {
		if !cv.Gains(st) && !cv.Drops(st) {
			continue
		}
		run = run || k.c.Runs(st)
		if !k.convertStageYear(i, s, cv, st) {
			return false
		}
	}
	if !run {
		k.fail(i, "convert", "to", ErrInvalid, "changes only the %s stage of %q, but the run has only %s school (stages)", otherStage(k.c.Stages()[0]), k.schools[s].ID, k.c.Stages()[0])
	}
	return run
}

// convertStageYear checks the year of conversion cv of school s for stage
// st, which it gains or leaves: it leaves no stage the run simulates in
// the run's first year, and gains no stage whose last pupils of an
// earlier conversion are still there.
func (k *changeChecker) convertStageYear(i, s int, cv Conversion, st Stage) bool {
	const kind = "convert"
	if cv.Drops(st) && k.c.Runs(st) && cv.Year == k.first {
		k.fail(i, kind, "year", ErrInvalid, "%d is the run's first year, whose older grades start from the schools as they are: convert from %d on", cv.Year, cv.Year+1)
		return false
	}
	if left, ok := k.leftIn(s, st, cv.Year); ok && cv.Gains(st) {
		grades := Year(k.c.System.Grades(st))
		k.fail(i, kind, "year", ErrInvalid, "school %q has %s pupils until %d, from before it stopped admitting them in %d: it can take the stage back from %d",
			k.schools[s].ID, st, left.Year+grades-2, left.Year, left.Year+grades-1)
		return false
	}
	return true
}

// otherStage is the stage that is not st.
func otherStage(st Stage) Stage { return Junior - st }

// leftIn is the recorded conversion of school s that left stage st last
// before year y when its pupils are still there in y.
func (k *changeChecker) leftIn(s int, st Stage, y Year) (Conversion, bool) {
	var last Conversion
	found := false
	for _, o := range k.conv[s] {
		if o.Year <= y && o.Drops(st) {
			last, found = o.Conversion, true
		}
	}
	return last, found && y-last.Year < Year(k.c.System.Grades(st))-1
}

// kindIn is school s's kind in year y after the conversions recorded.
func (k *changeChecker) kindIn(s int, y Year) Kind {
	kind := k.schools[s].Kind
	if k.conv != nil {
		for _, o := range k.conv[s] {
			if o.Year <= y {
				kind = o.To
			}
		}
	}
	return kind
}

// convertsOpen checks, once the closures are known, that each conversion's
// school runs in its year and opened before it.
func (k *changeChecker) convertsOpen() {
	const kind = "convert"
	for s, cs := range k.conv {
		sc := &k.schools[s]
		for _, o := range cs {
			switch {
			case sc.Opens != 0 && o.Year <= sc.Opens:
				k.fail(o.index, kind, "year", ErrInvalid, "%d: school %q opens only in %d: convert it after that (or open it as a %s school)", o.Year, sc.ID, sc.Opens, o.To)
			case !k.openIn(s, o.Year):
				k.fail(o.index, kind, "year", ErrInvalid, "%d: school %q is closed then (%s)", o.Year, sc.ID, k.openSpan(s))
			}
		}
	}
}

// kindNote is " in y" when school s is converted in the run (so that its
// kind in a message is the kind of that year), else "".
func (k *changeChecker) kindNote(s int, y Year) string {
	if k.conv != nil && len(k.conv[s]) > 0 {
		return fmt.Sprintf(" in %d", y)
	}
	return ""
}
