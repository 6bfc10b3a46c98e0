package sim_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// mergeCity has two primary schools and no children: P0 with 40 pupils in
// each of grades 2–6 and P1 with 20. Closing P1 into P0 in 2026 moves
// P1's grades 2–5 (80 pupils; grade 6 leaves) into P0's grades 3–6: 60
// pupils a grade where P0 alone would have 40.
func mergeCity(p0Streams int) *engine.City {
	b := citytest.New(2025, 2026)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 0 })
	p0 := b.School("P0", engine.KindPrimary, d, 1000, 1000, p0Streams)
	p0.Enrolled = map[int]int{1: 0, 2: 40, 3: 40, 4: 40, 5: 40, 6: 40}
	p1 := b.School("P1", engine.KindPrimary, d, 2000, 1000, 1)
	p1.Enrolled = map[int]int{1: 0, 2: 20, 3: 20, 4: 20, 5: 20, 6: 20}
	return b.City()
}

// TestMergeLoads: a merge is measured on its receiver in the year of the
// merge; it is warned when it adds classes over 45, 50 or 55, and refused
// when a class passes the limit the policy sets.
func TestMergeLoads(t *testing.T) {
	merge := []engine.Change{engine.Close{School: "P1", Year: 2026, MergeInto: "P0"}}
	tests := []struct {
		name      string
		streams   int // P0's
		oversize  int // the policy's primary oversize_class_size (0: not set)
		with      sim.ClassLoad
		wantWarn  bool
		wantError bool
	}{
		// 1 stream: 4 classes of 60 (40 without the merge).
		{"one stream, default policy: warned", 1, 0, sim.ClassLoad{Classes: 4, Max: 60, Over: [3]int{4, 4, 4}}, true, false},
		{"one stream, limit 60: warned", 1, 60, sim.ClassLoad{Classes: 4, Max: 60, Over: [3]int{4, 4, 4}}, true, false},
		{"one stream, limit 58: refused", 1, 58, sim.ClassLoad{}, true, true},
		// 2 streams: 60 pupils form 2 classes of 30.
		{"two streams: fine", 2, 58, sim.ClassLoad{Classes: 8, Max: 30}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := &sim.Options{First: 2025, Last: 2026, Changes: merge}
			opt.Policy.OversizeClassSize[engine.Primary] = tc.oversize
			r, err := sim.Run(context.Background(), mergeCity(tc.streams), opt)
			if tc.wantError {
				const want = `closing "P1" into "P0" in 2026 moves 80 primary pupils: "P0" gets 4 over 45, 4 over 50, 4 over 55 (largest class 60, 40 without them): over the policy's oversize_class_size of 58`
				if !errors.Is(err, sim.ErrChange) || !errors.Is(err, engine.ErrInvalid) || engine.Plain(err) != "invalid change: change 1 (close): merge_into: "+want {
					t.Fatalf("want the merge refused, got %v", err)
				}
				if ce := (*engine.ChangeError)(nil); !errors.As(err, &ce) || ce.Index != 0 || ce.Field != "merge_into" {
					t.Fatalf("want change 0's merge_into named, got %#v", ce)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Merges) != 1 {
				t.Fatalf("merges %+v, want 1", r.Merges)
			}
			m := r.Merges[0]
			if m.Moved != 80 || m.With != tc.with || m.Year != 2026 || m.Into != "P0" || m.Stage != engine.Primary {
				t.Errorf("merge %+v", m)
			}
			if got := len(r.MergeWarnings()) == 1; got != tc.wantWarn || m.Warns() != tc.wantWarn {
				t.Errorf("warnings %q, want some: %v", r.MergeWarnings(), tc.wantWarn)
			}
			if tc.wantWarn && !slices.Equal(r.MergeWarnings(), []string{m.String()}) {
				t.Errorf("warnings %q", r.MergeWarnings())
			}
		})
	}
}
