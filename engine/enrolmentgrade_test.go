package engine_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

// Kindergarten in enrolment.csv: K or 0, kept as grade 0, when the city's
// school system has it (or without a city); refused, naming the line and
// the system, otherwise. Other grades stay 1–9.
func TestEnrolmentKindergarten(t *testing.T) {
	city, err := engine.LoadCity(tiny)
	if err != nil {
		t.Fatal(err)
	}
	us := *city
	us.System = engine.USSchoolSystem
	for _, tc := range []struct {
		name    string
		city    *engine.City
		rows    string
		want    float64 // grade 0 of 2020
		wantErr string
		line    string // the line the error names
	}{
		{"K without a city", nil, "P1,2020,K,30\nP1,2020,1,31\n", 30, "", ""},
		{"0 without a city", nil, "P1,2020,0,30\n", 30, "", ""},
		{"K in a K–5 city", &us, "P1,2020,K,28\n", 28, "", ""},
		{"K in a 6+3 city", city, "P1,2020,1,31\nP1,2020,K,28\n", 0, `"K": the school system 1–6/7–9 has no kindergarten`, "line 3: grade:"},
		{"pre-kindergarten", nil, "P1,2020,PK4,28\n", 0, `"PK4": want a grade 1–9 or K`, "line 2: grade:"},
		{"grade 10", nil, "P1,2020,10,28\n", 0, `"10": want a grade 1–9 or K`, "line 2: grade:"},
		{"a word", nil, "P1,2020,kindergarten,28\n", 0, `"kindergarten": want a grade 1–9 or K`, "line 2: grade:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := engine.DecodeEnrolmentCSV(strings.NewReader("school,year,grade,count\n"+tc.rows), "e.csv", tc.city)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "e.csv: "+tc.line) {
					t.Fatalf("error %v, want e.csv: %s … %q", err, tc.line, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, ok := e.Lookup(&e.Units[0], 2020, 0)
			if !ok || got != tc.want {
				t.Errorf("grade 0 of 2020: %v (%v), want %v", got, ok, tc.want)
			}
		})
	}
}
