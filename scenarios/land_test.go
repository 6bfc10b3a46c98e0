package scenarios_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TestNewSchoolLand: a new_school carries floor_area, site_area,
// sports_area and teachers onto the school, and its land is checked
// against the city's standards: refused by default, a warning of the
// scenario's city (not of the city it shares) under enforce: warn. The
// 2-stream primary school holds 540 pupils in 12 classes: at 20 m² a
// pupil it needs 10,800 m² of land.
func TestNewSchoolLand(t *testing.T) {
	const change = "changes:\n  - new_school: {id: P3, at: [106.512, 29.505], stage: primary, streams: 2, opens: 2027, floor_area: 3600, site_area: 10000, sports_area: 2500, teachers: 30}\n"
	const msg = `school "P3" needs 10800 m² of land from 2027 (540 pupils in 12 classes at full capacity × 20 m² per pupil) but has 10000 m² (site_area 800 m² short)`
	tests := []struct {
		name    string
		enforce string
		wantErr bool
	}{
		{"refused", "error", true},
		{"refused by default", "", true},
		{"warned", "warn", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cityYAML := "name: tiny\nstandards:\n  primary:\n    - {classes: 12, site_area: 20}\n"
			if tc.enforce != "" {
				cityYAML += "  enforce: " + tc.enforce + "\n"
			}
			dir := tinyCopy(t, map[string]string{engine.CityFile: cityYAML})
			file := writeStagesScenario(t, dir, "s.yaml", "city: city\nyears: [2025, 2030]\n"+change)
			base := writeStagesScenario(t, dir, "base.yaml", "city: city\nyears: [2025, 2030]\n")
			both, err := scenarios.LoadAll(file, base)
			var s *scenarios.Scenario
			if err == nil {
				s = both[0]
			}
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), "s.yaml:4: changes[0].new_school.site_area: "+msg) {
					t.Fatalf("want the land refused, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := len(s.City.Warnings); n != 1 || !engine.IsWarning(s.City.Warnings[0]) || !strings.HasSuffix(s.City.Warnings[0].Error(), msg) {
				t.Fatalf("want one warning naming the land, got %v", s.City.Warnings)
			}
			if w := both[1].City.Warnings; len(w) != 0 {
				t.Fatalf("the shared city gained warnings: %v", w)
			}
			p3 := s.Changes[0].(engine.NewSchool).School
			want := map[string]float64{"floor_area": 3600, "site_area": 10000, "sports_area": 2500, "teachers": 30}
			for k, v := range want {
				if p3.Resources[k] != v {
					t.Errorf("P3 %s = %v, want %v", k, p3.Resources[k], v)
				}
			}
			if len(p3.Resources) != len(want) {
				t.Errorf("P3 resources %v, want %v", p3.Resources, want)
			}
		})
	}
}
