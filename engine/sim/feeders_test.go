package sim_test

import (
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// feederCityTo is feederCity (progression_test.go) run to year last.
func feederCityTo(last engine.Year, feeders []string) *engine.City {
	b := citytest.New(2025, last)
	d := b.District("D", -1000, -1000, 10000, 1000)
	cohorts(b, b.Area("A", d, 0, 0, 1), 30, 30, 10)
	cohorts(b, b.Area("B", d, 9000, 0, 1), 40, 40, 10)
	b.School("P", engine.KindPrimary, d, 1000, 0, 1)
	b.School("Q", engine.KindPrimary, d, 9000, 0, 1)
	b.School("J", engine.KindJunior, d, 8000, 0, 1).Feeders = feeders
	return b.City()
}

// TestFeedersChange: a feeders change sets J's feeder primaries from its
// year, replacing the city's list. By hand (see TestProgression): without
// feeders B (nearer) takes 40 of J's 50 seats and A the last 10; with P
// feeding J in 2026, P's 30 leavers take 30 seats first. In 2027 P's
// leavers are its 2026 grade 6: the 10 ten-year-olds of A it was
// warm-started with in 2025 (grade 5), who take 10 seats first.
func TestFeedersChange(t *testing.T) {
	noFeeder := []string{"A J base 10", "A unplaced 20", "B J base 40"}
	tests := []struct {
		name   string
		last   engine.Year
		city   []string // J's feeders in the city
		change engine.Feeders
		want   map[engine.Year][]string
	}{
		{"P feeds J from 2026", 2026, nil, engine.Feeders{School: "J", Primaries: []string{"P"}, Year: 2026},
			map[engine.Year][]string{2025: noFeeder, 2026: {"A J feeder 30", "B J base 20", "B unplaced 20"}}},
		{"the city's list ended in 2026", 2026, []string{"P"}, engine.Feeders{School: "J", Primaries: []string{}, Year: 2026},
			map[engine.Year][]string{2026: noFeeder}},
		{"from 2027 only", 2027, nil, engine.Feeders{School: "J", Primaries: []string{"P"}, Year: 2027},
			map[engine.Year][]string{2026: noFeeder, 2027: {"A J feeder 10", "A unplaced 20", "B J base 40"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := feederCityTo(tc.last, tc.city)
			r := run(t, c, &sim.Options{First: 2025, Last: tc.last, Policy: engine.Policy{Placement: engine.PlaceNone},
				Changes: []engine.Change{tc.change}})
			for y, want := range tc.want {
				if got := juniorRoutes(c, r, y); !slices.Equal(got, want) {
					t.Errorf("%d: junior admissions %q, want %q", y, got, want)
				}
			}
		})
	}
}
