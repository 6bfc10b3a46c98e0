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

// --lang, --tiles and --tiles-crs reach the page; bad values are refused
// with the flag named.
func TestReportLangAndTiles(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string
	}{
		{"zh", []string{"--lang", "zh"}, 0, `<html lang="zh">`},
		{"gcj02 tiles", []string{"--tiles", "https://wprd0{s}.example.cn/{z}/{x}/{y}", "--tiles-crs", "gcj02"}, 0, "img-src data: https://*.example.cn;"},
		{"bad tiles crs", []string{"--tiles", "https://a.example/{z}/{x}/{y}", "--tiles-crs", "bd09"}, exitUsage, `--tiles-crs: tile coordinate system "bd09": want wgs84 or gcj02`},
		{"tile url without placeholders", []string{"--tiles", "https://a.example/tile.png"}, exitError, "has no {z}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := schoolplan(t, append([]string{"report", tinyBaselineYAML, "-o", "-", "-q"}, tc.args...)...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tc.wantCode, stderr)
			}
			if !strings.Contains(out+stderr, tc.want) {
				t.Errorf("output lacks %q: %.300s", tc.want, stderr)
			}
		})
	}
}
