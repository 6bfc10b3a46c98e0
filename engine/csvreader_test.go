package engine_test

import (
	"testing"
)

// The messages of the CSV files, word for word: the header checks, the
// row shape, and the values every file reads alike. forecast.csv quotes a
// bad value as given (spaces included), the demography files trimmed.
func TestCSVMessages(t *testing.T) {
	tests := []struct {
		name, file, csv string
		want            string
	}{
		{"empty file", "forecast", "", "f.csv: line 1: engine: missing value: no header"},
		{"forecast unknown column", "forecast", "district,year,age,kids\n", "f.csv: line 1: kids: engine: invalid value: unknown column (want area or district, year, age, count)"},
		{"population unknown column", "population", "district,year,age,kids\n", "f.csv: line 1: kids: engine: invalid value: unknown column (want district, year, age, age_from, age_to, count)"},
		{"column given twice", "survival", "age,ratio, age\n", "f.csv: line 1: age: engine: invalid value: column given twice"},
		{"column missing", "births", "district,births\n", "f.csv: line 1: year: engine: missing value: column missing"},
		{"forecast no place column", "forecast", "year,age,count\n", "f.csv: line 1: area: engine: missing value: need an area or district column"},
		{"enrolment no unit column", "enrolment", "year,grade,count\n", "f.csv: line 1: school: engine: missing value: need a school or district column"},
		{"population age_from alone", "population", "district,year,age,age_from,count\n", "f.csv: line 1: age_to: engine: missing value: age_from and age_to go together"},
		{"no rows", "survival", "age,ratio\n", "f.csv: line 2: engine: missing value: no survival rows"},
		{"fields", "forecast", "district,year,age,count\nD1,2025,6\n", "f.csv: line 2: engine: invalid value: 3 fields, header has 4"},
		{"bare quote", "population", "district,year,age,count\nD1,2020,0,5\nD1,20\"20,1,5\n", `f.csv: line 3: bare " in non-quoted-field`},
		{"forecast year as given", "forecast", "district,year,age,count\nD1, 20x5 ,6,5\n", `f.csv: line 2: year: engine: invalid value: " 20x5 ": want a year between 1900 and 2200`},
		{"population year trimmed", "population", "district,year,age,count\nD1, 20x0 ,0,5\n", `f.csv: line 2: year: engine: invalid value: "20x0": want a year between 1900 and 2200`},
		{"forecast age", "forecast", "district,year,age,count\nD1,2025,121,5\n", `f.csv: line 2: age: engine: invalid value: "121": want a whole age 0–120`},
		{"forecast count", "forecast", "district,year,age,count\nD1,2025,6,NaN\n", `f.csv: line 2: count: engine: invalid value: "NaN": want a number of children from 0 to 10000000`},
		{"births count", "births", "district,year,births\nD1,2020,-1\n", `f.csv: line 2: births: engine: invalid value: "-1": want a number from 0 to 10000000`},
		{"forecast both places", "forecast", "area,district,year,age,count\nA1,D1,2025,6,5\n", "f.csv: line 2: area: engine: invalid value: give area or district, not both"},
		{"forecast unknown area", "forecast", "area,year,age,count\nA9,2025,6,5\n", `f.csv: line 2: area: "A9": engine: unknown id in the areas layer`},
		{"forecast empty district", "forecast", "district,year,age,count\n,2025,6,5\n", "f.csv: line 2: district: engine: missing value: empty"},
		{"population unknown district", "population", "district,year,age,count\nD9,2020,0,5\n", `f.csv: line 2: district: "D9": engine: unknown id in the districts layer`},
		{"enrolment unknown school", "enrolment", "school,year,grade,count\nP9,2020,1,5\n", `f.csv: line 2: school: "P9": engine: unknown id in the schools layer`},
		{"forecast second row", "forecast", "district,year,age,count\nD1,2025,6,5\nD1,2025,6,4\n", "f.csv: line 3: engine: invalid value: a second row for this place, year 2025 and age 6"},
		{"forecast district and area rows", "forecast", "area,district,year,age,count\nA1,,2025,6,5\n,D1,2025,6,4\n", `f.csv: line 0: district: engine: invalid value: district "D1" has both district rows and area rows; give one or the other`},
		{"every bad row", "survival", "age,ratio\nx,1\n1,0\n", "2 problems:\n\tf.csv: line 2: age: engine: invalid value: \"x\": want a whole age 0–120\n\tf.csv: line 3: ratio: engine: invalid value: \"0\": want a ratio > 0 and <= 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := decodeTinyCSV(t, tc.file, tc.csv)
			if err == nil {
				t.Fatalf("no error, want %s", tc.want)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
