package geo

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// TableOptions tunes the point-table readers DecodeCSV and DecodeXLSX. A
// nil *TableOptions and every zero field mean the defaults.
type TableOptions struct {
	// Lon and Lat name the coordinate columns (case ignored). "" means the
	// one column named lon, lng, longitude or x (for Lat: lat, latitude or
	// y); none or two of them is an error.
	Lon, Lat string
	// Sheet is the XLSX worksheet to read; "" means the first.
	Sheet string
	// Encoding is the text encoding of a CSV file; the zero value is UTF-8
	// (a byte order mark is allowed). XLSX text is always Unicode.
	Encoding Encoding
}

// ErrTable is wrapped by errors about the layout of a point table: its
// header, its coordinate columns, cells outside the header.
var ErrTable = errors.New("geo: bad table")

var (
	lonNames = []string{"lon", "lng", "longitude", "x"}
	latNames = []string{"lat", "latitude", "y"}
)

// tableCell is one cell read from a table: v is nil when the cell is empty,
// text is what the file holds (for ids and messages), err a problem with
// the cell itself.
type tableCell struct {
	v    any
	text string
	err  error
}

// table turns header and data rows of any table format into features.
type table struct {
	name     string // file name for errors (with the sheet for XLSX)
	colName  func(j int) string
	header   []string
	lon, lat int
	check    *recordChecker
	feats    []Feature
	n        int // data rows seen
	// A run of empty rows not yet reported: rows emptyRow to lastEmpty.
	emptyRow, lastEmpty, emptyIdx int
}

// setHeader reads the header row (spreadsheet row or CSV line row) and finds
// the coordinate columns.
func (t *table) setHeader(cells []string, row int, opts *TableOptions) Errors {
	t.header = cells
	t.check.columns = cells
	errs := t.repeatedHeaders(row)
	lonWant, latWant := coordinateNames(opts)
	var err error
	if t.lon, err = t.findColumn(lonWant, "longitude"); err != nil {
		errs = append(errs, t.headerError(row, "", "%v", err))
	}
	if t.lat, err = t.findColumn(latWant, "latitude"); err != nil {
		errs = append(errs, t.headerError(row, "", "%v", err))
	}
	if len(errs) == 0 && t.lon == t.lat {
		errs = append(errs, t.headerError(row, t.header[t.lon], "one column cannot hold both longitude and latitude"))
	}
	return errs
}

// headerError is a problem with the header row.
func (t *table) headerError(row int, field, format string, args ...any) *FeatureError {
	return &FeatureError{File: t.name, Index: -1, Row: row, Field: field, Err: fmt.Errorf("%w: "+format, append([]any{ErrTable}, args...)...)}
}

// repeatedHeaders reports each header that names two columns.
func (t *table) repeatedHeaders(row int) Errors {
	var errs Errors
	seen := make(map[string]int)
	for j, h := range t.header {
		if h == "" {
			continue
		}
		if k, dup := seen[h]; dup {
			errs = append(errs, t.headerError(row, h, "two columns have this header (%s and %s)", t.colName(k), t.colName(j)))
		}
		seen[h] = j
	}
	return errs
}

// coordinateNames returns the headers the longitude and latitude columns
// may have: the ones opts names, or the usual ones.
func coordinateNames(opts *TableOptions) (lon, lat []string) {
	lon, lat = lonNames, latNames
	if opts != nil && opts.Lon != "" {
		lon = []string{opts.Lon}
	}
	if opts != nil && opts.Lat != "" {
		lat = []string{opts.Lat}
	}
	return lon, lat
}

// findColumn returns the only column whose header matches one of names,
// ignoring case.
func (t *table) findColumn(names []string, what string) (int, error) {
	found := -1
	for j, h := range t.header {
		for _, n := range names {
			if !strings.EqualFold(h, n) {
				continue
			}
			if found >= 0 {
				return -1, fmt.Errorf("columns %q and %q could both be the %s; name the one to use", t.header[found], h, what)
			}
			found = j
		}
	}
	if found < 0 {
		return -1, fmt.Errorf("no %s column: want a header named %s", what, orList(names))
	}
	return found, nil
}

