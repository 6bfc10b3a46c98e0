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
		{spec: "class_size.primary=45", err: `"class_size.primary=45": unknown limit class_size: want one of cv_limit, standard_class_size, large_school, service_radius`},
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
