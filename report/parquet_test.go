package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// duckDBVersion is the npm package of DuckDB's Node.js client the tests
// install to read the Parquet files.
const duckDBVersion = "@duckdb/node-api@1.5.6-r.1"

const duckDBScript = `const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const r = await con.runAndReadAll(process.argv[2]);
  console.log(JSON.stringify({columns: r.columnNames(), types: r.columnTypes().map(t => t.toString()), rows: r.getRowsJson()}));
})().catch(e => { console.error(e.message); process.exit(1); });
`

// duckDB installs DuckDB's Node.js client into a temporary folder and
// returns a function that runs a query and returns its columns, column
// types and rows. It skips the test when node or npm is missing or the
// package cannot be installed.
func duckDB(t *testing.T) func(query string) (cols, types []string, rows [][]any) {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the Parquet files are not read back with DuckDB", tool)
		}
	}
	dir := t.TempDir()
	install := exec.Command("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", dir, duckDBVersion)
	if out, err := install.CombinedOutput(); err != nil {
		t.Skipf("npm install %s failed (%v): the Parquet files are not read back with DuckDB\n%s", duckDBVersion, err, out)
	}
	script := filepath.Join(dir, "query.js")
	if err := os.WriteFile(script, []byte(duckDBScript), 0o644); err != nil {
		t.Fatal(err)
	}
	return func(query string) (cols, types []string, rows [][]any) {
		t.Helper()
		cmd := exec.Command("node", script, query)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("duckdb %s: %v", query, err)
		}
		var res struct {
			Columns []string `json:"columns"`
			Types   []string `json:"types"`
			Rows    [][]any  `json:"rows"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatal(err)
		}
		return res.Columns, res.Types, res.Rows
	}
}

// jsonField is DuckDB's JSON value as the CSV writes it: null empty,
// numbers in decimal.
func jsonField(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// TestParquetWithDuckDB writes the areas and admissions tables of two
// scenarios as Parquet and reads them back with DuckDB: the same columns,
// typed, and the same rows in the same order as the CSV files.
func TestParquetWithDuckDB(t *testing.T) {
	query := duckDB(t)
	rs := runScenarios(t, tinyBaseline, tinyChanges)
	dir := t.TempDir()
	tests := []struct {
		name    string
		parquet func(io.Writer, ...*scenarios.Result) error
		csv     func(io.Writer, ...*scenarios.Result) error
		types   map[string]string
	}{
		{"areas", report.WriteAreasParquet, report.WriteAreasCSV, map[string]string{"scenario": "VARCHAR", "year": "INTEGER",
			"entrants": "INTEGER", "unplaced": "INTEGER", "school": "VARCHAR", "distance_m": "INTEGER"}},
		{"admissions", report.WriteAdmissionsParquet, report.WriteAdmissionsCSV, map[string]string{"route": "VARCHAR",
			"students": "INTEGER", "distance_m": "INTEGER"}},
	}
	layouts := []struct {
		name        string
		page, group int // rows; 0: the writer's own
	}{
		{"one page", 0, 0},
		{"pages of 4 rows, groups of 12", 4, 12},
		{"pages of 1 row, groups of 2", 1, 2},
	}
	for _, tc := range tests {
		for _, lay := range layouts {
			t.Run(tc.name+"/"+lay.name, func(t *testing.T) {
				if lay.page > 0 {
					defer report.SetParquetRows(lay.page, lay.group)()
				}
				checkParquetWithDuckDB(t, query, filepath.Join(dir, tc.name+lay.name+".parquet"), tc.parquet, tc.csv, tc.types, rs)
			})
		}
	}
}

// checkParquetWithDuckDB writes rs with parquet to file, reads it back
// with DuckDB and compares its columns, types and rows with csv's.
func checkParquetWithDuckDB(t *testing.T, query func(string) ([]string, []string, [][]any), file string,
	parquet, csvWrite func(io.Writer, ...*scenarios.Result) error, types map[string]string, rs []*scenarios.Result) {
	t.Helper()
	var pq, csv bytes.Buffer
	if err := parquet(&pq, rs...); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, pq.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := csvWrite(&csv, rs...); err != nil {
		t.Fatal(err)
	}
	want := parseCSV(t, csv.Bytes())
	cols, gotTypes, rows := query(fmt.Sprintf("SELECT * FROM read_parquet('%s')", file))
	if fmt.Sprint(cols) != fmt.Sprint(want[0]) {
		t.Errorf("columns %v, want %v", cols, want[0])
	}
	for k, c := range cols {
		if w, ok := types[c]; ok && gotTypes[k] != w {
			t.Errorf("column %s: %s, want %s", c, gotTypes[k], w)
		}
	}
	compareRows(t, cols, rows, want[1:])
}

// compareRows compares DuckDB's rows with the CSV's, field by field.
func compareRows(t *testing.T, cols []string, rows [][]any, want [][]string) {
	t.Helper()
	if len(rows) != len(want) || len(rows) == 0 {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, row := range rows {
		for j, v := range row {
			if got := jsonField(v); got != want[i][j] {
				t.Errorf("row %d, %s: %q, want %q", i+1, cols[j], got, want[i][j])
			}
		}
	}
}

// TestParquetDeterministic writes the tables of two runs of the same
// scenario.
func TestParquetDeterministic(t *testing.T) {
	for _, write := range []func(io.Writer, ...*scenarios.Result) error{report.WriteAreasParquet, report.WriteAdmissionsParquet} {
		var outs [2]bytes.Buffer
		for k := range outs {
			if err := write(&outs[k], runScenarios(t, tinyChanges)...); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) || outs[0].Len() == 0 {
			t.Errorf("two writes of the same run differ (%d and %d bytes)", outs[0].Len(), outs[1].Len())
		}
	}
}
