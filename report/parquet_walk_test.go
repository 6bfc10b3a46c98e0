package report_test

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// monacoWalkMPerMin is monaco-network's walking speed, 4.5 km/h, in
// metres a minute.
const monacoWalkMPerMin = 4500.0 / 60

// parquetTables are the two Parquet tables with their CSV twins.
var parquetTables = []struct {
	name         string
	parquet, csv func(io.Writer, ...*scenarios.Result) error
}{
	{"areas", report.WriteAreasParquet, report.WriteAreasCSV},
	{"admissions", report.WriteAdmissionsParquet, report.WriteAdmissionsCSV},
}

// TestParquetWalkWithDuckDB writes the tables of Monaco run on straight
// lines and on foot and reads them back with DuckDB: the columns of the
// CSV files, distance and walk_min included only when a run walked,
// typed VARCHAR and DOUBLE, with the CSV's values.
func TestParquetWalkWithDuckDB(t *testing.T) {
	query := duckDB(t)
	dir := t.TempDir()
	runs := []struct {
		name  string
		files []string
		walk  bool
	}{
		{"straight only", []string{monacoStraight}, false},
		{"straight and walking", []string{monacoStraight, monacoNetwork}, true},
		{"walking only", []string{monacoNetwork}, true},
	}
	for _, run := range runs {
		rs := runScenarios(t, run.files...)
		for _, tc := range parquetTables {
			t.Run(run.name+"/"+tc.name, func(t *testing.T) {
				file := filepath.Join(dir, fmt.Sprintf("%s-%d.parquet", tc.name, len(run.files)+btoi(run.walk)))
				cols, types, rows, want := walkTables(t, query, file, tc.parquet, tc.csv, rs)
				if got := slices.Contains(cols, "walk_min") && slices.Contains(cols, "distance"); got != run.walk {
					t.Fatalf("columns %v: distance and walk_min %v, want %v", cols, got, run.walk)
				}
				if run.walk {
					checkWalkTypes(t, cols, types)
					checkWalkBounds(t, query, file, cols, rows)
					checkWalkMinutes(t, cols, rows)
				}
				compareRows(t, cols, rows, want[1:])
			})
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// walkTables writes rs as Parquet to file and as CSV, reads the file back
// with DuckDB and returns its columns, types and rows (walk_min as the
// CSV prints it, to the tenth) and the CSV's records.
func walkTables(t *testing.T, query func(string) ([]string, []string, [][]any), file string,
	parquetWrite, csvWrite func(io.Writer, ...*scenarios.Result) error, rs []*scenarios.Result) (cols, types []string, rows [][]any, want [][]string) {
	t.Helper()
	var pq, csv bytes.Buffer
	if err := parquetWrite(&pq, rs...); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, pq.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := csvWrite(&csv, rs...); err != nil {
		t.Fatal(err)
	}
	want = parseCSV(t, csv.Bytes())
	cols, types, rows = query(fmt.Sprintf("SELECT * FROM read_parquet('%s')", file))
	if fmt.Sprint(cols) != fmt.Sprint(want[0]) {
		t.Fatalf("columns %v, want %v", cols, want[0])
	}
	return cols, types, rows, want
}

// checkWalkBounds counts with DuckDB the rows at walk_min's least and
// greatest value, which a filter finds only when the column chunk's
// statistics (which DuckDB reads to skip row groups) bound the values,
// and compares with the rows read.
func checkWalkBounds(t *testing.T, query func(string) ([]string, []string, [][]any), file string, cols []string, rows [][]any) {
	t.Helper()
	walk := slices.Index(cols, "walk_min")
	lo, hi, nLo, nHi := math.Inf(1), math.Inf(-1), 0, 0
	for _, row := range rows {
		if m, ok := row[walk].(float64); ok {
			lo, hi = min(lo, m), max(hi, m)
		}
	}
	for _, row := range rows {
		nLo += btoi(row[walk] == lo)
		nHi += btoi(row[walk] == hi)
	}
	for _, c := range []struct {
		cond string
		want int
	}{{fmt.Sprint("walk_min <= ", lo), nLo}, {fmt.Sprint("walk_min >= ", hi), nHi}} {
		_, _, got := query(fmt.Sprintf("SELECT count(*) FROM read_parquet('%s') WHERE %s", file, c.cond))
		if n := jsonField(got[0][0]); n != strconv.Itoa(c.want) {
			t.Errorf("rows where %s: %s, want %d", c.cond, n, c.want)
		}
	}
}

// checkWalkTypes checks DuckDB's types of the walk columns.
func checkWalkTypes(t *testing.T, cols, types []string) {
	t.Helper()
	for col, want := range map[string]string{"distance": "VARCHAR", "walk_min": "DOUBLE", "distance_m": "INTEGER"} {
		if k := slices.Index(cols, col); types[k] != want {
			t.Errorf("column %s: %s, want %s", col, types[k], want)
		}
	}
}

// checkWalkMinutes checks walk_min against distance_m walked at 4.5 km/h
// (75 m a minute, to the tenth of a minute; distance_m is rounded to the
// metre) and null on straight lines, then rewrites it as the CSV prints
// it.
func checkWalkMinutes(t *testing.T, cols []string, rows [][]any) {
	t.Helper()
	kind, dist, walk := slices.Index(cols, "distance"), slices.Index(cols, "distance_m"), slices.Index(cols, "walk_min")
	walked := 0
	for i, row := range rows {
		m, isNum := row[walk].(float64)
		switch {
		case row[kind] == "straight" || row[dist] == nil:
			if row[walk] != nil {
				t.Errorf("row %d: walk_min %v, want null (%v, distance_m %v)", i+1, row[walk], row[kind], row[dist])
			}
		case !isNum || math.Abs(m-row[dist].(float64)/monacoWalkMPerMin) > 0.05+0.5/monacoWalkMPerMin:
			t.Errorf("row %d: walk_min %v, want %v m at 75 m/min", i+1, row[walk], row[dist])
		default:
			walked++
			row[walk] = strconv.FormatFloat(m, 'f', 1, 64)
		}
	}
	if walked == 0 {
		t.Errorf("no row has a walk")
	}
}

// pqWalkRow is the head and walk columns of a row of areas.parquet as
// parquet-go's reader decodes them.
type pqWalkRow struct {
	Scenario  string   `parquet:"scenario"`
	Area      string   `parquet:"area"`
	School    *string  `parquet:"school,optional"`
	DistanceM *int32   `parquet:"distance_m,optional"`
	Distance  string   `parquet:"distance"`
	WalkMin   *float64 `parquet:"walk_min,optional"`
}

// TestParquetWalkWithParquetGo reads Monaco's areas.parquet, run on
// straight lines and on foot, with parquet-go: every row's distance and
// walk_min are the CSV's, in pages of 5 rows and groups of 15.
func TestParquetWalkWithParquetGo(t *testing.T) {
	rs := runScenarios(t, monacoStraight, monacoNetwork)
	layouts := []struct {
		name        string
		page, group int
	}{{"one page", 0, 0}, {"pages of 5 rows, groups of 15", 5, 15}}
	for _, lay := range layouts {
		t.Run(lay.name, func(t *testing.T) {
			if lay.page > 0 {
				defer report.SetParquetRows(lay.page, lay.group)()
			}
			var pq, csv bytes.Buffer
			if err := report.WriteAreasParquet(&pq, rs...); err != nil {
				t.Fatal(err)
			}
			if err := report.WriteAreasCSV(&csv, rs...); err != nil {
				t.Fatal(err)
			}
			got, err := parquet.Read[pqWalkRow](bytes.NewReader(pq.Bytes()), int64(pq.Len()))
			if err != nil {
				t.Fatal(err)
			}
			compareWalkRows(t, got, parseCSV(t, csv.Bytes()))
		})
	}
}

// compareWalkRows compares parquet-go's rows with the CSV's distance and
// walk_min cells.
func compareWalkRows(t *testing.T, got []pqWalkRow, want [][]string) {
	t.Helper()
	if len(got) != len(want)-1 {
		t.Fatalf("%d rows, want %d", len(got), len(want)-1)
	}
	kind, walk := slices.Index(want[0], "distance"), slices.Index(want[0], "walk_min")
	for i, r := range got {
		w := want[i+1]
		minutes := ""
		if r.WalkMin != nil {
			minutes = strconv.FormatFloat(*r.WalkMin, 'f', 1, 64)
		}
		if r.Area != w[3] || r.Distance != w[kind] || minutes != w[walk] {
			t.Errorf("row %d: area %s, distance %q, walk_min %q; want %s, %q, %q", i+1, r.Area, r.Distance, minutes, w[3], w[kind], w[walk])
		}
	}
}
