package scenarios_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/scenarios"
)

// mergeOverLimit closes P2 into P1 in 2027 under a primary
// oversize_class_size of 60: the 176 pupils moved make classes of 82.
const mergeOverLimit = `city: ../tiny
years: [2025, 2030]
policy:
  oversize_class_size: {primary: 60}
changes:
  - expand: {school: J1, streams: 1, year: 2026}
  - close: {school: P2, year: 2027, merge_into: P1}
`

// TestRunNamesTheChange checks that a change only a run can find wrong (a
// merge over the class limit) is named by file, line and key, as the
// load names its problems, and by the file alone once a copy of the
// scenario has other changes in its place.
func TestRunNamesTheChange(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "tiny"), os.DirFS(filepath.Join("..", "testdata", "tiny"))); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "s", "merge.yaml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(mergeOverLimit), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	dropped := *s
	dropped.Changes = s.Changes[1:] // the merge is now the first change
	for _, tc := range []struct {
		name string
		s    *scenarios.Scenario
		want string
	}{
		{"as loaded", s, file + ":7: changes[1].close.merge_into: closing \"P2\" into \"P1\" in 2027"},
		{"a copy without the first change", &dropped, file + ": change 1 (close): merge_into: closing \"P2\" into \"P1\" in 2027"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenarios.Run(context.Background(), tc.s, nil)
			if !errors.Is(err, sim.ErrChange) || !errors.Is(err, engine.ErrInvalid) {
				t.Fatalf("err %v, want a change refused", err)
			}
			if got := err.Error(); !strings.Contains(got, tc.want) || !strings.HasSuffix(got, "over the policy's oversize_class_size of 60") {
				t.Errorf("err %q, want it to name %q", got, tc.want)
			}
		})
	}
}
