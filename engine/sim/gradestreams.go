package sim

import "github.com/schoolplan/schoolplan/engine"

// gradeStreams is the classes school s has in stage st in year y for the
// grade k years above the entry grade, whose cohort entered in y − k.
//
// Permanent classes: a school that grows has the rooms of its new streams
// in every grade at once (today's streams), but one that shrinks keeps the
// classes of each cohort that entered before the reduction until that
// cohort leaves: the larger of today's streams and those of the cohort's
// entry year. Temporary classes (engine.Temporary) go with their cohort:
// those of its entry year.
func (p *plan) gradeStreams(s int, st engine.Stage, y engine.Year, k int) int {
	entered := y - engine.Year(k)
	return max(p.streams(s, st, y), p.streams(s, st, entered)) + p.temporaryStreams(s, st, entered)
}

// gradeStreamsAll fills dst with the classes of every grade of school s in
// stage st in year y (gradeStreams), entry grade first, and returns their
// sum.
func (p *plan) gradeStreamsAll(dst []int, s int, st engine.Stage, y engine.Year) int {
	total := 0
	for k := range dst {
		dst[k] = p.gradeStreams(s, st, y, k)
		total += dst[k]
	}
	return total
}
