package scenarios_test

import (
	"context"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/scenarios"
)

// costsCity is the tiny city with a site-area standard, so that a new
// school may give its site_area.
const costsCity = "name: tiny\ncrs: wgs84\nstandards:\n  primary:\n    - {classes: 12, site_area: 20}\n"

// programmeYAML: two changes in two phases. P3 (2 primary streams of 45,
// 12,000 m² of land, opening 2027 with lead_time 2: decided 2025, 近期)
// costs, from the table, 8000 + 2 × 600 + 12000 × 0.5 = 15200 and adds
// 2 × 45 = 90 entry seats, 90 × 6 grades = 540 seats. P1's stream (2028,
// decided 2026, 中期) costs 900 as given and adds 45 and 270 seats.
const programmeYAML = `city: city
years: [2025, 2030]
costs: {new_school: 8000, per_stream: 600, expansion_stream: 500, land_m2: 0.5}
phases:
  - {name: 近期, from: 2021, to: 2025}
  - {name: 中期, from: 2026, to: 2030}
changes:
  - new_school: {id: P3, at: [106.512, 29.505], stage: primary, streams: 2, opens: 2027, site_area: 12000}
    lead_time: 2
    phase: 近期
  - expand: {school: P1, streams: 1, year: 2028}
    cost: 900
    decided: 2026
`

