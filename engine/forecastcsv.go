package engine

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
)

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

// forecastHeader is the header forecast.csv may have.
var forecastHeader = csvHeader{
	allowed:  []string{"area", "district", "year", "age", "count"},
	required: []string{"year", "age", "count"},
	want:     "area or district, year, age, count",
}

// forecastRow is one row of forecast.csv. Its indexes are int32 so that
// the row, line included, takes 40 bytes: a large city's file has millions
// of rows.
type forecastRow struct {
	area, district int32 // one is -1
	age            int32
	year           Year
	count          float64
	line           int
}

// DecodeForecastCSV is ReadForecastCSV on a reader.
func DecodeForecastCSV(r io.Reader, name string, c *City) (*Forecast, error) {
	f, err := newCSVReader(r, name, forecastHeader)
	if err != nil {
		return nil, err
	}
	f.quoteAsGiven = true
	if !f.has("area") && !f.has("district") {
		return nil, f.headerError("area", ErrMissing, "need an area or district column")
	}
	places := forecastPlaces{c: c, districts: districtIndex(c.Districts)}
	rows := readRows(f, places.readRow)
	if err := f.err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, f.noRows("forecast")
	}
	fc := newForecast(rows)
	areaRowsIn := fillForecast(f, fc, rows, c)
	checkDistrictOrAreaRows(f, fc, areaRowsIn, c)
	if err := f.err(); err != nil {
		return nil, err
	}
	spreadAreaRows(fc, c)
	return fc, nil
}

// readRow reads the current row: its place, year, age and count.
func (p *forecastPlaces) readRow(f *csvReader) (forecastRow, bool) {
	row := forecastRow{line: f.line}
	area, district, ok := p.resolve(f)
	if !ok {
		return row, false
	}
	row.area, row.district = int32(area), int32(district)
	if row.year, ok = f.year("year"); !ok {
		return row, false
	}
	age, ok := f.intIn("age", 0, 120, "a whole age")
	if !ok {
		return row, false
	}
	row.age = int32(age)
	row.count, ok = f.number("count", MaxRowChildren, "a number of children")
	return row, ok
}

// forecastPlaces finds the area or district a forecast row names.
type forecastPlaces struct {
	c         *City
	areas     map[string]int // built on the first area row
	districts map[string]int
}

// resolve reads the current row's area or district column (one filled) and
// returns the index of the place (the other index is -1).
func (p *forecastPlaces) resolve(f *csvReader) (area, district int, ok bool) {
	aid, did := f.get("area"), f.get("district")
	switch {
	case aid != "" && did != "":
		f.failf("area", ErrInvalid, "give area or district, not both")
	case aid != "":
		i, ok := p.area(aid)
		if !ok {
			f.unknownID("area", aid, "areas")
		}
		return i, -1, ok
	case did != "":
		i, ok := p.districts[did]
		if !ok {
			f.unknownID("district", did, "districts")
		}
		return -1, i, ok
	default:
		field := "area"
		if !f.has("area") {
			field = "district"
		}
		f.failf(field, ErrMissing, "empty")
	}
	return -1, -1, false
}

// area returns the index of area id: its first piece when split.
func (p *forecastPlaces) area(id string) (int, bool) {
	if p.areas == nil {
		p.areas = make(map[string]int, len(p.c.Areas))
		for i := range p.c.Areas {
			if _, dup := p.areas[p.c.Areas[i].ID]; !dup { // the first piece of a split area
				p.areas[p.c.Areas[i].ID] = i
			}
		}
	}
	i, ok := p.areas[id]
	return i, ok
}

// newForecast is an empty forecast spanning the years and ages of rows.
func newForecast(rows []forecastRow) *Forecast {
	fc := &Forecast{FirstYear: rows[0].year, LastYear: rows[0].year, ByDistrict: map[int]*AgeTable{}, ByArea: map[int]*AgeTable{}}
	for _, r := range rows {
		fc.FirstYear = min(fc.FirstYear, r.year)
		fc.LastYear = max(fc.LastYear, r.year)
		fc.MaxAge = max(fc.MaxAge, int(r.age))
	}
	return fc
}

// fillForecast puts each row into its place's table, recording a second row
// for the same place, year and age. It returns the districts that have area
// rows.
func fillForecast(f *csvReader, fc *Forecast, rows []forecastRow, c *City) map[int]bool {
	cells := fc.Years() * (fc.MaxAge + 1)
	areaRowsIn := map[int]bool{}
	for _, r := range rows {
		var t *AgeTable
		if area := int(r.area); area >= 0 {
			t = ageTable(fc.ByArea, area, cells)
			for j := area; j < c.pieceEnd(area); j++ {
				areaRowsIn[c.Areas[j].District] = true
			}
		} else {
			t = ageTable(fc.ByDistrict, int(r.district), cells)
		}
		k := fc.Index(r.year, int(r.age))
		if t.Has[k] {
			f.fail(r.line, "", fmt.Errorf("%w: a second row for this place, year %d and age %d", ErrInvalid, r.year, r.age))
			continue
		}
		t.Has[k], t.Count[k] = true, r.count
	}
	return areaRowsIn
}

// ageTable returns place k's table of m, made with cells cells on first use.
func ageTable(m map[int]*AgeTable, k, cells int) *AgeTable {
	t := m[k]
	if t == nil {
		t = &AgeTable{Count: make([]float64, cells), Has: make([]bool, cells)}
		m[k] = t
	}
	return t
}

// checkDistrictOrAreaRows records each district that has both district
// rows and rows for its areas (areaRowsIn), in district order.
func checkDistrictOrAreaRows(f *csvReader, fc *Forecast, areaRowsIn map[int]bool, c *City) {
	for _, d := range slices.Sorted(maps.Keys(fc.ByDistrict)) {
		if areaRowsIn[d] {
			f.errs = append(f.errs, &RowError{File: f.name, Line: 0, Field: "district",
				Err: fmt.Errorf("%w: district %q has both district rows and area rows; give one or the other", ErrInvalid, c.Districts[d].ID)})
		}
	}
}
