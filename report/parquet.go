package report

import (
	"io"
	"math"

	"github.com/parquet-go/parquet-go"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Parquet tables. WriteAreasParquet and WriteAdmissionsParquet write the
// rows and columns of areas.csv and admissions.csv as Apache Parquet,
// typed (year, counts and distance_m 32-bit integers; text columns
// UTF-8, those with few values dictionary-encoded), Snappy-compressed, in
// row groups of parquetGroupRows rows so that memory stays bounded. A
// CSV field left empty (no school, no distance) is null. DuckDB, pandas
// (pyarrow), Polars, R (arrow) and Spark read them.

// parquetGroupRows is the number of rows of a Parquet row group: the
// writer holds one group's compressed pages in memory.
const parquetGroupRows = 1 << 20

// parquetBatch is the number of rows handed to the writer at once.
const parquetBatch = 4096

// areaRow is a row of areas.parquet.
type areaRow struct {
	Scenario string `parquet:"scenario,dict"`
	Stage    string `parquet:"stage,dict"`
	Year     int32  `parquet:"year,dict"`
	Area     string `parquet:"area,delta"`
	Piece    *int32 `parquet:"piece,optional"`
	District string `parquet:"district,dict"`
	Entrants int32  `parquet:"entrants,delta"`
	Admitted int32  `parquet:"admitted,delta"`
	Unplaced int32  `parquet:"unplaced,delta"`
	School   string `parquet:"school,optional,dict"`
	Distance *int32 `parquet:"distance_m,optional"`
}

// admissionRow is a row of admissions.parquet.
type admissionRow struct {
	Scenario string `parquet:"scenario,dict"`
	Stage    string `parquet:"stage,dict"`
	Year     int32  `parquet:"year,dict"`
	Area     string `parquet:"area,delta"`
	Piece    *int32 `parquet:"piece,optional"`
	School   string `parquet:"school,optional,dict"`
	Route    string `parquet:"route,dict"`
	Students int32  `parquet:"students,delta"`
	Distance *int32 `parquet:"distance_m,optional"`
}

// metres rounds a distance as the CSV's ftoa(d, 0) does (half to even).
func metres(d float64) int32 { return int32(math.RoundToEven(d)) }

// parquetWriter batches rows of type T into a Parquet file.
type parquetWriter[T any] struct {
	w    *parquet.GenericWriter[T]
	rows []T
	dist []int32 // the distances the rows of the batch point to
}

func newParquetWriter[T any](w io.Writer) *parquetWriter[T] {
	return &parquetWriter[T]{
		w:    parquet.NewGenericWriter[T](w, parquet.Compression(&parquet.Snappy), parquet.MaxRowsPerRowGroup(parquetGroupRows)),
		rows: make([]T, 0, parquetBatch),
		dist: make([]int32, parquetBatch),
	}
}

// next returns the next row to fill and a distance cell for it.
func (p *parquetWriter[T]) next() (*T, *int32, error) {
	if len(p.rows) == cap(p.rows) {
		if err := p.flush(); err != nil {
			return nil, nil, err
		}
	}
	p.rows = p.rows[:len(p.rows)+1]
	return &p.rows[len(p.rows)-1], &p.dist[len(p.rows)-1], nil
}

func (p *parquetWriter[T]) flush() error {
	if _, err := p.w.Write(p.rows); err != nil {
		return err
	}
	p.rows = p.rows[:0]
	return nil
}

func (p *parquetWriter[T]) close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.w.Close()
}

// WriteAreasParquet writes areas.parquet: the rows of areas.csv.
func WriteAreasParquet(w io.Writer, results ...*scenarios.Result) error {
	p := newParquetWriter[areaRow](w)
	var pieces pieceNumbers
	for _, r := range results {
		err := eachArea(r, func(a *areaRecord) error {
			row, dist, err := p.next()
			if err != nil {
				return err
			}
			area := &r.City.Areas[a.area]
			*row = areaRow{Scenario: r.Scenario.Name, Stage: a.stage.String(), Year: int32(a.year), Area: area.ID,
				Piece: pieces.of(area), District: r.City.Districts[area.District].ID, Entrants: int32(a.entrants), Admitted: int32(a.admitted),
				Unplaced: int32(a.entrants - a.admitted)}
			row.School, row.Distance = schoolCells(r, a.school, a.dist, dist)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return p.close()
}

// WriteAdmissionsParquet writes admissions.parquet: the rows of
// admissions.csv.
func WriteAdmissionsParquet(w io.Writer, results ...*scenarios.Result) error {
	p := newParquetWriter[admissionRow](w)
	var pieces pieceNumbers
	for _, r := range results {
		err := eachAdmission(r, func(a *admissionRecord) error {
			row, dist, err := p.next()
			if err != nil {
				return err
			}
			*row = admissionRow{Scenario: r.Scenario.Name, Stage: a.stage.String(), Year: int32(a.year),
				Area: r.City.Areas[a.area].ID, Piece: pieces.of(&r.City.Areas[a.area]), Route: a.route, Students: int32(a.students)}
			row.School, row.Distance = schoolCells(r, a.school, a.dist, dist)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return p.close()
}

// schoolCells are a row's school and distance_m: the school's id and d in
// metres, written to the batch's cell (nil when there is no school).
func schoolCells(r *scenarios.Result, school int, d float64, cell *int32) (string, *int32) {
	if school < 0 {
		return "", nil
	}
	*cell = metres(d)
	return r.Schools[school].ID, cell
}

// pieceNumbers hands out stable pointers to piece numbers for the rows'
// optional piece column: nil for an area kept whole, as areas.csv leaves
// it empty.
type pieceNumbers []int32

func (t *pieceNumbers) of(a *engine.Area) *int32 {
	if a.Piece == 0 {
		return nil
	}
	if a.Piece >= len(*t) {
		// A new table: pointers into the old one stay valid.
		next := make(pieceNumbers, 2*a.Piece+16)
		for i := range next {
			next[i] = int32(i)
		}
		*t = next
	}
	return &(*t)[a.Piece]
}
