package engine_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

// csvDecoders decodes each CSV file of a city folder against a city.
var csvDecoders = map[string]func(r io.Reader, c *engine.City) error{
	"forecast": func(r io.Reader, c *engine.City) error {
		_, err := engine.DecodeForecastCSV(r, "f.csv", c)
		return err
	},
	"population": func(r io.Reader, c *engine.City) error {
		_, err := engine.DecodePopulationCSV(r, "f.csv", c)
		return err
	},
	"births": func(r io.Reader, c *engine.City) error {
		_, err := engine.DecodeBirthsCSV(r, "f.csv", c)
		return err
	},
	"enrolment": func(r io.Reader, c *engine.City) error {
		_, err := engine.DecodeEnrolmentCSV(r, "f.csv", c)
		return err
	},
	"survival": func(r io.Reader, c *engine.City) error {
		_, err := engine.DecodeSurvivalCSV(r, "f.csv", c)
		return err
	},
}

// decodeTinyCSV decodes text as the CSV file (a key of csvDecoders) of
// the tiny city.
func decodeTinyCSV(t *testing.T, file, text string) error {
	t.Helper()
	city, err := engine.LoadCity("../testdata/tiny")
	if err != nil {
		t.Fatal(err)
	}
	return csvDecoders[file](strings.NewReader(text), city)
}

// Error lines are the file's true lines, as an editor numbers them: blank
// lines and quoted newlines are not rows but count as lines, a BOM and CRLF
// endings change nothing; header problems are on the header's line.
func TestCSVErrorLines(t *testing.T) {
	tests := []struct {
		name, file, csv string
		line            int
		field           string
	}{
		{"population plain", "population", "district,year,age,count\nD1,2020,0,5\nD1,2020,1,-1\n", 3, "count"},
		{"population blank lines", "population", "district,year,age,count\n\nD1,2020,0,5\n\n\nD1,2020,1,-1\n", 6, "count"},
		{"population CRLF and BOM", "population", "\ufeffdistrict,year,age,count\r\n\r\nD1,2020,0,5\r\nD1,2020,1,-1\r\n", 4, "count"},
		{"population quoted newline", "population", "district,year,age,count\n\"D1\n\",2020,0,5\nD1,2020,1,-1\n", 4, "count"},
		{"population count beyond the limit", "population", "district,year,age,count\nD1,2020,0,1e12\n", 2, "count"},
		{"population gap in ages after blank lines", "population", "district,year,age,count\n\nD1,2020,0,5\n\nD1,2020,2,5\n", 5, "age"},
		{"population header after blank lines", "population", "\n\ndistrict,year,count\nD1,2020,5\n", 3, "age"},
		{"population no rows after a blank first line", "population", "\ndistrict,year,age,count\n", 3, ""},
		{"forecast blank lines", "forecast", "district,year,age,count\n\nD1,2025,6,5\n\nD1,2025,7,x\n", 5, "count"},
		{"forecast CRLF, BOM, quoted newline", "forecast", "\ufeffdistrict,year,age,count\r\nD1,2025,6,\"5\r\n\"\r\n\r\nD1,2025,7,-3\r\n", 5, "count"},
		{"forecast count beyond the limit", "forecast", "district,year,age,count\nD1,2025,6,20000000\n", 2, "count"},
		// Line 5, not 3: the old count of rows missed the blank line and
		// the quoted newline.
		{"forecast second row after blank lines", "forecast", "district,year,age,count\n\nD1,2025,6,\"5\n\"\nD1,2025,6,4\n", 5, ""},
		{"forecast unknown column after a blank line", "forecast", "\ndistrict,year,age,kids\nD1,2025,6,5\n", 2, "kids"},
		{"forecast no place column after a blank line", "forecast", "\nyear,age,count\n2025,6,5\n", 2, "area"},
		{"births blank lines", "births", "district,year,births\n\n\nD1,2020,x\n", 4, "births"},
		{"births second row after a quoted newline", "births", "district,year,births\n\"D1\n\",2020,5\nD1,2020,6\n", 4, ""},
		{"enrolment blank lines", "enrolment", "school,year,grade,count\n\nP1,2020,1,30\n\nP9,2020,1,30\n", 5, "school"},
		{"enrolment second row after blank lines", "enrolment", "school,year,grade,count\nP1,2020,1,30\n\n\nP1,2020,1,31\n", 5, ""},
		{"survival blank lines", "survival", "age,ratio\n\n1,0.99\n\n2,9\n", 5, "ratio"},
		{"survival header after blank lines", "survival", "\n\n\nage,ratio,women\n", 4, "women"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := decodeTinyCSV(t, tc.file, tc.csv)
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
