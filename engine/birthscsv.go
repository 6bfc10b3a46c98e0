package engine

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
)

// BirthsFile is the optional births by district and year.
const BirthsFile = "births.csv"

// Births is births.csv: live births by district and year, observed or
// forecast, and optionally the women aged 15–49 (for a births rate).
type Births struct {
	FirstYear, LastYear Year
	// ByDistrict maps a district id to its series over FirstYear..LastYear.
	ByDistrict map[string]*BirthSeries
}

// BirthSeries is one district's births; slices are indexed by year −
// Births.FirstYear.
type BirthSeries struct {
	Births    []float64
	HasBirths []bool
	// Forecast marks births that are a forecast (kind "forecast"), not a
	// count; forecast years come after every observed year.
	Forecast []bool
	Women    []float64 // women aged 15–49
	HasWomen []bool
}

// LastObserved is the last year with observed (not forecast) births, or 0.
func (s *BirthSeries) LastObserved(first Year) Year {
	for i := len(s.Births) - 1; i >= 0; i-- {
		if s.HasBirths[i] && !s.Forecast[i] {
			return first + Year(i)
		}
	}
	return 0
}

// Lookup returns district's births in year y and whether they are given.
func (b *Births) Lookup(district string, y Year) (float64, bool) {
	if b == nil {
		return 0, false
	}
	s := b.ByDistrict[district]
	if s == nil || y < b.FirstYear || y > b.LastYear {
		return 0, false
	}
	i := int(y - b.FirstYear)
	return s.Births[i], s.HasBirths[i]
}

// ReadBirthsCSV reads births.csv from fsys.
func ReadBirthsCSV(fsys fs.FS, file, name string, c *City) (*Births, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, &RowError{File: name, Line: 0, Err: err}
	}
	defer f.Close()
	return DecodeBirthsCSV(f, name, c)
}

// DecodeBirthsCSV reads births.csv: columns district, year, births and
// optionally women_15_49 and kind (observed, the default, or forecast). A row
// gives births, women_15_49 or both: a future year may give only the women,
// and the forecast then applies a births rate to them. Forecast births come
// after every observed year of their district. District ids must name
// districts of c (any id when c is nil). name is used in errors.
func DecodeBirthsCSV(r io.Reader, name string, c *City) (*Births, error) {
	f, err := newCSVReader(r, name, birthsHeader)
	if err != nil {
		return nil, err
	}
	ids := newDistrictIDs(c)
	rows := readRows(f, func(f *csvReader) (birthsRow, bool) { return readBirthsRow(f, ids) })
	if err := f.err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, f.noRows("births")
	}
	b := newBirths(rows)
	b.fill(f, rows)
	checkForecastAfterObserved(f, b)
	if err := f.err(); err != nil {
		return nil, err
	}
	return b, nil
}

// birthsHeader is the header births.csv may have.
var birthsHeader = csvHeader{
	allowed:  []string{"district", "year", "births", "women_15_49", "kind"},
	required: []string{"district", "year", "births"},
}

// birthsRow is one row of births.csv.
type birthsRow struct {
	district      string
	year          Year
	births, women float64
	hasB, hasW    bool
	forecast      bool
	line          int
}

// readBirthsRow reads the current row: its district, year, counts and kind.
func readBirthsRow(f *csvReader, ids districtIDs) (birthsRow, bool) {
	r := birthsRow{line: f.line}
	var ok bool
	if r.district, ok = f.district("district", ids); !ok {
		return r, false
	}
	if r.year, ok = f.year("year"); !ok {
		return r, false
	}
	if !readBirthsCounts(f, &r) {
		return r, false
	}
	return r, readBirthsKind(f, &r)
}

// readBirthsCounts reads the current row's births and women_15_49, of
// which one at least is given.
func readBirthsCounts(f *csvReader, r *birthsRow) bool {
	var ok bool
	if f.get("births") != "" {
		if r.births, ok = f.count("births"); !ok {
			return false
		}
		r.hasB = true
	}
	if f.get("women_15_49") != "" {
		if r.women, ok = f.count("women_15_49"); !ok {
			return false
		}
		r.hasW = true
	}
	if !r.hasB && !r.hasW {
		f.failf("births", ErrMissing, "empty (give births, or women_15_49 for a year to forecast)")
		return false
	}
	return true
}

// readBirthsKind reads the current row's kind: observed (the default) or
// forecast, which gives births.
func readBirthsKind(f *csvReader, r *birthsRow) bool {
	switch k := f.get("kind"); k {
	case "", "observed":
	case "forecast":
		r.forecast = true
	default:
		f.failf("kind", ErrInvalid, "%q: want observed or forecast", k)
		return false
	}
	if r.forecast && !r.hasB {
		f.failf("births", ErrMissing, "a forecast row gives births")
		return false
	}
	return true
}

// newBirths is an empty Births spanning the years of rows.
func newBirths(rows []birthsRow) *Births {
	b := &Births{FirstYear: rows[0].year, LastYear: rows[0].year, ByDistrict: map[string]*BirthSeries{}}
	for _, r := range rows {
		b.FirstYear, b.LastYear = min(b.FirstYear, r.year), max(b.LastYear, r.year)
	}
	return b
}

// fill puts each row into its district's series, recording a second row
// for the same district and year.
func (b *Births) fill(f *csvReader, rows []birthsRow) {
	n := int(b.LastYear-b.FirstYear) + 1
	seen := map[string][]bool{}
	for _, r := range rows {
		s := b.ByDistrict[r.district]
		if s == nil {
			s = &BirthSeries{Births: make([]float64, n), HasBirths: make([]bool, n), Forecast: make([]bool, n),
				Women: make([]float64, n), HasWomen: make([]bool, n)}
			b.ByDistrict[r.district] = s
			seen[r.district] = make([]bool, n)
		}
		i := int(r.year - b.FirstYear)
		if seen[r.district][i] {
			f.fail(r.line, "", fmt.Errorf("%w: a second row for district %q year %d", ErrInvalid, r.district, r.year))
			continue
		}
		seen[r.district][i] = true
		s.Births[i], s.HasBirths[i], s.Forecast[i] = r.births, r.hasB, r.forecast
		s.Women[i], s.HasWomen[i] = r.women, r.hasW
	}
}

// checkForecastAfterObserved records, for each district in id order, the
// first forecast year that comes before an observed one.
func checkForecastAfterObserved(f *csvReader, b *Births) {
	for _, id := range slices.Sorted(maps.Keys(b.ByDistrict)) {
		s := b.ByDistrict[id]
		last := s.LastObserved(b.FirstYear)
		for i := range s.Forecast {
			if s.Forecast[i] && b.FirstYear+Year(i) < last {
				f.fail(0, "kind", fmt.Errorf("%w: district %q: forecast births in %d come before observed births in %d", ErrInvalid, id, b.FirstYear+Year(i), last))
				break
			}
		}
	}
}
