package main

import (
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
		name string
		args []string
		code int
		want []string // in this order in stdout
	}{
		{"warnings pass", []string{"validate", city}, 0, []string{
			"district overlaps and gaps (2 warnings)\n",
			"  " + filepath.Join(city, "districts.geojson") + ": geometry: overlaps: 18 places where two districts overlap",
			"  " + filepath.Join(city, "districts.geojson") + ": geometry: gap between districts: 175 gaps smaller than 10.0 ha",
			city + ": ok with 2 warnings: 9 districts, 811 areas, 741 schools"}},
		{"strict fails on them", []string{"validate", "--strict", city}, 3, []string{
			"district overlaps and gaps (2 warnings)\n",
			city + ": 0 errors, 2 warnings in 1 file\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := schoolplan(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, stderr)
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
