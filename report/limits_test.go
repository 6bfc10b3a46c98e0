package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// indicators.csv judges each scenario by its own policy limits:
// tiny-limits sets cv_limit 0.2, standard_class_size 40 and service_radius
// 800 m for primary and large_school 1500 for junior; the baseline keeps
// the defaults. The primary seats-per-pupil coefficient of 2025 (0.4212,
// the same in both: the limits change no admission) passes 0.50 and fails
// 0.2.
func TestIndicatorsCSVScenarioLimits(t *testing.T) {
	rs := runScenarios(t, tinyBaseline, "../testdata/scenarios/tiny-limits.yaml")
	var buf bytes.Buffer
	if err := report.WriteIndicatorsCSV(&buf, rs...); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	want := map[string]string{ // scenario, stage, year, district → the columns below
		"tiny-baseline,primary,2025,total": "500,0.50,0.4212,true",
		"tiny-limits,primary,2025,total":   "800,0.20,0.4212,false",
		"tiny-baseline,junior,2025,total":  "1000,0.45,",
		"tiny-limits,junior,2025,total":    "1000,0.45,",
	}
	h := rows[0]
	cols := []int{column(h, "radius_m"), column(h, "cv_limit"), column(h, "cv_seats_per_pupil"), column(h, "cv_seats_per_pupil_pass")}
	key := []int{column(h, "scenario"), column(h, "stage"), column(h, "year"), column(h, "district")}
	seen := 0
	for _, r := range rows[1:] {
		w, ok := want[pick(r, key)]
		if !ok {
			continue
		}
		seen++
		if got := pick(r, cols); !strings.HasPrefix(got, w) {
			t.Errorf("%s: radius, limit, cv, pass = %s, want %s", pick(r, key), got, w)
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d rows found", seen, len(want))
	}
}

// pick joins the cells of r at cols with commas.
func pick(r []string, cols []int) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = r[c]
	}
	return strings.Join(out, ",")
}
