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
	// Under 6+3 the same unit spans grades 1–9.
	c.System = engine.SchoolSystem{}
	if p, err = forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2021, Window: 1}); err != nil {
		t.Fatal(err)
	}
	if u := p.Units[0]; u.Lo != 1 || u.Hi != 9 {
		t.Fatalf("6+3: grades %d–%d, want 1–9", u.Lo, u.Hi)
	}
}

// Grade progression works on enrolment.csv's grades 1–9: a system with
// kindergarten is refused with a message saying what to use instead.
func TestGradeProgressionKindergarten(t *testing.T) {
	c := gradeCity(t, gradeData, "")
	c.System = engine.USSchoolSystem
	_, err := forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2022})
	if !errors.Is(err, forecast.ErrInput) || !strings.Contains(err.Error(), "K–5/6–8") || !strings.Contains(err.Error(), "cohort") {
		t.Fatalf("Project: %v", err)
	}
	_, err = forecast.RunBacktest(c.Demography.Enrolment, nil, 2019, &forecast.Options{System: engine.USSchoolSystem})
	if !errors.Is(err, forecast.ErrInput) || !strings.Contains(err.Error(), "K–5/6–8") {
		t.Fatalf("RunBacktest: %v", err)
	}
}
