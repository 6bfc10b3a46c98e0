package scenarios_test

import (
	"reflect"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/scenarios"
)

// A scenario that extends another overrides only the keys it gives: a
// per-stage value stage by stage, shared_seats key by key, and the
// forecast block key by key, except that housing yields are one choice
// (per_1000 or per_household) that the extending file replaces whole.
func TestExtendsMerge(t *testing.T) {
	city := tinyAbs(t)
	fcity := forecastCityAbs(t)
	base := "city: " + city + "\nyears: [2025, 2030]\npolicy:\n" +
		"  catchment: balanced\n  split: true\n  unplaced_cost: 5000\n  seed: 7\n" +
		"  class_size: {primary: 40, junior: 48}\n  retention: {primary: 0.9}\n  takeup: {junior: 0.8}\n" +
		"  shared_seats: {priority: lottery, release_unused_base: true}\n" +
		"  placement: oversize\n  max_distance: {primary: 2500}\n  oversize_class_size: {junior: 60}\n"
	basePolicy := engine.Policy{Catchment: engine.Balanced, Split: true, UnplacedCost: 5000, Seed: 7,
		ClassSize: [engine.NumStages]int{40, 48}, Retention: [engine.NumStages]float64{0.9, 0},
		TakeUp: [engine.NumStages]float64{0, 0.8}, Shared: engine.SharedPolicy{Priority: engine.ByLottery, ReleaseUnusedBase: true},
		Placement: engine.PlaceOversize, MaxDistance: [engine.NumStages]engine.Meters{2500, 0},
		OversizeClassSize: [engine.NumStages]int{0, 60}}
	with := func(f func(p *engine.Policy)) engine.Policy {
		p := basePolicy
		f(&p)
		return p
	}
	tests := []struct {
		name, top string
		want      engine.Policy
	}{
		{"nothing given", "extends: b.yaml\n", basePolicy},
		{"one stage of a per-stage key",
			"extends: b.yaml\npolicy: {class_size: {junior: 50}, retention: {junior: 0.95}, max_distance: {junior: 7000}}\n",
			with(func(p *engine.Policy) {
				p.ClassSize[engine.Junior] = 50
				p.Retention[engine.Junior] = 0.95
				p.MaxDistance[engine.Junior] = 7000
			})},
		{"plain keys",
			"extends: b.yaml\npolicy: {catchment: zones, split: false, cross_district: true, placement_cross_district: true, placement: none}\n",
			with(func(p *engine.Policy) {
				p.Catchment, p.Split, p.CrossDistrict, p.PlacementCrossDistrict, p.Placement = engine.Zones, false, true, true, engine.PlaceNone
			})},
		{"one shared_seats key", "extends: b.yaml\npolicy: {shared_seats: {priority: distance}}\n",
			with(func(p *engine.Policy) { p.Shared.Priority = engine.ByDistance })},
		{"seed also in shared_seats", "extends: b.yaml\npolicy: {seed: 9, shared_seats: {seed: 9}}\n",
			with(func(p *engine.Policy) { p.Seed = 9 })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			writeScenario(t, map[string]string{"b.yaml": base, "s.yaml": tc.top})
			s, err := scenarios.Load("s.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Policy, tc.want) {
				t.Errorf("policy\n got %+v\nwant %+v", s.Policy, tc.want)
			}
		})
	}

	fbase := "city: " + fcity + "\nyears: [2025, 2030]\nforecast:\n  method: cohort\n  band: low\n  window: 4\n" +
		"  births: {rate: 40, trend: -0.01}\n  spread: {births: 0.1, ratios: 0.05}\n" +
		"  housing: {per_1000: {primary: 70}, phase_in: [0.5, 1]}\n"
	ftests := []struct {
		name, top string
		check     func(o *forecast.Options) bool
		wantErr   string // the load error, when the city cannot take the forecast
	}{
		{"nothing given", "extends: b.yaml\n", func(o *forecast.Options) bool {
			return o.Method == forecast.Cohort && o.Band == forecast.Low && o.Window == 4 &&
				o.Births.Rate == 40 && o.Births.Trend == -0.01 && o.Spread.Births == 0.1 && o.Spread.Ratios == 0.05 &&
				o.Spread.Yield == forecast.DefaultSpread.Yield && o.Housing.PerThousand != nil && len(o.Housing.PhaseIn) == 2
		}, ""},
		{"one key of each block", "extends: b.yaml\nforecast: {band: high, births: {trend: 0.01}, spread: {yield: 0.3}, housing: {phase_in: [1]}}\n",
			func(o *forecast.Options) bool {
				return o.Method == forecast.Cohort && o.Band == forecast.High && o.Window == 4 &&
					o.Births.Rate == 40 && o.Births.Trend == 0.01 && o.Spread.Births == 0.1 && o.Spread.Yield == 0.3 &&
					o.Housing.PerThousand != nil && len(o.Housing.PhaseIn) == 1
			}, ""},
		// Not "give per_1000 or per_household, not both": the base's
		// per_1000 is gone, and the test city has no households.
		{"the other kind of yield replaces the base's", "extends: b.yaml\nforecast: {housing: {per_household: {primary: 0.2}}}\n",
			nil, "s.yaml: forecast: forecast: unusable input: housing: new-housing area \"A5\" has no households for yields per household"},
	}
	for _, tc := range ftests {
		t.Run("forecast "+tc.name, func(t *testing.T) {
			writeScenario(t, map[string]string{"b.yaml": fbase, "s.yaml": tc.top})
			s, err := scenarios.Load("s.yaml")
			if tc.wantErr != "" || err != nil {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			}
			if !tc.check(s.Forecast) {
				t.Errorf("forecast options %+v (housing %+v, spread %+v)", *s.Forecast, s.Forecast.Housing, s.Forecast.Spread)
			}
		})
	}
}
