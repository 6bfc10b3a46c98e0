package engine_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// loadTiny loads the tiny city with its schools edited by edit (nil: none).
func loadTiny(t *testing.T, edit func(ss []engine.School)) *engine.City {
	t.Helper()
	c, err := engine.LoadCity(tiny)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		c.Schools = slices.Clone(c.Schools)
		edit(c.Schools)
	}
	return c
}

func TestCheckChanges(t *testing.T) {
	base := loadTiny(t, nil)
	p1 := base.SchoolIndex("P1")
	newSchool := func(id string, lon, lat float64, district int) engine.NewSchool {
		s := engine.School{ID: id, Kind: engine.KindPrimary, Opens: 2027, District: district, Point: base.ToPlane(orb.Point{lon, lat})}
		s.Streams[engine.Primary] = 1
		return engine.NewSchool{School: s}
	}
	tests := []struct {
		name    string
		edit    func(ss []engine.School)
		policy  engine.Policy
		changes []engine.Change
		want    []string // messages, in order
		is      error    // what the first wraps
	}{
		{"fine", nil, engine.Policy{}, []engine.Change{
			newSchool("P3", 106.512, 29.505, 0),
			engine.Expand{School: "J1", Streams: 1, Year: 2026},
			engine.Close{School: "P1", Year: 2029, MergeInto: "P3"},
			engine.SeatSwap{Schools: [2]string{"P1", "P2"}, Seats: 45, Year: 2026},
		}, nil, nil},
		{"unknown ids", nil, engine.Policy{}, []engine.Change{
			engine.Expand{School: "X", Streams: 1, Year: 2026},
			engine.Close{School: "P1", Year: 2027, MergeInto: "Y"},
			engine.SeatSwap{Schools: [2]string{"P1", ""}, Seats: 5, Year: 2026},
		}, []string{
			`change 1 (expand): school: "X": unknown school (not in the city nor opened by a new_school change)`,
			`change 2 (close): merge_into: "Y": unknown school (not in the city nor opened by a new_school change)`,
			`change 3 (seat_swap): schools: missing (a school id)`,
		}, engine.ErrUnknownID},
		{"years outside the run", nil, engine.Policy{}, []engine.Change{
			engine.Expand{School: "P1", Streams: 1, Year: 2024},
			engine.Close{School: "P1", Year: 2031},
		}, []string{
			"change 1 (expand): year: 2024 is outside the run 2025–2030",
			"change 2 (close): year: 2031 is outside the run 2025–2030",
		}, engine.ErrInvalid},
		{"closures", func(ss []engine.School) { ss[p1].Closes = 2028 }, engine.Policy{}, []engine.Change{
			newSchool("P3", 106.512, 29.505, 0),
			engine.Close{School: "P3", Year: 2027},
			engine.Close{School: "P1", Year: 2028},
			engine.Close{School: "P2", Year: 2026, MergeInto: "P3"},
			engine.Close{School: "J1", Year: 2026, MergeInto: "J1"},
			engine.Close{School: "N1", Year: 2026, MergeInto: "P2"},
		}, []string{
			`change 2 (close): year: 2027: school "P3" opens only in 2027: close it after that`,
			`change 3 (close): year: 2028: school "P1" closes already in 2028`,
			`change 4 (close): merge_into: "P3" is not open in 2026 (opens 2027)`,
			`change 5 (close): merge_into: "J1": a school cannot merge into itself`,
			`change 6 (close): merge_into: "P2" (primary) does not teach the junior pupils of "N1"`,
			`change 6 (close): merge_into: "P2" is not open in 2026 (closes 2026)`,
		}, engine.ErrInvalid},
		{"seat swaps", nil, engine.Policy{}, []engine.Change{
			engine.SeatSwap{Schools: [2]string{"P2", "N1"}, Seats: 5, Year: 2026},
			engine.SeatSwap{Schools: [2]string{"P2", "J1"}, Seats: 5, Year: 2026},
			engine.SeatSwap{Schools: [2]string{"P1", "P1"}, Seats: 5, Year: 2026},
			engine.SeatSwap{Schools: [2]string{"P1", "P2"}, Seats: 1 << 40, Year: 2026},
		}, []string{
			`change 1 (seat_swap): schools: "P2" and "N1" are both in district D2: a swap is between districts`,
			`change 2 (seat_swap): schools: "P2" (primary) and "J1" (junior) teach no stage in common`,
			`change 3 (seat_swap): schools: "P1" twice: a swap is between two schools`,
			`change 4 (seat_swap): seats: 1099511627776: want 1 to 100000 entry seats`,
		}, engine.ErrInvalid},
		// P1: 1 stream of 45 (the default primary class size); two swaps
		// from 2026 and 2028 reserve 30 + 20 seats from 2028.
		{"swaps above the entry seats", nil, engine.Policy{}, []engine.Change{
			engine.SeatSwap{Schools: [2]string{"P1", "P2"}, Seats: 30, Year: 2026},
			engine.SeatSwap{Schools: [2]string{"P1", "N1"}, Seats: 20, Year: 2028},
		}, []string{
			`change 2 (seat_swap): seats: "P1" has 45 primary entry seats in 2028: they cannot hold the 50 it swaps`,
		}, engine.ErrInvalid},
		{"shared seats above the entry seats", func(ss []engine.School) { ss[p1].SharedSeats[engine.Primary] = 40 },
			engine.Policy{ClassSize: [engine.NumStages]int{35, 0}}, nil, []string{
				`school "P1": its 35 primary entry seats (class size 35 under the policy) cannot hold its 40 shared seats in 2025`,
			}, engine.ErrInvalid},
		{"shared and swapped seats", func(ss []engine.School) { ss[p1].SharedSeats[engine.Primary] = 40 }, engine.Policy{}, []engine.Change{
			engine.SeatSwap{Schools: [2]string{"P1", "P2"}, Seats: 10, Year: 2027},
		}, []string{
			`change 1 (seat_swap): seats: "P1" has 45 primary entry seats in 2027: they cannot hold its 40 shared seats and the 10 it swaps`,
		}, engine.ErrInvalid},
		{"expansion below the shared seats", func(ss []engine.School) {
			ss[p1].Streams[engine.Primary], ss[p1].SharedSeats[engine.Primary] = 2, 60
		}, engine.Policy{}, []engine.Change{
			engine.Expand{School: "P1", Streams: -1, Year: 2027},
		}, []string{
			`change 1 (expand): streams: leaves "P1" 45 primary entry seats in 2027, fewer than its 60 shared seats`,
		}, engine.ErrInvalid},
		// base_seats 20 + 0 shared + (1 − 2 streams) × 45 = −25.
		{"expansion below zero seats", func(ss []engine.School) {
			ss[p1].Streams[engine.Primary], ss[p1].BaseSeats[engine.Primary] = 2, 20
		}, engine.Policy{}, []engine.Change{
			engine.Expand{School: "P1", Streams: -1, Year: 2027},
		}, []string{
			`change 1 (expand): streams: takes "P1" below zero primary entry seats in 2027 (-25)`,
		}, engine.ErrInvalid},
		{"streams out of bounds", nil, engine.Policy{}, []engine.Change{
			engine.Expand{School: "P1", Streams: -2, Year: 2026},
			engine.Expand{School: "J1", Streams: 600, Year: 2026},
			engine.Expand{School: "J1", Streams: 600, Year: 2027},
			engine.Expand{School: "P2", Streams: 1 << 40, Year: 2026},
			engine.Expand{School: "P2", Streams: 1, Year: 2026, Stages: []engine.Stage{engine.Junior}},
		}, []string{
			`change 1 (expand): streams: takes "P1" to -1 primary streams in 2026: want 0 to 1000`,
			`change 3 (expand): streams: takes "J1" to 1201 junior streams in 2027: want 0 to 1000`,
			`change 4 (expand): streams: 1099511627776: want -1000 to 1000 streams (classes per grade)`,
			`change 5 (expand): stage: school "P2" (primary) teaches none of the stages named`,
		}, engine.ErrInvalid},
		// 0.008° of longitude at 29.5°N: 0.008 × 111320 m × cos 29.5° ≈ 775 m.
		{"new schools", nil, engine.Policy{}, []engine.Change{
			newSchool("P1", 106.512, 29.505, 0),
			newSchool("X", 106.512, 29.505, 1),
			newSchool("Y", 107.5, 29.5, -1),
			newSchool("Z", 106.512, 29.505, -1),
			newSchool("P3", 106.512, 29.505, 0),
			newSchool("P3", 106.513, 29.505, 0),
			func() engine.Change {
				ns := newSchool("W", 106.512, 29.505, 0)
				ns.School.Streams[engine.Primary], ns.School.Streams[engine.Junior], ns.School.ClassSize[engine.Primary] = 1001, 1, 101
				return ns
			}(),
			engine.SeatSwap{Schools: [2]string{"Y", "Z"}, Seats: 5, Year: 2027},
			engine.Close{School: "Y", Year: 2027},
		}, []string{
			`change 1 (new_school): id: "P1": a school with this id exists (in the city's schools)`,
			"change 2 (new_school): at: lies 776 m outside district D2, which the school names",
			"change 3 (new_school): at: lies outside every district of the city (93083 m from the nearest, D2)",
			"change 4 (new_school): district: missing (the school stands in D1)",
			`change 6 (new_school): id: "P3": a school with this id exists (opened by an earlier new_school change)`,
			"change 7 (new_school): streams: 1001: want 1 to 1000 streams (classes per grade)",
			"change 7 (new_school): class_size: 101: want 1 to 100 pupils a class (or none for the policy's)",
			"change 7 (new_school): junior_streams: 1 junior streams: a primary school teaches no junior classes",
			`change 9 (close): year: 2027: school "Y" opens only in 2027: close it after that`,
		}, engine.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			if tc.edit != nil {
				c = loadTiny(t, tc.edit)
			}
			err := engine.CheckChanges(c, &tc.policy, 2025, 2030, tc.changes)
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
