package report

import (
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TotalDistrict is the district column of city-wide rows.
const TotalDistrict = "total"

// SummaryHeader is the header of summary.csv.
var SummaryHeader = []string{"scenario", "stage", "year", "district_name", "district",
	"entrants", "admitted", "unplaced", "base", "shared", "placed", "oversize", "entry_seats", "entry_utilisation",
	"capacity", "enrolled", "utilisation_all_grades",
	"schools", "classes_needed", "classes_available", "over_capacity_schools", "oversize_schools"}

// SchoolsHeader is the header of schools.csv.
var SchoolsHeader = []string{"scenario", "stage", "year", "name", "school", "district",
	"streams", "class_size", "entry_seats", "capacity", "enrolled", "entrants", "admitted",
	"base", "shared", "placed", "oversize", "unplaced",
	"entry_utilisation", "utilisation_all_grades", "classes_needed", "classes_available", "max_class_size", "grades"}

// AreasHeader is the header of areas.csv. piece numbers the pieces of an
// area split over districts or catchment zones (empty for an area kept
// whole): rows of the same area add up to it.
var AreasHeader = []string{"scenario", "stage", "year", "area", "piece", "district",
	"entrants", "admitted", "unplaced", "school", "distance_m"}

// piece is an area's piece number, "" for an area kept whole.
func piece(a *engine.Area) string {
	if a.Piece == 0 {
		return ""
	}
	return itoa(a.Piece)
}

func totalsRow(r *scenarios.Result, st engine.Stage, y engine.Year, district, name string, t *sim.Totals) []string {
	return []string{r.Scenario.Name, st.String(), itoa(int(y)), name, district,
		itoa(t.Entrants), itoa(t.Admitted), itoa(t.Unplaced), itoa(t.Base), itoa(t.Shared), itoa(t.Placed),
		itoa(t.Oversize), itoa(t.EntrySeats), ratioCell(t.Admitted, t.EntrySeats), itoa(t.Capacity),
		itoa(t.Enrolled), ftoa(t.Utilisation(), 4), itoa(t.Schools), itoa(t.ClassesNeeded),
		itoa(t.ClassesAvailable), itoa(t.OverCapacity), itoa(t.OversizeSchools)}
}

// summaryRows calls emit for every district row and then the city row of
// each stage and year.
func summaryRows(r *scenarios.Result, emit func([]string) error) error {
	for st := range r.Stages {
		sr := &r.Stages[st]
		for yi := range sr.Years {
			yr := &sr.Years[yi]
			for di := range yr.Districts {
				d := &r.City.Districts[di]
				if err := emit(totalsRow(r, sr.Stage, yr.Year, d.ID, d.Name, &yr.Districts[di].Totals)); err != nil {
					return err
				}
			}
			if err := emit(totalsRow(r, sr.Stage, yr.Year, TotalDistrict, "", &yr.City)); err != nil {
				return err
			}
		}
	}
	return nil
}

func schoolRows(r *scenarios.Result, emit func([]string) error) error {
	var grades strings.Builder
	for st := range r.Stages {
		sr := &r.Stages[st]
		for yi := range sr.Years {
			yr := &sr.Years[yi]
			for k := range yr.Schools {
				row := &yr.Schools[k]
				sc := &r.Schools[row.School]
				grades.Reset()
				for g, n := range row.Grades {
					if g > 0 {
						grades.WriteByte(';')
					}
					grades.WriteString(itoa(n))
				}
				rec := []string{r.Scenario.Name, sr.Stage.String(), itoa(int(yr.Year)), sc.Name, sc.ID,
					r.City.Districts[sc.District].ID, itoa(row.Streams), itoa(row.ClassSize),
					itoa(row.EntrySeats), itoa(row.Capacity), itoa(row.Enrolled), itoa(row.Applicants),
					itoa(row.Admitted), itoa(row.Base), itoa(row.Shared), itoa(row.Placed), itoa(row.Oversize),
					itoa(row.Unplaced()), ratioCell(row.Admitted, row.EntrySeats), ftoa(row.Utilisation, 4),
					itoa(row.ClassesNeeded), itoa(row.ClassesAvailable), ftoa(row.MaxClassSize, 1), grades.String()}
				if err := emit(rec); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// areaRecord is one row of the areas table before formatting.
type areaRecord struct {
	stage              engine.Stage
	year               engine.Year
	area               int // index into City.Areas
	entrants, admitted int
	school             int     // index into Result.Schools; -1: none
	dist               float64 // metres to school
}

// eachArea calls emit with every area of every stage and year of r.
func eachArea(r *scenarios.Result, emit func(*areaRecord) error) error {
	var rec areaRecord
	for st := range r.Stages {
		sr := &r.Stages[st]
		for yi := range sr.Years {
			yr := &sr.Years[yi]
			for i := range r.City.Areas {
				rec = areaRecord{sr.Stage, yr.Year, i, int(yr.AreaEntrants[i]), int(yr.AreaAdmitted[i]), int(yr.Assign.School[i]), 0}
				if rec.school >= 0 {
					rec.dist = float64(yr.Assign.Dist[i])
				}
				if err := emit(&rec); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func areaRows(r *scenarios.Result, emit func([]string) error) error {
	return areaRowsWalk(r, false, emit)
}

// areaRowsWalk is areaRows, with the distance columns (distance.go) when
// walk is set.
func areaRowsWalk(r *scenarios.Result, walk bool, emit func([]string) error) error {
	rec := make([]string, len(AreasHeader))
	return eachArea(r, func(a *areaRecord) error {
		school, dist := "", ""
		if a.school >= 0 {
			school = r.Schools[a.school].ID
			dist = ftoa(a.dist, 0)
		}
		ar := &r.City.Areas[a.area]
		rec = append(rec[:0], r.Scenario.Name, a.stage.String(), itoa(int(a.year)), ar.ID, piece(ar),
			r.City.Districts[ar.District].ID, itoa(a.entrants), itoa(a.admitted), itoa(a.entrants-a.admitted), school, dist)
		if walk {
			rec = walkCells(rec, r, a.dist, a.school >= 0)
		}
		return emit(rec)
	})
}

// AdmissionsHeader is the header of admissions.csv (piece as in areas.csv).
var AdmissionsHeader = []string{"scenario", "stage", "year", "area", "piece", "school", "route", "students", "distance_m"}

// admissionRecord is one row of the admissions table before formatting.
type admissionRecord struct {
	stage    engine.Stage
	year     engine.Year
	area     int // index into City.Areas
	school   int // index into Result.Schools; -1 for the unplaced
	route    string
	students int
	dist     float64 // metres from the area to the school
}

// eachAdmission calls emit, per stage and year, for each area: its base
// admissions at its base school, then its other admissions by route and
// school, then its unplaced children (school -1).
func eachAdmission(r *scenarios.Result, emit func(*admissionRecord) error) error {
	for st := range r.Stages {
		sr := &r.Stages[st]
		for yi := range sr.Years {
			if err := yearAdmissions(r, sr.Stage, &sr.Years[yi], emit); err != nil {
				return err
			}
		}
	}
	return nil
}

// yearAdmissions calls emit for each admission of year yr of stage st, as
// eachAdmission orders them.
func yearAdmissions(r *scenarios.Result, st engine.Stage, yr *sim.YearResult, emit func(*admissionRecord) error) error {
	c := r.City
	var rec admissionRecord
	row := func(area, school int, route string, n int) error {
		rec = admissionRecord{st, yr.Year, area, school, route, n, 0}
		if school >= 0 {
			rec.dist = admissionDistance(r, yr, area, school)
		}
		return emit(&rec)
	}
	k := 0
	for i := range c.Areas {
		if b := int(yr.AreaBase[i]); b > 0 {
			if err := row(i, int(yr.Assign.School[i]), admit.RouteBase.String(), b); err != nil {
				return err
			}
		}
		for ; k < len(yr.Admissions) && int(yr.Admissions[k].Area) == i; k++ {
			ad := yr.Admissions[k]
			if err := row(i, int(ad.School), ad.Route.String(), int(ad.Students)); err != nil {
				return err
			}
		}
		if u := int(yr.AreaEntrants[i] - yr.AreaAdmitted[i]); u > 0 {
			if err := row(i, -1, admit.RouteUnplaced.String(), u); err != nil {
				return err
			}
		}
	}
	return nil
}

// admissionRows formats eachAdmission's records as admissions.csv rows.
func admissionRows(r *scenarios.Result, emit func([]string) error) error {
	return admissionRowsWalk(r, false, emit)
}

// admissionRowsWalk is admissionRows, with the distance columns
// (distance.go) when walk is set.
func admissionRowsWalk(r *scenarios.Result, walk bool, emit func([]string) error) error {
	rec := make([]string, len(AdmissionsHeader))
	return eachAdmission(r, func(a *admissionRecord) error {
		sid, dist := "", ""
		if a.school >= 0 {
			sid = r.Schools[a.school].ID
			dist = ftoa(a.dist, 0)
		}
		rec = append(rec[:0], r.Scenario.Name, a.stage.String(), itoa(int(a.year)), r.City.Areas[a.area].ID,
			piece(&r.City.Areas[a.area]), sid, a.route, itoa(a.students), dist)
		if walk {
			rec = walkCells(rec, r, a.dist, a.school >= 0)
		}
		return emit(rec)
	})
}
