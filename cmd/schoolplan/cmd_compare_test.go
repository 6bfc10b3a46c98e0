package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	tinyBaselineYAML = "../../testdata/scenarios/tiny-baseline.yaml"
	tinyChangesYAML  = "../../testdata/scenarios/tiny-changes.yaml"
)

func TestCompareFormats(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"table", "junior — unplaced children by year and scenario (Δ: difference to tiny-baseline)"},
		{"csv", "scenario,stage,year,district_name,district,entrants"},
		{"json", `"scenarios": [`},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runCompare(context.Background(), compareOptions{Format: tc.format}, []string{tinyBaselineYAML, tinyChangesYAML}, &stdout, &stderr)
			out := stdout.String()
			if err != nil || !strings.Contains(out, tc.want) {
				t.Fatalf("%v, stdout lacks %q:\n%.500s%s", err, tc.want, out, stderr.String())
			}
			if tc.format == "json" && !json.Valid([]byte(out)) {
				t.Error("stdout is not JSON")
			}
		})
	}
}

func TestCompareOut(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	opts := compareOptions{Out: dir, Format: "table", Quiet: true}
	if err := runCompare(context.Background(), opts, []string{tinyBaselineYAML, tinyChangesYAML}, &stdout, &stderr); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	// --quiet silences progress, not warnings: only the merge warning of
	// tiny-changes may be on stderr.
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if line != "" && !strings.HasPrefix(line, "tiny-changes: warning: closing \"P1\" into \"P3\"") {
			t.Errorf("stderr under Quiet: %s", line)
		}
	}
	for _, name := range []string{"comparison.csv", "comparison.json", "summary.csv", "indicators.csv",
		"tiny-baseline/schools_primary.geojson", "tiny-changes/catchments_junior.geojson", "tiny-changes/districts_primary.geojson"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestCompareKeepsSimulateFlags: compare and simulate share flag names;
// each command reads its own.
func TestCompareKeepsSimulateFlags(t *testing.T) {
	code, out, stderr := schoolplan(t, "simulate", tinyBaselineYAML, "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "scenario,stage,year,district") {
		t.Fatalf("simulate --format csv: exit %d: %.200s%s", code, out, stderr)
	}
	t.Setenv("SCHOOLPLAN_FORMAT", "json")
	if code, out, _ := schoolplan(t, "compare", tinyBaselineYAML); code != 0 || !json.Valid([]byte(out)) {
		t.Fatalf("compare with SCHOOLPLAN_FORMAT=json: exit %d: %.200s", code, out)
	}
	if code, out, _ := schoolplan(t, "compare", tinyBaselineYAML, "--format", "table"); code != 0 || !strings.Contains(out, "unplaced children by year") {
		t.Fatalf("compare --format table over the environment: exit %d: %.200s", code, out)
	}
}

func TestCompareExitCodes(t *testing.T) {
	if code, _, _ := schoolplan(t, "compare", tinyBaselineYAML, "--format", "xml"); code != exitUsage {
		t.Errorf("--format xml: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := schoolplan(t, "compare", "no/such.yaml"); code != exitError {
		t.Errorf("missing file: exit %d, want %d", code, exitError)
	}
}
