package report

import (
	"bufio"
	"encoding/csv"
	"io"

	"github.com/schoolplan/schoolplan/scenarios"
)

// WriteSummaryCSV writes summary.csv: one row per scenario, stage, year and
// district, then a "total" row for the city.
func WriteSummaryCSV(w io.Writer, results ...*scenarios.Result) error {
	return writeCSV(w, SummaryHeader, results, summaryRows)
}

// WriteSchoolsCSV writes schools.csv: one row per open school, stage and year.
func WriteSchoolsCSV(w io.Writer, results ...*scenarios.Result) error {
	return writeCSV(w, SchoolsHeader, results, schoolRows)
}

// WriteAreasCSV writes areas.csv: one row per area, stage and year.
func WriteAreasCSV(w io.Writer, results ...*scenarios.Result) error {
	walk := anyWalks(results)
	return writeCSV(w, walkHeader(AreasHeader, walk), results, func(r *scenarios.Result, emit func([]string) error) error {
		return areaRowsWalk(r, walk, emit)
	})
}

// WriteAdmissionsCSV writes admissions.csv: one row per area, school and
// route (base, shared, placed, oversize, unplaced) per stage and year.
func WriteAdmissionsCSV(w io.Writer, results ...*scenarios.Result) error {
	walk := anyWalks(results)
	return writeCSV(w, walkHeader(AdmissionsHeader, walk), results, func(r *scenarios.Result, emit func([]string) error) error {
		return admissionRowsWalk(r, walk, emit)
	})
}

func writeCSV(w io.Writer, header []string, results []*scenarios.Result, rows func(*scenarios.Result, func([]string) error) error) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range results {
		if err := rows(r, cw.Write); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
