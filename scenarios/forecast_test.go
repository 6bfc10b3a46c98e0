package scenarios_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/scenarios"
)

func TestForecastBlock(t *testing.T) {
	s, err := scenarios.Load("../testdata/scenarios/forecast-grade.yaml")
	if err != nil {
		t.Fatal(err)
	}
	o := s.Forecast
	if o == nil || o.Method != forecast.GradeProgression || o.Window != 3 || o.Births.Trend != -0.02 || o.Last != 2032 {
		t.Fatalf("forecast %+v", o)
	}
	h := o.Housing
	if h == nil || len(h.PerThousand) != 15 || h.PerThousand[6] != 10 || h.PerThousand[14] != 10 || h.PerThousand[5] != 0 || len(h.PhaseIn) != 2 {
		t.Fatalf("housing inherited from the base: %+v", h)
	}
	for _, name := range []string{"forecast-cohort.yaml", "forecast-grade.yaml"} {
		s, err := scenarios.Load("../testdata/scenarios/" + name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := scenarios.Run(context.Background(), s, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		simtest.Check(t, s.City, r.Result)
		// The run's entrants are the projection's, rounded per district.
		p, err := s.Projection()
		if err != nil {
			t.Fatal(err)
		}
		all, _, err := p.Districts(2030, 6)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range r.Stages[engine.Primary].Year(2030).Districts {
			if got, want := float64(d.Entrants), all[d.District]; got < want-1 || got > want+1 {
				t.Errorf("%s: district %d: %d entrants in 2030, projection %.2f", name, d.District, d.Entrants, want)
			}
		}
	}
}

func TestRunBandsOrdered(t *testing.T) {
	for _, name := range []string{"forecast-cohort.yaml", "forecast-grade.yaml", "tiny-baseline.yaml"} {
		s, err := scenarios.Load("../testdata/scenarios/" + name)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := scenarios.RunBands(context.Background(), s, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, st := range engine.Stages {
			for k := range rs[0].Stages[st].Years {
				l, m, h := rs[0].Stages[st].Years[k].City, rs[1].Stages[st].Years[k].City, rs[2].Stages[st].Years[k].City
				if !(l.Entrants <= m.Entrants && m.Entrants <= h.Entrants) {
					t.Errorf("%s %s %d: entrants low %d mid %d high %d", name, st, rs[0].Stages[st].Years[k].Year, l.Entrants, m.Entrants, h.Entrants)
				}
			}
		}
		// The mid band is the scenario itself.
		mid, err := scenarios.Run(context.Background(), s, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range engine.Stages {
			for k, y := range mid.Stages[st].Years {
				if y.City != rs[1].Stages[st].Years[k].City {
					t.Fatalf("%s %s %d: mid band %+v, scenario %+v", name, st, y.Year, rs[1].Stages[st].Years[k].City, y.City)
				}
			}
		}
	}
}

func TestMonteCarlo(t *testing.T) {
	s, err := scenarios.Load("../testdata/scenarios/forecast-cohort.yaml")
	if err != nil {
		t.Fatal(err)
	}
	run := func(workers int) *scenarios.MonteCarlo {
		mc, err := scenarios.RunMonteCarlo(context.Background(), s, &scenarios.MonteCarloOptions{Draws: 20, Seed: 5, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		return mc
	}
	a, b := run(1), run(3)
	shortSomewhere := false
	for _, st := range engine.Stages {
		for y := s.First; y <= s.Last; y++ {
			if a.Quantile(st, y, 0.5) != b.Quantile(st, y, 0.5) || a.Quantile(st, y, 0.95) != b.Quantile(st, y, 0.95) {
				t.Fatalf("%s %d: quantiles differ between 1 and 3 workers", st, y)
			}
			if a.Quantile(st, y, 0.05) > a.Quantile(st, y, 0.95) {
				t.Fatalf("%s %d: p5 above p95", st, y)
			}
			for i := range a.Schools {
				p := a.PShort(st, i, y)
				if p != b.PShort(st, i, y) || p < 0 || p > 1 {
					t.Fatalf("%s %d school %d: P(short) %v vs %v", st, y, i, p, b.PShort(st, i, y))
				}
				shortSomewhere = shortSomewhere || p > 0
			}
		}
	}
	if !shortSomewhere {
		t.Error("no school is ever short: the test city should have a shortfall")
	}
}

func TestForecastBlockErrors(t *testing.T) {
	dir := t.TempDir()
	abs, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, yaml, key string
	}{
		{"unknown method", "forecast: {method: guess}", "forecast.method"},
		{"unknown band", "forecast: {band: highest}", "forecast.band"},
		{"bad yield key", "forecast: {method: cohort, housing: {per_1000: {teens: 5}}}", "forecast"},
		{"both yields", "forecast: {method: cohort, housing: {per_1000: {primary: 5}, per_household: {primary: 0.1}}}", "forecast"},
		{"phase over 1", "forecast: {method: cohort, housing: {phase_in: [0.5, 1.5]}}", "forecast"},
		{"cohort without population", "city: " + abs + "/tiny\nforecast: {method: cohort}", "forecast"},
		{"spread", "forecast: {spread: {births: 1.5}}", "forecast"},
		{"no years, table, no forecast.csv", "years: null\nforecast: {method: table}", "years"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			yaml := "name: x\ncity: " + abs + "/forecast\nyears: [2025, 2030]\n" + tc.yaml + "\n"
			if strings.Contains(tc.yaml, "years: null") {
				yaml = "name: x\ncity: " + abs + "/forecast\n" + strings.Replace(tc.yaml, "years: null\n", "", 1) + "\n"
			}
			if strings.HasPrefix(tc.yaml, "city:") {
				yaml = "name: x\nyears: [2025, 2030]\n" + tc.yaml + "\n"
			}
			file := filepath.Join(dir, "s.yaml")
			if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := scenarios.Load(file)
			var se *scenarios.Error
			if !errors.As(err, &se) || se.Key != tc.key || !errors.Is(err, scenarios.ErrScenario) {
				t.Fatalf("err %v, want a scenario error at key %q", err, tc.key)
			}
		})
	}
}

// A forecast: block with no method is the table method: the same results
// as no block at all.
func TestTableBlockIsDefault(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs("../testdata/tiny")
	file := filepath.Join(dir, "s.yaml")
	yaml := "name: tiny-baseline\ncity: " + abs + "\nyears: [2025, 2030]\npolicy: {seed: 7}\nforecast: {band: mid}\n"
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := scenarios.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ra, err := scenarios.Run(context.Background(), a, nil)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := scenarios.Run(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range engine.Stages {
		for k, y := range ra.Stages[st].Years {
			if y.City != rb.Stages[st].Years[k].City {
				t.Fatalf("%s %d: %+v vs %+v", st, y.Year, y.City, rb.Stages[st].Years[k].City)
			}
		}
	}
}

func TestHousingChange(t *testing.T) {
	dir := t.TempDir()
	abs, err := filepath.Abs("../testdata/scenarios/forecast-cohort.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(changes string) string {
		file := filepath.Join(dir, "h.yaml")
		yaml := "name: housing\nextends: " + abs + "\nchanges:\n" + changes
		if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}
	base, err := scenarios.Load("../testdata/scenarios/forecast-cohort.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Load(write("  - housing: {id: H1, name: New Estate, at: [106.506, 29.512], population: 3000, households: 1100, year: 2028}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.City.Areas); n != len(base.City.Areas)+1 || s.City.Areas[n-1].ID != "H1" || s.City.Areas[n-1].CompletionYear != 2028 ||
		s.City.Districts[s.City.Areas[n-1].District].ID != "D1" || len(s.Changes) != 0 {
		t.Fatalf("areas %d, last %+v, changes %v", n, s.City.Areas[n-1], s.Changes)
	}
	rb, err := scenarios.Run(context.Background(), base, nil)
	if err != nil {
		t.Fatal(err)
	}
	rh, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	simtest.Check(t, s.City, rh.Result)
	for k, y := range rh.Stages[engine.Primary].Years {
		b := rb.Stages[engine.Primary].Years[k].City.Entrants
		// 60 per 1000 over six ages: 30 a year at full phase, half in 2028.
		want := b
		switch {
		case y.Year == 2028:
			want += 15
		case y.Year > 2028:
			want += 30
		}
		if d := y.City.Entrants - want; d < -1 || d > 1 {
			t.Errorf("%d: %d primary entrants, want %d (without the estate %d)", y.Year, y.City.Entrants, want, b)
		}
	}
	for _, tc := range []string{
		"  - housing: {id: A1, at: [106.506, 29.512], population: 3000, year: 2028}\n",
		"  - housing: {id: H1, at: [106.506, 29.512], population: 3000, year: 2040}\n",
		"  - housing: {id: H1, at: [100, 20], population: 3000, year: 2028}\n",
		"  - housing: {id: H1, at: [106.506, 29.512], population: 0, year: 2028}\n",
		"  - housing: {id: H1, at: [106.506, 29.512], population: 3000, year: 2028}\n    expand: {school: P1, streams: 1, year: 2028}\n",
	} {
		_, err := scenarios.Load(write(tc))
		var se *scenarios.Error
		if !errors.As(err, &se) || !strings.HasPrefix(se.Key, "changes[0]") {
			t.Errorf("%s: err %v, want an error at changes[0]", tc, err)
		}
	}
}
