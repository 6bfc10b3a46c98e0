package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tinyProgrammeYAML = "../../testdata/scenarios/tiny-programme.yaml"

// simulate and compare print the costs by phase and write costs.csv and
// costs.json for a scenario that gives costs or phases; a scenario without
// them gets neither (the files of TestSimulateDemoGolden stay as they
// were). The printed table and costs.csv are golden files.
func TestCostsOutputs(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantCosts bool
		golden    string // of stdout; "" for none
	}{
		{"simulate a programme", []string{"simulate", tinyProgrammeYAML}, true, "tiny-programme-table-zh.txt"},
		{"compare with a programme", []string{"compare", tinyBaselineYAML, tinyProgrammeYAML}, true, ""},
		{"simulate without", []string{"simulate", tinyChangesYAML}, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append(tc.args, "-q", "--lang", "zh", "--out", dir, "--layers", "none")
			code, out, stderr := schoolplan(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			printed := strings.Contains(out, "分期投资")
			data, err := os.ReadFile(filepath.Join(dir, "costs.csv"))
			if printed != tc.wantCosts || (err == nil) != tc.wantCosts {
				t.Fatalf("printed %v, costs.csv %v: want %v", printed, err, tc.wantCosts)
			}
			if _, err := os.Stat(filepath.Join(dir, "costs.json")); (err == nil) != tc.wantCosts {
				t.Errorf("costs.json: %v", err)
			}
			if tc.golden != "" {
				golden(t, tc.golden, []byte(out))
				golden(t, "tiny-programme-costs.csv", data)
			}
		})
	}
}
