package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// largeCity is the number of areas from which the default outputs leave
// the area-level tables out and write the areas layer as FlatGeobuf: at
// 1M areas areas.csv and admissions.csv are about 1 GB each and an
// areas GeoJSON layer 1.3 GB.
const largeCity = 200_000

// Table names of --tables, in the order they are written.
var tableNames = []string{"summary", "schools", "areas", "admissions", "indicators"}

// bigTables are the tables with a row per area.
var bigTables = []string{"areas", "admissions"}

// outputOptions choose what --out writes. The zero value is the default
// ("auto" everywhere).
type outputOptions struct {
	Tables      string   // comma list of tableNames, "all", "none" or "" / "auto"
	Layers      string   // comma list of report.LayerFiles, "all", "none" or "" / "auto"
	TableFormat string   // "", "auto", "csv" or "csv.gz"
	LayerFormat string   // "", "auto", "geojson" or "fgb"
	Workbook    string   // --xlsx FILE
	Given       []string // the --out flags given on the command line (they need --out)
}

const outputFlagsHelp = `Outputs (--out DIR): summary.json always, and these tables and map layers:
  --tables summary,schools,areas,admissions,indicators   (or all, none)
  --layers districts,schools,areas,catchments            (or all, none)
  --table-format csv|csv.gz   --layer-format geojson|fgb
By default ("auto") all tables are CSV and all layers GeoJSON, except for a
city of more than 200,000 areas: then areas.csv and admissions.csv are left
out (the areas map layers carry each area's figures; name them in --tables
to have them, as .csv.gz) and the areas layers are FlatGeobuf (.fgb).
--xlsx FILE writes an Excel workbook: an overview sheet, then a sheet per
table (areas only when it fits a sheet).`

// addOutputFlags adds the output flags to f.
func addOutputFlags(f *pflag.FlagSet) {
	f.String("tables", "auto", "with --out: the tables to write, of "+strings.Join(tableNames, ",")+" (or all, none)")
	f.String("layers", "auto", "with --out: the map layers to write, of "+strings.Join(report.LayerFiles, ",")+" (or all, none)")
	f.String("table-format", "auto", "with --out: csv or csv.gz (auto: csv, and csv.gz for the area tables of a large city)")
	f.String("layer-format", "auto", "with --out: geojson or fgb (FlatGeobuf) (auto: geojson, and fgb for the areas layer of a large city)")
	f.String("xlsx", "", "write an Excel workbook of the results to this file")
}

// outputOptionsOf reads the output flags of f.
func outputOptionsOf(f *pflag.FlagSet) outputOptions {
	var o outputOptions
	o.Tables, _ = f.GetString("tables")
	o.Layers, _ = f.GetString("layers")
	o.TableFormat, _ = f.GetString("table-format")
	o.LayerFormat, _ = f.GetString("layer-format")
	o.Workbook, _ = f.GetString("xlsx")
	for _, name := range []string{"tables", "layers", "table-format", "layer-format"} {
		if f.Changed(name) {
			o.Given = append(o.Given, "--"+name)
		}
	}
	return o
}

// check reports the problems of the output flags before anything runs:
// an unknown name or format, or a flag of --out without --out.
func (o outputOptions) check(out string) error {
	_, err := o.planFor(0)
	var errs []string
	if err != nil {
		errs = append(errs, err.Error())
	}
	if out == "" && len(o.Given) > 0 {
		errs = append(errs, strings.Join(o.Given, ", ")+": choose what --out DIR writes; give --out too")
	}
	if len(errs) > 0 {
		return usageError{fmt.Errorf("%s", strings.Join(errs, "; "))}
	}
	return nil
}

// outputPlan is what writeOut writes.
type outputPlan struct {
	tables      []string
	tableFormat map[string]string // table: "csv" or "csv.gz"
	layers      *report.LayerOptions
	notes       []string // said on stderr
}

// plan works out the files for results, checking the flags; every bad
// flag is reported.
func (o outputOptions) plan(results []*scenarios.Result) (*outputPlan, error) {
	areas := 0
	for _, r := range results {
		areas = max(areas, len(r.City.Areas))
	}
	return o.planFor(areas)
}

