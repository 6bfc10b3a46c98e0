package engine_test

import (
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestPerPupil: the standard of a school size is the row of the largest
// size at or below it (the smallest row below every size), a city's rows
// laid over the national ones value by value.
func TestPerPupil(t *testing.T) {
	city := &engine.Standards{
		Primary: []engine.StandardRow{{Classes: 18, SiteArea: 25}, {Classes: 24, FloorArea: 6}, {Classes: 36, SiteArea: 20, FloorArea: 5}},
	}
	tests := []struct {
		name    string
		s       *engine.Standards
		m       engine.Measure
		k       engine.Kind
		classes int
		want    float64
		ok      bool
	}{
		{"below the smallest size", nil, engine.FloorArea, engine.KindPrimary, 6, 6.6, true},
		{"primary 12", nil, engine.FloorArea, engine.KindPrimary, 12, 6.6, true},
		{"between sizes takes the smaller", nil, engine.FloorArea, engine.KindPrimary, 17, 6.6, true},
		{"primary 18", nil, engine.FloorArea, engine.KindPrimary, 18, 5.8, true},
		{"primary 29", nil, engine.FloorArea, engine.KindPrimary, 29, 5.4, true},
		{"above the largest", nil, engine.FloorArea, engine.KindPrimary, 60, 5.2, true},
		{"junior 24", nil, engine.FloorArea, engine.KindJunior, 24, 6.7, true},
		{"nine-year 20", nil, engine.FloorArea, engine.KindNineYear, 20, 6.5, true},
		{"nine-year 45", nil, engine.FloorArea, engine.KindNineYear, 45, 5.5, true},
		{"no national land", nil, engine.SiteArea, engine.KindPrimary, 18, 0, false},
		{"city land below its sizes", city, engine.SiteArea, engine.KindPrimary, 12, 25, true},
		{"city land between its sizes", city, engine.SiteArea, engine.KindPrimary, 30, 25, true},
		{"city land 36", city, engine.SiteArea, engine.KindPrimary, 40, 20, true},
		{"city land keeps national floor", city, engine.FloorArea, engine.KindPrimary, 18, 5.8, true},
		{"city floor overrides", city, engine.FloorArea, engine.KindPrimary, 24, 6, true},
		{"city floor added size", city, engine.FloorArea, engine.KindPrimary, 36, 5, true},
		{"city without junior land", city, engine.SiteArea, engine.KindJunior, 18, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.s.PerPupil(tc.m, tc.k, tc.classes)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			approx.Check(t, "per pupil", got, tc.want, 1e-12)
		})
	}
}

// TestLoadStandards: city.yaml's standards block reaches City.Standards,
// and every problem of it is reported with its key.
func TestLoadStandards(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // problems, in order; nil: loads
	}{
		{"warn with land", "standards:\n  enforce: warn\n  primary:\n    - {classes: 12, site_area: 20}\n", nil},
		{"bad values", "standards:\n  enforce: flag\n  junior:\n    - {classes: 0, site_area: -1}\n    - {classes: 18}\n    - {classes: 18, floor_area: 9}\n", []string{
			`city/city.yaml: standards.enforce: invalid value: "flag": want error (a change short of land or floor area is refused) or warn (it is reported)`,
			"city/city.yaml: standards.junior[0].classes: invalid value: 0: want 1 to 9000 classes in all grades",
			"city/city.yaml: standards.junior[0].site_area: invalid value: -1: want 0 to 1000 m² per pupil",
			"city/city.yaml: standards.junior[1]: invalid value: gives neither site_area nor floor_area (m² per pupil)",
			"city/city.yaml: standards.junior[2].classes: invalid value: 18 classes: given twice for junior schools",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := engine.LoadCityFS(tinyFS(t, map[string]string{engine.CityFile: tc.yaml}), "city", "city")
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if !c.Standards.Warns() || len(c.Standards.Primary) != 1 {
					t.Fatalf("standards = %+v", c.Standards)
				}
				return
			}
			checkMessages(t, "problems", err, tc.want)
		})
	}
}
