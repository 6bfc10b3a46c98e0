package report

import (
	"bytes"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

func TestYearSpans(t *testing.T) {
	tests := []struct {
		name  string
		years []engine.Year
		want  string
	}{
		{"one", []engine.Year{2025}, "2025"},
		{"run", []engine.Year{2025, 2026, 2027}, "2025–2027"},
		{"runs and a gap", []engine.Year{2025, 2026, 2028, 2030, 2031}, "2025–2026, 2028, 2030–2031"},
		{"none", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := English.yearSpans(tc.years, false); got != tc.want {
				t.Errorf("yearSpans = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGrouped(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {4298, "4,298"}, {117982, "117,982"},
		{1234567, "1,234,567"}, {-1602, "-1,602"}, {-100, "-100"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := grouped(tc.n); got != tc.want {
				t.Errorf("grouped(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

// Chinese characters take two columns, so their cells are padded less.
func TestGridWriter(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "a\tbb\t\nccc\td\t\n", "    a  bb\n  ccc   d\n"},
		{"chinese", "区县\tn\t\n渝北区\t12\t\n", "    区县   n\n  渝北区  12\n"},
		{"title ends a block", "t\nab\t\nx\t\n\nc\t\n", "t\n  ab\n   x\n\n  c\n"},
		{"text after the last tab", "a\tname\nbbb\tx\n", "    aname\n  bbbx\n"},
		{"empty trailing cells leave no blanks", "a\t\t\nb\tc\t\n", "  a\n  b  c\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			g := newGridWriter(&buf, 2)
			if _, err := g.Write([]byte(tc.in)); err != nil {
				t.Fatal(err)
			}
			if err := g.Flush(); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tc.want {
				t.Errorf("got\n%q\nwant\n%q", buf.String(), tc.want)
			}
		})
	}
}

func TestNameID(t *testing.T) {
	tests := []struct {
		name   string
		lang   Lang
		in, id string
		want   string
	}{
		{"english", English, "渝北区", "500112", "渝北区 (500112)"},
		{"chinese", Chinese, "渝北区", "500112", "渝北区（500112）"},
		{"no name: the id alone", Chinese, "", "D1", "D1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.lang.nameID(tc.in, tc.id); got != tc.want {
				t.Errorf("nameID = %q, want %q", got, tc.want)
			}
		})
	}
}
