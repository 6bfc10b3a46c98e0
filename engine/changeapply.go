package engine

import (
	"fmt"
	"slices"
)

// ready sizes the per-school state once the new schools are known.
func (k *changeChecker) ready() {
	n := len(k.schools)
	k.closedBy = make([]int, n)
	k.closeYear = make([]Year, n)
	for s := range k.schools {
		k.closedBy[s] = -1
		k.closeYear[s] = k.schools[s].Closes
	}
	k.expansions = make([][]indexedExpand, n)
}

// openIn is whether school s runs in year y after the changes' closures.
func (k *changeChecker) openIn(s int, y Year) bool {
	o := k.schools[s].Opens
	return (o == 0 || o <= y) && (k.closeYear[s] == 0 || y < k.closeYear[s])
}

// expand checks an expansion: a known school, a year in the run, a
// streams change within MaxStreams, and a stage of the school among those
// named.
func (k *changeChecker) expand(i int, ch Expand) {
	const kind = "expand"
	s := k.school(i, kind, "school", ch.School)
	okYear := k.year(i, kind, "year", ch.Year)
	if !k.expandStreams(i, ch.Streams) || s < 0 || !okYear {
		return
	}
	e := indexedExpand{index: i, year: ch.Year}
	served := k.kindIn(s, ch.Year)
	for _, st := range Stages {
		if served.Serves(st) && (ch.Stages == nil || slices.Contains(ch.Stages, st)) {
			e.streams[st] = ch.Streams
		}
	}
	if e.streams == ([NumStages]int{}) {
		k.fail(i, kind, "stage", ErrInvalid, "school %q (%s%s) teaches none of the stages named", ch.School, served, k.kindNote(s, ch.Year))
		return
	}
	k.expansions[s] = append(k.expansions[s], e)
}

// expandStreams checks the streams an expansion adds: not 0, within
// MaxStreams either way.
func (k *changeChecker) expandStreams(i, n int) bool {
	const kind = "expand"
	switch {
	case n == 0:
		k.fail(i, kind, "streams", ErrMissing, "missing or 0 (streams to add, or to remove when below 0)")
		return false
	case n < -MaxStreams || n > MaxStreams:
		k.fail(i, kind, "streams", ErrInvalid, "%d: want -%d to %d streams (classes per grade)", n, MaxStreams, MaxStreams)
		return false
	}
	return true
}

// close checks a closure: a known school closed once, in a year of the
// run while it is open, merging (if at all) into another known school.
func (k *changeChecker) close(i int, ch Close) {
	const kind = "close"
	s := k.school(i, kind, "school", ch.School)
	okYear := k.year(i, kind, "year", ch.Year)
	if ch.MergeInto != "" {
		if t := k.school(i, kind, "merge_into", ch.MergeInto); t >= 0 && t == s {
			k.fail(i, kind, "merge_into", ErrInvalid, "%q: a school cannot merge into itself", ch.MergeInto)
		}
	}
	if s < 0 || !okYear || !k.closeYearOK(i, s, ch) {
		return
	}
	k.closedBy[s], k.closeYear[s] = i, ch.Year
	k.closes = append(k.closes, indexedClose{index: i, school: s, Close: ch})
}

// closeYearOK checks that school s is not closed already, by an earlier
// change or by its own closing year, and opens before the closure.
func (k *changeChecker) closeYearOK(i, s int, ch Close) bool {
	const kind = "close"
	sc := &k.schools[s]
	switch {
	case k.closedBy[s] >= 0:
		k.fail(i, kind, "school", ErrInvalid, "%q is closed already, in %d, by an earlier change", ch.School, k.closeYear[s])
		return false
	case sc.Closes != 0 && sc.Closes <= ch.Year:
		k.fail(i, kind, "year", ErrInvalid, "%d: school %q closes already in %d", ch.Year, ch.School, sc.Closes)
		return false
	case sc.Opens != 0 && ch.Year <= sc.Opens:
		k.fail(i, kind, "year", ErrInvalid, "%d: school %q opens only in %d: close it after that", ch.Year, ch.School, sc.Opens)
		return false
	}
	return true
}

