package engine

import (
	"cmp"
	"slices"
)

// Measure is an area a school needs per pupil: land (生均用地) or floor
// area (生均建筑面积).
type Measure int

const (
	// SiteArea is land per pupil, checked against a school's site_area.
	SiteArea Measure = iota
	// FloorArea is building floor area per pupil, checked against a
	// school's floor_area.
	FloorArea
)

// Measures lists the measures in order.
var Measures = [...]Measure{SiteArea, FloorArea}

// Field is the school property (and Resources key) the measure is checked
// against: site_area or floor_area.
func (m Measure) Field() string {
	if m == FloorArea {
		return "floor_area"
	}
	return "site_area"
}

// StandardRow is one school size of a standard: the per-pupil areas of a
// school of Classes classes in all grades (班). A zero area means the row
// sets no value for that measure.
type StandardRow struct {
	Classes   int     `yaml:"classes"`
	SiteArea  float64 `yaml:"site_area"`  // m² of land per pupil (生均用地)
	FloorArea float64 `yaml:"floor_area"` // m² of building per pupil (生均建筑面积)
}

// value is the row's area per pupil for measure m (0: not set).
func (r StandardRow) value(m Measure) float64 {
	if m == FloorArea {
		return r.FloorArea
	}
	return r.SiteArea
}

// Standards are the per-pupil land and floor-area standards a city holds
// its schools to: city.yaml's standards block. The zero value (and nil)
// is the national standard, enforced.
//
// A city's rows are laid over the national rows of the same school kind
// and size, value by value: a row that gives only site_area keeps the
// national floor_area of that size; a row of a size the national table
// lacks is added.
type Standards struct {
	// Enforce is what a change that needs more land or floor area than
	// its school has is: "error" (or "", the default: the change is
	// refused) or "warn" (it is reported and simulated).
	Enforce string `yaml:"enforce"`
	// Rows by school kind.
	Primary  []StandardRow `yaml:"primary"`
	Junior   []StandardRow `yaml:"junior"`
	NineYear []StandardRow `yaml:"nine_year"`
}

// Values of Standards.Enforce.
const (
	EnforceError = "error"
	EnforceWarn  = "warn"
)

// Warns reports whether a school short of land or floor area is a warning
// rather than an error.
func (s *Standards) Warns() bool { return s != nil && s.Enforce == EnforceWarn }

// NationalStandards are the per-pupil floor areas of the national
// standard 《城市普通中小学校校舍建设标准》 (建标[2002]102号, in force from
// 2002-07-01), table 4-1(1), the basic indicators (基本指标: the floor area
// a school must have, 校舍建筑面积 over 45 pupils a primary class and 50 a
// junior class), as reproduced at
// https://haowendang.cn/c4nsg84vt3q0fvqu4yw276b8ve00zsa00v0s_2.html.
// (Table 4-1(2), the planning indicators 规划指标 a new campus is laid
// out for, is higher: primary 10.0/8.3/7.9/7.2 m² at 12/18/24/30
// classes; a city that plans to them sets them in city.yaml.)
//
// No land values (生均用地) are given: the national land table could not
// be checked against the standard's text, so a city that records
// site_area must set its site_area per pupil in city.yaml (many cities'
// 控制性详细规划 set their own).
var NationalStandards = Standards{
	Primary: []StandardRow{
		{Classes: 12, FloorArea: 6.6}, {Classes: 18, FloorArea: 5.8},
		{Classes: 24, FloorArea: 5.4}, {Classes: 30, FloorArea: 5.2},
	},
	Junior: []StandardRow{
		{Classes: 12, FloorArea: 7.9}, {Classes: 18, FloorArea: 7.1},
		{Classes: 24, FloorArea: 6.7}, {Classes: 30, FloorArea: 6.4},
	},
	NineYear: []StandardRow{
		{Classes: 18, FloorArea: 6.5}, {Classes: 27, FloorArea: 5.8},
		{Classes: 36, FloorArea: 5.6}, {Classes: 45, FloorArea: 5.5},
	},
}

// kindRows is the rows of school kind k.
func (s *Standards) kindRows(k Kind) []StandardRow {
	switch k {
	case KindPrimary:
		return s.Primary
	case KindJunior:
		return s.Junior
	case KindNineYear:
		return s.NineYear
	}
	return nil
}

// Rows is the standard of school kind k, the city's rows laid over the
// national ones, by size.
func (s *Standards) Rows(k Kind) []StandardRow {
	out := slices.Clone(NationalStandards.kindRows(k))
	if s != nil {
		for _, r := range s.kindRows(k) {
			out = overlay(out, r)
		}
	}
	slices.SortFunc(out, func(a, b StandardRow) int { return cmp.Compare(a.Classes, b.Classes) })
	return out
}

// overlay lays row r over the row of its size in rows, value by value, or
// adds it.
func overlay(rows []StandardRow, r StandardRow) []StandardRow {
	i := slices.IndexFunc(rows, func(x StandardRow) bool { return x.Classes == r.Classes })
	if i < 0 {
		return append(rows, r)
	}
	if r.SiteArea > 0 {
		rows[i].SiteArea = r.SiteArea
	}
	if r.FloorArea > 0 {
		rows[i].FloorArea = r.FloorArea
	}
	return rows
}

// PerPupil is the area per pupil that measure m asks of a school of kind k
// with the given number of classes in all grades: the value of the
// largest size in the table at or below the school's (a school between
// two sizes is held to the smaller size, whose per-pupil area is the
// higher), or of the smallest size for a school below every size. ok is
// false when the standard sets no value of m for kind k.
func (s *Standards) PerPupil(m Measure, k Kind, classes int) (perPupil float64, ok bool) {
	for _, r := range s.Rows(k) {
		v := r.value(m)
		if v <= 0 {
			continue
		}
		if !ok || r.Classes <= classes {
			perPupil, ok = v, true
		}
		if r.Classes >= classes {
			break
		}
	}
	return perPupil, ok
}
