package engine

import "slices"

// stagesRun records a change that touches no stage the city runs (its
// RunStages, from city.yaml or a scenario's stages): it would change
// nothing in the results.
func (k *changeChecker) stagesRun(i int, ch Change) {
	kind := changeKind(ch)
	check := func(field string, s *School, named []Stage) {
		taught := false // a stage the school teaches (and the change names)
		for _, st := range Stages {
			if s.Kind.Serves(st) && (named == nil || slices.Contains(named, st)) {
				taught = true
				if k.c.Runs(st) {
					return
				}
			}
		}
		if !taught {
			return // the expand checks say so
		}
		k.fail(i, kind, field, ErrInvalid, "%q is a %s school, but the run has only %s school (stages)", s.ID, s.Kind, k.c.Stages()[0])
	}
	byID := func(field, id string) {
		if s, ok := k.ids[id]; ok {
			check(field, &k.schools[s], nil)
		}
	}
	switch ch := ch.(type) {
	case NewSchool:
		check("stage", &ch.School, nil)
	case Expand:
		if s, ok := k.ids[ch.School]; ok {
			check("school", &k.schools[s], ch.Stages)
		}
	case Close:
		byID("school", ch.School)
	case SeatSwap:
		for _, id := range ch.Schools {
			byID("schools", id)
		}
	}
}
