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
	f, err := newCSVRows(r, name, []string{"school", "district", "year", "grade", "count"}, []string{"year", "grade", "count"})
	if err != nil {
		return nil, err
	}
	if !f.has("school") && !f.has("district") {
		return nil, &RowError{File: name, Line: 1, Field: "school", Err: fmt.Errorf("%w: need a school or district column", ErrMissing)}
	}
	ids := newDistrictIDs(c)
	var schools map[string]int
	if c != nil {
		schools = make(map[string]int, len(c.Schools))
		for i := range c.Schools {
			schools[c.Schools[i].ID] = i
		}
	}
	type row struct {
		unit  int
		year  Year
		grade int
		count float64
		line  int
	}
	type unitKey struct {
		id     string
		school bool
	}
	e := &Enrolment{}
	unitIx := map[unitKey]int{}
	var rows []row
	for f.next() {
		sid, did := f.get("school"), f.get("district")
		var k unitKey
		district := did
		switch {
		case sid != "":
			k = unitKey{sid, true}
			if c != nil {
				si, ok := schools[sid]
				if !ok {
					f.fail(f.line, "school", fmt.Errorf("%q: %w in the schools layer", sid, ErrUnknownID))
					continue
				}
				district = c.Districts[c.Schools[si].District].ID
				if did != "" && did != district {
					f.failf("district", ErrInvalid, "%q: school %q is in district %q", did, sid, district)
					continue
				}
			}
		case did != "":
			if !ids.check(did) {
				f.fail(f.line, "district", fmt.Errorf("%q: %w in the districts layer", did, ErrUnknownID))
				continue
			}
			k = unitKey{did, false}
		default:
			field := "school"
			if !f.has("school") {
				field = "district"
			}
			f.failf(field, ErrMissing, "empty")
			continue
		}
		y, ok := f.year("year")
		if !ok {
			continue
		}
		g, ok := enrolmentGrade(f, c)
		if !ok {
			continue
		}
		n, ok := f.count("count")
		if !ok {
			continue
		}
		u, ok := unitIx[k]
		if !ok {
			u = len(e.Units)
			unitIx[k] = u
			e.Units = append(e.Units, EnrolmentUnit{ID: k.id, School: k.school, District: district})
		} else if e.Units[u].District != district {
			f.failf("district", ErrInvalid, "%q: school %q was given district %q before", district, k.id, e.Units[u].District)
			continue
		}
		rows = append(rows, row{u, y, g, n, f.line})
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &RowError{File: name, Line: 2, Err: fmt.Errorf("%w: no enrolment rows", ErrMissing)}
	}
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
	byDistrict := map[string]bool{} // districts with district rows
	for _, u := range e.Units {
		if !u.School {
			byDistrict[u.ID] = true
		}
	}
	for _, u := range e.Units {
		if u.School && u.District != "" && byDistrict[u.District] {
			f.fail(0, "district", fmt.Errorf("%w: district %q has both district rows and school rows (school %q); give one or the other", ErrInvalid, u.District, u.ID))
			break
		}
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return e, nil
}

// enrolmentGrade reads the grade column: 1–9, or kindergarten as K or 0
// when the city's school system (any, without a city) has grade 0.
func enrolmentGrade(f *csvRows, c *City) (int, bool) {
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
