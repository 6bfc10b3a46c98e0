package forecast_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine/forecast"
)

// Two schools of district D, grades 1–2, no births, window 3, pooled
// ratios, K = 60. S: grade 2 of 22, 18, 21 from grade-1 cohorts of 20:
// pooled 61/60 over D = 60 pupils at risk. T: 95 of 100 three times, but
// its grade 1 of 2020 is reported as 3 (between 100s): the 2021 ratio 95/3
// and the 2020 entry of 3 are outliers, left out and named. The district's
// ratio without them is (61 + 190) / (60 + 200) = 251/260, and
//
//	S: (60 · 61/60 + 60 · 251/260) / 120,  T: (200 · 0.95 + 60 · 251/260) / 260.
func TestRobustProgression(t *testing.T) {
	data := "school,district,year,grade,count\n" +
		"S,D,2018,1,20\nS,D,2018,2,20\nS,D,2019,1,20\nS,D,2019,2,22\nS,D,2020,1,20\nS,D,2020,2,18\nS,D,2021,1,20\nS,D,2021,2,21\n" +
		"T,D,2018,1,100\nT,D,2018,2,100\nT,D,2019,1,100\nT,D,2019,2,95\nT,D,2020,1,3\nT,D,2020,2,95\nT,D,2021,1,100\nT,D,2021,2,95\n"
	c := gradeCity(t, data, "")
	p, err := forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2022, Window: 3,
		Progression: forecast.Progression{Ratios: forecast.RatioPooled, Window: 3, Shrink: 60}})
	if err != nil {
		t.Fatal(err)
	}
	district := 251.0 / 260
	s, tt := p.Units[0], p.Units[1]
	approx(t, "S grade 2 ratio", s.Ratio[2], (61+60*district)/120)
	approx(t, "T grade 2 ratio", tt.Ratio[2], (200*0.95+60*district)/260)
	if len(s.Outliers) != 0 {
		t.Errorf("S outliers %v", s.Outliers)
	}
	var named []string
	for _, o := range tt.Outliers {
		named = append(named, o.String())
	}
	got := strings.Join(named, "; ")
	for _, want := range []string{"grade 2 in 2021: ratio 31.667", "grade 1 in 2020: ratio 0.030"} {
		if !strings.Contains(got, want) {
			t.Errorf("T outliers %q lack %q", got, want)
		}
	}
	// T's entry level: the mean of 100 and 100 (2020 left out).
	approx(t, "T grade 1 in 2022", tt.At(2022, 1), 100)
	if !strings.Contains(strings.Join(p.Notes, "\n"), "outlier grade 2 in 2021") {
		t.Errorf("notes do not name the outlier:\n%s", strings.Join(p.Notes, "\n"))
	}
}

// A grade without a row in the fit's last year, taught the year before, is
// still projected: its cell starts from the cohort's pupils the year
// before × the grade's ratio, and the note names it. With the classic fit
// the cohort is lost (the cell counts 0).
func TestRobustMissingRow(t *testing.T) {
	data := "school,district,year,grade,count\n" +
		"S,D,2019,1,50\nS,D,2019,2,50\nS,D,2019,3,50\nS,D,2020,1,50\nS,D,2020,2,50\nS,D,2020,3,50\n" +
		"S,D,2021,1,50\nS,D,2021,3,50\n"
	c := gradeCity(t, data, "")
	for _, tc := range []struct {
		name string
		prog forecast.Progression
		want float64 // grade 3 in 2022
	}{
		{"robust", forecast.Progression{Ratios: forecast.RatioPooled, Shrink: -1}, 50},
		{"classic", forecast.Progression{}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2022, Window: 3, Progression: tc.prog})
			if err != nil {
				t.Fatal(err)
			}
			u := p.Units[0]
			if u.Lo != 1 || u.Hi != 3 {
				t.Fatalf("grades %d–%d, want 1–3", u.Lo, u.Hi)
			}
			approx(t, "grade 3 in 2022", u.At(2022, 3), tc.want)
			named := strings.Contains(strings.Join(p.Notes, "\n"), "grade 2 in 2021: no row; the projection starts from 50.0")
			if named != (tc.want > 0) {
				t.Errorf("notes:\n%s", strings.Join(p.Notes, "\n"))
			}
		})
	}
}