// planFor works out the files for a city of the given number of areas
// (the largest, when several).
func (o outputOptions) planFor(areas int) (*outputPlan, error) {
	large := 0
	if areas > largeCity {
		large = areas
	}
	var errs []string
	tables, tablesAuto, err := pickList("--tables", o.Tables, tableNames)
	if err != nil {
		errs = append(errs, err.Error())
	}
	layers, _, err := pickList("--layers", o.Layers, report.LayerFiles)
	if err != nil {
		errs = append(errs, err.Error())
	}
	if !slices.Contains([]string{"", "auto", "csv", "csv.gz"}, o.TableFormat) {
		errs = append(errs, fmt.Sprintf("--table-format %q: want csv or csv.gz", o.TableFormat))
	}
	if !slices.Contains([]string{"", "auto", "geojson", "fgb"}, o.LayerFormat) {
		errs = append(errs, fmt.Sprintf("--layer-format %q: want geojson or fgb", o.LayerFormat))
	}
	if len(errs) > 0 {
		return nil, usageError{fmt.Errorf("%s", strings.Join(errs, "; "))}
	}
	p := &outputPlan{tableFormat: map[string]string{}, layers: &report.LayerOptions{Layers: layers, Formats: map[string]report.LayerFormat{}}}
	for _, t := range tables {
		big := slices.Contains(bigTables, t)
		if big && large > 0 && tablesAuto {
			continue
		}
		p.tables = append(p.tables, t)
		p.tableFormat[t] = "csv"
		if o.TableFormat == "csv.gz" || (big && large > 0 && (o.TableFormat == "" || o.TableFormat == "auto")) {
			p.tableFormat[t] = "csv.gz"
		}
	}
	for _, l := range layers {
		switch {
		case o.LayerFormat == "fgb", l == "areas" && large > 0 && (o.LayerFormat == "" || o.LayerFormat == "auto"):
			p.layers.Formats[l] = report.FlatGeobuf
		}
	}
	if large > 0 && tablesAuto {
		p.notes = append(p.notes, fmt.Sprintf("the city has %d areas: areas.csv and admissions.csv are left out "+
			"(the areas map layers carry each area's figures); --tables %s writes them as .csv.gz",
			large, strings.Join(tableNames, ",")))
	}
	return p, nil
}

// pickList parses a comma list of names from known, "all", "none" or
// "auto"/"" (all, and auto true).
func pickList(flag, s string, known []string) (names []string, auto bool, err error) {
	switch s {
	case "", "auto":
		return known, true, nil
	case "all":
		return known, false, nil
	case "none":
		return []string{}, false, nil
	}
	var bad []string
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		if !slices.Contains(known, n) {
			bad = append(bad, fmt.Sprintf("%q", n))
		} else if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(bad) > 0 {
		return nil, false, fmt.Errorf("%s: unknown %s (want some of %s, or all, none)", flag, strings.Join(bad, ", "),
			strings.Join(known, ","))
	}
	// In the order of known, so that files come in a fixed order.
	slices.SortFunc(names, func(a, b string) int { return slices.Index(known, a) - slices.Index(known, b) })
	return names, false, nil
}

// tableWriters are the CSV writers of tableNames.
var tableWriters = map[string]func(io.Writer, ...*scenarios.Result) error{
	"summary":    report.WriteSummaryCSV,
	"schools":    report.WriteSchoolsCSV,
	"areas":      report.WriteAreasCSV,
	"admissions": report.WriteAdmissionsCSV,
	"indicators": report.WriteIndicatorsCSV,
}

// writeTable writes one table as name.csv or name.csv.gz in dir.
func writeTable(dir, name, format string, res []*scenarios.Result) error {
	write := tableWriters[name]
	file := filepath.Join(dir, name+"."+format)
	if format != "csv.gz" {
		return writeFile(file, func(w io.Writer) error { return write(w, res...) })
	}
	return writeFile(file, func(w io.Writer) error {
		return report.WriteGzip(w, func(w io.Writer) error { return write(w, res...) })
	})
}

// writeWorkbook writes the --xlsx workbook.
func writeWorkbook(name string, opts *report.WorkbookOptions, res []*scenarios.Result) error {
	if dir := filepath.Dir(name); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return writeFile(name, func(w io.Writer) error { return report.WriteWorkbook(w, opts, res...) })
}
