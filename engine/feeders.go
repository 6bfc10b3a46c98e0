package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
)

// FeedersField is the school property listing a junior or nine-year
// school's feeder primaries (对口直升): a JSON array of school ids, or one
// text of ids separated by semicolons ("P1;P2"), which CSV, XLSX and
// Shapefile layers can hold.
const FeedersField = "feeders"

// feeders reads school feature f's feeders property into s.Feeders; the
// ids are checked once every school is read (checkFeeders).
func (l *loader) feeders(f *geo.Feature, s *School) {
	ids, ok, err := f.Strings(FeedersField)
	switch {
	case err != nil:
		l.fail(err)
		return
	case !ok:
		return
	}
	if text, isText := f.Props[FeedersField].(string); isText {
		ids = strings.Split(text, ";")
		for i := range ids {
			ids[i] = strings.TrimSpace(ids[i])
		}
	}
	s.Feeders = ids
}

// checkFeeders checks every school's feeders (FeederProblems), naming the
// school's feature and the field. A school that failed to load is not
// reported again as a feeder.
func (l *loader) checkFeeders(feats []geo.Feature) {
	c := l.city
	six := schoolIndex(c.Schools)
	both := c.Runs(Primary) && c.Runs(Junior)
	for i := range c.Schools {
		if !both && len(c.Schools[i].Feeders) > 0 {
			l.fail(feats[i].Errorf(FeedersField, "%w", invalidf("feeders need both stages run, and the city runs only %s (%s stages)", c.Stages()[0], CityFile)))
			continue
		}
		for _, err := range feederProblems(c, six, i) {
			var unknown *unknownFeeder
			if errors.As(err, &unknown) && l.isBroken(SchoolsFile, unknown.id) {
				continue
			}
			l.fail(feats[i].Errorf(FeedersField, "%w", err))
		}
	}
}

// unknownFeeder is a feeder id that names no school.
type unknownFeeder struct{ id string }

func (u *unknownFeeder) Error() string {
	return fmt.Sprintf("%q: unknown id in the schools layer", u.id)
}

func (u *unknownFeeder) Unwrap() error { return ErrUnknownID }

// CheckFeeders checks the feeders of every school of c: each names
// another school that serves the primary stage, once, and only a school
// serving the junior stage lists feeders. The problems name the school
// and wrap ErrUnknownID or ErrInvalid; nil when there are none. LoadCity
// makes the same checks, and refuses feeders in a city that does not run
// both stages.
func CheckFeeders(c *City) error {
	six := schoolIndex(c.Schools)
	var errs []error
	for i := range c.Schools {
		for _, err := range feederProblems(c, six, i) {
			errs = append(errs, fmt.Errorf("school %q: %s: %w", c.Schools[i].ID, FeedersField, err))
		}
	}
	return errors.Join(errs...)
}

// feederProblems lists the problems of school s's feeders.
func feederProblems(c *City, six map[string]int, s int) []error {
	sc := &c.Schools[s]
	if len(sc.Feeders) == 0 {
		return nil
	}
	if !sc.Kind.Serves(Junior) {
		return []error{invalidf("a %s school takes no feeders: only a junior or nine-year school does", sc.Kind)}
	}
	var errs []error
	seen := make(map[string]bool, len(sc.Feeders))
	for _, id := range sc.Feeders {
		if err := feederProblem(c, six, s, id, seen[id]); err != nil {
			errs = append(errs, err)
		}
		seen[id] = true
	}
	return errs
}

// feederProblem is what is wrong with id as a feeder of school s (nil
// when nothing); dup says it was listed before.
func feederProblem(c *City, six map[string]int, s int, id string, dup bool) error {
	f, found := six[id]
	switch {
	case id == "":
		return invalidf("an empty id in the list (ids are separated by semicolons)")
	case !found:
		return &unknownFeeder{id}
	case f == s && c.Schools[s].Kind == KindNineYear:
		return invalidf("%q is the school itself: a nine-year school's own leavers move up without being listed", id)
	case f == s:
		return invalidf("%q is the school itself, not one of its primaries", id)
	case !c.Schools[f].Kind.Serves(Primary):
		return invalidf("%q is a %s school, not primary", id, c.Schools[f].Kind)
	case dup:
		return invalidf("%q is listed twice", id)
	}
	return nil
}

// invalidf is an ErrInvalid problem in a planner's words.
func invalidf(format string, args ...any) error {
	return &problem{ErrInvalid, fmt.Sprintf(format, args...)}
}
