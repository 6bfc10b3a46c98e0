package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
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

// loading shows a spinner with its description only when on, clears it,
// and returns what the load returns.
func TestLoading(t *testing.T) {
	for _, on := range []bool{false, true} {
		var buf bytes.Buffer
		called := false
		boom := errors.New("boom")
		err := loading(&buf, on, "loading city", func() error { called = true; return boom })
		if !called || err != boom {
			t.Fatalf("on=%v: called %v, err %v", on, called, err)
		}
		out := buf.String()
		if !on && out != "" {
			t.Errorf("off: wrote %q", out)
		}
		if on && (!strings.Contains(out, "loading city") || strings.Trim(out[strings.LastIndex(strings.TrimSuffix(out, "\r"), "\r")+1:], " \r") != "") {
			t.Errorf("on: output %q, want the description, then the line cleared", out)
		}
	}
}
