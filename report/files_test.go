package report_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// TestWriteFileNamesTheFile: a failed write names the file it was writing.
func TestWriteFileNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		file    string
		write   func(io.Writer) error
		wantErr string // "" for none
	}{
		{"written", "ok.csv", func(w io.Writer) error { _, err := io.WriteString(w, "a\n"); return err }, ""},
		{"writer fails", "bad.csv", func(io.Writer) error { return errors.New("disk full") }, "bad.csv: disk full"},
		{"no folder", filepath.Join("missing", "x.csv"), func(io.Writer) error { return nil }, filepath.Join("missing", "x.csv")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := report.WriteFile(filepath.Join(dir, tc.file), tc.write)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %v, want one naming %q", err, tc.wantErr)
			}
		})
	}
}

// TestWriteFilesComparison: with a comparison, the folder gets
// comparison.csv and comparison.json beside the tables.
func TestWriteFilesComparison(t *testing.T) {
	rs, cmp := compareTiny(t)
	dir := t.TempDir()
	f := &report.Files{Tables: []string{"summary"}, Layers: &report.LayerOptions{Layers: []string{}}, Comparison: cmp}
	if err := report.WriteFiles(dir, f, rs...); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"summary.json", "summary.csv", "comparison.csv", "comparison.json"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
}
