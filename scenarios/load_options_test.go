package scenarios_test

import (
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/scenarios"
)

// The tiny city's files: areas 897, city.yaml 98, districts 489,
// forecast.csv 2592, schools 824 bytes. Monaco's: areas 3563, city.yaml
// 192, districts 247, forecast.csv 714, the OpenStreetMap extract 561084,
// schools 1204 bytes (its NOTICE.md is not read).
const (
	tinyBytes   = 897 + 98 + 489 + 2592 + 824
	monacoBytes = 3563 + 192 + 247 + 714 + 561084 + 1204
)

func TestLoadAllWithProgress(t *testing.T) {
	const dir = "../testdata/scenarios/"
	cases := []struct {
		name   string
		files  []string
		totals []int64 // of each city load, in order
	}{
		{"one scenario", []string{"tiny-baseline.yaml"}, []int64{tinyBytes}},
		{"two scenarios of one city load it once", []string{"tiny-baseline.yaml", "tiny-changes.yaml"}, []int64{tinyBytes}},
		{"two cities, roads from an OpenStreetMap extract", []string{"tiny-baseline.yaml", "monaco-straight.yaml"}, []int64{tinyBytes, monacoBytes}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var totals []int64
			var done, total int64 = -1, -1 // no load begun
			opts := scenarios.LoadOptions{}
			opts.City.Progress = func(d, n int64) {
				if n != total && done != total {
					t.Errorf("total %d before the load of %d bytes ended at %d", n, total, done)
				}
				if n != total {
					totals, total, done = append(totals, n), n, 0
				}
				if d < done || d > n {
					t.Errorf("done %d after %d, of %d", d, done, n)
				}
				done = d
			}
			names := make([]string, len(tc.files))
			for i, f := range tc.files {
				names[i] = dir + f
			}
			if _, err := scenarios.LoadAllWith(opts, names...); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(totals, tc.totals) || done != total {
				t.Errorf("city loads of %v bytes, the last ending at %d; want %v, each to its total", totals, done, tc.totals)
			}
		})
	}
}
