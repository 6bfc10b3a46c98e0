package scenarios_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/scenarios"
)

// Phase budgets against programmeYAML's spending: 15200 in 近期 and 900 in
// 中期.
func TestBudgetWarnings(t *testing.T) {
	tests := []struct {
		name   string
		phases string
		want   []string
	}{
		{"no budgets", "  - {name: 近期, from: 2021, to: 2025}\n  - {name: 中期, from: 2026, to: 2030}\n", nil},
		{"within", "  - {name: 近期, from: 2021, to: 2025, budget: 15200}\n  - {name: 中期, from: 2026, to: 2030, budget: 1000}\n", nil},
		{"近期 over by 5200", "  - {name: 近期, from: 2021, to: 2025, budget: 10000}\n  - {name: 中期, from: 2026, to: 2030}\n",
			[]string{"phase 近期 (2021–2025): its changes cost 15200, over its budget of 10000 by 5200"}},
		{"both over", "  - {name: 近期, from: 2021, to: 2025, budget: 0}\n  - {name: 中期, from: 2026, to: 2030, budget: 899.5}\n",
			[]string{"phase 近期 (2021–2025): its changes cost 15200, over its budget of 0 by 15200",
				"phase 中期 (2026–2030): its changes cost 900, over its budget of 899.5 by 0.5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			yaml := strings.Replace(programmeYAML, "  - {name: 近期, from: 2021, to: 2025}\n  - {name: 中期, from: 2026, to: 2030}\n", tc.phases, 1)
			r := runProgramme(t, yaml)
			got := scenarios.BudgetWarnings(r)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			c := scenarios.ProgrammeCosts(r)
			if len(c.Phases) != 2 || (c.Phases[0].Budget == nil) != !strings.Contains(tc.phases, "近期, from: 2021, to: 2025, budget") {
				t.Errorf("phase rows %+v do not carry the budgets of %q", c.Phases, tc.phases)
			}
		})
	}
}
