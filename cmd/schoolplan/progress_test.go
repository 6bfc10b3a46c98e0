package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// The bar writes only when on (a terminal, not --quiet); a finished bar
// clears its line.
func TestProgress(t *testing.T) {
	tests := []struct {
		name  string
		on    bool
		total int
		steps []string
		want  []string // substrings of the output; none when off
	}{
		{"off: a pipe or --quiet", false, 3, []string{"a 2025", "a 2026", "a 2027"}, nil},
		// Drawn at most every 100 ms: the first step shows at once.
		{"on: counts the steps", true, 3, []string{"a 2025", "a 2026", "a 2027"}, []string{"\ra 2025", "/3)"}},
		{"on: a spinner for rounds of unknown number", true, -1, []string{"round 1", "round 2"}, []string{"round 1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := newProgress(&buf, tc.on, tc.total, "")
			for _, s := range tc.steps {
				p.step(s)
			}
			p.done()
			out := buf.String()
			if len(tc.want) == 0 && out != "" {
				t.Errorf("wrote %q, want nothing", out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output %q lacks %q", out, w)
				}
			}
			// A finished bar is wiped: its last line is blanks.
			if i := strings.LastIndex(strings.TrimSuffix(out, "\r"), "\r"); tc.on && strings.Trim(out[i+1:], " \r") != "" {
				t.Errorf("output %q does not end by clearing the bar", out)
			}
		})
	}
}

// In a pipe, simulate's stderr carries no progress.
func TestSimulateSilentInPipe(t *testing.T) {
	code, _, stderr := schoolplan(t, "simulate", tinyBaselineYAML)
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q, want nothing", code, stderr)
	}
}

// In a pipe, no command that loads a city draws a bar or a spinner
// (stderr may still carry warnings).
func TestLoadingSilentInPipe(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"simulate", []string{"simulate", tinyBaselineYAML}},
		{"compare", []string{"compare", tinyBaselineYAML, tinyChangesYAML}},
		{"validate a city folder", []string{"validate", "../../testdata/tiny"}},
		{"validate a scenario", []string{"validate", tinyBaselineYAML}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := schoolplan(t, tc.args...)
			if code != 0 || strings.ContainsAny(stderr, "\r%") || strings.Contains(stderr, "loading") {
				t.Errorf("exit %d, stderr %q, want no progress", code, stderr)
			}
		})
	}
}

// loading shows only when on: a spinner with its description until the
// loader gives its total, then the share of bytes read (a new total, of
// the next city folder, starts again); it clears its line and returns
// what the load returns. Off, the load gets no progress function.
func TestLoading(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		on      bool
		reports []progressCall // each followed by a wait of two redraws
		want    []string       // substrings of the output; nothing when off
	}{
		{"off: a pipe or --quiet", false, nil, nil},
		{"on: a spinner while the total is unknown", true, nil, []string{"loading city"}},
		{"on: the share of bytes read", true, []progressCall{{1000, 4000}, {2000, 4000}}, []string{"loading city", "50%", "2.0/4.0 kB"}},
		{"on: a second city starts again", true, []progressCall{{4000, 4000}, {2000, 8000}}, []string{"25%"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			called := false
			err := loading(&buf, tc.on, "loading city", func(progress func(done, total int64)) error {
				called = true
				if tc.on != (progress != nil) {
					t.Errorf("progress given: %v, want %v", progress != nil, tc.on)
				}
				for _, r := range tc.reports {
					progress(r.done, r.total)
					time.Sleep(250 * time.Millisecond)
				}
				return boom
			})
			if !called || err != boom {
				t.Fatalf("called %v, err %v", called, err)
			}
			checkLoadingOutput(t, buf.String(), tc.on, tc.want)
		})
	}
}

// progressCall is one report of a loader's progress.
type progressCall struct{ done, total int64 }

// checkLoadingOutput checks that out is empty when off, else holds want
// and ends with its line cleared.
func checkLoadingOutput(t *testing.T, out string, on bool, want []string) {
	t.Helper()
	if !on && out != "" {
		t.Errorf("off: wrote %q", out)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output %q lacks %q", out, w)
		}
	}
	if on && strings.Trim(out[strings.LastIndex(strings.TrimSuffix(out, "\r"), "\r")+1:], " \r") != "" {
		t.Errorf("output %q does not end by clearing the line", out)
	}
}
