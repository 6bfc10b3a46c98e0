package report_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// exampleResult runs the tiny test city's baseline.
func exampleResult() *scenarios.Result { return exampleRun(tinyBaseline) }

// exampleScenario loads a scenario file.
func exampleScenario(file string) *scenarios.Scenario {
	sc, err := scenarios.Load(file)
	if err != nil {
		log.Fatal(err)
	}
	return sc
}

// exampleRun runs a scenario file.
func exampleRun(file string) *scenarios.Result {
	r, err := scenarios.Run(context.Background(), exampleScenario(file), nil)
	if err != nil {
		log.Fatal(err)
	}
	return r
}

// A workbook with every table of a run; a row limit leaves the areas
// table out, and the overview sheet says where it is.
func ExampleWriteWorkbook() {
	var buf bytes.Buffer
	if err := report.WriteWorkbook(&buf, &report.WorkbookOptions{MaxRows: 50}, exampleResult()); err != nil {
		log.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.GetSheetList())
	year, _ := f.GetCellValue(report.SheetSummary, "C2")
	fmt.Println("summary C2:", year)
	// Output:
	// [overview summary schools districts indicators]
	// summary C2: 2025
}

// The areas layer of the primary stage as FlatGeobuf.
func ExampleWriteLayer_flatGeobuf() {
	opts := &report.LayerOptions{Formats: map[string]report.LayerFormat{"areas": report.FlatGeobuf}}
	var buf bytes.Buffer
	if err := report.WriteLayer(&buf, exampleResult(), "areas", engine.Primary, opts); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q %s\n", buf.Bytes()[:3], report.FlatGeobuf.Ext())
	// Output: "fgb" .fgb
}

// A CSV table, compressed.
func ExampleWriteGzip() {
	r := exampleResult()
	var buf bytes.Buffer
	err := report.WriteGzip(&buf, func(w io.Writer) error { return report.WriteAreasCSV(w, r) })
	if err != nil {
		log.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		log.Fatal(err)
	}
	data, _ := io.ReadAll(zr)
	fmt.Println(strings.SplitN(string(data), "\n", 2)[0])
	// Output: scenario,stage,year,area,piece,district,entrants,admitted,unplaced,school,distance_m
}

// The areas table as Parquet: the rows of areas.csv, typed.
func ExampleWriteAreasParquet() {
	var buf bytes.Buffer
	if err := report.WriteAreasParquet(&buf, exampleResult()); err != nil {
		log.Fatal(err)
	}
	b := buf.Bytes()
	fmt.Printf("%s…%s\n", b[:4], b[len(b)-4:])
	// Output: PAR1…PAR1
}

// The admissions table as Parquet.
func ExampleWriteAdmissionsParquet() {
	var buf bytes.Buffer
	if err := report.WriteAdmissionsParquet(&buf, exampleResult()); err != nil {
		log.Fatal(err)
	}
	fmt.Println(buf.Len() > 0)
	// Output: true
}
