package geo

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DecodeCSV reads a CSV point table into features of the form Decode gives
// for GeoJSON, checked against spec in the same way (a table's geometry is
// always a Point). name is used in errors.
//
// The first record is the header. The coordinate columns are found by
// opts (see TableOptions); every other column becomes a property named by
// its header. A cell holding a plain decimal number (an optional minus,
// digits without a leading zero, an optional fraction: "12", "-0.5",
// "1200.75") becomes a float64; anything else, "007", "1e3" or an integer
// of more than 15 digits included, stays a string, so that codes and ids
// keep their digits. An empty cell is left out of Props. Coordinates take
// any decimal number ("1e3" too). Cells beyond the header must be empty.
//
// Text is UTF-8 (a byte order mark is allowed) unless opts.Encoding says
// GBK or GB18030; bytes invalid in the encoding are an error. Lines may end
// in CRLF. Errors name the line of the record in the file (Feature.Row and
// FeatureError.Row), counting blank lines and line breaks inside quoted
// cells; Feature.Index counts data records from 0.
func DecodeCSV(name string, data []byte, spec Spec, opts *TableOptions) ([]Feature, error) {
	var enc Encoding
	if opts != nil {
		enc = opts.Encoding
	}
	text, err := csvText(data, enc)
	if err != nil {
		return nil, Errors{&FeatureError{File: name, Index: -1, Err: err}}
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t := &table{name: name, check: newRecordChecker(name, name, spec, true),
		colName: func(j int) string { return "column " + strconv.Itoa(j+1) }}
	header, line, err := readCSVHeader(name, r)
	if err != nil {
		return nil, Errors{err}
	}
	if errs := t.setHeader(header, line, opts); len(errs) > 0 {
		return nil, errs
	}
	t.readCSVRows(r)
	return t.result()
}

// readCSVHeader reads the header record, and the line it is on.
func readCSVHeader(name string, r *csv.Reader) ([]string, int, error) {
	rec, err := r.Read()
	switch {
	case errors.Is(err, io.EOF):
		return nil, 0, &FeatureError{File: name, Index: -1, Err: fmt.Errorf("%w: the file is empty; want a header row", ErrTable)}
	case err != nil:
		return nil, 0, csvError(name, err)
	}
	line, _ := r.FieldPos(0)
	return append([]string(nil), rec...), line, nil
}

// readCSVRows turns the data records into features.
func (t *table) readCSVRows(r *csv.Reader) {
	var cells []tableCell
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.check.errs = append(t.check.errs, csvError(t.name, err))
			return
		}
		line, _ := r.FieldPos(0)
		cells = cells[:0]
		for j, s := range rec {
			cells = append(cells, csvCell(s, j == t.lon || j == t.lat))
		}
		t.addRow(cells, line)
	}
}

// csvText returns data as UTF-8 without byte order mark.
func csvText(data []byte, enc Encoding) ([]byte, error) {
	if enc != UTF8 {
		s, err := decodeText(data, enc)
		return []byte(s), err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		bad := len(data)
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				bad = i
				break
			}
			i += n
		}
		line := 1 + bytes.Count(data[:bad], []byte("\n"))
		return nil, fmt.Errorf("%w: line %d is not valid UTF-8; if the file is GBK, say so with the table's encoding (in city.yaml: layers.LAYER.encoding: GBK)", ErrEncoding, line)
	}
	return data, nil
}

// csvError words a parse error of encoding/csv for a planner.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &FeatureError{File: name, Index: -1, Err: err}
	}
	msg := "the record cannot be read"
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = "a double quote inside an unquoted cell; quote the whole cell and double the quote"
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = "a quoted cell is not closed, or text follows its closing quote"
	}
	return &FeatureError{File: name, Index: -1, Row: pe.Line, Err: fmt.Errorf("%w: at character %d: %s", ErrTable, pe.Column, msg)}
}

// csvCell types one CSV cell; coord cells take any decimal number.
func csvCell(s string, coord bool) tableCell {
	if s == "" {
		return tableCell{}
	}
	if coord {
		if isDBFNumber(s) {
			if v, err := strconv.ParseFloat(s, 64); err == nil {
				return tableCell{v: v, text: s}
			}
		}
		return tableCell{v: s, text: s}
	}
	if isPlainDecimal(s) {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return tableCell{v: v, text: s}
		}
	}
	return tableCell{v: s, text: s}
}

// isPlainDecimal accepts -?(0|[1-9][0-9]*)(\.[0-9]+)? with at most 15
// digits before the point when there is no fraction (an integer of more
// digits may not survive float64).
func isPlainDecimal(s string) bool {
	whole, frac, hasFrac := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if whole == "" || !allDigits(whole) || (len(whole) > 1 && whole[0] == '0') {
		return false
	}
	if !hasFrac {
		return len(whole) <= 15
	}
	return frac != "" && allDigits(frac)
}
