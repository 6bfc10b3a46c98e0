package report_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// tinyForecast is the tiny test city's forecast.csv in the bands asked
// for, at ages 6 and 7 in 2025 and 2026.
func tinyForecast(byGrade bool, bands ...forecast.Band) *report.Forecast {
	c, err := engine.LoadCity("../testdata/tiny")
	if err != nil {
		log.Fatal(err)
	}
	spec := report.ForecastSpec{Name: c.Name, City: c, Method: forecast.Table, Bands: bands,
		First: 2025, Last: 2026, Ages: []int{6, 7}, ByGrade: byGrade}
	for _, b := range bands {
		p, err := forecast.Project(c, &forecast.Options{Method: forecast.Table, Band: b, Last: 2030})
		if err != nil {
			log.Fatal(err)
		}
		spec.Projections = append(spec.Projections, p)
	}
	f, err := report.NewForecast(spec)
	if err != nil {
		log.Fatal(err)
	}
	return f
}

// A forecast by grade as CSV: the rows of forecast.csv (D1 has 55
// six-year-olds in 2025, D2 35), grade 1 being age 6, and the city total
// their sum.
func ExampleWriteForecastCSV() {
	if err := report.WriteForecastCSV(os.Stdout, tinyForecast(true, forecast.Mid)); err != nil {
		log.Fatal(err)
	}
	// Output:
	// district,year,grade,children,new_housing
	// D1,2025,1,55.0,0.0
	// D1,2025,2,56.0,0.0
	// D1,2026,1,53.0,0.0
	// D1,2026,2,54.0,0.0
	// D2,2025,1,35.0,0.0
	// D2,2025,2,36.0,0.0
	// D2,2026,1,33.0,0.0
	// D2,2026,2,34.0,0.0
	// total,2025,1,90.0,0.0
	// total,2025,2,92.0,0.0
	// total,2026,1,86.0,0.0
	// total,2026,2,88.0,0.0
}

// The forecast table: a block per district and the total, a row per age
// and band, a column per year.
func ExampleWriteForecastTable() {
	f := tinyForecast(false, forecast.Bands[:]...)
	f.Rows = f.Rows[:4] // the first district's block
	if err := report.WriteForecastTable(os.Stdout, f); err != nil {
		log.Fatal(err)
	}
	// Output:
	// tiny — D1 West, table forecast — children by age and year
	//   age  band  2025  2026
	//     6   low  54.7  52.5
	//     6   mid  55.0  53.0
	//     6  high  55.3  53.5
	//     7   low  55.7  53.5
	//     7   mid  56.0  54.0
	//     7  high  56.3  54.5
}

// A back-test's errors per unit, and overall weighted by the years each
// unit was compared: MAPE (4×2.5 + 2×4) / 6 = 3, naive (4×5 + 2×3) / 6 =
// 4.33.
func ExampleWriteBacktestCSV() {
	c := &forecast.Comparison{Units: []forecast.BacktestUnit{
		{ID: "P1", School: true, District: "D1", Compared: 4, MAPE: 2.5, NaiveMAPE: 5, Bias: -1.25},
		{ID: "D2", District: "D2", Compared: 2, MAPE: 4, NaiveMAPE: 3, Bias: 0.5},
	}}
	if err := report.WriteBacktestCSV(os.Stdout, c); err != nil {
		log.Fatal(err)
	}
	// Output:
	// unit,kind,district,years,mape,naive_mape,bias
	// P1,school,D1,4,2.50,5.00,-1.25
	// D2,district,D2,2,4.00,3.00,0.50
	// overall,,,6,3.00,4.33,
}

// The three forecast bands of the tiny city's baseline: entrants and
// unplaced, one number where the bands agree. West has 45 entry seats:
// 2026's 52.5 / 53 / 53.5 six-year-olds (the bands around forecast.csv's
// 53) are 52 / 53 / 54 entrants, leaving 7 / 8 / 9 unplaced.
func ExampleWriteBandsTable() {
	sc := exampleScenario(tinyBaseline)
	rs, err := scenarios.RunBands(context.Background(), sc, nil)
	if err != nil {
		log.Fatal(err)
	}
	b := report.NewBands(sc, rs)
	// The districts in 2025 (data: the bands agree) and 2026.
	b.Bands = append(b.Bands[:2:2], b.Bands[3:5]...)
	if err := report.WriteBandsTable(os.Stdout, b); err != nil {
		log.Fatal(err)
	}
	// Output:
	// tiny-baseline — primary (tiny), 2025–2030: table forecast, low / mid / high bands
	//   year  district      entrants   unplaced name
	//   2025        D1            55         10 West
	//   2025        D2            35          0 East
	//   2026        D1  52 / 53 / 54  7 / 8 / 9 West
	//   2026        D2            33          0 East
	//
	// tiny-baseline — junior (tiny), 2025–2030: table forecast, low / mid / high bands
	//   year  district  entrants  unplaced name
}

// Every problem, errors before warnings, grouped by kind, and the count.
func ExampleWriteProblems() {
	problems := geo.Errors{
		&geo.FeatureError{File: "schools.geojson", Index: 1, ID: "P2", Field: "stage", Err: fmt.Errorf("%w: \"college\"", geo.ErrRange)},
		&engine.Warning{Err: &geo.FeatureError{File: "areas.geojson", Index: 4, ID: "A5", Field: "population", Err: errors.New("0 people")}},
		&geo.FeatureError{File: "schools.geojson", Index: 2, ID: "P3", Field: "streams", Err: fmt.Errorf("%w: -1", geo.ErrRange)},
	}
	sum := report.WriteProblems(os.Stdout, problems)
	fmt.Println(sum)
	// Output:
	// values out of range (2 errors)
	//   schools.geojson: feature 1 (id "P2"): stage: number out of range: "college"
	//   schools.geojson: feature 2 (id "P3"): streams: number out of range: -1
	// other (1 warning)
	//   areas.geojson: feature 4 (id "A5"): population: 0 people
	// 2 errors, 1 warning in 2 files
}

// The line of a city that validates.
func ExampleWriteCityOK() {
	c, err := engine.LoadCity("../testdata/tiny")
	if err != nil {
		log.Fatal(err)
	}
	report.WriteCityOK(os.Stdout, "tiny", report.ProblemSummary{Warnings: 1}, c, "2025–2030")
	report.WriteWarningNote(os.Stdout, "baseline", 2, "schoolplan validate baseline.yaml", report.English)
	report.WriteWarningNote(os.Stdout, "baseline", 2, "schoolplan validate baseline.yaml", report.Chinese)
	// Output:
	// tiny: ok with 1 warning: 2 districts, 5 areas, 4 schools (2 primary, 1 junior, 1 nine-year), forecast 2025–2030
	// baseline: the input has 2 warnings (to list them: schoolplan validate baseline.yaml)
	// baseline：输入数据有2条警告（逐条列出：schoolplan validate baseline.yaml）
}

// The files of an output folder: summary.json, the tables asked for in
// their formats, and the map layers.
func ExampleWriteFiles() {
	dir, err := os.MkdirTemp("", "out")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	f := &report.Files{Tables: []string{"summary", "areas"}, TableFormats: map[string]string{"areas": "csv.gz"},
		Layers: &report.LayerOptions{Layers: []string{"schools"}}}
	if err := report.WriteFiles(dir, f, exampleResult()); err != nil {
		log.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, n := range names {
		fmt.Println(filepath.Base(n))
	}
	// Output:
	// areas.csv.gz
	// schools_junior.geojson
	// schools_primary.geojson
	// summary.csv
	// summary.json
}