func runProgramme(t *testing.T, yaml string) *scenarios.Result {
	t.Helper()
	dir := tinyCopy(t, map[string]string{engine.CityFile: costsCity})
	s, err := scenarios.Load(writeStagesScenario(t, dir, "s.yaml", yaml))
	if err != nil {
		t.Fatal(err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// lastYear is school id's enrolment and capacity in the run's last
// primary year.
func lastYear(t *testing.T, r *scenarios.Result, id string) (enrolled, capacity int) {
	t.Helper()
	for _, sy := range r.Stages[engine.Primary].Year(r.Last).Schools {
		if r.Schools[sy.School].ID == id {
			return sy.Enrolled, sy.Capacity
		}
	}
	t.Fatalf("%s does not run in %d", id, r.Last)
	return 0, 0
}

func TestProgrammeCosts(t *testing.T) {
	r := runProgramme(t, programmeYAML)
	c := scenarios.ProgrammeCosts(r)
	// The new school's pupils all sit in new seats; P1's fill its 270 old
	// seats first.
	p3, _ := lastYear(t, r, "P3")
	p1, _ := lastYear(t, r, "P1")
	usedP1 := max(0, p1-270)
	tests := []struct {
		name               string
		got                scenarios.ChangeCost
		kind               string
		decided            engine.Year
		phase              string
		cost               float64
		source             scenarios.CostSource
		entry, seats, used int
	}{
		{"new school from the table", c.Changes[0], "new_school", 2025, "近期", 15200, scenarios.CostFromTable, 90, 540, p3},
		{"expansion as given", c.Changes[1], "expand", 2026, "中期", 900, scenarios.CostGiven, 45, 270, usedP1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.got
			if g.Kind != tc.kind || g.Decided != tc.decided || g.Phase != tc.phase || g.Source != tc.source || !approx.Equal(g.Cost, tc.cost, 1e-9) {
				t.Errorf("got %+v, want %s decided %d in %s costing %v (%v)", g, tc.kind, tc.decided, tc.phase, tc.cost, tc.source)
			}
			if g.EntrySeats != tc.entry || g.Seats != tc.seats || g.UsedLastYear != tc.used {
				t.Errorf("seats %d/%d used %d, want %d/%d used %d", g.EntrySeats, g.Seats, g.UsedLastYear, tc.entry, tc.seats, tc.used)
			}
		})
	}
	if p3 <= 0 || p3 > 540 || usedP1 <= 0 {
		t.Fatalf("the run no longer fills new seats in both schools (P3 %d, P1 %d): the case tests nothing", p3, p1)
	}
	if len(c.Phases) != 2 || !approx.Equal(c.Phases[0].Cost, 15200, 1e-9) || !approx.Equal(c.Phases[1].Cost, 900, 1e-9) {
		t.Fatalf("phases %+v, want 近期 15200 and 中期 900", c.Phases)
	}
	tot := c.Total
	perEntry, ok1 := tot.CostPerEntrySeat()
	perSeat, ok2 := tot.CostPerSeat()
	share, ok3 := tot.UsedShare()
	switch {
	case !approx.Equal(tot.Cost, 16100, 1e-9) || tot.EntrySeats != 135 || tot.Seats != 810:
		t.Errorf("total %+v, want 16100 for 135 entry seats, 810 seats", tot)
	case !ok1 || !approx.Equal(perEntry, 16100.0/135, 1e-9), !ok2 || !approx.Equal(perSeat, 16100.0/810, 1e-9):
		t.Errorf("per seat %v %v, want %v %v", perEntry, perSeat, 16100.0/135, 16100.0/810)
	case !ok3 || !approx.Equal(share, float64(p3+usedP1)/810, 1e-12):
		t.Errorf("used share %v, want %v", share, float64(p3+usedP1)/810)
	}
}

// An unpriced change leaves the cost per seat unknown, not 0.
func TestProgrammeUnpriced(t *testing.T) {
	yaml := strings.Replace(programmeYAML, "costs: {new_school: 8000, per_stream: 600, expansion_stream: 500, land_m2: 0.5}\n", "", 1)
	c := scenarios.ProgrammeCosts(runProgramme(t, yaml))
	if c.Changes[0].Source != scenarios.CostUnknown || c.Total.Unpriced != 1 || !approx.Equal(c.Total.Cost, 900, 1e-9) {
		t.Fatalf("got %+v, want P3 unpriced and 900 priced", c.Total)
	}
	if _, ok := c.Total.CostPerSeat(); ok {
		t.Fatal("cost per seat known with an unpriced change")
	}
}

// The city's cost table and phases are the scenario's defaults: the
// scenario's costs override the city's key by key, its phases replace the
// city's.
func TestProgrammeFromCity(t *testing.T) {
	const city = costsCity + "costs: {new_school: 7000, per_stream: 500, expansion_stream: 400}\n" +
		"phases:\n  - {name: 近期, from: 2021, to: 2026}\n  - {name: 中期, from: 2027, to: 2030}\n"
	const change = "changes:\n  - new_school: {id: P3, at: [106.512, 29.505], stage: primary, streams: 2, opens: 2027}\n"
	tests := []struct {
		name      string
		yaml      string
		cost      float64 // P3's cost
		phase     string
		numPhases int
	}{
		{"city's table and phases", change, 7000 + 2*500, "中期", 2},
		{"scenario's per_stream", "costs: {per_stream: 800}\n" + change, 7000 + 2*800, "中期", 2},
		{"scenario's phases", "phases:\n  - {name: 第一期, from: 2025, to: 2035}\n" + change, 7000 + 2*500, "第一期", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tinyCopy(t, map[string]string{engine.CityFile: city})
			s, err := scenarios.Load(writeStagesScenario(t, dir, "s.yaml", "city: city\nyears: [2025, 2030]\n"+tc.yaml))
			if err != nil {
				t.Fatal(err)
			}
			r, err := scenarios.Run(context.Background(), s, nil)
			if err != nil {
				t.Fatal(err)
			}
			c := scenarios.ProgrammeCosts(r)
			if got := c.Changes[0]; !approx.Equal(got.Cost, tc.cost, 1e-9) || got.Phase != tc.phase || len(c.Phases) != tc.numPhases {
				t.Errorf("P3 %v in %q, %d phases; want %v in %q, %d phases", got.Cost, got.Phase, len(c.Phases), tc.cost, tc.phase, tc.numPhases)
			}
		})
	}
}
