package scenarios_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Lease or build: one junior school J0 of 1 stream (50 seats a grade,
// three grades) and 50 twelve-year-olds a year, 100 in the years named.
// Leasing one temporary class a year costs 30 a classroom-year (万元, an
// assumption of the test); building one stream costs 600, the planner's
// default stream cost.
const (
	leaseYear   = 30.0
	streamCost  = 600.0
	leaseFirst  = engine.Year(2028)
	leaseLast   = engine.Year(2035) // the run's last year
	leaseGrades = 3
)

// leaseCity is J0's city, 100 entrants in the years for which big says so.
func leaseCity(big func(y engine.Year) bool) *engine.City {
	b := citytest.New(2025, leaseLast)
	b.Stages(engine.Junior)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(y engine.Year, age int) float64 {
		if age == 12 && big(y) {
			return 100
		}
		return 50
	})
	b.School("J0", engine.KindJunior, d, 4000, 4000, 1)
	return b.City()
}

// runLease runs J0's city with one change and returns its programme and
// its unplaced over the run.
func runLease(t *testing.T, c *engine.City, ch engine.Change) (*scenarios.Costs, int) {
	t.Helper()
	lease, stream := leaseYear, streamCost
	s := &scenarios.Scenario{Name: "lease", File: "lease.yaml", First: 2025, Last: leaseLast, City: c, Changes: []engine.Change{ch},
		Costs: &engine.CostTable{TemporaryClassroomYear: &lease, ExpansionStream: &stream}}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	unplaced := 0
	for _, yr := range r.Stages[engine.Junior].Years {
		unplaced += yr.City.Unplaced
	}
	return scenarios.ProgrammeCosts(r), unplaced
}

// TestLeaseOrBuild works both by hand.
//
// A four-year bulge (100 entrants 2028–2031): one temporary class in each
// of the 4 entry years, each kept 3 years, is 4 × 3 = 12 classroom-years,
// 360; a stream built in 2028 costs 600 and its 150 seats stand empty in
// 2035 (150 pupils in J0's 300 seats fill the 150 it had). Leasing wins.
//
// Growth that lasts (100 entrants from 2028): leasing to the horizon is 8
// entry years × 3 = 24 classroom-years, 720 (and more after it); the
// stream still costs 600 and all its 150 seats are used in 2035 (300
// pupils). Building wins.
func TestLeaseOrBuild(t *testing.T) {
	tests := []struct {
		name             string
		big              func(y engine.Year) bool
		leaseTo          engine.Year
		leaseCost        float64
		buildUsed        int // the stream's seats used in 2035
		leasingIsCheaper bool
	}{
		{"four-year bulge: lease", func(y engine.Year) bool { return y >= 2028 && y <= 2031 }, 2031, 360, 0, true},
		{"lasting growth: build", func(y engine.Year) bool { return y >= 2028 }, leaseLast, 720, 150, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := leaseCity(tc.big)
			lease, leaseUnplaced := runLease(t, c, engine.Temporary{School: "J0", Streams: 1, From: leaseFirst, To: tc.leaseTo})
			build, buildUnplaced := runLease(t, c, engine.Expand{School: "J0", Streams: 1, Year: leaseFirst})
			if leaseUnplaced != 0 || buildUnplaced != 0 {
				t.Errorf("unplaced: leasing %d, building %d, want none", leaseUnplaced, buildUnplaced)
			}
			wantYears := int(tc.leaseTo-leaseFirst+1) * leaseGrades
			if l := lease.Total; !approx.Equal(l.Cost, tc.leaseCost, 1e-9) || l.ClassroomYears != wantYears || l.Seats != 0 || l.Unpriced != 0 {
				t.Errorf("leasing %+v, want cost %v, %d classroom-years, no permanent seats", l, tc.leaseCost, wantYears)
			}
			if b := build.Total; !approx.Equal(b.Cost, streamCost, 1e-9) || b.Seats != 150 || b.UsedLastYear != tc.buildUsed {
				t.Errorf("building %+v, want cost %v, 150 seats, %d used in %d", b, streamCost, tc.buildUsed, leaseLast)
			}
			if got := lease.Total.Cost < build.Total.Cost; got != tc.leasingIsCheaper {
				t.Errorf("leasing %v, building %v: leasing cheaper %v, want %v", lease.Total.Cost, build.Total.Cost, got, tc.leasingIsCheaper)
			}
		})
	}
}

// Without either, the bulge leaves 50 a year unplaced for 4 years: what
// both options are for.
func TestLeaseOrBuildNeeded(t *testing.T) {
	s := &scenarios.Scenario{Name: "none", File: "none.yaml", First: 2025, Last: leaseLast,
		City: leaseCity(func(y engine.Year) bool { return y >= 2028 && y <= 2031 })}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	unplaced := 0
	for _, yr := range r.Stages[engine.Junior].Years {
		unplaced += yr.City.Unplaced
	}
	if unplaced != 4*50 {
		t.Errorf("unplaced %d, want 200", unplaced)
	}
}
