package engine

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors; wrapped with the file, feature and field at fault.
var (
	ErrUnknownID = errors.New("engine: unknown id")
	ErrInvalid   = errors.New("engine: invalid value")
	ErrMissing   = errors.New("engine: missing value")
	ErrOutside   = errors.New("engine: outside every district")
	// ErrNotInDistrict: a place lies outside the district it names.
	ErrNotInDistrict = errors.New("engine: not in the district it names")
	// ErrOverlap: a district that overlaps another.
	ErrOverlap = errors.New("engine: overlaps")
	// ErrGap: land between districts that no district covers.
	ErrGap = errors.New("engine: gap between districts")
	// ErrWrongCRS: coordinates that cannot be in the coordinate system
	// the layer is said to be in.
	ErrWrongCRS = errors.New("engine: coordinates do not fit the coordinate system")
	// ErrRepeatedPosition: a polygon that repeats a position.
	ErrRepeatedPosition = errors.New("engine: repeated position")
	// ErrNotInCatchment: a school lies outside its own catchment polygon.
	ErrNotInCatchment = errors.New("engine: school outside its catchment")
)

// RowError names a CSV file, its 1-based line and the field at fault.
type RowError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *RowError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: line %d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: line %d: %s: %v", e.File, e.Line, e.Field, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// KeyError names a YAML file (city.yaml) and the key at fault, e.g.
// "school_system.junior.entry_age".
type KeyError struct {
	File string // "" when not known yet
	Key  string
	Err  error
}

// Error reads like "city.yaml: stages: invalid value: …"; the package
// prefix of the wrapped sentinel is dropped, the file and key say where the
// message comes from.
func (e *KeyError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "engine: ")
	if e.File == "" {
		return e.Key + ": " + msg
	}
	return e.File + ": " + e.Key + ": " + msg
}

func (e *KeyError) Unwrap() error { return e.Err }
