package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/schoolplan/schoolplan/scenarios"
)

// TableNames are the tables an output folder may hold, in the order they
// are written.
var TableNames = []string{"summary", "schools", "areas", "admissions", "indicators"}

// AreaTables are the tables with a row per area (WriteAreasCSV,
// WriteAdmissionsCSV): the ones that may be Parquet or gzip-compressed.
var AreaTables = []string{"areas", "admissions"}

// Files says what WriteFiles writes to a folder besides summary.json.
type Files struct {
	Tables []string // of TableNames, in that order
	// TableFormats are the formats of Tables: "csv" (the default),
	// "csv.gz" or, for AreaTables, "parquet".
	TableFormats map[string]string
	Layers       *LayerOptions // the map layers; nil: all, as GeoJSON
	// Comparison, when not nil, adds comparison.csv and comparison.json.
	Comparison *scenarios.Comparison
}

// tableWriters are the CSV writers of TableNames.
var tableWriters = map[string]func(io.Writer, ...*scenarios.Result) error{
	"summary":    WriteSummaryCSV,
	"schools":    WriteSchoolsCSV,
	"areas":      WriteAreasCSV,
	"admissions": WriteAdmissionsCSV,
	"indicators": WriteIndicatorsCSV,
}

// parquetWriters are the Parquet writers of AreaTables.
var parquetWriters = map[string]func(io.Writer, ...*scenarios.Result) error{
	"areas":      WriteAreasParquet,
	"admissions": WriteAdmissionsParquet,
}

// WriteFiles writes summary.json, the tables and map layers f names,
// summary_units.csv with summary.csv and indicators_units.csv with
// indicators.csv when a school belongs to a group or sharing zone
// (AnyUnits), costs.csv and costs.json when a scenario gives costs, lead
// times or phases (AnyProgramme), and, with a comparison, comparison.csv and
// comparison.json of res to dir, making dir if needed. Each file names itself in its error.
func WriteFiles(dir string, f *Files, res ...*scenarios.Result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// The tables and the map layers are written side by side; each file
	// is streamed and reads the results only.
	var tablesErr error
	var wg sync.WaitGroup
	wg.Go(func() { tablesErr = writeTables(dir, f, res) })
	layersErr := WriteLayers(dir, f.Layers, res...)
	wg.Wait()
	if err := errors.Join(tablesErr, layersErr); err != nil || f.Comparison == nil {
		return err
	}
	return writeComparisonFiles(dir, f.Comparison, res)
}

// writeTables writes the tables f names and summary.json to dir, each
// file in its own goroutine: at 1M areas, areas.csv.gz and
// admissions.csv.gz each take several seconds of compression.
func writeTables(dir string, f *Files, res []*scenarios.Result) error {
	jobs := []func() error{func() error {
		return WriteFile(filepath.Join(dir, "summary.json"), func(w io.Writer) error { return WriteSummaryJSON(w, res...) })
	}}
	for _, t := range f.Tables {
		jobs = append(jobs, func() error { return writeTableFile(dir, t, f.TableFormats[t], res) })
	}
	if slices.Contains(f.Tables, "summary") && AnyUnits(res...) {
		jobs = append(jobs, func() error {
			return WriteFile(filepath.Join(dir, "summary_units.csv"), func(w io.Writer) error { return WriteUnitSummaryCSV(w, res...) })
		})
	}
	if slices.Contains(f.Tables, "indicators") && AnyUnits(res...) {
		jobs = append(jobs, func() error {
			return WriteFile(filepath.Join(dir, "indicators_units.csv"), func(w io.Writer) error { return WriteUnitIndicatorsCSV(w, res...) })
		})
	}
	if AnyProgramme(res...) {
		jobs = append(jobs, costsJobs(dir, res)...)
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for k, job := range jobs {
		wg.Go(func() { errs[k] = job() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// costsJobs write costs.csv and costs.json to dir.
func costsJobs(dir string, res []*scenarios.Result) []func() error {
	return []func() error{
		func() error {
			return WriteFile(filepath.Join(dir, "costs.csv"), func(w io.Writer) error { return WriteCostsCSV(w, res...) })
		},
		func() error {
			return WriteFile(filepath.Join(dir, "costs.json"), func(w io.Writer) error { return WriteCostsJSON(w, res...) })
		},
	}
}

// writeTableFile writes one table as name.csv, name.csv.gz or
// name.parquet in dir.
func writeTableFile(dir, name, format string, res []*scenarios.Result) error {
	if format == "" {
		format = "csv"
	}
	file := filepath.Join(dir, name+"."+format)
	switch format {
	case "parquet":
		return WriteFile(file, func(w io.Writer) error { return parquetWriters[name](w, res...) })
	case "csv.gz":
		return WriteFile(file, func(w io.Writer) error {
			return WriteGzip(w, func(w io.Writer) error { return tableWriters[name](w, res...) })
		})
	}
	return WriteFile(file, func(w io.Writer) error { return tableWriters[name](w, res...) })
}

// writeComparisonFiles writes comparison.csv and comparison.json to dir.
func writeComparisonFiles(dir string, cmp *scenarios.Comparison, results []*scenarios.Result) error {
	if err := WriteFile(filepath.Join(dir, "comparison.csv"), func(w io.Writer) error { return WriteCompareCSV(w, cmp) }); err != nil {
		return err
	}
	return WriteFile(filepath.Join(dir, "comparison.json"), func(w io.Writer) error { return WriteCompareJSON(w, cmp, results) })
}

// WriteWorkbookFile writes the workbook of res to the file name, making
// its folder if needed.
func WriteWorkbookFile(name string, opts *WorkbookOptions, res ...*scenarios.Result) error {
	if dir := filepath.Dir(name); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return WriteFile(name, func(w io.Writer) error { return WriteWorkbook(w, opts, res...) })
}

// WriteFile creates the file name and fills it with write; an error of
// write names the file.
func WriteFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return f.Close()
}
