package engine

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
)

// maxForecastErrors caps how many row errors one file reports.
const maxForecastErrors = 50

// ReadForecastCSV reads forecast.csv in long form: a header naming the
// columns area or district (one of them, or both with exactly one filled per
// row), year, age and count. Ids must name areas or districts of c; a
// district may have district rows or rows for its areas, not both; a
// (place, year, age) key may appear once. name is used in errors.
func ReadForecastCSV(fsys fs.FS, file, name string, c *City) (*Forecast, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, &RowError{File: name, Line: 0, Err: err}
	}
	defer f.Close()
	return DecodeForecastCSV(f, name, c)
}

type forecastRow struct {
	area, district int // one is -1
	year           Year
	age            int
	count          float64
}

// DecodeForecastCSV is ReadForecastCSV on a reader.
func DecodeForecastCSV(r io.Reader, name string, c *City) (*Forecast, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, &RowError{File: name, Line: 1, Err: fmt.Errorf("%w: no header", ErrMissing)}
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		switch h {
		case "area", "district", "year", "age", "count":
		default:
			return nil, &RowError{File: name, Line: 1, Field: h, Err: fmt.Errorf("%w: unknown column (want area or district, year, age, count)", ErrInvalid)}
		}
		if _, dup := col[h]; dup {
			return nil, &RowError{File: name, Line: 1, Field: h, Err: fmt.Errorf("%w: column given twice", ErrInvalid)}
		}
		col[h] = i
	}
	for _, need := range []string{"year", "age", "count"} {
		if _, ok := col[need]; !ok {
			return nil, &RowError{File: name, Line: 1, Field: need, Err: fmt.Errorf("%w: column missing", ErrMissing)}
		}
	}
	ai, hasArea := col["area"]
	di, hasDistrict := col["district"]
	if !hasArea && !hasDistrict {
		return nil, &RowError{File: name, Line: 1, Field: "area", Err: fmt.Errorf("%w: need an area or district column", ErrMissing)}
	}
	var areaIx map[string]int // built on the first area row
	distIx := districtIndex(c.Districts)

	var errs geo.Errors
	fail := func(line int, field string, err error) {
		if len(errs) < maxForecastErrors {
			errs = append(errs, &RowError{File: name, Line: line, Field: field, Err: err})
		}
	}
	var rows []forecastRow
	line := 1
	for {
		rec, err := cr.Read()
		if err == nil {
			// The true line: blank lines and quoted newlines are not rows.
			line, _ = cr.FieldPos(0)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				fail(pe.Line, "", pe.Err)
			} else {
				fail(line+1, "", err)
			}
			break
		}
		if len(rec) != len(header) {
			fail(line, "", fmt.Errorf("%w: %d fields, header has %d", ErrInvalid, len(rec), len(header)))
			continue
		}
		row := forecastRow{area: -1, district: -1}
		var aid, did string
		if hasArea {
			aid = strings.TrimSpace(rec[ai])
		}
		if hasDistrict {
			did = strings.TrimSpace(rec[di])
		}
		switch {
		case aid != "" && did != "":
			fail(line, "area", fmt.Errorf("%w: give area or district, not both", ErrInvalid))
			continue
		case aid != "":
			if areaIx == nil {
				areaIx = make(map[string]int, len(c.Areas))
				for i := range c.Areas {
					if _, dup := areaIx[c.Areas[i].ID]; !dup { // the first piece of a split area
						areaIx[c.Areas[i].ID] = i
					}
				}
			}
			i, ok := areaIx[aid]
			if !ok {
				fail(line, "area", fmt.Errorf("%q: %w in the areas layer", aid, ErrUnknownID))
				continue
			}
			row.area = i
		case did != "":
			i, ok := distIx[did]
			if !ok {
				fail(line, "district", fmt.Errorf("%q: %w in the districts layer", did, ErrUnknownID))
				continue
			}
			row.district = i
		default:
			field := "area"
			if !hasArea {
				field = "district"
			}
			fail(line, field, fmt.Errorf("%w: empty", ErrMissing))
			continue
		}
		y, err := strconv.Atoi(strings.TrimSpace(rec[col["year"]]))
		if err != nil || y < 1900 || y > 2200 {
			fail(line, "year", fmt.Errorf("%w: %q: want a year between 1900 and 2200", ErrInvalid, rec[col["year"]]))
			continue
		}
		age, err := strconv.Atoi(strings.TrimSpace(rec[col["age"]]))
		if err != nil || age < 0 || age > 120 {
			fail(line, "age", fmt.Errorf("%w: %q: want a whole age 0–120", ErrInvalid, rec[col["age"]]))
			continue
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(rec[col["count"]]), 64)
		if err != nil || math.IsNaN(n) || n < 0 || n > MaxRowChildren {
			fail(line, "count", fmt.Errorf("%w: %q: want a number of children from 0 to %d", ErrInvalid, rec[col["count"]], MaxRowChildren))
			continue
		}
		row.year, row.age, row.count = Year(y), age, n
		rows = append(rows, row)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(rows) == 0 {
		return nil, &RowError{File: name, Line: 2, Err: fmt.Errorf("%w: no forecast rows", ErrMissing)}
	}
	fc := &Forecast{FirstYear: rows[0].year, LastYear: rows[0].year, ByDistrict: map[int]*AgeTable{}, ByArea: map[int]*AgeTable{}}
	for _, r := range rows {
		fc.FirstYear = min(fc.FirstYear, r.year)
		fc.LastYear = max(fc.LastYear, r.year)
		fc.MaxAge = max(fc.MaxAge, r.age)
	}
	cells := fc.Years() * (fc.MaxAge + 1)
	table := func(m map[int]*AgeTable, k int) *AgeTable {
		t := m[k]
		if t == nil {
			t = &AgeTable{Count: make([]float64, cells), Has: make([]bool, cells)}
			m[k] = t
		}
		return t
	}
	areaRowsIn := map[int]bool{} // districts with area rows
	for i, r := range rows {
		var t *AgeTable
		if r.area >= 0 {
			t = table(fc.ByArea, r.area)
			for j := r.area; j < c.pieceEnd(r.area); j++ {
				areaRowsIn[c.Areas[j].District] = true
			}
		} else {
			t = table(fc.ByDistrict, r.district)
		}
		k := fc.Index(r.year, r.age)
		if t.Has[k] {
			fail(i+2, "", fmt.Errorf("%w: a second row for this place, year %d and age %d", ErrInvalid, r.year, r.age))
			continue
		}
		t.Has[k], t.Count[k] = true, r.count
	}
	for d := range fc.ByDistrict {
		if areaRowsIn[d] {
			errs = append(errs, &RowError{File: name, Line: 0, Field: "district",
				Err: fmt.Errorf("%w: district %q has both district rows and area rows; give one or the other", ErrInvalid, c.Districts[d].ID)})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	spreadAreaRows(fc, c)
	return fc, nil
}
