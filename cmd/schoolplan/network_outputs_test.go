package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestMonacoNetworkParquetAndLayers runs Monaco through the command line
// with Parquet tables and FlatGeobuf layers: a walking run's tables have
// distance and walk_min (read with parquet-go) and its areas layer
// distance and walk_min by year (read with GDAL's ogrinfo); a straight
// run's have neither.
func TestMonacoNetworkParquetAndLayers(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo is not installed (Debian: gdal-bin)")
	}
	tests := []struct {
		name, yaml string
		walk       bool
	}{
		{"network", monacoNetworkYAML, true},
		{"straight", monacoStraightYAML, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := schoolplan(t, "simulate", tc.yaml, "-q", "--out", out, "--tables", "areas,admissions",
				"--table-format", "parquet", "--layers", "areas,schools", "--layer-format", "fgb")
			if code != 0 {
				t.Fatalf("simulate: exit %d: %s", code, stderr)
			}
			for _, table := range []string{"areas.parquet", "admissions.parquet"} {
				cols := parquetColumns(t, filepath.Join(out, table))
				for _, c := range []string{"distance", "walk_min"} {
					if slices.Contains(cols, c) != tc.walk {
						t.Errorf("%s columns %v: %s present %v, want %v", table, cols, c, !tc.walk, tc.walk)
					}
				}
			}
			info := ogrSummary(t, filepath.Join(out, "areas_primary.fgb"))
			for _, f := range []string{"distance: String", "walk_min_2025: Real", "walk_min_2027: Real"} {
				if strings.Contains(info, f) != tc.walk {
					t.Errorf("areas_primary.fgb: field %q present %v, want %v", f, !tc.walk, tc.walk)
				}
			}
			if got := strings.Contains(ogrSummary(t, filepath.Join(out, "schools_primary.fgb")), "distance: String"); got != tc.walk {
				t.Errorf("schools_primary.fgb: field distance present %v, want %v", got, tc.walk)
			}
		})
	}
}

// parquetColumns are the column names of a Parquet file, as parquet-go
// reads its schema.
func parquetColumns(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var cols []string
	for _, fld := range f.Schema().Fields() {
		cols = append(cols, fld.Name())
	}
	return cols
}

// ogrSummary is ogrinfo's summary of a layer: its fields and types.
func ogrSummary(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("ogrinfo", "-al", "-so", path).Output()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v", path, err)
	}
	return string(out)
}
