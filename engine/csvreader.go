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

// maxForecastErrors caps how many row errors one file reports.
const maxForecastErrors = 50

// csvReader reads a long-form CSV file with a header row: forecast.csv and
// the demography files (population.csv, births.csv, enrolment.csv,
// survival.csv). It finds columns by name, reads the kinds of value these
// files share, and keeps every row error (up to maxForecastErrors) as a
// RowError naming the file, the line and the field. Lines are the file's
// own (csv.Reader.FieldPos): blank lines and newlines inside quoted fields
// count, as in an editor.
type csvReader struct {
	name  string
	cr    *csv.Reader
	width int // fields of the header
	col   map[string]int
	// headerLine is the line of the header (after any blank lines), line
	// the line of the current row.
	headerLine, line int
	rec              []string
	// quoteAsGiven makes messages quote a bad value as the file gives it,
	// spaces included, rather than trimmed (forecast.csv's messages).
	quoteAsGiven bool
	errs         geo.Errors
}

// csvHeader is the header a file may have.
type csvHeader struct {
	allowed  []string // every column the file may have
	required []string // the columns it must have
	// want lists the allowed columns in the message about an unknown
	// column ("" = allowed, comma-separated).
	want string
}

// newCSVReader reads the header: every column must be one of h.allowed
// (and given once), and every column of h.required must be there.
func newCSVReader(r io.Reader, name string, h csvHeader) (*csvReader, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	f := &csvReader{name: name, cr: cr, col: map[string]int{}, headerLine: 1, line: 1}
	header, err := cr.Read()
	if err != nil {
		return nil, f.headerError("", ErrMissing, "no header")
	}
	f.headerLine, _ = cr.FieldPos(0)
	f.line = f.headerLine
	f.width = len(header)
	if err := f.columns(header, h); err != nil {
		return nil, err
	}
	return f, nil
}

// columns maps each column name of header (trimmed, without a byte-order
// mark) to its index, checking it against h.
func (f *csvReader) columns(header []string, h csvHeader) error {
	for i, column := range header {
		column = strings.TrimSpace(strings.TrimPrefix(column, "\ufeff"))
		if !slices.Contains(h.allowed, column) {
			want := h.want
			if want == "" {
				want = strings.Join(h.allowed, ", ")
			}
			return f.headerError(column, ErrInvalid, "unknown column (want %s)", want)
		}
		if f.has(column) {
			return f.headerError(column, ErrInvalid, "column given twice")
		}
		f.col[column] = i
	}
	for _, need := range h.required {
		if !f.has(need) {
			return f.headerError(need, ErrMissing, "column missing")
		}
	}
	return nil
}

// headerError is a problem of the header line, in column field ("" for the
// whole line).
func (f *csvReader) headerError(field string, sentinel error, format string, args ...any) error {
	return &RowError{File: f.name, Line: f.headerLine, Field: field, Err: fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))}
}

// noRows is the error of a file with a header but no rows, on the line
// after the header; what names the rows ("forecast", "population", …).
func (f *csvReader) noRows(what string) error {
	return &RowError{File: f.name, Line: f.headerLine + 1, Err: fmt.Errorf("%w: no %s rows", ErrMissing, what)}
}

// next reads the next row into f.rec; false at the end or on a CSV syntax
// error (recorded). Rows with the wrong number of fields are recorded and
// skipped. The row's strings stay valid after the next call; f.rec does not.
func (f *csvReader) next() bool {
	for {
		rec, err := f.cr.Read()
		if err == io.EOF {
			return false
		}
		if err != nil {
			f.readError(err)
			return false
		}
		f.line, _ = f.cr.FieldPos(0)
		if len(rec) == f.width {
			f.rec = rec
			return true
		}
		f.fail(f.line, "", fmt.Errorf("%w: %d fields, header has %d", ErrInvalid, len(rec), f.width))
	}
}

