package report

import (
	"io"
	"math"

	"github.com/parquet-go/parquet-go/format"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Parquet tables. WriteAreasParquet and WriteAdmissionsParquet write the
// rows and columns of areas.csv and admissions.csv as Apache Parquet,
// typed (year, counts and distance_m 32-bit integers; text columns
// UTF-8; walk_min a 64-bit float), in row groups of pqGroupRows rows so that memory stays bounded.
// Text columns with few values are dictionary-encoded, area ids
// DELTA_BYTE_ARRAY, integers DELTA_BINARY_PACKED; pages are Snappy-
// compressed DATA_PAGE_V2 with null counts, and each column chunk has its
// bounds. A CSV field left empty (no school, no distance) is null. DuckDB,
// pandas (pyarrow), Polars, R (arrow) and Spark read them.

// metres rounds a distance as the CSV's ftoa(d, 0) does (half to even).
func metres(d float64) int32 { return int32(math.RoundToEven(d)) }

// pqKeyed is the common head of both tables: scenario, stage, year, area,
// piece.
type pqKeyed struct {
	scenario, stage, year, area, piece *pqColumn
}

func newPQKeyed(res []*scenarios.Result) pqKeyed {
	k := pqKeyed{
		scenario: newPQColumn("scenario", true, false, format.RLEDictionary),
		stage:    newPQColumn("stage", true, false, format.RLEDictionary),
		year:     newPQColumn("year", false, false, format.DeltaBinaryPacked),
		area:     newPQColumn("area", true, false, format.DeltaByteArray),
		piece:    newPQColumn("piece", false, true, format.DeltaBinaryPacked),
	}
	names := make([]string, len(res))
	for i, r := range res {
		names[i] = r.Scenario.Name
	}
	k.scenario.dict.setTable(names)
	stages := make([]string, engine.NumStages)
	for _, st := range engine.Stages {
		stages[st] = st.String()
	}
	k.stage.dict.setTable(stages)
	return k
}

// add fills the head of a row: scenario ri, stage, year and area a.
func (k *pqKeyed) add(ri int, st engine.Stage, y engine.Year, a *engine.Area) {
	k.scenario.addKey(ri)
	k.stage.addKey(int(st))
	k.year.addInt(int32(y))
	k.area.addBytes(a.ID)
	if a.Piece == 0 {
		k.piece.addNull()
	} else {
		k.piece.addInt(int32(a.Piece))
	}
}

// addDistance adds a row's distance_m: null when there is no school.
func addDistance(c *pqColumn, school int, d float64) {
	if school < 0 {
		c.addNull()
		return
	}
	c.addInt(metres(d))
}

// schoolIDs are the ids of r's schools, the table of a school column.
func schoolIDs(r *scenarios.Result) []string {
	ids := make([]string, len(r.Schools))
	for i := range r.Schools {
		ids[i] = r.Schools[i].ID
	}
	return ids
}

// WriteAreasParquet writes areas.parquet: the rows of areas.csv.
func WriteAreasParquet(w io.Writer, res ...*scenarios.Result) error {
	k := newPQKeyed(res)
	district := newPQColumn("district", true, false, format.RLEDictionary)
	entrants := newPQColumn("entrants", false, false, format.DeltaBinaryPacked)
	admitted := newPQColumn("admitted", false, false, format.DeltaBinaryPacked)
	unplaced := newPQColumn("unplaced", false, false, format.DeltaBinaryPacked)
	school := newPQColumn("school", true, true, format.RLEDictionary)
	dist := newPQColumn("distance_m", false, true, format.DeltaBinaryPacked)
	walk := newPQWalk(res)
	f := newPQFile(w, "areas", walk.columns(k.scenario, k.stage, k.year, k.area, k.piece, district, entrants, admitted, unplaced, school, dist)...)
	for ri, r := range res {
		district.dict.setTable(districtIDs(r.City))
		school.dict.setTable(schoolIDs(r))
		err := eachArea(r, func(a *areaRecord) error {
			area := &r.City.Areas[a.area]
			k.add(ri, a.stage, a.year, area)
			district.addKey(area.District)
			entrants.addInt(int32(a.entrants))
			admitted.addInt(int32(a.admitted))
			unplaced.addInt(int32(a.entrants - a.admitted))
			school.addKey(a.school)
			addDistance(dist, a.school, a.dist)
			walk.add(r, a.dist, a.school >= 0)
			return f.endRow()
		})
		if err != nil {
			return err
		}
	}
	return f.close()
}

// districtIDs are the ids of c's districts, the table of the district
// column.
func districtIDs(c *engine.City) []string {
	ids := make([]string, len(c.Districts))
	for i := range c.Districts {
		ids[i] = c.Districts[i].ID
	}
	return ids
}

// WriteAdmissionsParquet writes admissions.parquet: the rows of
// admissions.csv.
func WriteAdmissionsParquet(w io.Writer, res ...*scenarios.Result) error {
	k := newPQKeyed(res)
	school := newPQColumn("school", true, true, format.RLEDictionary)
	route := newPQColumn("route", true, false, format.RLEDictionary)
	students := newPQColumn("students", false, false, format.DeltaBinaryPacked)
	dist := newPQColumn("distance_m", false, true, format.DeltaBinaryPacked)
	walk := newPQWalk(res)
	f := newPQFile(w, "admissions", walk.columns(k.scenario, k.stage, k.year, k.area, k.piece, school, route, students, dist)...)
	for ri, r := range res {
		school.dict.setTable(schoolIDs(r))
		err := eachAdmission(r, func(a *admissionRecord) error {
			k.add(ri, a.stage, a.year, &r.City.Areas[a.area])
			school.addKey(a.school)
			route.addString(a.route)
			students.addInt(int32(a.students))
			addDistance(dist, a.school, a.dist)
			walk.add(r, a.dist, a.school >= 0)
			return f.endRow()
		})
		if err != nil {
			return err
		}
	}
	return f.close()
}
