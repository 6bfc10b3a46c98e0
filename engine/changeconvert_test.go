package engine_test

import (
	"errors"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// convert is a conversion of school id to kind to from year y, with
// primary and junior streams.
func convert(id string, to engine.Kind, y engine.Year, primary, junior int) engine.Convert {
	return engine.Convert{School: id, To: to, Year: y, Streams: [engine.NumStages]int{primary, junior}}
}

// TestCheckConvert checks conversions on the tiny city (P1 primary, 1
// stream; P2 primary, 2; J1 junior, 1; N1 nine-year, 1 each) over
// 2025–2030, with the other changes they meet.
func TestCheckConvert(t *testing.T) {
	base := loadTiny(t, nil)
	const (
		primary = engine.KindPrimary
		junior  = engine.KindJunior
		nine    = engine.KindNineYear
	)
	newP3 := func() engine.Change {
		s := engine.School{ID: "P3", Kind: primary, Opens: 2027, District: 0, Point: base.ToPlane(orb.Point{106.512, 29.505})}
		s.Streams[engine.Primary] = 1
		return engine.NewSchool{School: s}
	}()
	tests := []struct {
		name    string
		stages  []engine.Stage // the run's (nil: both)
		changes []engine.Change
		want    []string // messages, in order
		is      error    // what the first wraps
	}{
		{"fine", nil, []engine.Change{
			// An expansion of the junior stage P1 gains, listed first,
			// from the conversion's year; a merge into P1 as a junior
			// school; P2 gains a junior stage; N1 leaves its junior one.
			engine.Expand{School: "P1", Streams: 1, Year: 2027, Stages: []engine.Stage{engine.Junior}},
			convert("P1", junior, 2027, 0, 2),
			engine.Close{School: "J1", Year: 2029, MergeInto: "P1"},
			convert("P2", nine, 2026, 0, 1),
			convert("N1", primary, 2026, 0, 0),
			// P3 opens in 2027 and becomes nine-year in 2029, then
			// junior in 2030 (its primary pupils stay).
			newP3,
			convert("P3", nine, 2029, 0, 3),
			convert("P3", junior, 2030, 0, 0),
			// Temporary classes of the junior stage P1 gains, from its
			// year: the stage is P1's one stage then; and its feeders.
			engine.Temporary{School: "P1", Streams: 1, From: 2027, To: 2028},
			engine.Feeders{School: "P1", Primaries: []string{"P2"}, Year: 2027},
		}, nil, nil},
		{"unknown school, year outside the run", nil, []engine.Change{
			convert("X", junior, 2027, 0, 1),
			convert("P1", junior, 2031, 0, 1),
			convert("", junior, 2027, 0, 1),
		}, []string{
			`change 1 (convert): school: "X": unknown school (not in the city nor opened by a new_school change)`,
			"change 2 (convert): year: 2031 is outside the run 2025–2030",
			"change 3 (convert): school: missing (a school id)",
		}, engine.ErrUnknownID},
		{"kind", nil, []engine.Change{
			convert("P1", primary, 2027, 1, 0),
			convert("J1", engine.Kind(7), 2027, 1, 0),
			convert("P2", junior, 2026, 0, 1),
			convert("P2", junior, 2028, 0, 1),
		}, []string{
			`change 1 (convert): to: school "P1" is a primary school already in 2027`,
			"change 2 (convert): to: Kind(7): want primary, junior or nine_year",
			// P2 is a junior school from 2026, by change 3.
			`change 4 (convert): to: school "P2" is a junior school already in 2028`,
		}, engine.ErrInvalid},
		{"streams", nil, []engine.Change{
			convert("P1", junior, 2027, 0, 0),
			convert("P2", junior, 2027, 0, 1001),
			convert("J1", nine, 2027, 0, 1),
			convert("N1", primary, 2027, 0, 2),
			convert("N1", junior, 2026, 3, 0),
		}, []string{
			`change 1 (convert): streams: missing (classes per grade of the junior stage the school gains)`,
			"change 2 (convert): streams: 1001: want 1 to 1000 streams (classes per grade)",
			"change 3 (convert): streams: missing (classes per grade of the primary stage the school gains)",
			`change 3 (convert): junior_streams: 1 junior streams: school "J1" keeps its junior stage and its streams (change them with expand)`,
			"change 4 (convert): streams: 2 junior streams: a primary school teaches no junior classes",
			"change 5 (convert): streams: 3 primary streams: a junior school teaches no primary classes",
		}, engine.ErrMissing},
		{"years", nil, []engine.Change{
			convert("P1", junior, 2025, 0, 1),
			convert("P2", junior, 2027, 0, 1),
			convert("P2", nine, 2027, 1, 0),
			// P2 becomes a primary school again in 2029, while its last
			// primary pupils (no entrants from 2027) are there to 2031.
			convert("P2", primary, 2029, 1, 0),
			// J1 gains primary in the first year: nothing is kept.
			convert("J1", nine, 2025, 1, 0),
		}, []string{
			"change 1 (convert): year: 2025 is the run's first year, whose older grades start from the schools as they are: convert from 2026 on",
			`change 3 (convert): year: school "P2" is converted already in 2027, by an earlier change: once a year at most`,
			`change 4 (convert): year: school "P2" has primary pupils until 2031, from before it stopped admitting them in 2027: it can take the stage back from 2032`,
		}, engine.ErrInvalid},
		{"open", nil, []engine.Change{
			engine.Close{School: "P1", Year: 2027},
			convert("P1", junior, 2028, 0, 1),
			newP3,
			convert("P3", junior, 2027, 0, 1),
			convert("P2", junior, 2027, 0, 1),
			engine.Close{School: "P2", Year: 2026},
		}, []string{
			`change 2 (convert): year: 2028: school "P1" is closed then (closes 2027)`,
			`change 4 (convert): year: 2027: school "P3" opens only in 2027: convert it after that (or open it as a junior school)`,
			`change 5 (convert): year: 2027: school "P2" is closed then (closes 2026)`,
		}, engine.ErrInvalid},
		{"other changes see the kind of their year", nil, []engine.Change{
			convert("P1", junior, 2027, 0, 2),
			engine.Expand{School: "P1", Streams: 1, Year: 2026, Stages: []engine.Stage{engine.Junior}},
			engine.Expand{School: "P1", Streams: 1, Year: 2028, Stages: []engine.Stage{engine.Primary}},
			engine.Close{School: "P2", Year: 2028, MergeInto: "P1"},
			engine.Expand{School: "P1", Streams: -3, Year: 2029},
			engine.Temporary{School: "P1", Stage: engine.Junior, StageGiven: true, Streams: 1, From: 2026, To: 2027},
			engine.Temporary{School: "P1", Stage: engine.Primary, StageGiven: true, Streams: 1, From: 2026, To: 2027},
			engine.Feeders{School: "P1", Primaries: []string{"P2"}, Year: 2026},
			engine.SeatSwap{Schools: [2]string{"P1", "P2"}, Seats: 5, Year: 2028},
		}, []string{
			`change 2 (expand): stage: school "P1" (primary in 2026) teaches none of the stages named`,
			`change 3 (expand): stage: school "P1" (junior in 2028) teaches none of the stages named`,
			`change 4 (close): merge_into: "P1" (junior in 2028) does not teach the primary pupils of "P2"`,
			`change 5 (expand): streams: takes "P1" to -1 junior streams in 2029: want 0 to 1000`,
			`change 6 (temporary): stage: junior: school "P1" (primary in 2026) teaches no junior classes`,
			`change 7 (temporary): from: school "P1" does not admit primary pupils in 2027 (open throughout): temporary classes need an open school`,
			`change 8 (feeders): school: "P1" is a primary school in 2026: only a junior or nine-year school takes feeders`,
			`change 9 (seat_swap): schools: "P1" (junior in 2028) and "P2" (primary) teach no stage in common`,
		}, engine.ErrInvalid},
		{"a stage the run lacks", []engine.Stage{engine.Primary}, []engine.Change{
			convert("N1", primary, 2027, 0, 0),
			convert("P1", nine, 2027, 0, 1),
		}, []string{
			`change 1 (convert): to: changes only the junior stage of "N1", but the run has only primary school (stages)`,
			`change 2 (convert): to: changes only the junior stage of "P1", but the run has only primary school (stages)`,
		}, engine.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			if tc.stages != nil {
				cc := *base
				cc.RunStages = tc.stages
				c = &cc
			}
			err := engine.CheckChanges(c, nil, 2025, 2030, tc.changes)
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
			var ce *engine.ChangeError
			if !errors.As(list[0], &ce) || !errors.Is(list[0], tc.is) {
				t.Errorf("%v: not a ChangeError wrapping %v", list[0], tc.is)
			}
		})
	}
}

