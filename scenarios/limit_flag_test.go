package scenarios_test

import (
	"errors"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

func TestSetLimit(t *testing.T) {
	tests := []struct {
		spec, err string
		want      engine.IndicatorLimits
	}{
		{spec: "cv_limit.primary=0.4", want: engine.IndicatorLimits{CV: [2]float64{0.4, 0}}},
		{spec: "standard_class_size.junior=45", want: engine.IndicatorLimits{StandardClassSize: [2]int{0, 45}}},
		{spec: "large_school.primary=1500", want: engine.IndicatorLimits{LargeSchool: [2]int{1500, 0}}},
		{spec: "service_radius.junior=1500.5", want: engine.IndicatorLimits{ServiceRadius: [2]engine.Meters{0, 1500.5}}},
		{spec: "cv_limit=0.4", err: `"cv_limit=0.4": want key.stage=value, e.g. cv_limit.primary=0.45`},
		{spec: "cv_limit.senior=0.4", err: `"cv_limit.senior=0.4": senior is not a stage: want primary or junior`},
		{spec: "cv_limit.primary=high", err: `"cv_limit.primary=high": high is not a number`},
		{spec: "cv_limit.primary=1.5", err: `cv_limit.primary: 1.5: want a coefficient of variation above 0, at most 1`},
		{spec: "large_school.junior=2000.5", err: `"large_school.junior=2000.5": 2000.5 is not a whole number`},
		{spec: "standard_class_size.primary=0", err: `standard_class_size.primary: 0: want 1–100`},
		{spec: "large_school.primary=1e20", err: `large_school.primary: 1e+20: want 1–100000 pupils a school`},
		{spec: "large_school.primary=NaN", err: `"large_school.primary=NaN": NaN is not a whole number`},
		{spec: "cv_limit.primary=NaN", err: `cv_limit.primary: NaN: want a coefficient of variation above 0, at most 1`},
		{spec: "service_radius.junior=+Inf", err: `service_radius.junior: +Inf: want metres in (0, 1e6]`},
		{spec: "large_class.junior=60", want: engine.IndicatorLimits{LargeClass: [2]int{0, 60}}},
		{spec: "huge_class.primary=70", want: engine.IndicatorLimits{HugeClass: [2]int{70, 0}}},
		{spec: "large_class.primary=55.5", err: `"large_class.primary=55.5": 55.5 is not a whole number`},
		{spec: "huge_class.junior=101", err: `huge_class.junior: 101: want 1–100`},
		{spec: "huge_class.junior=0", err: `huge_class.junior: 0: want 1–100`},
		{spec: "class_size.primary=45", err: `"class_size.primary=45": unknown limit class_size: want one of cv_limit, standard_class_size, large_school, service_radius, large_class, huge_class`},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			var got engine.IndicatorLimits
			err := scenarios.SetLimit(&got, tc.spec)
			if tc.err != "" {
				if err == nil || !errors.Is(err, scenarios.ErrScenario) || err.Error() != scenarios.ErrScenario.Error()+": "+tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %+v (%v), want %+v", got, err, tc.want)
			}
		})
	}
}

// CheckClassLimits: where large_class or huge_class is set, the class
// sizes must grow from the standard (default 45 primary, 50 junior) to
// the large (55) and the huge (65); every stage out of order is named.
func TestCheckClassLimits(t *testing.T) {
	tests := []struct {
		name string
		l    engine.IndicatorLimits
		err  string
	}{
		{"none set", engine.IndicatorLimits{}, ""},
		{"a standard over 55 alone is not checked", engine.IndicatorLimits{StandardClassSize: [2]int{60, 0}}, ""},
		{"in order", engine.IndicatorLimits{LargeClass: [2]int{50, 56}, HugeClass: [2]int{60, 0}}, ""},
		{"large at the junior standard", engine.IndicatorLimits{LargeClass: [2]int{0, 50}},
			"large_class.junior 50 is not above standard_class_size.junior 50: want standard < large < huge class sizes"},
		{"huge under the default large, large under a given standard", engine.IndicatorLimits{
			StandardClassSize: [2]int{0, 48}, HugeClass: [2]int{50, 0}, LargeClass: [2]int{0, 45}},
			"huge_class.primary 50 is not above large_class.primary 55; large_class.junior 45 is not above standard_class_size.junior 48: want standard < large < huge class sizes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := scenarios.CheckClassLimits(&tc.l)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			if err == nil || err.Error() != scenarios.ErrScenario.Error()+": "+tc.err {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}
