package engine_test

import (
	"errors"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// TestTemporaryClassrooms checks the one definition of temporary
// classrooms in use and classroom-years, by hand: 2 streams in entry
// years 2028–2031 of a 3-grade stage are in use by the cohorts of 2028
// (2028–2030), 2029 (2029–2031), 2030 (2030–2032) and 2031 (2031–2033).
func TestTemporaryClassrooms(t *testing.T) {
	tmp := engine.Temporary{School: "J1", Streams: 2, From: 2028, To: 2031}
	tests := []struct {
		name   string
		year   engine.Year
		grades int
		want   int
	}{
		{"before", 2027, 3, 0},
		{"first year: one cohort", 2028, 3, 2},
		{"second year: two cohorts", 2029, 3, 4},
		{"third year: three cohorts", 2030, 3, 6},
		{"fourth: 2029–2031 in, 2028 left", 2031, 3, 6},
		{"2032: 2030 and 2031", 2032, 3, 4},
		{"2033: 2031 only", 2033, 3, 2},
		{"2034: all left", 2034, 3, 0},
		{"six grades, 2031: all four cohorts", 2031, 6, 8},
		{"six grades, 2033: 2028–2031 still in", 2033, 6, 8},
		{"six grades, 2034: 2028 left", 2034, 6, 6},
		{"one grade, 2030: that year's only", 2030, 1, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tmp.Classrooms(tc.year, tc.grades); got != tc.want {
				t.Errorf("Classrooms(%d, %d) = %d, want %d", tc.year, tc.grades, got, tc.want)
			}
		})
	}
	// The sum over the years of the classrooms in use is the classroom-years.
	for _, grades := range []int{1, 3, 6} {
		sum := 0
		for y := engine.Year(2020); y < 2045; y++ {
			sum += tmp.Classrooms(y, grades)
		}
		if want := 2 * 4 * grades; tmp.ClassYears(grades) != want || sum != want {
			t.Errorf("%d grades: ClassYears %d, Σ Classrooms %d, want %d", grades, tmp.ClassYears(grades), sum, want)
		}
	}
}

func TestCheckChangesTemporary(t *testing.T) {
	base := loadTiny(t, nil)
	junior := func(tmp engine.Temporary) engine.Temporary {
		tmp.Stage, tmp.StageGiven = engine.Junior, true
		return tmp
	}
	limit := engine.Policy{MaxTemporaryClassrooms: [engine.NumStages]int{0, 5}}
	tests := []struct {
		name    string
		policy  engine.Policy
		changes []engine.Change
		want    []string
	}{
		{"fine: a one-stage school needs no stage", engine.Policy{}, []engine.Change{
			engine.Temporary{School: "J1", Streams: 2, From: 2026, To: 2029},
			junior(engine.Temporary{School: "N1", Streams: 1, From: 2026, To: 2026}),
		}, nil},
		{"every problem of one change", engine.Policy{}, []engine.Change{
			engine.Temporary{School: "X", Streams: 0, From: 2024, To: 2031},
			engine.Temporary{School: "J1", Streams: 1001, From: 2029, To: 2027},
			engine.Temporary{School: "N1", Streams: 1, From: 2026, To: 2027},
			junior(engine.Temporary{School: "P1", Streams: 1, From: 2026, To: 2027}),
		}, []string{
			`change 1 (temporary): school: "X": unknown school (not in the city nor opened by a new_school change)`,
			"change 1 (temporary): streams: 0: want 1 to 1000 temporary classes per entry year",
			"change 1 (temporary): from: 2024 is outside the run 2025–2030",
			"change 1 (temporary): to: 2031 is outside the run 2025–2030",
			"change 2 (temporary): streams: 1001: want 1 to 1000 temporary classes per entry year",
			"change 2 (temporary): to: 2027 is before from (2029)",
			`change 3 (temporary): stage: missing: "N1" is a nine-year school: say primary or junior`,
			`change 4 (temporary): stage: junior: school "P1" (primary) teaches no junior classes`,
		}},
		{"school not open", engine.Policy{}, []engine.Change{
			engine.Close{School: "J1", Year: 2028},
			engine.Temporary{School: "J1", Streams: 1, From: 2027, To: 2029},
		}, []string{
			`change 2 (temporary): from: school "J1" does not admit junior pupils in 2028 (closes 2028): temporary classes need an open school`,
		}},
		// 2 streams 2026–2027 and 1 stream 2027–2029 in a 3-grade stage:
		// in use 2026: 2; 2027: 4 + 1 = 5; 2028: 4 + 2 = 6 > 5.
		{"over the maximum", limit, []engine.Change{
			engine.Temporary{School: "J1", Streams: 2, From: 2026, To: 2027},
			engine.Temporary{School: "J1", Streams: 1, From: 2027, To: 2029},
			engine.Temporary{School: "P1", Streams: 9, From: 2026, To: 2029},
		}, []string{
			`change 2 (temporary): streams: school "J1" would use 6 temporary junior classrooms in 2028, over the policy's max_temporary_classrooms of 5`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := engine.CheckChanges(base, &tc.policy, 2025, 2030, tc.changes)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected: %v", err)
				}
				return
			}
			var list geo.Errors
			if !errors.As(err, &list) {
				t.Fatalf("err %v, want a list", err)
			}
			if len(list) != len(tc.want) {
				t.Errorf("%d problems, want %d: %v", len(list), len(tc.want), err)
			}
			for i := range min(len(list), len(tc.want)) {
				if list[i].Error() != tc.want[i] {
					t.Errorf("problem %d:\ngot  %s\nwant %s", i, list[i], tc.want[i])
				}
			}
			if !errors.Is(list[0], engine.ErrInvalid) && !errors.Is(list[0], engine.ErrUnknownID) {
				t.Errorf("%v wraps neither ErrInvalid nor ErrUnknownID", list[0])
			}
		})
	}
}
