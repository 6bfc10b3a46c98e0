package engine

import "slices"

// stagesRun records a change that touches no stage the city runs (its
// RunStages, from city.yaml or a scenario's stages): it would change
// nothing in the results.
func (k *changeChecker) stagesRun(i int, ch Change) {
	kind := changeKind(ch)
	switch ch := ch.(type) {
	case NewSchool:
		k.schoolStagesRun(i, kind, "stage", &ch.School, nil)
	case Expand:
		k.knownStagesRun(i, kind, "school", ch.School, ch.Stages)
	case Close:
		k.knownStagesRun(i, kind, "school", ch.School, nil)
	case Temporary:
		k.knownStagesRun(i, kind, "school", ch.School, ch.stages())
	case SeatSwap:
		for _, id := range ch.Schools {
			k.knownStagesRun(i, kind, "schools", id, nil)
		}
	}
}

// knownStagesRun checks the school of id as schoolStagesRun does, when the
// id is known (an unknown one is reported by the change's own checks).
func (k *changeChecker) knownStagesRun(i int, kind, field, id string, named []Stage) {
	if s, ok := k.ids[id]; ok {
		k.schoolStagesRun(i, kind, field, &k.schools[s], named)
	}
}

// schoolStagesRun records change i when the stages of school s it touches
// (those s teaches among named; nil names every stage) are all stages the
// run lacks. A change that touches none of them is left to the expand
// checks, which say so.
func (k *changeChecker) schoolStagesRun(i int, kind, field string, s *School, named []Stage) {
	taught := false // a stage the school teaches (and the change names)
	for _, st := range Stages {
		if s.Kind.Serves(st) && (named == nil || slices.Contains(named, st)) {
			taught = true
			if k.c.Runs(st) {
				return
			}
		}
	}
	if taught {
		k.fail(i, kind, field, ErrInvalid, "%q is a %s school, but the run has only %s school (stages)", s.ID, s.Kind, k.c.Stages()[0])
	}
}