// merges checks each closure's merge target once every closure is known:
// it must teach the closed school's stages and be open in the year.
func (k *changeChecker) merges() {
	const kind = "close"
	for _, cl := range k.closes {
		t, ok := k.ids[cl.MergeInto]
		if cl.MergeInto == "" || !ok || t == cl.school {
			continue
		}
		from, to := k.kindIn(cl.school, cl.Year-1), k.kindIn(t, cl.Year)
		for _, st := range Stages {
			if from.Serves(st) && !to.Serves(st) {
				k.fail(cl.index, kind, "merge_into", ErrInvalid, "%q (%s%s) does not teach the %s pupils of %q", cl.MergeInto, to, k.kindNote(t, cl.Year), st, cl.School)
			}
		}
		if !k.openIn(t, cl.Year) {
			k.fail(cl.index, kind, "merge_into", ErrInvalid, "%q is not open in %d (%s)", cl.MergeInto, cl.Year, k.openSpan(t))
		}
	}
}

// openSpan says when school s runs, for messages.
func (k *changeChecker) openSpan(s int) string {
	o, c := k.schools[s].Opens, k.closeYear[s]
	switch {
	case o != 0 && c != 0:
		return fmtYears("opens %d, closes %d", o, c)
	case o != 0:
		return fmtYears("opens %d", o)
	case c != 0:
		return fmtYears("closes %d", c)
	}
	return "open throughout"
}

// fmtYears formats years into a message.
func fmtYears(format string, ys ...Year) string {
	args := make([]any, len(ys))
	for i, y := range ys {
		args[i] = y
	}
	return fmt.Sprintf(format, args...)
}

// seatSwap checks a seat swap: two known schools, a year in the run, and
// a number of seats within MaxSchoolSeats; the pair as swapPair checks it.
func (k *changeChecker) seatSwap(i int, ch SeatSwap) {
	const kind = "seat_swap"
	a := k.school(i, kind, "schools", ch.Schools[0])
	b := k.school(i, kind, "schools", ch.Schools[1])
	okYear := k.year(i, kind, "year", ch.Year)
	if ch.Seats < 1 || ch.Seats > MaxSchoolSeats {
		k.fail(i, kind, "seats", ErrInvalid, "%d: want 1 to %d entry seats", ch.Seats, MaxSchoolSeats)
		return
	}
	if a < 0 || b < 0 || !okYear || !k.swapPair(i, a, b, ch.Year) {
		return
	}
	k.swaps = append(k.swaps, indexedSwap{index: i, schools: [2]int{a, b}, seats: ch.Seats, year: ch.Year})
}

// swapPair checks that schools a and b are two, in different districts,
// and share a stage in year y. A new school without a district, reported
// as such, fails without a further problem.
func (k *changeChecker) swapPair(i, a, b int, y Year) bool {
	const kind = "seat_swap"
	sa, sb := &k.schools[a], &k.schools[b]
	switch {
	case sa.District < 0 || sb.District < 0:
		return false
	case a == b:
		k.fail(i, kind, "schools", ErrInvalid, "%q twice: a swap is between two schools", sa.ID)
		return false
	case sa.District == sb.District:
		k.fail(i, kind, "schools", ErrInvalid, "%q and %q are both in district %s: a swap is between districts", sa.ID, sb.ID, k.c.Districts[sa.District].ID)
		return false
	case !sharesStage(k.kindIn(a, y), k.kindIn(b, y)):
		k.fail(i, kind, "schools", ErrInvalid, "%q (%s%s) and %q (%s%s) teach no stage in common",
			sa.ID, k.kindIn(a, y), k.kindNote(a, y), sb.ID, k.kindIn(b, y), k.kindNote(b, y))
		return false
	}
	return true
}

// sharesStage reports whether schools of kinds a and b teach a stage in
// common.
func sharesStage(a, b Kind) bool {
	for _, st := range Stages {
		if a.Serves(st) && b.Serves(st) {
			return true
		}
	}
	return false
}
