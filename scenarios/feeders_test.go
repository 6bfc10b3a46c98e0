package scenarios_test

import (
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TestFeedersMessages: a feeders change's problems, each naming the file,
// line and key.
func TestFeedersMessages(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"no list", "changes:\n  - feeders: {school: J1, year: 2026}\n",
			[]string{"s.yaml:4: changes[0].feeders.primaries: missing (the feeder primaries in priority order; [] for none)"}},
		{"no year", "changes:\n  - feeders: {school: J1, primaries: [P1]}\n",
			[]string{"s.yaml:4: changes[0].feeders.year: missing (the first school year of the list)"}},
		{"engine checks", "changes:\n  - feeders: {school: J1, primaries: [P1, X, J1], year: 2026}\n",
			[]string{
				`s.yaml:4: changes[0].feeders.primaries: "X" (item 2): unknown school (not in the city nor opened by a new_school change)`,
				`s.yaml:4: changes[0].feeders.primaries: item 3: "J1" is the school itself, not one of its primaries`,
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkProblems(t, tc.yaml, tc.want) })
	}
}

// TestFeedersChangeRuns: a scenario's feeders change runs, is unpriced
// and adds no seats.
func TestFeedersChangeRuns(t *testing.T) {
	r := runProgramme(t, "city: city\nyears: [2025, 2030]\nchanges:\n  - feeders: {school: J1, primaries: [P1, P2], year: 2027}\n")
	c := scenarios.ProgrammeCosts(r)
	if len(c.Changes) != 1 || c.Changes[0].Kind != "feeders" || c.Changes[0].Source != scenarios.CostUnknown || c.Changes[0].Seats != 0 {
		t.Errorf("costs %+v", c.Changes)
	}
	j1 := &r.Schools[r.City.SchoolIndex("J1")]
	if got := engine.FeedersIn(j1, 2027, r.Scenario.Changes); len(got) != 2 {
		t.Errorf("J1's feeders in 2027: %q", got)
	}
}
