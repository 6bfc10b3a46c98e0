package engine

import "slices"

// indexedTemporary is a temporary change that passed its own checks.
type indexedTemporary struct {
	index  int
	school int
	stage  Stage
	Temporary
}

// temporary checks a temporary change on its own: a known school, a stage
// it teaches (required of a nine-year school), 1 to MaxStreams streams,
// from ≤ to, both in the run. Whether the school admits the stage in
// those years and the per-school maximum are checked once every change is
// known (temporaries).
func (k *changeChecker) temporary(i int, ch Temporary) {
	const kind = "temporary"
	s := k.school(i, kind, "school", ch.School)
	st, okStage := k.temporaryStage(i, s, ch)
	okStreams := ch.Streams >= 1 && ch.Streams <= MaxStreams
	if !okStreams {
		k.fail(i, kind, "streams", ErrInvalid, "%d: want 1 to %d temporary classes per entry year", ch.Streams, MaxStreams)
	}
	okYears := k.year(i, kind, "from", ch.From)
	okYears = k.year(i, kind, "to", ch.To) && okYears
	if okYears && ch.From > ch.To {
		k.fail(i, kind, "to", ErrInvalid, "%d is before from (%d)", ch.To, ch.From)
		okYears = false
	}
	if s >= 0 && okStage && okStreams && okYears {
		k.temps = append(k.temps, indexedTemporary{index: i, school: s, stage: st, Temporary: ch})
	}
}

// temporaryStage is the stage change ch adds to at school s (-1: unknown,
// reported elsewhere), recording a nine-year school without a stage and a
// stage the school does not teach.
func (k *changeChecker) temporaryStage(i, s int, ch Temporary) (Stage, bool) {
	const kind = "temporary"
	if s < 0 {
		return 0, false
	}
	sc := k.schools[s] // with its kind of the first entry year (changeconvert.go)
	sc.Kind = k.kindIn(s, ch.From)
	st, ok := ch.StageOf(&sc)
	switch {
	case !ok:
		k.fail(i, kind, "stage", ErrMissing, "missing: %q is a nine-year school: say primary or junior", sc.ID)
		return 0, false
	case !sc.Kind.Serves(st):
		k.fail(i, kind, "stage", ErrInvalid, "%s: school %q (%s%s) teaches no %s classes", st, sc.ID, sc.Kind, k.kindNote(s, ch.From), st)
		return 0, false
	}
	return st, true
}

// temporaries checks, once every change is known, that each temporary
// change's school admits its stage in every entry year from..to, and that
// no school uses more temporary classrooms at once in a stage than the
// policy's MaxTemporaryClassrooms.
func (k *changeChecker) temporaries() {
	for _, t := range k.temps {
		for y := t.From; y <= t.To; y++ {
			if !k.runs(t.school, t.stage, y) {
				k.fail(t.index, "temporary", "from", ErrInvalid, "school %q does not admit %s pupils in %d (%s): temporary classes need an open school",
					t.Temporary.School, t.stage, y, k.openSpan(t.school))
				break
			}
		}
	}
	k.temporaryLimits()
}

// temporaryLimits checks each school and stage against the policy's
// maximum of temporary classrooms in use at once, reporting the first
// year over it against the last change (in list order) in use that year.
func (k *changeChecker) temporaryLimits() {
	type key struct {
		school int
		stage  Stage
	}
	var keys []key
	by := map[key][]indexedTemporary{}
	for _, t := range k.temps {
		kk := key{t.school, t.stage}
		if by[kk] == nil {
			keys = append(keys, kk)
		}
		by[kk] = append(by[kk], t)
	}
	for _, kk := range keys {
		if limit := k.pol.MaxTemporaryClassroomsFor(kk.stage); limit > 0 {
			k.temporaryLimit(by[kk], kk.stage, limit)
		}
	}
}

// temporaryLimit checks the temporary changes ts of one school and stage
// against limit classrooms in use at once.
func (k *changeChecker) temporaryLimit(ts []indexedTemporary, st Stage, limit int) {
	grades := k.c.System.Grades(st)
	for y := k.first; y <= k.last; y++ {
		n, last := 0, -1
		for _, t := range ts {
			if c := t.Classrooms(y, grades); c > 0 {
				n += c
				last = max(last, t.index)
			}
		}
		if n > limit {
			t := ts[slices.IndexFunc(ts, func(t indexedTemporary) bool { return t.index == last })]
			k.fail(last, "temporary", "streams", ErrInvalid,
				"school %q would use %d temporary %s classrooms in %d, over the policy's max_temporary_classrooms of %d",
				t.Temporary.School, n, st, y, limit)
			return
		}
	}
}
