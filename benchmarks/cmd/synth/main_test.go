package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TestRun writes a small city and runs its scenario.
func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		areas   int
		wantErr bool
	}{
		{"500 areas", 500, false},
		{"no areas", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			err := run(io.Discard, dir, tc.areas, 3)
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want error: %v", err, tc.wantErr)
			}
			if tc.wantErr {
				return
			}
			sc, err := scenarios.Load(filepath.Join(dir, "scenario.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if len(sc.City.Areas) != tc.areas {
				t.Errorf("%d areas, want %d", len(sc.City.Areas), tc.areas)
			}
			res, err := scenarios.Run(context.Background(), sc, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.First != 2025 || res.Last != 2035 || len(res.Stages[engine.Primary].Years) != 11 {
				t.Errorf("years %d–%d, %d primary years", res.First, res.Last, len(res.Stages[engine.Primary].Years))
			}
		})
	}
}
