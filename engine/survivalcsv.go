package engine

import (
	"io"
	"io/fs"
	"math"
	"strconv"
)

// SurvivalFile is the optional table of age-specific survival/migration
// ratios of the cohort forecast.
const SurvivalFile = "survival.csv"

// Survival is survival.csv: for each age a, the ratio of children of age a
// in year y+1 to children of age a−1 in year y (for age 0: children aged 0
// to the births of the same year) — survival and net migration together.
// Rows without a district apply to every district; a district's own row
// wins.
type Survival struct {
	All        map[int]float64
	ByDistrict map[string]map[int]float64
}

// Ratio returns the ratio of age in district and whether the file gives one.
func (s *Survival) Ratio(district string, age int) (float64, bool) {
	if s == nil {
		return 0, false
	}
	if r, ok := s.ByDistrict[district][age]; ok {
		return r, true
	}
	r, ok := s.All[age]
	return r, ok
}

// MaxSurvivalRatio bounds a survival/migration ratio: a cohort may at most
// triple in a year.
const MaxSurvivalRatio = 3

// ReadSurvivalCSV reads survival.csv from fsys.
func ReadSurvivalCSV(fsys fs.FS, file, name string, c *City) (*Survival, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, &RowError{File: name, Line: 0, Err: err}
	}
	defer f.Close()
	return DecodeSurvivalCSV(f, name, c)
}

// DecodeSurvivalCSV reads survival.csv: columns age (0–120), ratio (> 0, at
// most MaxSurvivalRatio) and optionally district (empty: every district).
// District ids must name districts of c (any id when c is nil). name is used
// in errors.
func DecodeSurvivalCSV(r io.Reader, name string, c *City) (*Survival, error) {
	f, err := newCSVReader(r, name, survivalHeader)
	if err != nil {
		return nil, err
	}
	ids := newDistrictIDs(c)
	s := &Survival{All: map[int]float64{}, ByDistrict: map[string]map[int]float64{}}
	rows := 0
	for f.next() {
		if s.readRow(f, ids) {
			rows++
		}
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	if rows == 0 {
		return nil, f.noRows("survival")
	}
	return s, nil
}

// survivalHeader is the header survival.csv may have.
var survivalHeader = csvHeader{
	allowed:  []string{"district", "age", "ratio"},
	required: []string{"age", "ratio"},
}

// readRow reads the current row into s: false when it is bad (recorded).
func (s *Survival) readRow(f *csvReader, ids districtIDs) bool {
	did := f.get("district")
	if did != "" && !ids.check(did) {
		f.unknownID("district", did, "districts")
		return false
	}
	age, ok := f.intIn("age", 0, 120, "a whole age")
	if !ok {
		return false
	}
	v, ok := survivalRatio(f)
	if !ok {
		return false
	}
	m := s.ratios(did)
	if _, dup := m[age]; dup {
		f.failf("", ErrInvalid, "a second row for district %q age %d", did, age)
		return false
	}
	m[age] = v
	return true
}

// survivalRatio reads the current row's ratio: > 0 and at most
// MaxSurvivalRatio.
func survivalRatio(f *csvReader) (float64, bool) {
	v, err := strconv.ParseFloat(f.get("ratio"), 64)
	if err != nil || math.IsNaN(v) || v <= 0 || v > MaxSurvivalRatio {
		f.failf("ratio", ErrInvalid, "%q: want a ratio > 0 and <= %d", f.get("ratio"), MaxSurvivalRatio)
		return 0, false
	}
	return v, true
}

// ratios is the table of district's ratios (the table of every district
// for ""), made on first use.
func (s *Survival) ratios(district string) map[int]float64 {
	if district == "" {
		return s.All
	}
	m := s.ByDistrict[district]
	if m == nil {
		m = map[int]float64{}
		s.ByDistrict[district] = m
	}
	return m
}
