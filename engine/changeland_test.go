package engine_test

import (
	"errors"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// TestLandCheck: a new school or an expansion that needs more land or
// floor area at full capacity than its school has is refused, or only
// warned under enforce: warn. Tiny's P1 is a 1-stream primary school (6
// classes of 45); one more stream makes 12 classes and 540 pupils, which
// need 540 × 6.6 = 3564 m² of floor area (建标102 basic indicator, 12
// classes) and, at a city's 20 m² a pupil, 10,800 m² of land.
func TestLandCheck(t *testing.T) {
	land := &engine.Standards{Primary: []engine.StandardRow{{Classes: 12, SiteArea: 20}}}
	warn := &engine.Standards{Enforce: engine.EnforceWarn, Primary: land.Primary}
	expand := []engine.Change{engine.Expand{School: "P1", Streams: 1, Year: 2026}}
	tests := []struct {
		name      string
		standards *engine.Standards
		resources map[string]float64 // P1's
		changes   []engine.Change
		wantErr   []string
		wantWarn  []string
	}{
		{"no areas, nothing checked", nil, nil, expand, nil, nil},
		{"enough floor area", nil, map[string]float64{"floor_area": 3600}, expand, nil, nil},
		{"floor area short", nil, map[string]float64{"floor_area": 3500}, expand, []string{
			`change 1 (expand): floor_area: school "P1" needs 3564 m² of floor area from 2026 (540 pupils in 12 classes at full capacity × 6.6 m² per pupil) but has 3500 m² (floor_area 64 m² short)`,
		}, nil},
		{"land short", land, map[string]float64{"site_area": 10000, "floor_area": 3600}, expand, []string{
			`change 1 (expand): site_area: school "P1" needs 10800 m² of land from 2026 (540 pupils in 12 classes at full capacity × 20 m² per pupil) but has 10000 m² (site_area 800 m² short)`,
		}, nil},
		{"land short, warned", warn, map[string]float64{"site_area": 10000}, expand, nil, []string{
			`change 1 (expand): site_area: school "P1" needs 10800 m² of land from 2026 (540 pupils in 12 classes at full capacity × 20 m² per pupil) but has 10000 m² (site_area 800 m² short)`,
		}},
		{"land without a standard", nil, map[string]float64{"site_area": 10000}, expand, []string{
			`change 1 (expand): site_area: school "P1" gives site_area, but city.yaml's standards give no site_area per pupil for a primary school: set standards.primary`,
		}, nil},
		{"a reduction is not checked", nil, map[string]float64{"floor_area": 10}, []engine.Change{
			engine.Expand{School: "P1", Streams: 1, Year: 2026}, engine.Expand{School: "P1", Streams: -1, Year: 2027},
		}, []string{
			`change 1 (expand): floor_area: school "P1" needs 3564 m² of floor area from 2026 (540 pupils in 12 classes at full capacity × 6.6 m² per pupil) but has 10 m² (floor_area 3554 m² short)`,
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadTiny(t, func(ss []engine.School) { ss[0].Resources = tc.resources })
			c.Standards = tc.standards
			checkMessages(t, "errors", engine.CheckChanges(c, nil, 2025, 2030, tc.changes), tc.wantErr)
			warns := engine.ChangeWarnings(c, nil, 2025, 2030, tc.changes)
			for _, w := range warns {
				if !engine.IsWarning(w) {
					t.Errorf("%v is not a warning", w)
				}
			}
			checkMessages(t, "warnings", orNil(warns), tc.wantWarn)
		})
	}
}

// TestNewSchoolLand: a new school is checked with the resources it
// carries: 2 streams of 45 in 6 grades are 540 pupils in 12 classes.
func TestNewSchoolLand(t *testing.T) {
	c := loadTiny(t, nil)
	s := engine.School{ID: "P3", Kind: engine.KindPrimary, Opens: 2027, District: 0, Point: c.ToPlane(orb.Point{106.512, 29.505}),
		Resources: map[string]float64{"floor_area": 3000, "site_area": 12000}}
	s.Streams[engine.Primary] = 2
	c.Standards = &engine.Standards{Primary: []engine.StandardRow{{Classes: 12, SiteArea: 20}}}
	checkMessages(t, "errors", engine.CheckChanges(c, nil, 2025, 2030, []engine.Change{engine.NewSchool{School: s}}), []string{
		`change 1 (new_school): floor_area: school "P3" needs 3564 m² of floor area from 2027 (540 pupils in 12 classes at full capacity × 6.6 m² per pupil) but has 3000 m² (floor_area 564 m² short)`,
	})
}

// checkMessages checks err lists the messages want, in order.
func checkMessages(t *testing.T, what string, err error, want []string) {
	t.Helper()
	var list geo.Errors
	if err != nil && !errors.As(err, &list) {
		t.Fatalf("%s: want a list, got %v", what, err)
	}
	if len(list) != len(want) {
		t.Fatalf("%s: got %d, want %d: %v", what, len(list), len(want), err)
	}
	for i, e := range list {
		if e.Error() != want[i] {
			t.Errorf("%s %d:\n got %s\nwant %s", what, i, e, want[i])
		}
	}
}

// orNil is errs as an error: nil when empty.
func orNil(errs geo.Errors) error {
	if len(errs) == 0 {
		return nil
	}
	return errs
}
