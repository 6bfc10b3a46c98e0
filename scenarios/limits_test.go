package scenarios_test

import (
	"context"
	"errors"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The indicator limits of a policy reach the indicators: a key given sets
// its stage, a stage not given keeps the default, and a field the caller
// sets wins over the policy.
func TestPolicyLimits(t *testing.T) {
	city := tinyAbs(t)
	tests := []struct {
		name   string
		policy string
		over   *metrics.Options
		want   engine.IndicatorLimits // as the indicators report them
	}{
		{"none: the defaults", "", nil, engine.IndicatorLimits{
			CV: [2]float64{0.50, 0.45}, StandardClassSize: [2]int{45, 50},
			LargeSchool: [2]int{2000, 2500}, ServiceRadius: [2]engine.Meters{500, 1000}}},
		{"every key, one stage each",
			"policy:\n  cv_limit: {primary: 0.4}\n  standard_class_size: {junior: 40}\n  large_school: {primary: 1500}\n  service_radius: {junior: 2000}\n",
			nil, engine.IndicatorLimits{
				CV: [2]float64{0.40, 0.45}, StandardClassSize: [2]int{45, 40},
				LargeSchool: [2]int{1500, 2500}, ServiceRadius: [2]engine.Meters{500, 2000}}},
		{"large and huge classes",
			"policy:\n  large_class: {junior: 56}\n  huge_class: {primary: 60, junior: 70}\n",
			nil, engine.IndicatorLimits{
				CV: [2]float64{0.50, 0.45}, StandardClassSize: [2]int{45, 50},
				LargeSchool: [2]int{2000, 2500}, ServiceRadius: [2]engine.Meters{500, 1000},
				LargeClass: [2]int{55, 56}, HugeClass: [2]int{60, 70}}},
		{"the caller's field wins, the policy fills the rest",
			"policy:\n  cv_limit: {primary: 0.4, junior: 0.3}\n",
			&metrics.Options{CVLimit: [2]float64{0.6, 0}}, engine.IndicatorLimits{
				CV: [2]float64{0.60, 0.30}, StandardClassSize: [2]int{45, 50},
				LargeSchool: [2]int{2000, 2500}, ServiceRadius: [2]engine.Meters{500, 1000}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			writeScenario(t, map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2026]\n" + tc.policy})
			s, err := scenarios.Load("s.yaml")
			if err != nil {
				t.Fatal(err)
			}
			r, err := scenarios.Run(context.Background(), s, nil)
			if err != nil {
				t.Fatal(err)
			}
			ind := metrics.Compute(r.City, r.Result, r.MetricsOptions(tc.over))
			for _, st := range engine.Stages {
				si := ind.Stages[st]
				got := [6]float64{si.CVLimit, float64(si.StandardClassSize), float64(si.LargeSchool), float64(si.ServiceRadius),
					float64(si.LargeClass), float64(si.HugeClass)}
				want := [6]float64{tc.want.CV[st], float64(tc.want.StandardClassSize[st]), float64(tc.want.LargeSchool[st]), float64(tc.want.ServiceRadius[st]),
					float64(pickLimit(tc.want.LargeClass[st], 55)), float64(pickLimit(tc.want.HugeClass[st], 65))}
				if got != want {
					t.Errorf("%s: cv, standard class, large school, radius, large class, huge class = %v, want %v", st, got, want)
				}
			}
		})
	}
}

// pickLimit is v, or def when v is 0 (the test cases that leave the
// class limits at their defaults).
func pickLimit(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// Every limit out of range is reported, each at its line, and both stages
// of a key in one message.
func TestPolicyLimitsOutOfRange(t *testing.T) {
	city := tinyAbs(t)
	writeScenario(t, map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2026]\npolicy:\n" +
		"  cv_limit: {primary: 0, junior: 1.5}\n" +
		"  standard_class_size: {primary: 0}\n" +
		"  large_school: {junior: -1}\n" +
		"  service_radius: {primary: -500}\n" +
		"  large_class: {primary: 0, junior: 101}\n" +
		"  huge_class: {junior: 66.5}\n"})
	want := []string{
		"s.yaml:4: policy.cv_limit: primary: 0, junior: 1.5 is out of range: want a coefficient of variation above 0, at most 1",
		"s.yaml:5: policy.standard_class_size: primary: 0 is out of range: want 1 to 100 pupils a class",
		"s.yaml:6: policy.large_school: junior: -1 is out of range: want 1 to 100000 pupils a school",
		"s.yaml:7: policy.service_radius: primary: -500 is out of range: want metres above 0, at most 1000000",
		"s.yaml:8: policy.large_class: primary: 0, junior: 101 is out of range: want 1 to 100 pupils a class",
		"s.yaml:9: policy.huge_class.junior: 66.5 is not a whole number (pupils a class)",
	}
	_, err := scenarios.Load("s.yaml")
	var list geo.Errors
	if !errors.As(err, &list) {
		t.Fatalf("err %v, want a list", err)
	}
	if len(list) != len(want) {
		t.Errorf("%d problems, want %d: %v", len(list), len(want), err)
	}
	for i := range min(len(list), len(want)) {
		if list[i].Error() != want[i] {
			t.Errorf("problem %d:\ngot  %q\nwant %q", i, list[i], want[i])
		}
	}
}

// Class-size limits in range but out of order are an error of the policy
// naming each stage.
func TestPolicyClassLimitOrder(t *testing.T) {
	city := tinyAbs(t)
	writeScenario(t, map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2026]\npolicy:\n" +
		"  large_class: {junior: 50}\n  huge_class: {primary: 55}\n"})
	_, err := scenarios.Load("s.yaml")
	want := "s.yaml: policy: huge_class.primary 55 is not above large_class.primary 55; " +
		"large_class.junior 50 is not above standard_class_size.junior 50: want standard < large < huge class sizes"
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}
