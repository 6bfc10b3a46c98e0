package forecast_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// backtestCity is one district D with school S (grades 1–2, 2018–2022), 50
// births a year 2015–2020 and, when census is true, a 2020 census of
// 100 + 10a children of age a (0–15).
func backtestCity(tb testing.TB, census bool) (*engine.City, *engine.Enrolment, *engine.Births) {
	tb.Helper()
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10, 10)
	b.Area("A", d, 1, 1, 100)
	c := b.City()
	e, err := engine.DecodeEnrolmentCSV(strings.NewReader("school,district,year,grade,count\n"+
		"S,D,2018,1,30\nS,D,2018,2,40\nS,D,2019,1,30\nS,D,2019,2,40\nS,D,2020,1,30\nS,D,2020,2,40\n"+
		"S,D,2021,1,28\nS,D,2021,2,32\nS,D,2022,1,35\nS,D,2022,2,35\n"), "enrolment.csv", nil)
	if err != nil {
		tb.Fatal(err)
	}
	var births strings.Builder
	births.WriteString("district,year,births\n")
	for y := 2015; y <= 2020; y++ {
		fmt.Fprintf(&births, "D,%d,50\n", y)
	}
	bi, err := engine.DecodeBirthsCSV(strings.NewReader(births.String()), "births.csv", nil)
	if err != nil {
		tb.Fatal(err)
	}
	c.Demography.Enrolment, c.Demography.Births = e, bi
	if census {
		var pop strings.Builder
		pop.WriteString("district,year,age,count\n")
		for a := 0; a <= 15; a++ {
			fmt.Fprintf(&pop, "D,2020,%d,%d\n", a, 100+10*a)
		}
		p, err := engine.DecodePopulationCSV(strings.NewReader(pop.String()), "population.csv", nil)
		if err != nil {
			tb.Fatal(err)
		}
		c.Demography.Population = p
	}
	return c, e, bi
}

// TestCompareCohort hand-checks the cohort-component row. From origin
// 2020, with every ratio 1, the children of age a in 2020 + h are the
// census's of age a − h. School S had 30 pupils in grade 1 (age 6: 160
// children) and 40 in grade 2 (age 7: 170) in 2020, so
//
//	2021: 150 × 30/160 + 160 × 40/170 = 65.772 against 60: +9.620%
//	2022: 140 × 30/160 + 150 × 40/170 = 61.544 against 70: −12.080%
func TestCompareCohort(t *testing.T) {
	handBias := []float64{100 * (150*30.0/160 + 160*40.0/170 - 60) / 60, 100 * (140*30.0/160 + 150*40.0/170 - 70) / 70}
	tests := []struct {
		name     string
		census   bool
		noCity   bool
		origins  []engine.Year
		wantBias []float64 // cohort's bias (= signed error) by years ahead; nil: no row
		wantNote string
	}{
		{name: "hand-checked", census: true, origins: []engine.Year{2020}, wantBias: handBias},
		{name: "census after the first origin", census: true, origins: []engine.Year{2019, 2020}, wantBias: handBias,
			wantNote: "cohort: population.csv has no census at or before origin 2019: compared from the later origins only"},
		{name: "census after every origin", census: true, origins: []engine.Year{2019},
			wantNote: "no cohort-component row: population.csv has no census at or before origin 2019"},
		{name: "no population", origins: []engine.Year{2020},
			wantNote: "no cohort-component row: the city has no population.csv"},
		{name: "no city", census: true, noCity: true, origins: []engine.Year{2020},
			wantNote: "no cohort-component row: it needs the city's population.csv (give a city folder or a scenario)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, e, b := backtestCity(t, tc.census)
			if tc.noCity {
				c = nil
			}
			cmp, err := forecast.CompareMethods(e, b, &forecast.Options{Ratios: forecast.RatiosNone},
				forecast.CompareOptions{Origins: tc.origins, Horizon: 2, City: c})
			if err != nil {
				t.Fatal(err)
			}
			var bias []float64
			for _, r := range cmp.Rows {
				if r.Method != forecast.MethodCohort {
					continue
				}
				if r.Compared == 0 {
					continue
				}
				bias = append(bias, r.Bias)
				approx(t, fmt.Sprintf("cohort MAPE %d ahead", r.Ahead), r.MAPE, abs(r.Bias))
			}
			if len(bias) != len(tc.wantBias) {
				t.Fatalf("cohort bias %v, want %v", bias, tc.wantBias)
			}
			for k := range bias {
				approx(t, fmt.Sprintf("cohort bias %d ahead", k+1), bias[k], tc.wantBias[k])
			}
			if tc.wantNote == "" && len(cmp.Notes) > 0 || tc.wantNote != "" && !slices.Contains(cmp.Notes, tc.wantNote) {
				t.Errorf("notes %q, want %q", cmp.Notes, tc.wantNote)
			}
		})
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
