package scenarios_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/scenarios"
)

// forecastCityAbs is the test city with enrolment.csv, as an absolute path.
func forecastCityAbs(t *testing.T) string {
	t.Helper()
	city, err := filepath.Abs("../testdata/forecast")
	if err != nil {
		t.Fatal(err)
	}
	return city
}

// The forecast block's select: and progression: keys reach the options;
// an extending scenario overrides only the keys it gives.
func TestProgressionKeys(t *testing.T) {
	city := forecastCityAbs(t)
	base := "city: " + city + "\nyears: [2025, 2030]\nforecast:\n  method: grade_progression\n  select: true\n" +
		"  progression: {ratios: median, window: 6, exclude_years: [2020, 2021], shrink: 30}\n"
	tests := []struct {
		name  string
		files map[string]string
		want  forecast.Progression
		sel   bool
	}{
		{"every key", map[string]string{"s.yaml": base},
			forecast.Progression{Ratios: forecast.RatioMedian, Window: 6, Exclude: []engine.Year{2020, 2021}, Shrink: 30}, true},
		{"shrink 0 is none", map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2030]\n" +
			"forecast: {method: grade_progression, progression: {ratios: pooled, shrink: 0}}\n"},
			forecast.Progression{Ratios: forecast.RatioPooled, Shrink: -1}, false},
		{"classic fit, shock year", map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2030]\n" +
			"forecast: {method: grade_progression, progression: {exclude_years: [2020]}}\n"},
			forecast.Progression{Exclude: []engine.Year{2020}}, false},
		{"extends: overrides what it gives", map[string]string{"b.yaml": base,
			"s.yaml": "extends: b.yaml\nforecast: {select: false, progression: {ratios: trimmed, exclude_years: []}}\n"},
			forecast.Progression{Ratios: forecast.RatioTrimmed, Window: 6, Shrink: 30}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			writeScenario(t, tc.files)
			s, err := scenarios.Load("s.yaml")
			if err != nil {
				t.Fatal(err)
			}
			p := s.Forecast.Progression
			if p.Ratios != tc.want.Ratios || p.Window != tc.want.Window || p.Shrink != tc.want.Shrink ||
				!slices.Equal(p.Exclude, tc.want.Exclude) || s.Forecast.Select != tc.sel {
				t.Errorf("progression %+v select %v, want %+v select %v", p, s.Forecast.Select, tc.want, tc.sel)
			}
		})
	}
}

// Bad select: and progression: values are reported at their line.
func TestProgressionKeyMessages(t *testing.T) {
	city := forecastCityAbs(t)
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown rule",
			"forecast:\n  method: grade_progression\n  progression: {ratios: robust}",
			"s.yaml:5: forecast.progression.ratios: unknown ratio rule \"robust\" (want mean, pooled, median or trimmed)"},
		{"window 0",
			"forecast:\n  method: grade_progression\n  progression:\n    ratios: pooled\n    window: 0",
			"s.yaml:7: forecast.progression.window: 0 is out of range: want 1 to 50 years"},
		{"window as a decimal",
			"forecast: {method: grade_progression, progression: {ratios: pooled, window: 8.5}}",
			"s.yaml:3: forecast.progression.window: 8.5 is not a whole number (years)"},
		{"year out of range",
			"forecast:\n  method: grade_progression\n  progression: {exclude_years: [2020, 20]}",
			"s.yaml:5: forecast.progression.exclude_years: 20 is out of range: want calendar years 1900 to 2200"},
		{"year twice",
			"forecast: {method: grade_progression, progression: {exclude_years: [2020, 2021, 2020]}}",
			"s.yaml:3: forecast.progression.exclude_years: 2020 given twice"},
		{"one year, not a list",
			"forecast: {method: grade_progression, progression: {exclude_years: 2020}}",
			"s.yaml:3: forecast.progression.exclude_years: want a list ([a, b] or one \"- \" item per line), found the single value 2020 (calendar years)"},
		{"negative shrink",
			"forecast:\n  method: grade_progression\n  progression: {ratios: pooled, shrink: -5}",
			"s.yaml:5: forecast.progression.shrink: -5 is out of range: want 0 (no shrinkage) to 100000 pupils"},
		{"select as text",
			"forecast: {method: grade_progression, select: \"yes\"}",
			"s.yaml:3: forecast.select: \"yes\" is in quotes: write true or false without quotes"},
		{"select with cohort",
			"forecast: {method: cohort, select: true}",
			"s.yaml: forecast: select and progression tune grade_progression, not the cohort method: leave them out or set method: grade_progression"},
		{"shrink with the classic fit",
			"forecast: {method: grade_progression, progression: {shrink: 60}}",
			"s.yaml: forecast: progression: window and shrink tune the robust fit: give ratios pooled, median or trimmed (the classic fit takes forecast.window)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkLoadError(t, "city: "+city+"\nyears: [2025, 2030]\n"+tc.yaml+"\n", tc.want)
		})
	}
}
