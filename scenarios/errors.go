package scenarios

import (
	"errors"
	"fmt"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
)

// ErrScenario is wrapped by every error in a scenario file.
var ErrScenario = errors.New("scenarios: invalid scenario")

// Error names the scenario file, the line and the key at fault. Every
// Error is ErrScenario (errors.Is).
type Error struct {
	File string
	Line int    // 1-based; 0 when the problem is not tied to a line
	Key  string // e.g. "changes[2].expand.school"; "" for the whole file
	Err  error
}

// Error reads "file:line: key: what is wrong", leaving out what is not
// known.
func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	msg := strings.TrimPrefix(e.Err.Error(), ErrScenario.Error()+": ")
	if e.Key == "" {
		return fmt.Sprintf("%s: %s", loc, msg)
	}
	return fmt.Sprintf("%s: %s: %s", loc, e.Key, msg)
}

// Unwrap gives ErrScenario and the cause.
func (e *Error) Unwrap() []error { return []error{ErrScenario, e.Err} }

// appendErr adds err (a list or one error; nil: nothing) to errs.
func appendErr(errs geo.Errors, err error) geo.Errors {
	var list geo.Errors
	switch {
	case err == nil:
		return errs
	case errors.As(err, &list):
		return append(errs, list...)
	}
	return append(errs, err)
}

// orNil is errs as an error: nil when there are none.
func orNil(errs geo.Errors) error {
	if len(errs) == 0 {
		return nil
	}
	return errs
}
