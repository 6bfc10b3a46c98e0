package engine

// Feeders sets a junior or nine-year school's feeder primaries (对口直升)
// from Year: Primaries, in priority order, replace the list the city
// gives (School.Feeders) or an earlier Feeders change sets; an empty list
// ends the school's feeders. Their leavers take its junior base seats
// first (see package admit).
type Feeders struct {
	School    string
	Primaries []string
	Year      Year
	Programme
}

// Effective is the year the list is in force from.
func (c Feeders) Effective() Year { return c.Year }

// FeedersIn is the feeder list of school s in year y under changes: the
// Primaries of the latest Feeders change of s in force by y (the later
// in the list among those of one year), else s.Feeders.
func FeedersIn(s *School, y Year, changes []Change) []string {
	out, from := s.Feeders, Year(0)
	for _, ch := range changes {
		if f, ok := ch.(Feeders); ok && f.School == s.ID && f.Year <= y && f.Year >= from {
			out, from = f.Primaries, f.Year
		}
	}
	return out
}

// feeders checks a feeders change: a known school that serves the junior
// stage in a city running both stages, a year in the run, one change per
// school and year, and each primary as CheckFeeders checks a city's
// lists: a known school (of the city or a new_school change) teaching
// primary, not the school itself, listed once.
func (k *changeChecker) feeders(i int, ch Feeders) {
	const kind = "feeders"
	s := k.school(i, kind, "school", ch.School)
	if k.year(i, kind, "year", ch.Year) && s >= 0 {
		k.feedersOnce(i, s, ch.Year)
	}
	if !k.c.Runs(Primary) || !k.c.Runs(Junior) {
		k.fail(i, kind, "", ErrInvalid, "feeders need both stages run, and the run has only %s school", k.c.Stages()[0])
		return
	}
	if s < 0 {
		return
	}
	if kd := k.kindIn(s, ch.Year); !kd.Serves(Junior) {
		k.fail(i, kind, "school", ErrInvalid, "%q is a %s school%s: only a junior or nine-year school takes feeders", ch.School, kd, k.kindNote(s, ch.Year))
		return
	}
	k.feederPrimaries(i, s, ch.Primaries)
}

// feedersOnce records the year of a feeders change of school s, failing
// a second change of the same school and year.
func (k *changeChecker) feedersOnce(i, s int, y Year) {
	if k.feederYears == nil {
		k.feederYears = map[[2]int]int{}
	}
	key := [2]int{s, int(y)}
	if j, dup := k.feederYears[key]; dup {
		k.fail(i, "feeders", "year", ErrInvalid, "%d: change %d sets the feeders of %q in %d already: give one list a year", y, j+1, k.schools[s].ID, y)
		return
	}
	k.feederYears[key] = i
}

// feederPrimaries checks each primary of a feeders change of school s.
func (k *changeChecker) feederPrimaries(i, s int, ids []string) {
	cc := *k.c
	cc.Schools = k.schools
	seen := make(map[string]bool, len(ids))
	for j, id := range ids {
		if _, known := k.ids[id]; !known && id != "" {
			k.fail(i, "feeders", "primaries", ErrUnknownID, "%q (item %d): unknown school (not in the city nor opened by a new_school change)", id, j+1)
		} else if err := feederProblem(&cc, k.ids, s, id, seen[id]); err != nil {
			k.fail(i, "feeders", "primaries", ErrInvalid, "item %d: %s", j+1, err.Error())
		}
		seen[id] = true
	}
}
