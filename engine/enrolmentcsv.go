package engine

import (
	"fmt"
	"io"
	"io/fs"
)

// EnrolmentFile is the optional enrolment history by school or district.
const EnrolmentFile = "enrolment.csv"

// MaxGrade is the last grade of compulsory school (junior grade 9).
const MaxGrade = 9

// GradeSlots is the number of grades enrolment.csv can hold per year:
// kindergarten (grade 0) to MaxGrade.
const GradeSlots = MaxGrade + 1

// Enrolment is enrolment.csv: pupils by school or district, year and grade
// (K = 0 to 9), the input of the grade-progression forecast and of backtests.
type Enrolment struct {
	FirstYear, LastYear Year
	Units               []EnrolmentUnit // schools and districts, in order of first appearance
}

// EnrolmentUnit is one school's or one district's enrolment history.
type EnrolmentUnit struct {
	ID     string // the school id, or the district id for district rows
	School bool   // a school (else a district)
	// District is the unit's district id: the district itself, the
	// school's district in the city, or the file's district column when
	// read without a city ("" when unknown).
	District string
	Pupils   []float64 // index (year − FirstYear)·GradeSlots + grade
	Has      []bool
}

// Lookup returns unit u's pupils in grade g of year y and whether given.
func (e *Enrolment) Lookup(u *EnrolmentUnit, y Year, g int) (float64, bool) {
	if y < e.FirstYear || y > e.LastYear || g < 0 || g > MaxGrade {
		return 0, false
	}
	i := int(y-e.FirstYear)*GradeSlots + g
	return u.Pupils[i], u.Has[i]
}

// ReadEnrolmentCSV reads enrolment.csv from fsys.
func ReadEnrolmentCSV(fsys fs.FS, file, name string, c *City) (*Enrolment, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, &RowError{File: name, Line: 0, Err: err}
	}
	defer f.Close()
	return DecodeEnrolmentCSV(f, name, c)
}

// DecodeEnrolmentCSV reads enrolment.csv in long form: columns school and/or
// district, year, grade and count. A grade is 1–9, or K (or 0) for
// kindergarten when the city's school system has it (any system without a
// city). A row names a school (its district
// column, if filled, must be the school's district) or, with the school
// empty, a district. A district has school rows or district rows, not both.
// With a city c, ids must name its schools and districts; with c nil any id
// is accepted and a school's district is taken from the district column.
// name is used in errors.
func DecodeEnrolmentCSV(r io.Reader, name string, c *City) (*Enrolment, error) {
	f, err := newCSVReader(r, name, enrolmentHeader)
	if err != nil {
		return nil, err
	}
	if !f.has("school") && !f.has("district") {
		return nil, f.headerError("school", ErrMissing, "need a school or district column")
	}
	u := newEnrolmentUnits(c)
	rows := readRows(f, u.readRow)
	if err := f.err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, f.noRows("enrolment")
	}
	e := &u.e
	e.fill(f, rows)
	checkSchoolOrDistrictRows(f, e)
	if err := f.err(); err != nil {
		return nil, err
	}
	return e, nil
}

// enrolmentHeader is the header enrolment.csv may have.
var enrolmentHeader = csvHeader{
	allowed:  []string{"school", "district", "year", "grade", "count"},
	required: []string{"year", "grade", "count"},
}

// enrolmentRow is one row of enrolment.csv.
type enrolmentRow struct {
	unit  int // index in Enrolment.Units
	year  Year
	grade int
	count float64
	line  int
}

// enrolmentUnitKey tells a school from a district of the same id.
type enrolmentUnitKey struct {
	id     string
	school bool
}

// enrolmentUnits reads enrolment.csv's rows into units (schools and
// districts) of e, in order of first appearance.
type enrolmentUnits struct {
	c       *City // nil: any id is accepted
	ids     districtIDs
	schools map[string]int // index in c.Schools by id
	index   map[enrolmentUnitKey]int
	e       Enrolment
}

// newEnrolmentUnits checks ids against c (nil: any id is accepted).
func newEnrolmentUnits(c *City) *enrolmentUnits {
	u := &enrolmentUnits{c: c, ids: newDistrictIDs(c), index: map[enrolmentUnitKey]int{}}
	if c != nil {
		u.schools = schoolIndex(c.Schools)
	}
	return u
}

// readRow reads the current row: its unit, year, grade and count.
func (u *enrolmentUnits) readRow(f *csvReader) (enrolmentRow, bool) {
	r := enrolmentRow{line: f.line}
	k, district, ok := u.unitOf(f)
	if !ok {
		return r, false
	}
	if r.year, ok = f.year("year"); !ok {
		return r, false
	}
	if r.grade, ok = enrolmentGrade(f, u.c); !ok {
		return r, false
	}
	if r.count, ok = f.count("count"); !ok {
		return r, false
	}
	r.unit, ok = u.add(f, k, district)
	return r, ok
}

