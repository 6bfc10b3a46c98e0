package report

import (
	"testing"

	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TestNumberText: the text every writer gives a number, worked by hand.
func TestNumberText(t *testing.T) {
	present := scenarios.Figures{Present: true}
	tests := []struct {
		name, got, want string
	}{
		{"ftoa rounds the binary value", ftoa(2.675, 2), "2.67"}, // 2.675 is 2.67499… in binary
		{"ftoa no decimals", ftoa(99.5, 0), "100"},
		{"signed positive", signedFloat(1.25, 1), "+1.2"},
		{"signed negative", signedFloat(-0.26, 1), "-0.3"},
		{"signed rounds to zero: no sign", signedFloat(-0.04, 1), "0.0"},
		{"signed int zero", signedInt(present, 0), "0"},
		{"signed int negative", signedInt(present, -7), "-7"},
		{"signed int positive", signedInt(present, 3), "+3"},
		{"signed int absent", signedInt(scenarios.Figures{}, 3), "–"},
		{"present int", presentInt(present, 12), "12"},
		{"present int absent", presentInt(scenarios.Figures{}, 12), "–"},
		{"grouped", grouped(4298), "4,298"},
		{"grouped millions", grouped(-1234567), "-1,234,567"},
		{"grouped small", grouped(999), "999"},
		{"percent", percent(1, 3), "33.3%"},
		{"percent of nothing", percent(1, 0), "–"},
		{"count one", count(1, "error"), "1 error"},
		{"count many", count(0, "file"), "0 files"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

// TestRounding: JSON numbers are rounded as the CSV text reads them;
// forecast figures half up to a tenth.
func TestRounding(t *testing.T) {
	tests := []struct {
		name      string
		got, want float64
	}{
		{"round1", round1(0.25), 0.2}, // "0.2": 0.25 is exact, ties to even
		{"round2", round2(1.005), 1},  // 1.005 is 1.00499… in binary
		{"round4", round4(2.0 / 3), 0.6667},
		{"tenth half up", roundTenth(0.25), 0.3},
		{"tenth down", roundTenth(12.34), 12.3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			approx.Check(t, tc.name, tc.got, tc.want, 0)
		})
	}
}

// TestProblemSummary: the summary line validate and a failed run end with.
func TestProblemSummary(t *testing.T) {
	tests := []struct {
		name string
		sum  ProblemSummary
		want string
		ok   string // after "ok"
	}{
		{"one error", ProblemSummary{Errors: 1, Files: 1}, "1 error in 1 file", ""},
		{"warnings only", ProblemSummary{Warnings: 2, Files: 1}, "0 errors, 2 warnings in 1 file", " with 2 warnings"},
		{"no file named", ProblemSummary{Errors: 3, Warnings: 1}, "3 errors, 1 warning", " with 1 warning"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sum.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
			if got := tc.sum.warningText(); got != tc.ok {
				t.Errorf("warningText() = %q, want %q", got, tc.ok)
			}
		})
	}
}
