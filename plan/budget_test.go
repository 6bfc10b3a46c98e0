package plan_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// phases is two phases, the first ending in split, with budgets b1 and
// b2 (negative: none).
func phases(split engine.Year, b1, b2 float64) []engine.Phase {
	budget := func(b float64) *float64 {
		if b < 0 {
			return nil
		}
		return &b
	}
	return []engine.Phase{{Name: "近期", From: 2021, To: split, Budget: budget(b1)},
		{Name: "中期", From: split + 1, To: 2035, Budget: budget(b2)}}
}

// Phase budgets change the choice; mpOptions' prices: a temporary junior
// class 120 (3 years × 40), a stream 600, decided a year before it opens,
// no discounting. J0 is 50 short (one class) in 2027–2032.
func TestOptimizeMultiPeriodBudgets(t *testing.T) {
	tests := []struct {
		name    string
		phases  []engine.Phase
		want    []string
		cost    float64
		wantErr string
	}{
		// No budget: 6 × 120 = 720 leased > 600 for a stream opening in
		// 2027, decided in 2026 (近期).
		{name: "no budget builds", phases: phases(2027, -1, -1),
			want: []string{"expand J0 1 from 2027 cost 600"}, cost: 600},
		// 近期 (to 2027) may spend 300: the stream (600, decided 2026 or
		// 2027) does not fit, and building from 2029 (decided 2028, in
		// 中期) costs 600 + two classes leased = 840 > 720 leased
		// throughout. Leasing spends 120 in 近期 (the 2027 class, decided
		// 2027) and 600 in 中期, the runs split where the phase changes.
		{name: "budget leases instead", phases: phases(2027, 300, -1),
			want: []string{"temporary J0 1 2027–2027 cost 120", "temporary J0 1 2028–2032 cost 600"}, cost: 720},
		// 中期 (from 2026) may spend 300: neither the stream opening in
		// 2027 (decided 2026) nor leasing (720) fits, but a stream
		// opening in 2026, decided in 2025 (近期), a year before it is
		// needed, does, at the same 600.
		{name: "budget builds earlier", phases: phases(2025, -1, 300),
			want: []string{"expand J0 1 from 2026 cost 600"}, cost: 600},
		// 近期 may spend 100: the 2027 class alone costs 120 in it, and
		// no stream can replace it (opening in 2027 means deciding in
		// 2026).
		{name: "no plan fits", phases: phases(2027, 100, -1),
			wantErr: "phase 近期 (2021–2027) spends 120.00, over its budget of 100.00 by 20.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := mpOptions()
			o.MaxNew = -1
			o.Progress = func(m string) { t.Log(m) }
			s := mpCity(between(100, 2027, 2032), 0)
			s.Phases = tt.phases
			pr, err := plan.Optimize(context.Background(), s, o)
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, plan.ErrOverBudget) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i := range pr.Changes {
				got = append(got, changeText(&pr.Changes[i]))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			checkMultiPeriod(t, pr, tt.cost, 0)
			if w := scenarios.BudgetWarnings(pr.After); len(w) > 0 {
				t.Errorf("the plan overspends: %q", w)
			}
		})
	}
}