// A conversion that gains a stage is held to the building standards of
// the school's new kind at full capacity, as an expansion is; one that
// only leaves a stage is not. P1 (1 primary stream, 3000 m² of floor
// area): as a nine-year school with 4 junior streams it has 6 + 3 × 4 =
// 18 classes of 6 × 45 + 12 × 50 = 870 pupils, and the national nine-year
// standard at 18 classes asks 6.5 m² a pupil: 5655 m², 2655 short. As a
// junior school of 2 streams: 6 classes, 300 pupils × 7.9 m² = 2370 m².
func TestConvertLand(t *testing.T) {
	c := loadTiny(t, func(ss []engine.School) { ss[0].Resources = map[string]float64{"floor_area": 3000} })
	tests := []struct {
		name   string
		change engine.Change
		want   string
	}{
		{"to nine-year: short", convert("P1", engine.KindNineYear, 2027, 0, 4),
			`change 1 (convert): floor_area: school "P1" needs 5655 m² of floor area from 2027 (870 pupils in 18 classes at full capacity × 6.5 m² per pupil) but has 3000 m² (floor_area 2655 m² short)`},
		{"to junior: enough", convert("P1", engine.KindJunior, 2027, 0, 2), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := engine.CheckChanges(c, nil, 2025, 2030, []engine.Change{tc.change})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
