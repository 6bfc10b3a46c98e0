package engine_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

// Error lines are the file's true lines: blank lines and quoted newlines
// are not rows, a BOM and CRLF endings change nothing.
func TestCSVErrorLines(t *testing.T) {
	tests := []struct {
		name, csv string
		forecast  bool // forecast.csv, else population.csv
		line      int
		field     string
	}{
		{"population plain", "district,year,age,count\nD1,2020,0,5\nD1,2020,1,-1\n", false, 3, "count"},
		{"population blank lines", "district,year,age,count\n\nD1,2020,0,5\n\n\nD1,2020,1,-1\n", false, 6, "count"},
		{"population CRLF and BOM", "\ufeffdistrict,year,age,count\r\n\r\nD1,2020,0,5\r\nD1,2020,1,-1\r\n", false, 4, "count"},
		{"population quoted newline", "district,year,age,count\n\"D1\n\",2020,0,5\nD1,2020,1,-1\n", false, 4, "count"},
		{"population count beyond the limit", "district,year,age,count\nD1,2020,0,1e12\n", false, 2, "count"},
		{"forecast blank lines", "district,year,age,count\n\nD1,2025,6,5\n\nD1,2025,7,x\n", true, 5, "count"},
		{"forecast CRLF, BOM, quoted newline", "\ufeffdistrict,year,age,count\r\nD1,2025,6,\"5\r\n\"\r\n\r\nD1,2025,7,-3\r\n", true, 5, "count"},
		{"forecast count beyond the limit", "district,year,age,count\nD1,2025,6,20000000\n", true, 2, "count"},
	}
	city, err := engine.LoadCity("../testdata/tiny")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.forecast {
				_, err = engine.DecodeForecastCSV(strings.NewReader(tc.csv), "f.csv", city)
			} else {
				_, err = engine.DecodePopulationCSV(strings.NewReader(tc.csv), "f.csv", city)
			}
			var re *engine.RowError
			if !errors.As(err, &re) {
				t.Fatalf("err %v, want a RowError", err)
			}
			if re.Line != tc.line || re.Field != tc.field {
				t.Errorf("line %d field %q (%v), want line %d field %q", re.Line, re.Field, err, tc.line, tc.field)
			}
		})
	}
}
