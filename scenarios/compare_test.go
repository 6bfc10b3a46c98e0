package scenarios_test

import (
	"context"
	"errors"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
	"github.com/schoolplan/schoolplan/scenarios"
)

func runAll(t *testing.T, names ...string) []*scenarios.Result {
	t.Helper()
	scs, err := scenarios.LoadAll(names...)
	if err != nil {
		t.Fatal(err)
	}
	if len(scs) > 1 && scs[0].City != scs[1].City {
		t.Fatal("LoadAll loaded the shared city twice")
	}
	var out []*scenarios.Result
	for _, s := range scs {
		r, err := scenarios.Run(context.Background(), s, nil)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestCompare(t *testing.T) {
	rs := runAll(t, "../testdata/scenarios/tiny-baseline.yaml", "../testdata/scenarios/tiny-changes.yaml")
	cmp, err := scenarios.Compare(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cmp.Scenarios) != 2 || cmp.Scenarios[1] != "tiny-changes" || cmp.First != 2025 || cmp.Last != 2030 {
		t.Fatalf("comparison %v %d–%d", cmp.Scenarios, cmp.First, cmp.Last)
	}
	if len(cmp.Districts) != 2 || cmp.Districts[0].ID != "D1" || cmp.Districts[1].Index[1] != 1 {
		t.Fatalf("districts %+v", cmp.Districts)
	}
	if len(cmp.Indicators) != 2 {
		t.Fatalf("%d indicator sets", len(cmp.Indicators))
	}
	for _, st := range engine.Stages {
		sc := &cmp.Stages[st]
		if sc.Stage != st || len(sc.Years) != 6 {
			t.Fatalf("%s: %d years", st, len(sc.Years))
		}
		for yi, yc := range sc.Years {
			for k, r := range rs {
				tot := r.Stages[st].Years[yi].City
				f := yc.City[k]
				if !f.Present || f.Unplaced != tot.Unplaced || f.EntrySeats != tot.EntrySeats || f.Entrants != tot.Entrants {
					t.Fatalf("%s %d %s: figures %+v, totals %+v", st, yc.Year, cmp.Scenarios[k], f, tot)
				}
				sum := 0
				for j := range yc.Districts {
					sum += yc.Districts[j][k].Unplaced
				}
				if sum != f.Unplaced {
					t.Fatalf("%s %d: districts add up to %d unplaced, the city has %d", st, yc.Year, sum, f.Unplaced)
				}
				if f.Admitted > 0 && !(f.MeanDistance > 0) {
					t.Fatalf("%s %d: mean distance %v", st, yc.Year, f.MeanDistance)
				}
			}
			d := yc.City[1].Delta(yc.City[0])
			if !d.Present || d.Unplaced != yc.City[1].Unplaced-yc.City[0].Unplaced {
				t.Fatalf("delta %+v", d)
			}
		}
	}
	// The changes add a junior stream in the west in 2026.
	if d := cmp.Stages[engine.Junior].Years[1].City[1].Delta(cmp.Stages[engine.Junior].Years[1].City[0]); d.EntrySeats <= 0 {
		t.Errorf("junior 2026: entry seats differ by %d, want more in tiny-changes", d.EntrySeats)
	}
}

func TestCompareErrors(t *testing.T) {
	if _, err := scenarios.Compare(nil, nil); !errors.Is(err, scenarios.ErrCompare) {
		t.Errorf("no results: %v", err)
	}
	if _, err := scenarios.Compare([]*scenarios.Result{{}}, nil); !errors.Is(err, scenarios.ErrCompare) {
		t.Errorf("empty result: %v", err)
	}
	if d := (scenarios.Figures{Present: true, Unplaced: 3}).Delta(scenarios.Figures{}); d.Present {
		t.Errorf("delta to an absent figure: %+v", d)
	}
}

// TestCompareMeanDistance: 60 six-year-olds, 20 in A0 300 m from the only
// primary school and 40 in A1 700 m from it; its 45 seats go to the
// nearest first, so 20 children travel 300 m and 25 travel 700 m.
func TestCompareMeanDistance(t *testing.T) {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A0", d, 5300, 5000, 100)
	b.Area("A1", d, 4300, 5000, 200)
	b.School("P0", engine.KindPrimary, d, 5000, 5000, 1)
	b.School("J0", engine.KindJunior, d, 5000, 5000, 1)
	b.DistrictChildren(d, func(_ engine.Year, age int) float64 {
		if age == 6 {
			return 60
		}
		return 0
	})
	c := b.City()
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2025})
	if err != nil {
		t.Fatal(err)
	}
	res := &scenarios.Result{Scenario: &scenarios.Scenario{Name: "hand"}, City: c, Result: r}
	cmp, err := scenarios.Compare([]*scenarios.Result{res}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := cmp.Stages[engine.Primary].Years[0].City[0]
	want := (20*300.0 + 25*700.0) / 45
	if f.Admitted != 45 || f.Unplaced != 15 || !approx.Equal(float64(f.MeanDistance), want, 1e-9) {
		t.Errorf("admitted %d unplaced %d mean distance %v, want 45, 15, %.4f", f.Admitted, f.Unplaced, f.MeanDistance, want)
	}
	if dm := cmp.Stages[engine.Primary].Years[0].Districts[0][0].MeanDistance; dm != f.MeanDistance {
		t.Errorf("district mean distance %v, city %v", dm, f.MeanDistance)
	}
}
