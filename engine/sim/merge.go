package sim

import (
	"fmt"
	"math"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// MergeLimits are the class sizes a merge is checked against: classes over
// 45 (the primary standard), 50 (the junior standard) and 55 (大班额).
var MergeLimits = [3]int{45, 50, 55}

// ClassLoad is a school's classes in one stage and year: how many, the
// largest, and how many hold more pupils than each of MergeLimits.
type ClassLoad struct {
	Classes, Max int
	Over         [len(MergeLimits)]int
}

// MergeLoad is what a merge (a closure with a receiver, engine.Close with
// MergeInto) does to the receiver's classes in one stage in the year of
// the merge: its classes with the pupils moved in, as the run formed them
// (engine.FormClasses over its streams and class size), and without them.
type MergeLoad struct {
	Change       int // index into Options.Changes
	School, Into string
	Stage        engine.Stage
	Year         engine.Year
	Moved        int // pupils moved in
	With         ClassLoad
	Without      ClassLoad
	// Limit is the policy's largest class (engine.Policy.OversizeClassSizeFor);
	// Hard is whether the policy sets it (oversize_class_size) rather
	// than leaving the default: only a limit the policy sets refuses a
	// merge.
	Limit int
	Hard  bool
}

// Created is the classes over each of MergeLimits that the merge adds.
func (m *MergeLoad) Created() [len(MergeLimits)]int {
	var out [len(MergeLimits)]int
	for i := range out {
		out[i] = max(0, m.With.Over[i]-m.Without.Over[i])
	}
	return out
}

// Warns reports whether the merge adds a class over any of MergeLimits.
func (m *MergeLoad) Warns() bool { return m.Created() != [len(MergeLimits)]int{} }

// Exceeds reports whether the merge makes a class larger than the limit
// the policy sets (one the receiver would not have without it).
func (m *MergeLoad) Exceeds() bool {
	return m.Hard && m.With.Max > m.Limit && m.With.Max > m.Without.Max
}

// String says what the merge does, e.g. `closing "P1" into "P3" in 2029
// moves 250 primary pupils: "P3" gets 5 classes over 45, 5 over 50 and 5
// over 55 (largest 62, 45 without them)`.
func (m *MergeLoad) String() string {
	c := m.Created()
	var over []string
	for i, l := range MergeLimits {
		over = append(over, fmt.Sprintf("%d over %d", c[i], l))
	}
	return fmt.Sprintf("closing %q into %q in %d moves %d %s pupils: %q gets %s (largest class %d, %d without them)",
		m.School, m.Into, m.Year, m.Moved, m.Stage, m.Into, strings.Join(over, ", "), m.With.Max, m.Without.Max)
}

// MergeLoads works out, from run r made with opt, each merge's load on its
// receiver in every stage the closed school taught in the year before the
// merge, in change order then stage order. A merge in the run's first
// year moves no pupils and is left out.
func MergeLoads(r *Result, opt *Options) []MergeLoad {
	ids := make(map[string]int, len(r.Schools))
	for i := range r.Schools {
		ids[r.Schools[i].ID] = i
	}
	var out []MergeLoad
	for i, ch := range opt.Changes {
		cl, ok := ch.(engine.Close)
		if !ok || cl.MergeInto == "" {
			continue
		}
		for _, st := range engine.Stages {
			m := MergeLoad{Change: i, School: cl.School, Into: cl.MergeInto, Stage: st, Year: cl.Year,
				Limit: opt.Policy.OversizeClassSizeFor(st), Hard: opt.Policy.OversizeClassSize[st] > 0}
			if m.measure(&r.Stages[st], ids[cl.School], ids[cl.MergeInto], opt.Policy.RetentionFor(st)) {
				out = append(out, m)
			}
		}
	}
	return out
}

// measure fills m from stage result sr: school s closed into t with
// retention keep. It reports false when s taught no pupils of the stage
// the year before or t has no row in the merge year.
func (m *MergeLoad) measure(sr *StageResult, s, t int, keep float64) bool {
	before, now := sr.Year(m.Year-1), sr.Year(m.Year)
	if before == nil || now == nil {
		return false
	}
	from, into := schoolRow(before, s), schoolRow(now, t)
	if from == nil || into == nil {
		return false
	}
	// The run moves the closed school's grades up a year (with
	// retention, rounded) into the receiver's.
	without := make([]int, len(into.Grades))
	copy(without, into.Grades)
	for k := 1; k < len(without) && k <= len(from.Grades); k++ {
		n := int(math.Round(float64(from.Grades[k-1]) * keep))
		m.Moved += n
		without[k] = max(0, without[k]-n)
	}
	m.With = classLoad(into.Grades, into)
	m.Without = classLoad(without, into)
	return true
}

// schoolRow is school s's row in year yr, or nil.
func schoolRow(yr *YearResult, s int) *SchoolYear {
	for j := range yr.Schools {
		if yr.Schools[j].School == s {
			return &yr.Schools[j]
		}
	}
	return nil
}

// classLoad forms the classes of grades in the school of row (its classes
// of each grade and class size).
func classLoad(grades []int, row *SchoolYear) ClassLoad {
	var out ClassLoad
	for k, n := range grades {
		g := engine.FormClasses(n, row.gradeStreams(k), row.ClassSize)
		out.Classes += g.N
		out.Max = max(out.Max, g.Max())
		for i, l := range MergeLimits {
			out.Over[i] += g.Over(l)
		}
	}
	return out
}

// MergeWarnings says, for each merge of the run that adds classes over 45,
// 50 or 55 to its receiver, what it does (MergeLoad.String), in change
// order; nil when none does.
func (r *Result) MergeWarnings() []string {
	var out []string
	for i := range r.Merges {
		if m := &r.Merges[i]; m.Warns() {
			out = append(out, m.String())
		}
	}
	return out
}

// mergeErrors is the merges of loads that exceed the policy's class
// limit, as errors wrapping ErrChange (nil: none): each an
// engine.ChangeError of its close change's merge_into.
func mergeErrors(loads []MergeLoad) error {
	var errs geo.Errors
	for i := range loads {
		if m := &loads[i]; m.Exceeds() {
			errs = append(errs, &engine.ChangeError{Index: m.Change, Kind: "close", Field: "merge_into", Err: &mergeError{m}})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %w", ErrChange, errs)
}

// mergeError is a merge over the policy's class limit: an invalid value
// (engine.ErrInvalid) of the scenario, in a planner's words.
type mergeError struct{ m *MergeLoad }

func (e *mergeError) Error() string {
	return fmt.Sprintf("%s: over the policy's oversize_class_size of %d", e.m, e.m.Limit)
}

func (e *mergeError) Unwrap() error { return engine.ErrInvalid }
