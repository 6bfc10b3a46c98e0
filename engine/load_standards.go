package engine

import (
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/geo"
)

// standards checks city.yaml's standards block and sets the city's
// standards; every problem is returned, each naming city.yaml and its key.
func (l *loader) standards(cfg CityConfig) error {
	s := cfg.Standards
	if s == nil {
		return nil
	}
	err := s.Validate()
	if err == nil {
		l.city.Standards = s
		return nil
	}
	errs := err.(geo.Errors)
	for _, e := range errs {
		e.(*KeyError).File = l.name(CityFile)
	}
	return errs
}

// Validate checks a standards block: enforce is error or warn; each row
// has a size of 1 to MaxStreams×9 classes, given once per kind, and areas
// per pupil that are numbers from 0 to 1000 m², one of them above 0.
// Every problem is returned as geo.Errors of *KeyError (without a file).
func (s *Standards) Validate() error {
	var errs geo.Errors
	switch s.Enforce {
	case "", EnforceError, EnforceWarn:
	default:
		errs = append(errs, &KeyError{Key: "standards.enforce",
			Err: fmt.Errorf("%w: %q: want error (a change short of land or floor area is refused) or warn (it is reported)", ErrInvalid, s.Enforce)})
	}
	for _, k := range []Kind{KindPrimary, KindJunior, KindNineYear} {
		errs = append(errs, standardRowsProblems(k, s.kindRows(k))...)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// maxStandardArea is the largest area per pupil a standard may give, m².
const maxStandardArea = 1000

// standardRowsProblems checks the rows of kind k: each as
// standardRowProblems does, and no size twice.
func standardRowsProblems(k Kind, rows []StandardRow) geo.Errors {
	var errs geo.Errors
	seen := map[int]bool{}
	for i, r := range rows {
		key := fmt.Sprintf("standards.%s[%d]", k, i)
		errs = append(errs, standardRowProblems(key, r)...)
		if seen[r.Classes] {
			errs = append(errs, standardKeyError(key+".classes", "%d classes: given twice for %s schools", r.Classes, k))
		}
		seen[r.Classes] = true
	}
	return errs
}

// standardRowProblems checks one row (key: its place in city.yaml): a size
// of 1 to MaxStreams×9 classes, and areas per pupil from 0 to
// maxStandardArea m², one of them above 0.
func standardRowProblems(key string, r StandardRow) geo.Errors {
	var errs geo.Errors
	if r.Classes < 1 || r.Classes > MaxStreams*9 {
		errs = append(errs, standardKeyError(key+".classes", "%d: want 1 to %d classes in all grades", r.Classes, MaxStreams*9))
	}
	for _, m := range Measures {
		if v := r.value(m); math.IsNaN(v) || v < 0 || v > maxStandardArea {
			errs = append(errs, standardKeyError(key+"."+m.Field(), "%g: want 0 to %d m² per pupil", v, maxStandardArea))
		}
	}
	if r.SiteArea == 0 && r.FloorArea == 0 {
		errs = append(errs, standardKeyError(key, "gives neither site_area nor floor_area (m² per pupil)"))
	}
	return errs
}

// standardKeyError is an invalid value of the standards block at key.
func standardKeyError(key, format string, args ...any) *KeyError {
	return &KeyError{Key: key, Err: fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))}
}
