package main

import (
	"fmt"
	"io"
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

// outputOptions choose what --out writes. The zero value is the default
// ("auto" everywhere).
type outputOptions struct {
	Tables      string   // comma list of report.TableNames, "all", "none" or "" / "auto"
	Layers      string   // comma list of report.LayerFiles, "all", "none" or "" / "auto"
	TableFormat string   // of areas and admissions: "", "auto", "csv", "csv.gz" or "parquet"
	LayerFormat string   // "", "auto", "geojson" or "fgb"
	Workbook    string   // --xlsx FILE
	Given       []string // the --out flags given on the command line (they need --out)
}

const outputFlagsHelp = `Outputs (--out DIR): summary.json always, and these tables and map layers:
  --tables summary,schools,areas,admissions,indicators   (or all, none)
  --layers districts,schools,areas,catchments            (or all, none)
  --table-format csv|csv.gz|parquet   (areas and admissions; the others are CSV)
  --layer-format geojson|fgb
By default all tables are CSV and all layers GeoJSON, except for a city of
more than 200,000 areas: then areas and admissions are left out (the areas
map layers carry each area's figures; --tables all writes them, as Parquet)
and the areas layers are FlatGeobuf (.fgb).
--xlsx FILE writes an Excel workbook: an overview sheet, then a sheet per
table (areas only when it fits a sheet).`

// addFlags adds the output flags to f, read into o.
func (o *outputOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&o.Tables, "tables", "auto", "with --out: the tables to write, of "+strings.Join(report.TableNames, ",")+" (or all, none)")
	f.StringVar(&o.Layers, "layers", "auto", "with --out: the map layers to write, of "+strings.Join(report.LayerFiles, ",")+" (or all, none)")
	f.StringVar(&o.TableFormat, "table-format", "auto", "with --out: areas and admissions as csv, csv.gz or parquet (auto: csv, and parquet for a large city)")
	f.StringVar(&o.LayerFormat, "layer-format", "auto", "with --out: geojson or fgb (FlatGeobuf) (auto: geojson, and fgb for the areas layer of a large city)")
	f.StringVar(&o.Workbook, "xlsx", "", "write an Excel workbook of the results to this file")
}

// noteGiven records which output flags of f the command line gave.
func (o *outputOptions) noteGiven(f *pflag.FlagSet) {
	for _, name := range []string{"tables", "layers", "table-format", "layer-format"} {
		if f.Changed(name) {
			o.Given = append(o.Given, "--"+name)
		}
	}
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

// outputPlan is what --out writes, and what to say about it.
type outputPlan struct {
	files report.Files
	notes []string // said on stderr
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
	tables, layers, err := o.lists()
	if err != nil {
		return nil, err
	}
	large := areas > largeCity
	auto := isAuto(o.Tables)
	p := &outputPlan{files: report.Files{TableFormats: map[string]string{}, Layers: o.layerOptions(layers, large)}}
	for _, t := range tables {
		if large && auto && slices.Contains(report.AreaTables, t) {
			continue
		}
		p.files.Tables = append(p.files.Tables, t)
		p.files.TableFormats[t] = o.tableFormat(t, large)
	}
	if large && auto {
		p.notes = append(p.notes, fmt.Sprintf("the city has %d areas: areas and admissions are left out "+
			"(the areas map layers carry each area's figures); --tables all writes them, as Parquet "+
			"unless --table-format says otherwise", areas))
	}
	return p, nil
}

// layerOptions are the layers to write and their formats: FlatGeobuf when
// asked for, and for the areas layer of a large city unless GeoJSON is.
func (o outputOptions) layerOptions(layers []string, large bool) *report.LayerOptions {
	lo := &report.LayerOptions{Layers: layers, Formats: map[string]report.LayerFormat{}}
	for _, l := range layers {
		if o.LayerFormat == "fgb" || (l == "areas" && large && isAuto(o.LayerFormat)) {
			lo.Formats[l] = report.FlatGeobuf
		}
	}
	return lo
}

func isAuto(s string) bool { return s == "" || s == "auto" }

// tableFormat is the format of table t: CSV for the small tables at any
// size; for the area tables the one asked for, else Parquet in a large
// city and CSV in others.
func (o outputOptions) tableFormat(t string, large bool) string {
	switch {
	case !slices.Contains(report.AreaTables, t):
		return "csv"
	case !isAuto(o.TableFormat):
		return o.TableFormat
	case large:
		return "parquet"
	}
	return "csv"
}

// lists parses --tables and --layers and checks the formats, reporting
// every problem.
func (o outputOptions) lists() (tables, layers []string, err error) {
	var errs []string
	if tables, err = pickList("--tables", o.Tables, report.TableNames); err != nil {
		errs = append(errs, err.Error())
	}
	if layers, err = pickList("--layers", o.Layers, report.LayerFiles); err != nil {
		errs = append(errs, err.Error())
	}
	if !slices.Contains([]string{"", "auto", "csv", "csv.gz", "parquet"}, o.TableFormat) {
		errs = append(errs, fmt.Sprintf("--table-format %q: want csv, csv.gz or parquet", o.TableFormat))
	}
	if !slices.Contains([]string{"", "auto", "geojson", "fgb"}, o.LayerFormat) {
		errs = append(errs, fmt.Sprintf("--layer-format %q: want geojson or fgb", o.LayerFormat))
	}
	if len(errs) > 0 {
		return nil, nil, usageError{fmt.Errorf("%s", strings.Join(errs, "; "))}
	}
	return tables, layers, nil
}

// pickList parses a comma list of names from known, "all" (or "auto",
// or empty: all, less what plan leaves out by default) or "none".
func pickList(flag, s string, known []string) (names []string, err error) {
	switch s {
	case "", "auto", "all":
		return known, nil
	case "none":
		return []string{}, nil
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
		return nil, fmt.Errorf("%s: unknown %s (want some of %s, or all, none)", flag, strings.Join(bad, ", "),
			strings.Join(known, ","))
	}
	// In the order of known, so that files come in a fixed order.
	slices.SortFunc(names, func(a, b string) int { return slices.Index(known, a) - slices.Index(known, b) })
	return names, nil
}

// writeOutputs writes --out (with the comparison cmp, when not nil) and
// --xlsx for res, saying on stderr what was left out (unless quiet) and
// where the files went.
func writeOutputs(stderr io.Writer, out string, o outputOptions, quiet bool, cmp *scenarios.Comparison, res ...*scenarios.Result) error {
	p, err := o.plan(res)
	if err != nil {
		return err
	}
	if out != "" {
		p.files.Comparison = cmp
		if err := report.WriteFiles(out, &p.files, res...); err != nil {
			return err
		}
		say(stderr, quiet, p.notes, out)
	}
	if o.Workbook != "" {
		if err := report.WriteWorkbookFile(o.Workbook, &report.WorkbookOptions{Comparison: cmp}, res...); err != nil {
			return err
		}
		say(stderr, quiet, nil, o.Workbook)
	}
	return nil
}

// say writes the notes and where a file or folder went on stderr, unless
// quiet.
func say(stderr io.Writer, quiet bool, notes []string, wrote string) {
	if quiet {
		return
	}
	for _, n := range notes {
		fmt.Fprintf(stderr, "note: %s\n", n)
	}
	fmt.Fprintf(stderr, "wrote %s\n", wrote)
}