func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// rowRead is what the cells of one data row gave.
type rowRead struct {
	probs []problem
	idLit string
	xy    orb.Point
	got   [2]bool // longitude, latitude read
	empty bool    // no cell has a value
}

// addRow turns one data row into a feature, or into problems.
func (t *table) addRow(cells []tableCell, row int) {
	idx := t.n
	t.n++
	f := Feature{File: t.name, Index: idx, Row: row}
	rr := t.readCells(&f, cells)
	if rr.empty {
		t.noteEmpty(row, idx)
		return
	}
	t.flushEmpty()
	t.checkCoordinates(cells, &rr)
	if rr.got[0] && rr.got[1] {
		f.Geometry = rr.xy
	}
	if t.check.check(&f, rr.idLit, rr.probs) && len(t.check.errs) == 0 {
		t.feats = append(t.feats, f)
	}
}

// noteEmpty adds an empty row, the idx-th data row, to the run of empty
// rows not yet reported.
func (t *table) noteEmpty(row, idx int) {
	if t.emptyRow == 0 {
		t.emptyRow, t.emptyIdx = row, idx
	}
	t.lastEmpty = row
}

// checkCoordinates adds a problem for each coordinate cell that is empty.
func (t *table) checkCoordinates(cells []tableCell, rr *rowRead) {
	for k, col := range []int{t.lon, t.lat} {
		if !rr.got[k] && (col >= len(cells) || (cells[col].v == nil && cells[col].err == nil)) {
			rr.probs = append(rr.probs, problem{field: t.header[col], err: fmt.Errorf("%w: the cell is empty, want a number", ErrNoGeometry)})
		}
	}
}

// readCells sets f.Props from the cells and reads the coordinates.
func (t *table) readCells(f *Feature, cells []tableCell) rowRead {
	rr := rowRead{empty: true}
	for j, c := range cells {
		if c.v == nil && c.err == nil {
			continue
		}
		rr.empty = false
		t.readCell(f, &rr, j, c)
	}
	return rr
}

// readCell reads cell c of column j, which has a value or an error.
func (t *table) readCell(f *Feature, rr *rowRead, j int, c tableCell) {
	h := ""
	if j < len(t.header) {
		h = t.header[j]
	}
	switch {
	case h == "":
		rr.probs = append(rr.probs, problem{field: t.colName(j), err: fmt.Errorf("%w: a value in a column without header", ErrTable)})
	case c.err != nil:
		rr.probs = append(rr.probs, problem{field: h, err: c.err})
	case j == t.lon:
		rr.xy[0], rr.got[0] = t.coordinate(c, h, &rr.probs)
	case j == t.lat:
		rr.xy[1], rr.got[1] = t.coordinate(c, h, &rr.probs)
	default:
		if f.Props == nil {
			f.Props = make(map[string]any, len(t.header))
		}
		f.Props[h] = c.v
		if h == t.check.idField {
			rr.idLit = c.text
		}
	}
}

// coordinate reads a coordinate cell, which must hold a number.
func (t *table) coordinate(c tableCell, h string, probs *[]problem) (float64, bool) {
	if v, ok := c.v.(float64); ok {
		return v, true
	}
	*probs = append(*probs, problem{field: h, err: fmt.Errorf("%w: want a number, got %q", ErrGeometry, c.text)})
	return 0, false
}

// flushEmpty reports a run of empty rows as one problem.
func (t *table) flushEmpty() {
	if t.emptyRow == 0 {
		return
	}
	err := fmt.Errorf("%w: the row is empty; delete it or fill it in", ErrTable)
	if t.lastEmpty > t.emptyRow {
		err = fmt.Errorf("%w: rows %d to %d are empty; delete them or fill them in", ErrTable, t.emptyRow, t.lastEmpty)
	}
	t.check.errs = append(t.check.errs, &FeatureError{File: t.name, Index: t.emptyIdx, Row: t.emptyRow, Err: err})
	t.emptyRow = 0
}

func (t *table) result() ([]Feature, error) {
	t.flushEmpty()
	if len(t.check.errs) > 0 {
		return nil, t.check.errs
	}
	return t.feats, nil
}
