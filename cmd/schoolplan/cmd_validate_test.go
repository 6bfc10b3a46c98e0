package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// The demo's real district boundaries carry slivers: validate passes with
// warnings, and fails on them with --strict.
func TestValidateWarningsAndStrict(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := schoolplan(t, "demo", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	city := filepath.Join(dir, "city")
	tests := []struct {
		name    string
		opts    validateOptions
		invalid bool     // fails with errInvalid
		want    []string // in this order in stdout
	}{
		{"warnings pass", validateOptions{}, false, []string{
			"district overlaps and gaps (2 warnings)\n",
			"  " + filepath.Join(city, "districts.geojson") + ": geometry: overlaps: 18 places where two districts overlap",
			"  " + filepath.Join(city, "districts.geojson") + ": geometry: gap between districts: 175 gaps smaller than 10.0 ha",
			city + ": ok with 2 warnings: 9 districts, 811 areas, 741 schools"}},
		{"strict fails on them", validateOptions{strict: true}, true, []string{
			"district overlaps and gaps (2 warnings)\n",
			city + ": 0 errors, 2 warnings in 1 file\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runValidate(context.Background(), tc.opts, []string{city}, &stdout, &stderr)
			out := stdout.String()
			if errors.Is(err, errInvalid) != tc.invalid || (err != nil && !tc.invalid) {
				t.Fatalf("error %v, want invalid: %v\n%s%s", err, tc.invalid, out, stderr.String())
			}
			rest := out
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("stdout lacks %q after what came before:\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}