// readRows reads every row of f with read, keeping the rows it accepts
// (read records the problems of the others).
func readRows[T any](f *csvReader, read func(*csvReader) (T, bool)) []T {
	var rows []T
	for f.next() {
		if r, ok := read(f); ok {
			rows = append(rows, r)
		}
	}
	return rows
}

// readError records an error that ends the reading: a CSV syntax error at
// its own line, anything else (a read error) after the last row.
func (f *csvReader) readError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		f.fail(pe.Line, "", pe.Err)
		return
	}
	f.fail(f.line+1, "", err)
}

// fail records an error at line, up to maxForecastErrors.
func (f *csvReader) fail(line int, field string, err error) {
	if len(f.errs) < maxForecastErrors {
		f.errs = append(f.errs, &RowError{File: f.name, Line: line, Field: field, Err: err})
	}
}

// failf records an error on the current line.
func (f *csvReader) failf(field string, sentinel error, format string, args ...any) {
	f.fail(f.line, field, fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...)))
}

// unknownID records that the current row's id in field names nothing in
// the layer ("districts", "areas", "schools").
func (f *csvReader) unknownID(field, id, layer string) {
	f.fail(f.line, field, fmt.Errorf("%q: %w in the %s layer", id, ErrUnknownID, layer))
}

// err returns the recorded errors, or nil.
func (f *csvReader) err() error {
	if len(f.errs) > 0 {
		return f.errs
	}
	return nil
}

// has reports whether the header names column.
func (f *csvReader) has(column string) bool {
	_, ok := f.col[column]
	return ok
}

// get is the trimmed value of column in the current row ("" when the
// column is absent).
func (f *csvReader) get(column string) string {
	i, ok := f.col[column]
	if !ok {
		return ""
	}
	return strings.TrimSpace(f.rec[i])
}

// shown is the value of column as a message quotes it (see quoteAsGiven).
func (f *csvReader) shown(column string) string {
	if i, ok := f.col[column]; ok && f.quoteAsGiven {
		return f.rec[i]
	}
	return f.get(column)
}

// year reads a required year 1900–2200.
func (f *csvReader) year(column string) (Year, bool) {
	y, err := strconv.Atoi(f.get(column))
	if err != nil || y < 1900 || y > 2200 {
		f.failf(column, ErrInvalid, "%q: want a year between 1900 and 2200", f.shown(column))
		return 0, false
	}
	return Year(y), true
}

// intIn reads a required integer in lo..hi; what names it in messages ("a
// whole age").
func (f *csvReader) intIn(column string, lo, hi int, what string) (int, bool) {
	v, err := strconv.Atoi(f.get(column))
	if err != nil || v < lo || v > hi {
		f.failf(column, ErrInvalid, "%q: want %s %d–%d", f.shown(column), what, lo, hi)
		return 0, false
	}
	return v, true
}

// number reads a required number from 0 to hi; what names it in messages
// ("a number of children").
func (f *csvReader) number(column string, hi int, what string) (float64, bool) {
	v, err := strconv.ParseFloat(f.get(column), 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > float64(hi) {
		f.failf(column, ErrInvalid, "%q: want %s from 0 to %d", f.shown(column), what, hi)
		return 0, false
	}
	return v, true
}

// count reads a required number from 0 to MaxAreaPopulation (people of
// one district, year and age span: no count of a city is larger).
func (f *csvReader) count(column string) (float64, bool) {
	return f.number(column, MaxAreaPopulation, "a number")
}

// district reads a required district id, which must name a district of ids.
func (f *csvReader) district(column string, ids districtIDs) (string, bool) {
	id := f.get(column)
	if id == "" {
		f.failf(column, ErrMissing, "empty")
		return "", false
	}
	if !ids.check(id) {
		f.unknownID(column, id, "districts")
		return "", false
	}
	return id, true
}

// districtIDs checks district ids against c (nil: any id is accepted).
type districtIDs struct {
	c  *City
	ix map[string]int
}

// newDistrictIDs checks ids against the districts of c (nil: any id).
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
