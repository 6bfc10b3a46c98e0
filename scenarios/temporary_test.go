package scenarios_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TestTemporaryCosts: 2 temporary classes of J1 (a junior school of class
// size 40, three grades) in entry years 2026–2027 rent 2 × 2 × 3 = 12
// classroom-years, which temporary_classroom_year 10 prices at 120, and
// add 2 × 2 × 40 = 160 entry seats over the two years; no permanent
// seats. Without the key the cost is unknown, not 0.
func TestTemporaryCosts(t *testing.T) {
	const change = "changes:\n  - temporary: {school: J1, streams: 2, from: 2026, to: 2027}\n"
	tests := []struct {
		name   string
		costs  string
		cost   float64
		source scenarios.CostSource
	}{
		{"priced by the table", "costs: {temporary_classroom_year: 10}\n", 120, scenarios.CostFromTable},
		{"no key: unknown", "costs: {expansion_stream: 500}\n", 0, scenarios.CostUnknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runProgramme(t, "city: city\nyears: [2025, 2030]\n"+tc.costs+change)
			c := scenarios.ProgrammeCosts(r)
			if len(c.Changes) != 1 {
				t.Fatalf("%d changes, want 1", len(c.Changes))
			}
			got := c.Changes[0]
			if got.Kind != "temporary" || got.School != "J1" || got.Source != tc.source || !approx.Equal(got.Cost, tc.cost, 1e-9) {
				t.Errorf("change %+v, want cost %v from %v", got, tc.cost, tc.source)
			}
			if got.ClassroomYears != 12 || got.TemporarySeats != 160 || got.EntrySeats != 0 || got.Seats != 0 || got.UsedLastYear != 0 {
				t.Errorf("change %+v: want 12 classroom-years, 160 temporary seats, no permanent seats", got)
			}
			if c.Total.ClassroomYears != 12 || c.Total.TemporarySeats != 160 || c.Total.Unpriced != boolInt(tc.source == scenarios.CostUnknown) {
				t.Errorf("total %+v", c.Total)
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestTemporaryMessages: a temporary change's problems, each naming the
// file, line and key, every one of them.
func TestTemporaryMessages(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"missing years", "changes:\n  - temporary: {school: J1, streams: 1}\n",
			[]string{"s.yaml:4: changes[0].temporary.from: missing (the first entry year with temporary classes)"}},
		{"bad stage", "changes:\n  - temporary: {school: J1, streams: 1, from: 2026, to: 2027, stage: senior}\n",
			[]string{`s.yaml:4: changes[0].temporary.stage: unknown stage "senior" (want primary or junior)`}},
		{"engine checks, each change", "changes:\n  - temporary: {school: N1, streams: 1, from: 2026, to: 2027}\n" +
			"  - temporary: {school: J1, streams: 0, from: 2028, to: 2027}\n",
			[]string{
				`s.yaml:4: changes[0].temporary.stage: missing: "N1" is a nine-year school: say primary or junior`,
				"s.yaml:5: changes[1].temporary.streams: 0: want 1 to 1000 temporary classes per entry year",
				"s.yaml:5: changes[1].temporary.to: 2027 is before from (2028)",
			}},
		{"a maximum of 0", "policy:\n  max_temporary_classrooms: {junior: 0}\n",
			[]string{"s.yaml:4: policy.max_temporary_classrooms: junior: 0 is out of range: want 1 to 9000 temporary classrooms"}},
		{"over the policy's maximum", "policy:\n  max_temporary_classrooms: {junior: 3}\n" +
			"changes:\n  - temporary: {school: J1, streams: 2, from: 2026, to: 2027}\n",
			[]string{`s.yaml:6: changes[0].temporary.streams: school "J1" would use 4 temporary junior classrooms in 2027, over the policy's max_temporary_classrooms of 3`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkProblems(t, tc.yaml, tc.want) })
	}
}

// checkProblems loads a scenario of the tiny city, years 2025–2030, then
// yaml, and checks its problems end with want, in order.
func checkProblems(t *testing.T, yaml string, want []string) {
	t.Helper()
	dir := tinyCopy(t, nil)
	_, err := scenarios.Load(writeStagesScenario(t, dir, "s.yaml", "city: city\nyears: [2025, 2030]\n"+yaml))
	if err == nil {
		t.Fatal("loaded, want an error")
	}
	var got []string // the problems, without a "3 problems:" header
	for _, line := range strings.Split(engine.Plain(err), "\n") {
		if !strings.HasSuffix(line, " problems:") {
			got = append(got, strings.TrimSpace(line))
		}
	}
	for i := range max(len(got), len(want)) {
		g, w := "", ""
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !strings.HasSuffix(g, w) || (w == "") != (g == "") {
			t.Errorf("problem %d:\ngot  %s\nwant …%s", i, g, w)
		}
	}
}

// TestTemporaryRunLoads: a scenario with temporary classes runs, and its
// junior capacity in 2027 counts the 4 temporary classrooms in use.
func TestTemporaryRunLoads(t *testing.T) {
	r := runProgramme(t, "city: city\nyears: [2025, 2030]\nchanges:\n  - temporary: {school: J1, streams: 2, from: 2026, to: 2027}\n")
	base := runProgramme(t, "city: city\nyears: [2025, 2030]\n")
	capOf := func(r *scenarios.Result, y engine.Year) int {
		for _, sy := range r.Stages[engine.Junior].Year(y).Schools {
			if r.Schools[sy.School].ID == "J1" {
				return sy.Capacity
			}
		}
		t.Fatalf("J1 not run in %d", y)
		return 0
	}
	if got, want := capOf(r, 2027)-capOf(base, 2027), 4*40; got != want {
		t.Errorf("J1's added capacity in 2027: %d, want %d", got, want)
	}
	if got := capOf(r, 2030) - capOf(base, 2030); got != 0 {
		t.Errorf("J1's added capacity in 2030: %d, want 0 (every temporary cohort left)", got)
	}
}
