package engine_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

func TestPopulationCSV(t *testing.T) {
	csv := "district,year,age_from,age_to,age,count\n" +
		"D1,2020,0,0,,30\n" +
		"D1,2020,1,4,,100\n" + // 25 per age
		"D1,2020,,,5,27\n" +
		"D1,2010,0,5,,60\n" +
		"D2,2020,0,1,,10\n"
	c, err := engine.LoadCityFS(tinyFS(t, map[string]string{"population.csv": csv}), "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	p := c.Demography.Population
	if p == nil || len(p.Years) != 2 || p.Years[0] != 2010 || p.Years[1] != 2020 {
		t.Fatalf("population %+v", p)
	}
	want := []float64{30, 25, 25, 25, 25, 27}
	got := p.Ages("D1", 2020)
	if len(got) != len(want) {
		t.Fatalf("D1 2020 %v, want %v", got, want)
	}
	for a := range want {
		if !approx.Equal(got[a], want[a], 1e-12) {
			t.Fatalf("D1 2020 %v, want %v", got, want)
		}
	}
	if got := p.Ages("D2", 2010); got != nil {
		t.Errorf("D2 2010 %v, want nil", got)
	}
	if got := p.Ages("D1", 2010); len(got) != 6 || got[3] != 10 {
		t.Errorf("D1 2010 %v, want 6 ages of 10", got)
	}
}

func TestDemographyBadInput(t *testing.T) {
	tests := []struct {
		name, file, csv string
		line            int
		field           string
		want            error
	}{
		{"population gap", "population.csv", "district,year,age_from,age_to,count\nD1,2020,0,0,5\nD1,2020,2,4,5\n", 3, "age", engine.ErrInvalid},
		{"population overlap", "population.csv", "district,year,age_from,age_to,count\nD1,2020,0,3,5\nD1,2020,2,4,5\n", 3, "age", engine.ErrInvalid},
		{"population unknown district", "population.csv", "district,year,age,count\nDX,2020,0,5\n", 2, "district", engine.ErrUnknownID},
		{"population both forms", "population.csv", "district,year,age,age_from,age_to,count\nD1,2020,0,0,1,5\n", 2, "age", engine.ErrInvalid},
		{"population no age column", "population.csv", "district,year,count\nD1,2020,5\n", 1, "age", engine.ErrMissing},
		{"population negative", "population.csv", "district,year,age,count\nD1,2020,0,-1\n", 2, "count", engine.ErrInvalid},
		{"births unknown column", "births.csv", "district,year,births,men\nD1,2020,5,1\n", 1, "men", engine.ErrInvalid},
		{"births empty", "births.csv", "district,year,births\nD1,2020,\n", 2, "births", engine.ErrMissing},
		{"births duplicate", "births.csv", "district,year,births\nD1,2020,5\nD1,2020,6\n", 3, "", engine.ErrInvalid},
		{"births kind", "births.csv", "district,year,births,kind\nD1,2020,5,guess\n", 2, "kind", engine.ErrInvalid},
		{"births forecast before observed", "births.csv", "district,year,births,kind\nD1,2020,5,forecast\nD1,2021,5,observed\n", 0, "kind", engine.ErrInvalid},
		{"enrolment unknown school", "enrolment.csv", "school,year,grade,count\nPX,2020,1,5\n", 2, "school", engine.ErrUnknownID},
		{"enrolment grade", "enrolment.csv", "school,year,grade,count\nP1,2020,10,5\n", 2, "grade", engine.ErrInvalid},
		{"enrolment wrong district", "enrolment.csv", "school,district,year,grade,count\nP1,D2,2020,1,5\n", 2, "district", engine.ErrInvalid},
		{"enrolment both", "enrolment.csv", "school,district,year,grade,count\nP1,,2020,1,5\n,D1,2020,1,5\n", 0, "district", engine.ErrInvalid},
		{"enrolment duplicate", "enrolment.csv", "district,year,grade,count\nD1,2020,1,5\nD1,2020,1,6\n", 3, "", engine.ErrInvalid},
		{"survival ratio", "survival.csv", "district,age,ratio\n,1,0\n", 2, "ratio", engine.ErrInvalid},
		{"survival too big", "survival.csv", "age,ratio\n1,3.5\n", 2, "ratio", engine.ErrInvalid},
		{"survival duplicate", "survival.csv", "district,age,ratio\nD1,1,1\nD1,1,1.1\n", 3, "", engine.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.LoadCityFS(tinyFS(t, map[string]string{tc.file: tc.csv}), "city", "city")
			var re *engine.RowError
			if !errors.As(err, &re) {
				t.Fatalf("err %v, want a RowError", err)
			}
			var list geo.Errors
			if errors.As(err, &list) && len(list) != 1 {
				t.Fatalf("%d errors, want 1: %v", len(list), err)
			}
			if re.File != "city/"+tc.file || re.Line != tc.line || re.Field != tc.field || !errors.Is(err, tc.want) {
				t.Fatalf("err %v (file %s line %d field %q), want %s line %d field %q %v", err, re.File, re.Line, re.Field, tc.file, tc.line, tc.field, tc.want)
			}
		})
	}
}

