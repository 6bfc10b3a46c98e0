package engine

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
)

// csvRows reads a long-form CSV file with a header row, for the optional
// demography files (population.csv, births.csv, enrolment.csv,
// survival.csv). It keeps every row error (up to maxForecastErrors) as a
// RowError naming the file, the line and the field.
type csvRows struct {
	name   string
	cr     *csv.Reader
	header []string
	col    map[string]int
	line   int
	rec    []string
	errs   geo.Errors
}

// newCSVRows reads the header: every column must be one of allowed (and
// given once), and every column of required must be there.
func newCSVRows(r io.Reader, name string, allowed, required []string) (*csvRows, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	f := &csvRows{name: name, cr: cr, col: map[string]int{}, line: 1}
	header, err := cr.Read()
	if err != nil {
		return nil, &RowError{File: name, Line: 1, Err: fmt.Errorf("%w: no header", ErrMissing)}
	}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !slices.Contains(allowed, h) {
			return nil, &RowError{File: name, Line: 1, Field: h, Err: fmt.Errorf("%w: unknown column (want %s)", ErrInvalid, strings.Join(allowed, ", "))}
		}
		if _, dup := f.col[h]; dup {
			return nil, &RowError{File: name, Line: 1, Field: h, Err: fmt.Errorf("%w: column given twice", ErrInvalid)}
		}
		f.col[h] = i
	}
	f.header = header
	for _, need := range required {
		if _, ok := f.col[need]; !ok {
			return nil, &RowError{File: name, Line: 1, Field: need, Err: fmt.Errorf("%w: column missing", ErrMissing)}
		}
	}
	return f, nil
}

// next reads the next row into f.rec; false at the end or on a CSV syntax
// error (recorded). Rows with the wrong number of fields are recorded and
// skipped.
func (f *csvRows) next() bool {
	for {
		rec, err := f.cr.Read()
		if err == nil {
			// The true line: blank lines and quoted newlines are not rows.
			f.line, _ = f.cr.FieldPos(0)
		}
		if err == io.EOF {
			return false
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				f.fail(pe.Line, "", pe.Err)
			} else {
				f.fail(f.line+1, "", err)
			}
			return false
		}
		if len(rec) != len(f.header) {
			f.fail(f.line, "", fmt.Errorf("%w: %d fields, header has %d", ErrInvalid, len(rec), len(f.header)))
			continue
		}
		f.rec = rec
		return true
	}
}

func (f *csvRows) fail(line int, field string, err error) {
	if len(f.errs) < maxForecastErrors {
		f.errs = append(f.errs, &RowError{File: f.name, Line: line, Field: field, Err: err})
	}
}

// failf records an error on the current line.
func (f *csvRows) failf(field string, sentinel error, format string, args ...any) {
	f.fail(f.line, field, fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...)))
}

// has reports whether the header names column.
func (f *csvRows) has(column string) bool {
	_, ok := f.col[column]
	return ok
}

// get is the trimmed value of column in the current row ("" when the
// column is absent).
func (f *csvRows) get(column string) string {
	i, ok := f.col[column]
	if !ok {
		return ""
	}
	return strings.TrimSpace(f.rec[i])
}

// year reads a required year 1900–2200.
func (f *csvRows) year(column string) (Year, bool) {
	y, err := strconv.Atoi(f.get(column))
	if err != nil || y < 1900 || y > 2200 {
		f.failf(column, ErrInvalid, "%q: want a year between 1900 and 2200", f.get(column))
		return 0, false
	}
	return Year(y), true
}

// intIn reads a required integer in lo..hi.
func (f *csvRows) intIn(column string, lo, hi int, what string) (int, bool) {
	v, err := strconv.Atoi(f.get(column))
	if err != nil || v < lo || v > hi {
		f.failf(column, ErrInvalid, "%q: want %s %d–%d", f.get(column), what, lo, hi)
		return 0, false
	}
	return v, true
}

// count reads a required number from 0 to MaxAreaPopulation (people of
// one district, year and age span: no count of a city is larger).
func (f *csvRows) count(column string) (float64, bool) {
	v, err := strconv.ParseFloat(f.get(column), 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > MaxAreaPopulation {
		f.failf(column, ErrInvalid, "%q: want a number from 0 to %d", f.get(column), MaxAreaPopulation)
		return 0, false
	}
	return v, true
}

// err returns the recorded errors, or nil.
func (f *csvRows) err() error {
	if len(f.errs) > 0 {
		return f.errs
	}
	return nil
}

// districtIDs checks district ids against c (nil: any id is accepted).
type districtIDs struct {
	c  *City
	ix map[string]int
}

func newDistrictIDs(c *City) districtIDs {
	if c == nil {
		return districtIDs{}
	}
	return districtIDs{c: c, ix: districtIndex(c.Districts)}
}

// check reports whether id names a district (always true without a city).
func (d districtIDs) check(id string) bool {
	if d.c == nil {
		return true
	}
	_, ok := d.ix[id]
	return ok
}
