package engine_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

func TestCheckPhases(t *testing.T) {
	tests := []struct {
		name   string
		phases []engine.Phase
		want   []string // "index field: message part"
	}{
		{"plan 2021–2035", []engine.Phase{{"近期", 2021, 2025, nil}, {"中期", 2026, 2030, nil}, {"远期", 2031, 2035, nil}}, nil},
		{"one year", []engine.Phase{{"近期", 2021, 2021, nil}}, nil},
		{"overlap", []engine.Phase{{"近期", 2021, 2026, nil}, {"中期", 2026, 2030, nil}}, []string{`1 from: 2026 overlaps phase "近期" (2021–2026): want 2027`}},
		{"gap of years", []engine.Phase{{"近期", 2021, 2025, nil}, {"中期", 2028, 2030, nil}}, []string{`1 from: 2028 leaves 2026–2027 in no phase`}},
		{"reversed", []engine.Phase{{"近期", 2025, 2021, nil}}, []string{"0 to: 2021 is before from (2025)"}},
		{"unnamed, twice named, reserved", []engine.Phase{{"", 2021, 2025, nil}, {"a", 2026, 2030, nil}, {"a", 2031, 2035, nil}, {"total", 2036, 2040, nil}},
			[]string{"0 name: missing", `2 name: "a" is also phases[1]`, `3 name: "total" names a row`}},
		{"years out of range", []engine.Phase{{"近期", 1021, 2025, nil}}, []string{"0 : 1021–2025: want years between 1900 and 2200"}},
		{"no years", []engine.Phase{{"近期", 0, 2025, nil}}, []string{"0 : want from and to"}},
		{"budgets", []engine.Phase{{"近期", 2021, 2025, ptr(20000)}, {"中期", 2026, 2030, ptr(0)}}, nil},
		{"budget out of range", []engine.Phase{{"近期", 2021, 2025, ptr(-1)}, {"中期", 2026, 2030, ptr(2e12)}},
			[]string{"0 budget: -1 is out of range", "1 budget: 2e+12 is out of range"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			engine.CheckPhases(tc.phases, func(i int, field string, err error) {
				if !errors.Is(err, engine.ErrInvalid) {
					t.Errorf("%v is not ErrInvalid", err)
				}
				got = append(got, fmt.Sprintf("%d %s: %s", i, field, strings.TrimPrefix(err.Error(), "engine: invalid value: ")))
			})
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			for k, w := range tc.want {
				if !strings.Contains(got[k], w) {
					t.Errorf("problem %d: %q, want %q", k, got[k], w)
				}
			}
		})
	}
}

// ptr is a pointer to v.
func ptr(v float64) *float64 { return &v }

func TestCostTableOver(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	city := &engine.CostTable{NewSchool: f(8000), PerStream: f(600)}
	scen := &engine.CostTable{PerStream: f(700), LandM2: f(0.5)}
	tests := []struct {
		name      string
		top, base *engine.CostTable
		want      string
	}{
		{"neither", nil, nil, "<nil>"},
		{"city only", nil, city, "new_school=8000 per_stream=600"},
		{"scenario only", scen, nil, "per_stream=700 land_m2=0.5"},
		{"scenario over city", scen, city, "new_school=8000 per_stream=700 land_m2=0.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.top.Over(tc.base)
			if s := tableString(got); s != tc.want {
				t.Errorf("got %s, want %s", s, tc.want)
			}
		})
	}
	if *city.PerStream != 600 {
		t.Error("Over changed the base")
	}
}

func tableString(t *engine.CostTable) string {
	if t == nil {
		return "<nil>"
	}
	var parts []string
	for _, e := range t.Entries() {
		if e.Value != nil {
			parts = append(parts, fmt.Sprintf("%s=%v", e.Key, *e.Value))
		}
	}
	return strings.Join(parts, " ")
}

func TestCheckCost(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    float64
		ok   bool
	}{{"zero", 0, true}, {"万元", 8600, true}, {"negative", -1, false}, {"huge", 1e13, false}} {
		t.Run(tc.name, func(t *testing.T) {
			if err := engine.CheckCost(tc.x); (err == nil) != tc.ok {
				t.Errorf("CheckCost(%v) = %v", tc.x, err)
			}
		})
	}
}
