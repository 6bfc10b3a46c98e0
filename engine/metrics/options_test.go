package metrics

import (
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

// WithLimits lays Options over a policy's limits field by field and stage
// by stage, and then the defaults fill what neither gives.
func TestWithLimits(t *testing.T) {
	policy := engine.IndicatorLimits{CV: [2]float64{0.4, 0}, StandardClassSize: [2]int{0, 40},
		LargeSchool: [2]int{1500, 0}, ServiceRadius: [2]engine.Meters{0, 2000},
		LargeClass: [2]int{0, 56}, HugeClass: [2]int{60, 0}}
	tests := []struct {
		name   string
		o      *Options
		limits engine.IndicatorLimits
		want   resolved
	}{
		{"nil over no limits: the defaults", nil, engine.IndicatorLimits{}, resolved{
			radius: [2]engine.Meters{500, 1000}, standard: [2]int{45, 50}, large: [2]int{55, 55}, huge: [2]int{65, 65},
			school: [2]int{2000, 2500}, cvLimit: [2]float64{0.50, 0.45}}},
		{"nil over the policy's", nil, policy, resolved{
			radius: [2]engine.Meters{500, 2000}, standard: [2]int{45, 40}, large: [2]int{55, 56}, huge: [2]int{60, 65},
			school: [2]int{1500, 2500}, cvLimit: [2]float64{0.40, 0.45}}},
		{"options win stage by stage", &Options{CVLimit: [2]float64{0, 0.3}, LargeSchool: [2]int{1800, 0}, LargeClass: [2]int{60, 0}}, policy, resolved{
			radius: [2]engine.Meters{500, 2000}, standard: [2]int{45, 40}, large: [2]int{60, 56}, huge: [2]int{60, 65},
			school: [2]int{1800, 2500}, cvLimit: [2]float64{0.40, 0.30}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before Options
			if tc.o != nil {
				before = *tc.o
			}
			if got := tc.o.WithLimits(tc.limits).resolve(); got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if tc.o != nil && *tc.o != before {
				t.Errorf("WithLimits changed its receiver: %+v", *tc.o)
			}
		})
	}
}