// unitOf reads the current row's school or, with the school empty, its
// district; district is the unit's district id.
func (u *enrolmentUnits) unitOf(f *csvReader) (k enrolmentUnitKey, district string, ok bool) {
	sid, did := f.get("school"), f.get("district")
	switch {
	case sid != "":
		district, ok = u.schoolDistrict(f, sid, did)
		return enrolmentUnitKey{sid, true}, district, ok
	case did != "":
		if !u.ids.check(did) {
			f.unknownID("district", did, "districts")
			return k, "", false
		}
		return enrolmentUnitKey{did, false}, did, true
	default:
		field := "school"
		if !f.has("school") {
			field = "district"
		}
		f.failf(field, ErrMissing, "empty")
		return k, "", false
	}
}

// schoolDistrict is the district of school sid: the city's, which the
// row's district did (if filled) must agree with, or did without a city.
func (u *enrolmentUnits) schoolDistrict(f *csvReader, sid, did string) (string, bool) {
	if u.c == nil {
		return did, true
	}
	si, ok := u.schools[sid]
	if !ok {
		f.unknownID("school", sid, "schools")
		return "", false
	}
	district := u.c.Districts[u.c.Schools[si].District].ID
	if did != "" && did != district {
		f.failf("district", ErrInvalid, "%q: school %q is in district %q", did, sid, district)
		return "", false
	}
	return district, true
}

// add returns the index of unit k, added on its first row; a school's
// district must be the same on every row.
func (u *enrolmentUnits) add(f *csvReader, k enrolmentUnitKey, district string) (int, bool) {
	i, ok := u.index[k]
	if !ok {
		i = len(u.e.Units)
		u.index[k] = i
		u.e.Units = append(u.e.Units, EnrolmentUnit{ID: k.id, School: k.school, District: district})
		return i, true
	}
	if u.e.Units[i].District != district {
		f.failf("district", ErrInvalid, "%q: school %q was given district %q before", district, k.id, u.e.Units[i].District)
		return 0, false
	}
	return i, true
}

// fill sets e's years to those of rows and puts each row into its unit,
// recording a second row for the same unit, year and grade.
func (e *Enrolment) fill(f *csvReader, rows []enrolmentRow) {
	e.FirstYear, e.LastYear = rows[0].year, rows[0].year
	for _, r := range rows {
		e.FirstYear, e.LastYear = min(e.FirstYear, r.year), max(e.LastYear, r.year)
	}
	cells := (int(e.LastYear-e.FirstYear) + 1) * GradeSlots
	for i := range e.Units {
		e.Units[i].Pupils = make([]float64, cells)
		e.Units[i].Has = make([]bool, cells)
	}
	for _, r := range rows {
		u := &e.Units[r.unit]
		i := int(r.year-e.FirstYear)*GradeSlots + r.grade
		if u.Has[i] {
			f.fail(r.line, "", fmt.Errorf("%w: a second row for %q year %d grade %d", ErrInvalid, u.ID, r.year, r.grade))
			continue
		}
		u.Pupils[i], u.Has[i] = r.count, true
	}
}

// checkSchoolOrDistrictRows records the first district that has both
// district rows and rows for its schools.
func checkSchoolOrDistrictRows(f *csvReader, e *Enrolment) {
	byDistrict := map[string]bool{} // districts with district rows
	for _, u := range e.Units {
		if !u.School {
			byDistrict[u.ID] = true
		}
	}
	for _, u := range e.Units {
		if u.School && u.District != "" && byDistrict[u.District] {
			f.fail(0, "district", fmt.Errorf("%w: district %q has both district rows and school rows (school %q); give one or the other", ErrInvalid, u.District, u.ID))
			return
		}
	}
}

// enrolmentGrade reads the grade column: 1–9, or kindergarten as K or 0
// when the city's school system (any, without a city) has grade 0.
func enrolmentGrade(f *csvReader, c *City) (int, bool) {
	v := f.get("grade")
	var sys SchoolSystem
	if c != nil {
		sys = c.System
	}
	g, err := sys.ParseGrade(v)
	if err != nil || g < 0 || g > MaxGrade {
		f.failf("grade", ErrInvalid, "%q: want a grade 1–%d or K", v, MaxGrade)
		return 0, false
	}
	if _, ok := sys.StageOf(0); g == 0 && c != nil && !ok {
		f.failf("grade", ErrInvalid, "%q: the school system %s has no kindergarten", v, sys)
		return 0, false
	}
	return g, true
}
