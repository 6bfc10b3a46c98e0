package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportFile(t *testing.T) {
	page := filepath.Join(t.TempDir(), "r.html")
	code, _, stderr := schoolplan(t, "report", tinyBaselineYAML, tinyChangesYAML, "-o", page, "--title", "Tiny & <co>")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "wrote "+page) {
		t.Errorf("stderr %q", stderr)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{"<!DOCTYPE html>", "<title>Tiny &amp; &lt;co&gt;</title>", `id="map"`, "tiny-changes"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestReportStdoutAndDemo(t *testing.T) {
	code, out, stderr := schoolplan(t, "report", tinyBaselineYAML, "-o", "-", "-q")
	if code != 0 || !strings.HasPrefix(out, "<!DOCTYPE html>") || stderr != "" {
		t.Fatalf("exit %d, stdout %.60q, stderr %q", code, out, stderr)
	}
	if testing.Short() {
		t.Skip("the demo report in -short mode")
	}
	// No argument: the demo's baseline and new-school scenarios, with the
	// demo city's attribution.
	code, out, stderr = schoolplan(t, "report", "-o", "-", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"baseline", "new-school", "CC BY 4.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo report lacks %q", want)
		}
	}
}
