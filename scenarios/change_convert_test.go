package scenarios_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Each bad conversion gets one message naming the file, the line, the
// key and what is expected, from the YAML (to, year, junior_streams) or
// from engine.CheckChanges (the rest). The tiny city: P1 and P2 primary
// (1 and 2 streams), J1 junior, N1 nine-year; the run is 2025–2030.
func TestConvertScenarioMessages(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"to missing", "  - convert: {school: P1, year: 2027, streams: 2}",
			"s.yaml:4: changes[0].convert.to: missing (primary, junior or nine_year)"},
		{"to unknown", "  - convert: {school: P1, to: senior, year: 2027, streams: 2}",
			`s.yaml:4: changes[0].convert.to: unknown school stage "senior" (want primary, junior or nine_year)`},
		{"year missing", "  - convert: {school: P1, to: junior, streams: 2}",
			"s.yaml:4: changes[0].convert.year: missing"},
		{"junior_streams to junior", "  - convert: {school: P1, to: junior, year: 2027, junior_streams: 2}",
			"s.yaml:4: changes[0].convert.junior_streams: only a conversion to nine_year takes junior_streams (streams are the junior streams)"},
		{"streams missing", "  - convert: {school: P1, to: junior, year: 2027}",
			"s.yaml:4: changes[0].convert.streams: missing (classes per grade of the junior stage the school gains)"},
		{"streams out of range", "  - convert: {school: P1, to: junior, year: 2027, streams: 1001}",
			"s.yaml:4: changes[0].convert.streams: 1001 is out of range: want 1 to 1000 streams (classes per grade)"},
		{"unknown school", "  - convert: {school: P9, to: junior, year: 2027, streams: 2}",
			`s.yaml:4: changes[0].convert.school: "P9": unknown school (not in the city nor opened by a new_school change)`},
		{"its own kind", "  - convert: {school: J1, to: junior, year: 2027}",
			`s.yaml:4: changes[0].convert.to: school "J1" is a junior school already in 2027`},
		{"year outside the run", "  - convert: {school: P1, to: junior, year: 2031, streams: 2}",
			"s.yaml:4: changes[0].convert.year: 2031 is outside the run 2025–2030"},
		{"first year", "  - convert: {school: N1, to: primary, year: 2025}",
			"s.yaml:4: changes[0].convert.year: 2025 is the run's first year, whose older grades start from the schools as they are: convert from 2026 on"},
		{"twice a year", "  - convert: {school: P1, to: junior, year: 2027, streams: 2}\n  - convert: {school: P1, to: nine_year, year: 2027, junior_streams: 2}",
			`s.yaml:5: changes[1].convert.year: school "P1" is converted already in 2027, by an earlier change: once a year at most`},
		{"a closed school", "  - close: {school: P1, year: 2027}\n  - convert: {school: P1, to: junior, year: 2028, streams: 2}",
			`s.yaml:5: changes[1].convert.year: 2028: school "P1" is closed then (closes 2027)`},
		{"nine_year needs junior_streams", "  - convert: {school: P1, to: nine_year, year: 2027, streams: 2}",
			"2 problems:\n" +
				"\ts.yaml:4: changes[0].convert.streams: 2 primary streams: school \"P1\" keeps its primary stage and its streams (change them with expand)\n" +
				"\ts.yaml:4: changes[0].convert.junior_streams: missing (classes per grade of the junior stage the school gains)"},
		{"expand the stage before it is gained", "  - convert: {school: P1, to: junior, year: 2027, streams: 2}\n  - expand: {school: P1, stage: junior, streams: 1, year: 2026}",
			`s.yaml:5: changes[1].expand.stage: school "P1" (primary in 2026) teaches none of the stages named`},
	}
	city := tinyAbs(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkLoadError(t, "city: "+city+"\nyears: [2025, 2030]\nchanges:\n"+tc.yaml+"\n", tc.want)
		})
	}
}

