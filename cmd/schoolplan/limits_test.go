package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// --limit sets an indicator limit over the scenario's policy on simulate,
// compare and report; a bad one is a command-line error (exit 2) naming
// the flag and what it wants.
func TestLimitFlag(t *testing.T) {
	const scenario = "../../testdata/scenarios/tiny-limits.yaml" // cv_limit.primary 0.2 in its policy
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		row    string // a row of indicators.csv, from scenario to district, then radius_m and cv_limit
	}{
		{"the policy's limit", []string{"simulate", scenario}, 0, "", "tiny-limits,primary,2025,total:800,0.20"},
		{"the flag over the policy", []string{"simulate", scenario, "--limit", "cv_limit.primary=0.35", "--limit", "service_radius.primary=600"}, 0, "", "tiny-limits,primary,2025,total:600,0.35"},
		{"the flag on a stage the policy leaves", []string{"compare", scenario, "--limit", "cv_limit.junior=0.3"}, 0, "", "tiny-limits,junior,2025,total:1000,0.30"},
		{"out of range", []string{"simulate", scenario, "--limit", "cv_limit.primary=0"}, 2, "schoolplan: --limit cv_limit.primary: 0: want a coefficient of variation above 0, at most 1\n", ""},
		{"not key.stage=value", []string{"compare", scenario, "--limit", "cv_limit"}, 2, "schoolplan: --limit \"cv_limit\": want key.stage=value, e.g. cv_limit.primary=0.45\n", ""},
		{"on report", []string{"report", scenario, "-o", "-", "--limit", "large_school.junior=x"}, 2, "schoolplan: --limit \"large_school.junior=x\": x is not a number\n", ""},
		{"large and huge classes", []string{"simulate", scenario, "--limit", "large_class.junior=52", "--limit", "huge_class.junior=60"}, 0, "", "tiny-limits,junior,2025,total:1000,0.45"},
		{"every problem listed", []string{"compare", scenario, "--limit", "cv_limit.primary=0", "--limit", "huge_class.junior=x", "--limit", "large_class.senior=50"}, 2,
			"schoolplan: --limit cv_limit.primary: 0: want a coefficient of variation above 0, at most 1; --limit \"huge_class.junior=x\": x is not a number; --limit \"large_class.senior=50\": senior is not a stage: want primary or junior\n", ""},
		{"classes out of order", []string{"simulate", scenario, "--limit", "large_class.junior=70"}, 2,
			"schoolplan: --limit huge_class.junior 65 is not above large_class.junior 70: want standard < large < huge class sizes\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append(tc.args, "--quiet")
			if tc.args[0] != "report" {
				args = append(args, "--out", out)
			}
			code, _, stderr := schoolplan(t, args...)
			if code != tc.code || (tc.stderr != "" && !strings.HasSuffix(stderr, tc.stderr)) {
				t.Fatalf("exit %d, stderr %q; want %d, %q", code, stderr, tc.code, tc.stderr)
			}
			if tc.row == "" {
				return
			}
			data, err := os.ReadFile(filepath.Join(out, "indicators.csv"))
			if err != nil {
				t.Fatal(err)
			}
			key, cells, _ := strings.Cut(tc.row, ":")
			found := false
			for _, line := range strings.Split(string(data), "\n") {
				f := strings.Split(line, ",")
				if len(f) > 22 && strings.Join(f[:3], ",")+","+f[4] == key {
					found = true
					if got := f[21] + "," + f[22]; got != cells {
						t.Errorf("%s: radius_m, cv_limit = %s, want %s", key, got, cells)
					}
				}
			}
			if !found {
				t.Errorf("no row %s", key)
			}
		})
	}
}
