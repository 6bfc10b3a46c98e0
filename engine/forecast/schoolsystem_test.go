package forecast_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// A 5+4 junior school (grades 6–9, entry age 11) projected by grade
// progression, window 1: GPR(7) = 99/100, GPR(8) = 90/90, GPR(9) = 80/80;
// without births the entry grade carries 2020's 110 forward.
func TestGradeProgressionFiveFour(t *testing.T) {
	data := "school,district,year,grade,count\n" +
		"S,D,2019,6,100\nS,D,2019,7,90\nS,D,2019,8,80\nS,D,2019,9,70\n" +
		"S,D,2020,6,110\nS,D,2020,7,99\nS,D,2020,8,90\nS,D,2020,9,80\n"
	c := gradeCity(t, data, "")
	c.System = engine.FiveFourSchoolSystem
	p, err := forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2021, Window: 1})
	if err != nil {
		t.Fatal(err)
	}
	u := p.Units[0]
	if u.Lo != 6 || u.Hi != 9 {
		t.Fatalf("grades %d–%d, want 6–9 (5+4 junior)", u.Lo, u.Hi)
	}
	for g, want := range map[int]float64{6: 110, 7: 110 * 0.99, 8: 99, 9: 90} {
		approx(t, fmt.Sprintf("grade %d in 2021", g), u.At(2021, g), want)
		v, ok := p.Table.Lookup(p.Table.ByDistrict[0], 2021, g+engine.GradeAgeOffset)
		if !ok {
			t.Fatalf("age %d missing", g+engine.GradeAgeOffset)
		}
		approx(t, fmt.Sprintf("age %d in 2021", g+engine.GradeAgeOffset), v, want)
	}
	// Under 6+3 the same unit still spans grades 6–9: no grade the data
	// do not have is invented.
	c.System = engine.SchoolSystem{}
	if p, err = forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2021, Window: 1}); err != nil {
		t.Fatal(err)
	}
	if u := p.Units[0]; u.Lo != 6 || u.Hi != 9 {
		t.Fatalf("6+3: grades %d–%d, want 6–9", u.Lo, u.Hi)
	}
}

// A K–5 school under K–5/6–8: kindergarten is its entry grade, from births
// five years before (window 1: 2020's K = 50 of 2015's 200 births, ratio
// 0.25; 2016's 220 births give 55 in 2021); grade 1 = K × 45/50; no grade 6
// is projected. A grade the system does not have is an error naming it.
func TestGradeProgressionKindergarten(t *testing.T) {
	data := "school,district,year,grade,count\n" +
		"S,D,2019,K,50\nS,D,2019,1,48\nS,D,2019,5,40\n" +
		"S,D,2020,K,50\nS,D,2020,1,45\nS,D,2020,5,41\n"
	c := gradeCity(t, data, "district,year,births\nD,2014,190\nD,2015,200\nD,2016,220\n")
	c.System = engine.USSchoolSystem
	p, err := forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2021, Window: 1})
	if err != nil {
		t.Fatal(err)
	}
	u := p.Units[0]
	if u.Lo != 0 || u.Hi != 5 {
		t.Fatalf("grades %d–%d, want K–5", u.Lo, u.Hi)
	}
	approx(t, "K in 2021", u.At(2021, 0), 55)
	approx(t, "grade 1 in 2021", u.At(2021, 1), 50*45.0/50)
	approx(t, "grade 6 in 2021", u.At(2021, 6), 0)
	c.Demography.Enrolment = enrolment(t, "school,district,year,grade,count\nS,D,2019,K,50\nS,D,2019,9,40\nS,D,2020,K,50\n")
	_, err = forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2022})
	if !errors.Is(err, forecast.ErrInput) || !strings.Contains(err.Error(), "K–5/6–8") || !strings.Contains(err.Error(), "grade 9") {
		t.Fatalf("Project: %v", err)
	}
}
