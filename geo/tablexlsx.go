package geo

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// DecodeXLSX reads a point table from the first worksheet of an Excel
// workbook (or the one opts.Sheet names) into features of the form Decode
// gives for GeoJSON, checked against spec in the same way. name is used in
// errors, which also name the sheet and the row as Excel numbers it.
//
// Row 1 is the header. The coordinate columns are found by opts (see
// TableOptions) and must hold numeric cells; every other column becomes a
// property named by its header. Numeric cells become float64 (a date is
// its serial number), text cells strings, boolean cells bool; a formula
// cell gives its cached value, and a formula without one (a workbook
// written by a program that did not calculate it) is an error, as is an
// error value such as #DIV/0!. Empty cells are left out of Props; an empty
// row among the data is an error. Feature.Row is the sheet's row number,
// Feature.Index counts data rows from 0.
func DecodeXLSX(name string, data []byte, spec Spec, opts *TableOptions) ([]Feature, error) {
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit(len(data))})
	if err != nil {
		return nil, Errors{&FeatureError{File: name, Index: -1, Err: fmt.Errorf("%w: the file is not an Excel workbook (.xlsx) or is damaged", ErrTable)}}
	}
	defer wb.Close()
	sheet, err := xlsxSheet(wb, opts)
	if err != nil {
		return nil, Errors{&FeatureError{File: name, Index: -1, Err: err}}
	}
	rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, Errors{&FeatureError{File: name, Index: -1, Err: fmt.Errorf("%w: sheet %q cannot be read", ErrTable, sheet)}}
	}
	t := &table{name: fmt.Sprintf("%s (sheet %q)", name, sheet), check: nil,
		colName: func(j int) string { c, _ := excelize.ColumnNumberToName(j + 1); return "column " + c }}
	t.check = newRecordChecker(t.name, t.name, spec, true)
	if len(rows) == 0 || len(rows[0]) == 0 {
		return nil, Errors{&FeatureError{File: t.name, Index: -1, Row: 1, Err: fmt.Errorf("%w: row 1 is empty; want the header", ErrTable)}}
	}
	x := xlsxRows{wb: wb, sheet: sheet}
	if errs := t.setHeader(x.header(rows[0]), 1, opts); len(errs) > 0 {
		return nil, errs
	}
	var cells []tableCell
	for r := 1; r < len(rows); r++ {
		cells = x.cells(cells[:0], rows[r], r+1, len(t.header))
		t.addRow(cells, r+1)
	}
	return t.result()
}

// unzipLimit bounds what a workbook of n bytes may unpack to. The zip
// directory states each part's size and the workbook reader reserves that
// much memory before reading, so a damaged or hostile file could claim
// gigabytes; worksheet XML compresses some 10 to 30 times, so 200 times the
// file (and at least 64 MiB) leaves room for any real table.
func unzipLimit(n int) int64 {
	return max(64<<20, 200*int64(n))
}

// xlsxSheet picks the sheet to read.
func xlsxSheet(wb *excelize.File, opts *TableOptions) (string, error) {
	list := wb.GetSheetList()
	if opts == nil || opts.Sheet == "" {
		if len(list) == 0 {
			return "", fmt.Errorf("%w: the workbook has no sheet", ErrTable)
		}
		return list[0], nil
	}
	for _, s := range list {
		if s == opts.Sheet {
			return s, nil
		}
	}
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return "", fmt.Errorf("%w: no sheet %q; the workbook has %s", ErrTable, opts.Sheet, strings.Join(q, ", "))
}

// xlsxRows types the cells of one sheet.
type xlsxRows struct {
	wb    *excelize.File
	sheet string
}

// header returns the header texts as written.
func (x xlsxRows) header(row []string) []string {
	return append([]string(nil), row...)
}

// cells types the cells of sheet row r (1-based) from their raw values,
// looking at least at the first width columns so that a formula without
// cached value is seen even where the row's values end.
func (x xlsxRows) cells(dst []tableCell, raw []string, r, width int) []tableCell {
	for j := 0; j < max(len(raw), width); j++ {
		text := ""
		if j < len(raw) {
			text = raw[j]
		}
		ref, _ := excelize.CoordinatesToCellName(j+1, r)
		dst = append(dst, x.cell(ref, text))
	}
	return dst
}

func (x xlsxRows) cell(ref, text string) tableCell {
	if text == "" {
		if f, _ := x.wb.GetCellFormula(x.sheet, ref); f != "" {
			return tableCell{text: "=" + f, err: fmt.Errorf("%w: the formula =%s has no saved value; open and save the workbook in Excel, or paste the values", ErrTable, f)}
		}
		return tableCell{}
	}
	typ, err := x.wb.GetCellType(x.sheet, ref)
	if err != nil {
		return tableCell{text: text, err: fmt.Errorf("%w: cell %s cannot be read", ErrTable, ref)}
	}
	switch typ {
	case excelize.CellTypeBool:
		switch strings.ToUpper(text) {
		case "1", "TRUE":
			return tableCell{v: true, text: text}
		case "0", "FALSE":
			return tableCell{v: false, text: text}
		}
		return tableCell{text: text, err: fmt.Errorf("%w: boolean cell holds %q", ErrTable, text)}
	case excelize.CellTypeError:
		return tableCell{text: text, err: fmt.Errorf("%w: the cell holds the error %s", ErrTable, text)}
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		v, perr := strconv.ParseFloat(text, 64)
		if perr != nil {
			return tableCell{text: text, err: fmt.Errorf("%w: numeric cell holds %q", ErrTable, text)}
		}
		return tableCell{v: v, text: text}
	}
	return tableCell{v: text, text: text}
}
