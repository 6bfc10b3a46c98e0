package scenarios

import (
	"reflect"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// overlay lays the keys a block gives over the base's, block by block,
// and changes neither.
func TestOverlay(t *testing.T) {
	base := &policyConfig{Catchment: ptr("zones"), Seed: ptr(uint64(7)),
		ClassSize:   &stageInts{Primary: ptr(40), Junior: ptr(48)},
		SharedSeats: &sharedConfig{Priority: ptr("lottery")}}
	tests := []struct {
		name      string
		top, base *policyConfig
		want      *policyConfig
	}{
		{"no top", nil, base, base},
		{"no base", base, nil, base},
		{"a key", &policyConfig{Seed: ptr(uint64(9))}, base,
			&policyConfig{Catchment: ptr("zones"), Seed: ptr(uint64(9)), ClassSize: base.ClassSize, SharedSeats: base.SharedSeats}},
		{"a stage", &policyConfig{ClassSize: &stageInts{Junior: ptr(50)}}, base,
			&policyConfig{Catchment: ptr("zones"), Seed: ptr(uint64(7)), ClassSize: &stageInts{Primary: ptr(40), Junior: ptr(50)}, SharedSeats: base.SharedSeats}},
		{"a block the base lacks", &policyConfig{MaxDistance: &stageFloats{Primary: ptr(2500.0)}}, base,
			&policyConfig{Catchment: ptr("zones"), Seed: ptr(uint64(7)), ClassSize: base.ClassSize, SharedSeats: base.SharedSeats, MaxDistance: &stageFloats{Primary: ptr(2500.0)}}},
		{"a key of a block", &policyConfig{SharedSeats: &sharedConfig{ReleaseUnusedBase: ptr(true)}}, base,
			&policyConfig{Catchment: ptr("zones"), Seed: ptr(uint64(7)), ClassSize: base.ClassSize, SharedSeats: &sharedConfig{Priority: ptr("lottery"), ReleaseUnusedBase: ptr(true)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := deepCopyPolicy(base)
			got := overlay(tc.top, tc.base)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			if !reflect.DeepEqual(base, before) {
				t.Errorf("base changed: %+v", base)
			}
		})
	}
}

// deepCopyPolicy copies the blocks the overlay test's base holds.
func deepCopyPolicy(p *policyConfig) *policyConfig {
	out := *p
	cs := *p.ClassSize
	sh := *p.SharedSeats
	out.ClassSize, out.SharedSeats = &cs, &sh
	return &out
}
