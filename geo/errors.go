package geo

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors. Decode wraps them in a *FeatureError, so callers test with
// errors.Is and read the location with errors.As.
var (
	ErrSyntax        = errors.New("geo: malformed JSON")
	ErrNotCollection = errors.New("geo: not a GeoJSON FeatureCollection")
	ErrMissing       = errors.New("geo: missing required property")
	ErrNoGeometry    = errors.New("geo: missing geometry")
	ErrGeometryType  = errors.New("geo: geometry type not allowed")
	ErrGeometry      = errors.New("geo: invalid geometry")
	ErrID            = errors.New("geo: id must be a non-empty string or an integer")
	ErrDuplicateID   = errors.New("geo: duplicate id")
	ErrDuplicateKey  = errors.New("geo: duplicate member")
	ErrType          = errors.New("geo: wrong type")
	ErrRange         = errors.New("geo: number out of range")
	ErrCRS           = errors.New("geo: unsupported coordinate system")
	ErrWKT           = errors.New("geo: malformed coordinate system text (.prj, WKT)")
)

// FeatureError names the file, feature and field at fault.
type FeatureError struct {
	File  string
	Index int    // -1 when the error concerns the whole file
	Row   int    // 1-based spreadsheet row or CSV line; when > 0 it is printed instead of Index
	ID    string // "" when unknown
	Field string // property name, "geometry", "id", …
	Err   error
}

// Error reads like
//
//	areas.geojson: feature 12 (id "A-7"): population: missing required property
//
// or, for a row of a table (Row > 0),
//
//	schools.csv: row 12 (id "S-3"): lon: want a number, got "abc"
//
// The "geo: " prefix of the wrapped error is dropped: the location already
// says where the message comes from.
func (e *FeatureError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Index >= 0 || e.Row > 0 {
		if e.Row > 0 {
			b.WriteString("row ")
			b.WriteString(strconv.Itoa(e.Row))
		} else {
			b.WriteString("feature ")
			b.WriteString(strconv.Itoa(e.Index))
		}
		if e.ID != "" {
			b.WriteString(" (id ")
			b.WriteString(strconv.Quote(e.ID))
			b.WriteByte(')')
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	msg := "unknown error"
	if e.Err != nil {
		msg = strings.TrimPrefix(e.Err.Error(), "geo: ")
	}
	b.WriteString(msg)
	return b.String()
}

// Unwrap returns Err, so errors.Is sees the sentinel.
func (e *FeatureError) Unwrap() error { return e.Err }

// Errors is a list of problems found in one pass; it is returned as an error
// when not empty.
type Errors []error

// maxErrorLines bounds the message of Errors; the list itself keeps every error.
const maxErrorLines = 50

// Error lists the problems one per line, the first 50 of them.
func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(es))
	for i, e := range es {
		if i == maxErrorLines {
			fmt.Fprintf(&b, "\n\t… and %d more", len(es)-i)
			break
		}
		b.WriteString("\n\t")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap lets errors.Is and errors.As look into every problem.
func (es Errors) Unwrap() []error { return es }
