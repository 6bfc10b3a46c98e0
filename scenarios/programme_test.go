package scenarios_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Bad programmes: each problem names the file, line and key, and every
// problem is reported.
func TestProgrammeBad(t *testing.T) {
	const head = "city: city\nyears: [2025, 2030]\n"
	const p1 = "  - expand: {school: P1, streams: 1, year: 2028}\n"
	const phases = "phases:\n  - {name: 近期, from: 2021, to: 2025}\n  - {name: 中期, from: 2026, to: 2030}\n"
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"negative cost", head + "changes:\n" + p1 + "    cost: -5\n", []string{"s.yaml:5: changes[0].cost: -5 is out of range"}},
		{"negative table cost", head + "costs: {per_stream: -1}\n", []string{"s.yaml:3: costs.per_stream: -1 is out of range"}},
		{"overlapping phases", head + "phases:\n  - {name: 近期, from: 2021, to: 2026}\n  - {name: 中期, from: 2026, to: 2030}\n",
			[]string{`phases[1].from: 2026 overlaps phase "近期" (2021–2026): want 2027`}},
		{"gap between phases", head + "phases:\n  - {name: 近期, from: 2021, to: 2024}\n  - {name: 中期, from: 2026, to: 2030}\n",
			[]string{`phases[1].from: 2026 leaves 2025 in no phase (phase "近期" ends 2024): want 2025`}},
		{"unnamed and twice named", head + "phases:\n  - {from: 2021, to: 2025}\n  - {name: 中期, from: 2026, to: 2030}\n  - {name: 中期, from: 2031, to: 2035}\n",
			[]string{"phases[0].name: missing", `phases[2].name: "中期" is also phases[1]`}},
		{"unknown phase", head + phases + "changes:\n" + p1 + "    phase: 远期\n",
			[]string{`changes[0].phase: "远期": unknown phase: want one of 近期, 中期`}},
		{"phase not holding the decision", head + phases + "changes:\n" + p1 + "    phase: 近期\n",
			[]string{`changes[0].phase: "近期" is 2021–2025, but the change is decided in 2028`}},
		{"lead time contradicts decided", head + "changes:\n" + p1 + "    decided: 2025\n    lead_time: 2\n",
			[]string{"changes[0].lead_time: decided 2025 with lead_time 2 is 2027, but the change takes effect in 2028"}},
		{"decided after effect", head + "changes:\n" + p1 + "    decided: 2029\n",
			[]string{"changes[0].decided: 2029 is after the change takes effect (2028)"}},
		{"lead time out of range", head + "changes:\n" + p1 + "    lead_time: 31\n", []string{"changes[0].lead_time: 31 is out of range"}},
		{"housing with a cost", head + "changes:\n  - housing: {id: H1, at: [106.51, 29.51], households: 100, year: 2027}\n    cost: 10\n",
			[]string{"changes[0]: housing adds homes, not seats: it takes no cost"}},
		{"negative budget", head + "phases:\n  - {name: 近期, from: 2021, to: 2025, budget: -3}\n",
			[]string{"s.yaml:4: phases[0].budget: -3 is out of range"}},
		{"budget not a number", head + "phases:\n  - {name: 近期, from: 2021, to: 2025, budget: lots}\n",
			[]string{"phases[0].budget", "the most the phase's changes may cost"}},
		{"reserved phase name", head + "phases:\n  - {name: total, from: 2021, to: 2025}\n", []string{`phases[0].name: "total" names a row of the costs table`}},
		{"two problems", head + "changes:\n" + p1 + "    decided: 2029\n" + p1 + "    phase: x\n",
			[]string{"changes[0].decided", `changes[1].phase: "x": unknown phase: the scenario gives no phases`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tinyCopy(t, map[string]string{engine.CityFile: costsCity})
			_, err := scenarios.Load(writeStagesScenario(t, dir, "s.yaml", tc.yaml))
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nwant %q", err, w)
				}
			}
		})
	}
}
