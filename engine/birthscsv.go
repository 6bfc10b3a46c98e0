package engine

import (
	"fmt"
	"io"
	"io/fs"
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
	f, err := newCSVRows(r, name, []string{"district", "year", "births", "women_15_49", "kind"}, []string{"district", "year", "births"})
	if err != nil {
		return nil, err
	}
	ids := newDistrictIDs(c)
	type row struct {
		district      string
		year          Year
		births, women float64
		hasB, hasW    bool
		forecast      bool
		line          int
	}
	var rows []row
	for f.next() {
		r := row{district: f.get("district"), line: f.line}
		if r.district == "" {
			f.failf("district", ErrMissing, "empty")
			continue
		}
		if !ids.check(r.district) {
			f.fail(f.line, "district", fmt.Errorf("%q: %w in the districts layer", r.district, ErrUnknownID))
			continue
		}
		var ok bool
		if r.year, ok = f.year("year"); !ok {
			continue
		}
		if f.get("births") != "" {
			if r.births, ok = f.count("births"); !ok {
				continue
			}
			r.hasB = true
		}
		if f.get("women_15_49") != "" {
			if r.women, ok = f.count("women_15_49"); !ok {
				continue
			}
			r.hasW = true
		}
		if !r.hasB && !r.hasW {
			f.failf("births", ErrMissing, "empty (give births, or women_15_49 for a year to forecast)")
			continue
		}
		switch k := f.get("kind"); k {
		case "", "observed":
		case "forecast":
			r.forecast = true
		default:
			f.failf("kind", ErrInvalid, "%q: want observed or forecast", k)
			continue
		}
		if r.forecast && !r.hasB {
			f.failf("births", ErrMissing, "a forecast row gives births")
			continue
		}
		rows = append(rows, r)
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &RowError{File: name, Line: 2, Err: fmt.Errorf("%w: no births rows", ErrMissing)}
	}
	b := &Births{FirstYear: rows[0].year, LastYear: rows[0].year, ByDistrict: map[string]*BirthSeries{}}
	for _, r := range rows {
		b.FirstYear, b.LastYear = min(b.FirstYear, r.year), max(b.LastYear, r.year)
	}
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
	ids2 := make([]string, 0, len(b.ByDistrict))
	for id := range b.ByDistrict {
		ids2 = append(ids2, id)
	}
	slices.Sort(ids2)
	for _, id := range ids2 {
		s := b.ByDistrict[id]
		last := s.LastObserved(b.FirstYear)
		for i := range s.Forecast {
			if s.Forecast[i] && b.FirstYear+Year(i) < last {
				f.fail(0, "kind", fmt.Errorf("%w: district %q: forecast births in %d come before observed births in %d", ErrInvalid, id, b.FirstYear+Year(i), last))
				break
			}
		}
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return b, nil
}
