package sim_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// shiftingCity is one district whose middle area A1 grows by 10 children
// of every age a year while A2 shrinks by 5, so that the balanced
// catchment differs from year to year: A1 (x 3000) fits at P0 (x 2000)
// beside A0 only in 2025.
func shiftingCity() (*engine.City, func(area int, y engine.Year) int32) {
	b := citytest.New(2025, 2030)
	d := b.District("D", 0, 0, 10000, 10000)
	children := func(area int, y engine.Year) int32 {
		k := int32(y - 2025)
		return [3]int32{30, 10 + 10*k, 40 - 5*k}[area]
	}
	for i, x := range []float64{1000, 3000, 7000} {
		a := b.Area(fmt.Sprint("A", i), d, x, 5000, 1)
		b.AreaChildren(a, func(y engine.Year, _ int) float64 { return float64(children(a, y)) })
	}
	b.School("P0", engine.KindPrimary, d, 2000, 5000, 1)
	b.School("P1", engine.KindPrimary, d, 6000, 5000, 2)
	b.School("J0", engine.KindJunior, d, 1500, 5000, 1)
	b.School("J1", engine.KindJunior, d, 8000, 5000, 2)
	return b.City(), children
}

// TestBalanceAheadEachYearItsOwn checks that the catchments solved ahead
// of the year loop are each year's own: every stage-year's entrants are
// that year's children and its assignment is what Balance gives for them.
func TestBalanceAheadEachYearItsOwn(t *testing.T) {
	c, children := shiftingCity()
	for _, split := range []bool{false, true} {
		t.Run(fmt.Sprint("split=", split), func(t *testing.T) {
			pol := engine.Policy{Catchment: engine.Balanced, Split: split}
			r := run(t, c, &sim.Options{First: 2025, Last: 2030, Policy: pol})
			differ := false
			for _, st := range c.Stages() {
				for k, yr := range r.Stages[st].Years {
					checkYearEntrants(t, st, &yr, children)
					want := balanceYear(t, c, &pol, st, &yr)
					if !reflect.DeepEqual(yr.Assign.School, want.School) || !reflect.DeepEqual(yr.Assign.Quota, want.Quota) {
						t.Errorf("%s %d: schools %v quotas %v, want %v %v", st, yr.Year, yr.Assign.School, yr.Assign.Quota, want.School, want.Quota)
					}
					if k > 0 && !reflect.DeepEqual(yr.Assign.School, r.Stages[st].Years[k-1].Assign.School) {
						differ = true
					}
				}
			}
			if !differ {
				t.Fatal("the catchment is the same every year: the test cannot tell years apart")
			}
		})
	}
}

// checkYearEntrants checks a year's entrants against the children of the
// city's forecast.
func checkYearEntrants(t *testing.T, st engine.Stage, yr *sim.YearResult, children func(int, engine.Year) int32) {
	t.Helper()
	for i, n := range yr.AreaEntrants {
		if want := children(i, yr.Year); n != want {
			t.Errorf("%s %d: area %d has %d entrants, want %d", st, yr.Year, i, n, want)
		}
	}
}

// balanceYear solves a year's balanced catchment directly, over the
// year's entry seats, under pol.
func balanceYear(t *testing.T, c *engine.City, pol *engine.Policy, st engine.Stage, yr *sim.YearResult) *engine.Assignment {
	t.Helper()
	open := make([]bool, len(c.Schools))
	capacity := make([]int32, len(c.Schools))
	for _, row := range yr.Schools {
		open[row.School], capacity[row.School] = true, int32(row.EntrySeats)
	}
	a, _, err := catchment.Balance(context.Background(), c, catchment.Options{Stage: st, Open: open}, yr.AreaEntrants, capacity,
		&catchment.BalanceOptions{Split: pol.Split, Unplaced: pol.UnplacedCostFor(st)})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// failingDemand answers like its city's forecast but fails for one year
// and age, which its Check does not see.
type failingDemand struct {
	sim.Demand
	year engine.Year
	age  int
}

func (d failingDemand) Children(dst []float64, y engine.Year, age int) ([]float64, error) {
	if y == d.year && age == d.age {
		return nil, fmt.Errorf("no children for %d age %d", y, age)
	}
	return d.Demand.Children(dst, y, age)
}

// TestBalanceAheadErrorInTurn checks that a year failing ahead of the
// loop fails the run when the loop reaches it, after the years before it,
// as a run solving each year in turn would.
func TestBalanceAheadErrorInTurn(t *testing.T) {
	c, _ := shiftingCity()
	for _, tc := range []struct {
		name  string
		stage engine.Stage
		year  engine.Year
		age   int
		done  []string
	}{
		{"primary 2027", engine.Primary, 2027, 6, []string{"primary 2025", "primary 2026"}},
		{"junior 2026", engine.Junior, 2026, 12, []string{"primary 2025", "primary 2026", "primary 2027",
			"primary 2028", "primary 2029", "primary 2030", "junior 2025"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var done []string
			opt := &sim.Options{First: 2025, Last: 2030, Policy: engine.Policy{Catchment: engine.Balanced},
				Demand:   failingDemand{Demand: forecast.New(c), year: tc.year, age: tc.age},
				Progress: func(st engine.Stage, y engine.Year) { done = append(done, fmt.Sprint(st, " ", y)) }}
			_, err := sim.Run(context.Background(), c, opt)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%s %d", tc.stage, tc.year)) {
				t.Fatalf("error %v, want one naming %s %d", err, tc.stage, tc.year)
			}
			if !reflect.DeepEqual(done, tc.done) {
				t.Errorf("years run %q, want %q", done, tc.done)
			}
		})
	}
}

// TestBalanceAheadCancel checks that a run cancelled between years stops
// with the context's error, its solving goroutine ended with it.
func TestBalanceAheadCancel(t *testing.T) {
	c, _ := shiftingCity()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := &sim.Options{First: 2025, Last: 2030, Policy: engine.Policy{Catchment: engine.Balanced},
		Progress: func(engine.Stage, engine.Year) { cancel() }}
	if _, err := sim.Run(ctx, c, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}
