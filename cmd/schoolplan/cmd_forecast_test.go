package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/internal/approx"
)

const (
	cohortScenario = "../../testdata/scenarios/forecast-cohort.yaml"
	forecastCity   = "../../testdata/forecast"
)

func readCSVString(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestForecastCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "f.csv")
	code, stdout, stderr := schoolplan(t, "forecast", cohortScenario, "--format", "csv", "--band", "all", "--by", "grade", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "census 2020") {
		t.Errorf("no notes on stderr: %s", stderr)
	}
	rows := readCSVString(t, stdout)
	if got := strings.Join(rows[0], ","); got != "district,year,grade,low,mid,high,new_housing" {
		t.Fatalf("header %s", got)
	}
	// (2 districts + total) × 8 years × 9 grades
	if len(rows)-1 != 3*8*9 {
		t.Fatalf("%d rows", len(rows)-1)
	}
	sum := map[string]float64{}
	for _, r := range rows[1:] {
		var v [3]float64
		for k := range v {
			v[k], _ = strconv.ParseFloat(r[3+k], 64)
		}
		if !(v[0] <= v[1] && v[1] <= v[2]) {
			t.Errorf("row %v: bands out of order", r)
		}
		key := r[1] + "/" + r[2]
		if r[0] == "total" {
			sum[key] -= v[1]
		} else {
			sum[key] += v[1]
		}
	}
	for k, d := range sum {
		approx.Check(t, k+": districts less total", d, 0, 0.15)
	}
	data, err := os.ReadFile(out)
	if err != nil || string(data) != stdout {
		t.Errorf("--out differs from stdout (%v)", err)
	}
	// A city folder with --method; the table format.
	code, stdout, stderr = schoolplan(t, "forecast", forecastCity, "--method", "grade_progression", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "grade_progression forecast") || !strings.Contains(stdout, "2035") {
		t.Errorf("table:\n%s", stdout)
	}
}

func TestForecastUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"forecast", cohortScenario, "--band", "wide"},
		{"forecast", cohortScenario, "--by", "class"},
		{"forecast", cohortScenario, "--years", "2030-2025"},
		{"forecast", "backtest", forecastCity},
		{"simulate", cohortScenario, "--draws", "5"},
	} {
		if code, _, _ := schoolplan(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	// A city without population.csv cannot take the cohort method.
	if code, _, stderr := schoolplan(t, "forecast", "../../testdata/tiny", "--method", "cohort"); code != exitError || !strings.Contains(stderr, "population.csv") {
		t.Errorf("cohort on tiny: exit %d, %s", code, stderr)
	}
}

func TestBacktestCommand(t *testing.T) {
	code, stdout, stderr := schoolplan(t, "forecast", "backtest", forecastCity, "--until", "2020")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"births-to-entry ratio", "P1", "J1", "N1", "overall", "years ahead", "naive", "\n              cohort            1  "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "note:") {
		t.Errorf("notes with a 2020 census and origin 2020:\n%s", stdout)
	}
	// Without a city: the enrolment file alone, CSV out; no cohort row,
	// and a note on stderr says why.
	code, stdout, stderr = schoolplan(t, "forecast", "backtest", "--enrolment", filepath.Join(forecastCity, "enrolment.csv"), "--until", "2019", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "note: no cohort-component row: it needs the city's population.csv (give a city folder or a scenario)\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	rows := readCSVString(t, stdout)
	if len(rows) != 6 || rows[5][0] != "overall" || rows[5][3] != "20" {
		t.Fatalf("rows %v", rows)
	}
}

func TestSimulateBands(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := schoolplan(t, "simulate", cohortScenario, "--bands", "--draws", "8", "--seed", "3", "--out", dir, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"low / mid / high bands", "Monte-Carlo", "8 draws, seed 3", "West Primary"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	for _, name := range []string{"summary.csv", "bands.csv", "shortfall_probability.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "bands.csv"))
	rows := readCSVString(t, string(data))
	for _, r := range rows[1:] {
		lo, _ := strconv.Atoi(r[4])
		mid, _ := strconv.Atoi(r[5])
		hi, _ := strconv.Atoi(r[6])
		if !(lo <= mid && mid <= hi) {
			t.Errorf("bands.csv %v: entrants out of order", r)
		}
	}
	// The table method of a city without bands data still runs in bands.
	if code, _, stderr := schoolplan(t, "simulate", "../../testdata/scenarios/tiny-baseline.yaml", "--bands", "--format", "csv", "-q"); code != 0 {
		t.Fatalf("tiny --bands: exit %d: %s", code, stderr)
	}
}

func TestValidateForecastInputs(t *testing.T) {
	for _, tc := range []struct{ arg, want string }{
		{forecastCity, "forecast 2020–2035 (cohort)"},
		{cohortScenario, "forecast 2020–2032 (cohort)"},
		{"../../testdata/scenarios/forecast-grade.yaml", "(grade_progression)"},
		{"../../testdata/tiny", "forecast 2025–2030\n"},
	} {
		code, stdout, stderr := schoolplan(t, "validate", tc.arg)
		if code != 0 || !strings.Contains(stdout, tc.want) {
			t.Errorf("validate %s: exit %d, %q %s; want %q", tc.arg, code, stdout, stderr, tc.want)
		}
	}
}

// With no argument: the demo's cohort scenario.
func TestForecastDemo(t *testing.T) {
	code, stdout, stderr := schoolplan(t, "forecast", "--ages", "6-6", "--years", "2025-2026", "--format", "csv", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSVString(t, stdout)
	// 9 districts + total, 2 years
	if len(rows) != 1+10*2 || rows[len(rows)-2][0] != "total" || rows[len(rows)-2][3] != "111783.2" {
		t.Fatalf("rows %v", rows)
	}
}

// The committed Eau Claire back-test from the command line: K–5 schools,
// rolling origins, the methods table with the bands' coverage, and the
// outliers named.
func TestBacktestEauClaire(t *testing.T) {
	dir := "../../testdata/eau-claire"
	code, stdout, stderr := schoolplan(t, "forecast", "backtest", "--enrolment", filepath.Join(dir, "enrolment.csv"),
		"--births", filepath.Join(dir, "births.csv"), "--system", "K-5/6-8", "--until", "2014", "--origins", "5", "--exclude-years", "2020")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"origins 2010–2014", "K–5/6–8", "chosen at 2014: blend", "Manz", "progression_robust",
		"80% band holds", "outliers left out", "grade K in"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// Under 6+3 the kindergarten rows are a grade the system lacks.
	code, _, stderr = schoolplan(t, "forecast", "backtest", "--enrolment", filepath.Join(dir, "enrolment.csv"), "--until", "2014")
	if code == 0 || !strings.Contains(stderr, "grade K") || !strings.Contains(stderr, "1–6/7–9") {
		t.Errorf("6+3: exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{
		{"--ratios", "mean"},
		{"--system", "8+1"},
		{"--origins", "0"},
		{"--exclude-years", "twenty"},
	} {
		base := []string{"forecast", "backtest", "--enrolment", filepath.Join(dir, "enrolment.csv"), "--until", "2014"}
		if code, _, _ := schoolplan(t, append(base, args...)...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// forecast --select says, per school, which method projected it.
func TestForecastSelect(t *testing.T) {
	code, _, stderr := schoolplan(t, "forecast", forecastCity, "--method", "grade_progression", "--select", "--ratios", "pooled", "--years", "2025-2027")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"school P1 (D1)", "pooled ratios", "method: "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("notes lack %q:\n%s", want, stderr)
		}
	}
	if code, _, _ := schoolplan(t, "forecast", forecastCity, "--method", "grade_progression", "--ratios", "average"); code != exitUsage {
		t.Errorf("--ratios average: exit %d, want %d", code, exitUsage)
	}
}
