package sim_test

import (
	"context"
	"errors"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// The simulation checks changes with engine.CheckChanges and nothing else:
// it fails on exactly the problems validation reports, in the same words.
func TestRunChecksChangesAsValidationDoes(t *testing.T) {
	c, err := engine.LoadCity("../../testdata/tiny")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		changes []engine.Change
	}{
		{"unknown school", []engine.Change{engine.Close{School: "P99", Year: 2027}}},
		{"year outside the run", []engine.Change{engine.Expand{School: "P1", Streams: 1, Year: 2040}}},
		{"swap in one district", []engine.Change{engine.SeatSwap{Schools: [2]string{"P2", "N1"}, Seats: 5, Year: 2026}}},
		{"swap above the entry seats", []engine.Change{engine.SeatSwap{Schools: [2]string{"P1", "P2"}, Seats: 46, Year: 2026}}},
		{"below zero streams", []engine.Change{engine.Expand{School: "P1", Streams: -2, Year: 2026}}},
		{"merge into another stage", []engine.Change{engine.Close{School: "P1", Year: 2027, MergeInto: "J1"}}},
		{"several", []engine.Change{
			engine.Close{School: "P1", Year: 2027, MergeInto: "J1"},
			engine.Expand{School: "X", Streams: 1, Year: 2026},
			engine.SeatSwap{Schools: [2]string{"P1", "P2"}, Seats: 1 << 40, Year: 2026},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pol := engine.Policy{}
			want := engine.CheckChanges(c, &pol, 2025, 2030, tc.changes)
			if want == nil {
				t.Fatal("validation found nothing")
			}
			_, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2030, Policy: pol, Changes: tc.changes})
			if !errors.Is(err, sim.ErrChange) {
				t.Fatalf("err %v, want ErrChange", err)
			}
			if got := err.Error(); got != sim.ErrChange.Error()+": "+want.Error() {
				t.Errorf("simulation: %s\nvalidation: %s", got, want)
			}
		})
	}
}