// A file of several bad conversions gets every problem, each at its line.
func TestConvertScenarioEveryProblem(t *testing.T) {
	city := tinyAbs(t)
	writeScenario(t, map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2030]\nchanges:\n" +
		"  - convert: {school: P1, to: junior, year: 2027}\n" +
		"  - convert: {school: J1, to: nine_year, year: 2027, streams: 2, junior_streams: 1}\n" +
		"  - convert: {school: N1, to: junior, year: 2040}\n"})
	_, err := scenarios.Load("s.yaml")
	var list geo.Errors
	if !errors.As(err, &list) {
		t.Fatalf("err %v, want a list", err)
	}
	want := []string{
		"s.yaml:4: changes[0].convert.streams: missing (classes per grade of the junior stage the school gains)",
		`s.yaml:5: changes[1].convert.junior_streams: 1 junior streams: school "J1" keeps its junior stage and its streams (change them with expand)`,
		"s.yaml:6: changes[2].convert.year: 2040 is outside the run 2025–2030",
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Error())
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// A scenario with conversions loads and runs: P1 becomes a junior school
// in 2027 with 2 streams (100 junior entry seats), N1 a primary school in
// 2026; each school's kind is that of 2030 in the result, and P1 admits
// no primary pupils from 2027 while its last ones move up.
func TestConvertScenarioRuns(t *testing.T) {
	city := tinyAbs(t)
	writeScenario(t, map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2030]\ncosts: {conversion_stream: 300}\nchanges:\n" +
		"  - convert: {school: P1, to: junior, year: 2027, streams: 2}\n    cost: 1200\n    lead_time: 1\n" +
		"  - convert: {school: N1, to: primary, year: 2026}\n" +
		"  - convert: {school: P2, to: nine_year, year: 2027, junior_streams: 3}\n"})
	s, err := scenarios.Load("s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	p1, n1 := r.City.SchoolIndex("P1"), r.City.SchoolIndex("N1")
	if k := r.Schools[p1].Kind; k != engine.KindJunior {
		t.Errorf("P1 is %s at the end, want junior", k)
	}
	if k := r.Schools[n1].Kind; k != engine.KindPrimary {
		t.Errorf("N1 is %s at the end, want primary", k)
	}
	for y, want := range map[engine.Year]int{2026: 6, 2027: 5, 2028: 4, 2030: 2} {
		row := schoolRow(r, engine.Primary, y, p1)
		if row == nil || row.ClassesAvailable != want || (y > 2026 && row.Admitted != 0) {
			t.Errorf("P1 primary %d: %+v, want %d classes (1 stream, %d grades)", y, row, want, want)
		}
	}
	if row := schoolRow(r, engine.Junior, 2027, p1); row == nil || row.EntrySeats != 100 {
		t.Errorf("P1 junior 2027: %+v, want 100 entry seats", row)
	}
	costs := scenarios.ProgrammeCosts(r)
	if c := costs.Changes[0]; c.Kind != "convert" || c.Cost != 1200 || c.Decided != 2026 || c.EntrySeats != 100 || c.Seats != 300 {
		t.Errorf("P1's conversion costs %+v, want convert, 1200, decided 2026, 100 entry seats, 300 seats", c)
	}
	// The table prices a stage gained, not one left.
	if c := costs.Changes[1]; c.Source != scenarios.CostUnknown || c.Seats != 0 {
		t.Errorf("N1's conversion costs %+v, want unknown, no seats", c)
	}
	// 3 junior streams × 300; 3 × 50 entry seats, 3 × 3 × 50 in all.
	if c := costs.Changes[2]; c.Source != scenarios.CostFromTable || c.Cost != 900 || c.EntrySeats != 150 || c.Seats != 450 {
		t.Errorf("P2's conversion costs %+v, want 900 from the table, 150 entry seats, 450 seats", c)
	}
	// P1's 2 junior streams of 2027 hold 3 grades in 2030: its junior
	// pupils then fill them.
	if c, row := costs.Changes[0], schoolRow(r, engine.Junior, 2030, p1); c.UsedLastYear != min(row.Enrolled, 300) {
		t.Errorf("P1's conversion: %d of its seats used in 2030, want %d", c.UsedLastYear, min(row.Enrolled, 300))
	}
}

// schoolRow is school s's row of stage st in year y, or nil.
func schoolRow(r *scenarios.Result, st engine.Stage, y engine.Year, s int) *sim.SchoolYear {
	yr := r.Stages[st].Year(y)
	for i := range yr.Schools {
		if yr.Schools[i].School == s {
			return &yr.Schools[i]
		}
	}
	return nil
}
