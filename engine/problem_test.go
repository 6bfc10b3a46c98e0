package engine_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

func TestPlainAndKind(t *testing.T) {
	fe := &geo.FeatureError{File: "schools.geojson", Index: 1, ID: "P2", Field: "classes",
		Err: fmt.Errorf("%w: give streams or classes, not both", engine.ErrInvalid)}
	tests := []struct {
		name, plain, kind string
		err               error
		warning           bool
	}{
		{"feature error", `schools.geojson: feature 1 (id "P2"): classes: invalid value: give streams or classes, not both`, "invalid values", fe, false},
		{"warning", `schools.geojson: feature 1 (id "P2"): classes: invalid value: give streams or classes, not both`, "invalid values", &engine.Warning{Err: fe}, true},
		{"nested prefixes", "city.yaml: crs: unsupported coordinate system \"x\"", "coordinate systems", fmt.Errorf("city.yaml: crs: %w", fmt.Errorf("%w \"x\"", geo.ErrCRS)), false},
		{"no kind", "disk on fire", "other", errors.New("disk on fire"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := engine.Plain(tc.err); got != tc.plain {
				t.Errorf("Plain = %q, want %q", got, tc.plain)
			}
			if got := engine.ProblemKind(tc.err); got != tc.kind {
				t.Errorf("ProblemKind = %q, want %q", got, tc.kind)
			}
			if got := engine.IsWarning(tc.err); got != tc.warning {
				t.Errorf("IsWarning = %v", got)
			}
		})
	}
}