func TestBirthsEnrolmentSurvivalCSV(t *testing.T) {
	edits := map[string]string{
		"births.csv": "district,year,births,women_15_49,kind\n" +
			"D1,2019,100,2000,\nD1,2020,90,,observed\nD1,2021,85,,forecast\nD2,2022,,1000,\n",
		"enrolment.csv": "school,district,year,grade,count\nP1,D1,2020,1,40\nP1,,2021,1,42\n,D2,2021,2,30\n",
		"survival.csv":  "district,age,ratio\n,1,0.99\nD1,1,1.02\n",
	}
	c, err := engine.LoadCityFS(tinyFS(t, edits), "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	b := c.Demography.Births
	if b.FirstYear != 2019 || b.LastYear != 2022 {
		t.Fatalf("births years %d–%d", b.FirstYear, b.LastYear)
	}
	if s := b.ByDistrict["D1"]; s.LastObserved(b.FirstYear) != 2020 || !s.Forecast[2] || !s.HasWomen[0] || s.HasWomen[1] {
		t.Errorf("D1 births %+v", s)
	}
	if n, ok := b.Lookup("D2", 2022); ok || n != 0 {
		t.Errorf("D2 2022 births %v %v, want none (women only)", n, ok)
	}
	e := c.Demography.Enrolment
	if len(e.Units) != 2 || e.Units[0].ID != "P1" || !e.Units[0].School || e.Units[0].District != "D1" || e.Units[1].School {
		t.Fatalf("units %+v", e.Units)
	}
	if n, ok := e.Lookup(&e.Units[0], 2021, 1); !ok || n != 42 {
		t.Errorf("P1 2021 grade 1: %v %v", n, ok)
	}
	s := c.Demography.Survival
	if r, _ := s.Ratio("D1", 1); r != 1.02 {
		t.Errorf("D1 ratio %v", r)
	}
	if r, _ := s.Ratio("D2", 1); r != 0.99 {
		t.Errorf("D2 ratio %v", r)
	}
	if _, ok := s.Ratio("D2", 2); ok {
		t.Error("D2 age 2 has a ratio")
	}
}

func TestForecastCSVOptionalWithCohortInputs(t *testing.T) {
	pop := "district,year,age,count\nD1,2020,0,5\n"
	c, err := engine.LoadCityFS(tinyFS(t, map[string]string{"forecast.csv": "", "population.csv": pop}), "city", "city")
	if err != nil {
		t.Fatal(err)
	}
	if c.Forecast.ByDistrict != nil || c.Demography.Population == nil {
		t.Fatalf("forecast %+v population %+v", c.Forecast, c.Demography.Population)
	}
	// Without any forecast input the missing forecast.csv is still an error.
	if _, err := engine.LoadCityFS(tinyFS(t, map[string]string{"forecast.csv": ""}), "city", "city"); err == nil {
		t.Fatal("no forecast.csv and no population.csv: want an error")
	}
}

// Standalone (no city): any ids, a school's district from its column.
func TestEnrolmentWithoutCity(t *testing.T) {
	csv := "school,district,year,grade,count\nS1,X,2020,1,10\nS2,,2020,7,20\n"
	e, err := engine.DecodeEnrolmentCSV(strings.NewReader(csv), "e.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Units) != 2 || e.Units[0].District != "X" || e.Units[1].District != "" {
		t.Fatalf("units %+v", e.Units)
	}
}

// fuzzCity is the tiny city the CSV fuzz targets check ids against.
func fuzzCity(f *testing.F) *engine.City {
	c, err := engine.LoadCity(tiny)
	if err != nil {
		f.Fatal(err)
	}
	return c
}

// fuzzDecoder checks a decoder never panics, returns a value or an error,
// and names the file in every error.
func fuzzDecoder[T any](f *testing.F, seeds []string, decode func(string) (*T, error)) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := decode(s)
		if err == nil && v == nil {
			t.Fatal("nil result without error")
		}
		if err != nil && !strings.Contains(err.Error(), "in.csv") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

func FuzzPopulationCSV(f *testing.F) {
	c := fuzzCity(f)
	fuzzDecoder(f, []string{
		"district,year,age,count\nD1,2020,0,5\nD1,2020,1,6\n",
		"district,year,age_from,age_to,count\nD1,2020,0,4,50\nD1,2020,5,9,50\nD2,2010,0,0,1\n",
		"district,year,age,age_from,age_to,count\nD1,2020,,0,1,5\nD1,2020,2,,,1e400\n",
		"\ufeffdistrict,year,age,count\n\"D1,2020,0,5\n",
	}, func(s string) (*engine.Population, error) {
		return engine.DecodePopulationCSV(strings.NewReader(s), "in.csv", c)
	})
}

func FuzzBirthsCSV(f *testing.F) {
	c := fuzzCity(f)
	fuzzDecoder(f, []string{
		"district,year,births\nD1,2020,100\nD2,2020,90\n",
		"district,year,births,women_15_49,kind\nD1,2020,100,2000,\nD1,2021,,2100,\nD1,2022,80,,forecast\n",
		"district,year,births,kind\nD1,2022,80,forecast\nD1,2021,80,observed\n",
	}, func(s string) (*engine.Births, error) {
		return engine.DecodeBirthsCSV(strings.NewReader(s), "in.csv", c)
	})
}

func FuzzEnrolmentCSV(f *testing.F) {
	c := fuzzCity(f)
	fuzzDecoder(f, []string{
		"school,year,grade,count\nP1,2020,1,40\nP1,2020,2,41\nJ1,2021,7,30\n",
		"district,year,grade,count\nD1,2020,1,400\n",
		"school,district,year,grade,count\nP1,D1,2020,1,40\n,D2,2020,1,5\nN1,,2020,9,3\n",
		"school,year,grade,count\nP1,2020,K,40\nP1,2020,0,41\n",
	}, func(s string) (*engine.Enrolment, error) {
		return engine.DecodeEnrolmentCSV(strings.NewReader(s), "in.csv", c)
	})
}

func FuzzSurvivalCSV(f *testing.F) {
	c := fuzzCity(f)
	fuzzDecoder(f, []string{
		"district,age,ratio\n,0,0.99\n,1,1\nD1,1,1.02\n",
		"age,ratio\n5,1.01\n",
		"age,ratio\n5,NaN\n",
	}, func(s string) (*engine.Survival, error) {
		return engine.DecodeSurvivalCSV(strings.NewReader(s), "in.csv", c)
	})
}
