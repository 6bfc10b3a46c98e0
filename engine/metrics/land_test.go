package metrics_test

import (
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestAreaStandards: land and floor area per pupil and the schools
// meeting the standards, on threeSchools (500, 500 and 1000 pupils in 12,
// 18 and 24 classes). Floor area 4000, 2000, 4000 m² against the national
// 6.6, 5.8, 5.4 m² a pupil: P0 needs 3300 (meets), P1 2900 (short), P2
// 5400 (short); 10000 m² / 2000 pupils = 5 a pupil. Land 10000 and 12000
// m² at P0 and P1 against the city's 20 m² a pupil (its 12-class row, the
// one at or below 12 and 18 classes): both need 10000 and meet it; 22000
// m² / 1000 pupils = 22 a pupil.
func TestAreaStandards(t *testing.T) {
	c := threeSchools()
	c.Standards = &engine.Standards{Primary: []engine.StandardRow{{Classes: 12, SiteArea: 20}, {Classes: 24, SiteArea: 18}}}
	c.Schools[0].Resources["site_area"] = 10000
	c.Schools[1].Resources["site_area"] = 12000
	r := runCity(t, c)
	ind := metrics.Compute(c, r, nil)
	y := ind.Stages[engine.Primary].Years[0]
	want := []metrics.AreaStandard{
		{Field: "site_area", Schools: 2, Area: 22000, Pupils: 1000, PerPupil: 22, Checked: 2, Meeting: 2, Share: 1},
		{Field: "floor_area", Schools: 3, Area: 10000, Pupils: 2000, PerPupil: 5, Checked: 3, Meeting: 1, Share: 1.0 / 3},
	}
	for name, s := range map[string]metrics.Set{"city": y.City, "district": y.Districts[0]} {
		t.Run(name, func(t *testing.T) {
			if len(s.Areas) != len(want) {
				t.Fatalf("areas %+v", s.Areas)
			}
			for i, w := range want {
				got := s.Areas[i]
				if got.Field != w.Field || got.Schools != w.Schools || got.Pupils != w.Pupils || got.Checked != w.Checked || got.Meeting != w.Meeting {
					t.Errorf("areas[%d] = %+v, want %+v", i, got, w)
				}
				approx.Check(t, w.Field+" area", got.Area, w.Area, tol)
				approx.Check(t, w.Field+" per pupil", got.PerPupil, w.PerPupil, tol)
				approx.Check(t, w.Field+" share", got.Share, w.Share, tol)
			}
		})
	}
	if js := ind.Stages[engine.Junior].Years[0].City; len(js.Areas) != 0 {
		t.Errorf("junior areas %+v, want none (no junior school)", js.Areas)
	}
}

// TestAreasOfGroup: P0 and P1 of threeSchools form a group (集团化), P2
// none: the group holds 4000 + 2000 m² of floor area for 1000 pupils (6 a
// pupil), and P0 alone meets its standard.
func TestAreasOfGroup(t *testing.T) {
	c := threeSchools()
	c.Schools[0].Group, c.Schools[1].Group = "G1", "G1"
	r := runCity(t, c)
	group := func(s *engine.School) string { return s.Group }
	got := metrics.SetsBy(c, r, engine.Primary, 2025, nil, group)
	want := metrics.AreaStandard{Field: "floor_area", Schools: 2, Area: 6000, Pupils: 1000, PerPupil: 6, Checked: 2, Meeting: 1, Share: 0.5}
	if len(got) != 1 || len(got["G1"].Areas) != 1 {
		t.Fatalf("sets by group %+v, want G1's areas: %+v", got, want)
	}
	g := got["G1"].Areas[0]
	if g.Field != want.Field || g.Schools != want.Schools || g.Pupils != want.Pupils || g.Checked != want.Checked || g.Meeting != want.Meeting {
		t.Errorf("G1 %+v, want %+v", g, want)
	}
	approx.Check(t, "area", g.Area, want.Area, tol)
	approx.Check(t, "per pupil", g.PerPupil, want.PerPupil, tol)
	approx.Check(t, "share", g.Share, want.Share, tol)
	if none := metrics.SetsBy(c, r, engine.Primary, 2040, nil, group); none != nil {
		t.Errorf("a year outside the run: %+v", none)
	}
}
