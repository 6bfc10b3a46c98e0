package engine_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

func TestCheckChangesFeeders(t *testing.T) {
	base := loadTiny(t, nil)
	primaryOnly := loadTiny(t, nil)
	primaryOnly.RunStages = []engine.Stage{engine.Primary}
	tests := []struct {
		name    string
		city    *engine.City
		changes []engine.Change
		want    []string
	}{
		{"fine: a nine-year school feeds a junior one, an empty list ends them", base, []engine.Change{
			engine.Feeders{School: "J1", Primaries: []string{"P1", "N1"}, Year: 2026},
			engine.Feeders{School: "J1", Primaries: nil, Year: 2028},
			engine.Feeders{School: "N1", Primaries: []string{"P2"}, Year: 2026},
		}, nil},
		{"every problem named", base, []engine.Change{
			engine.Feeders{School: "X", Primaries: []string{"P1"}, Year: 2026},
			engine.Feeders{School: "P1", Primaries: []string{"P2"}, Year: 2031},
			engine.Feeders{School: "J1", Primaries: []string{"P1", "P1", "J1", "Q", ""}, Year: 2026},
			engine.Feeders{School: "N1", Primaries: []string{"N1"}, Year: 2027},
			engine.Feeders{School: "J1", Primaries: []string{"P2"}, Year: 2026},
		}, []string{
			`change 1 (feeders): school: "X": unknown school (not in the city nor opened by a new_school change)`,
			"change 2 (feeders): year: 2031 is outside the run 2025–2030",
			`change 2 (feeders): school: "P1" is a primary school: only a junior or nine-year school takes feeders`,
			`change 3 (feeders): primaries: item 2: "P1" is listed twice`,
			`change 3 (feeders): primaries: item 3: "J1" is the school itself, not one of its primaries`,
			`change 3 (feeders): primaries: "Q" (item 4): unknown school (not in the city nor opened by a new_school change)`,
			"change 3 (feeders): primaries: item 5: an empty id in the list (ids are separated by semicolons)",
			`change 4 (feeders): primaries: item 1: "N1" is the school itself: a nine-year school's own leavers move up without being listed`,
			`change 5 (feeders): year: 2026: change 3 sets the feeders of "J1" in 2026 already: give one list a year`,
		}},
		{"a run of one stage", primaryOnly, []engine.Change{
			engine.Feeders{School: "J1", Primaries: []string{"P1"}, Year: 2026},
		}, []string{
			"change 1 (feeders): feeders need both stages run, and the run has only primary school",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := engine.CheckChanges(tc.city, nil, 2025, 2030, tc.changes)
			var got []string
			var list geo.Errors
			if errors.As(err, &list) {
				for _, e := range list {
					got = append(got, e.Error())
				}
			} else if err != nil {
				t.Fatalf("err %v, want a list", err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// FeedersIn: the city's list until the first change, then the latest
// change in force.
func TestFeedersIn(t *testing.T) {
	s := &engine.School{ID: "J1", Kind: engine.KindJunior, Feeders: []string{"P1"}}
	changes := []engine.Change{
		engine.Feeders{School: "J1", Primaries: []string{"P2", "P3"}, Year: 2027},
		engine.Expand{School: "J1", Streams: 1, Year: 2026},
		engine.Feeders{School: "J2", Primaries: []string{"P9"}, Year: 2026},
		engine.Feeders{School: "J1", Primaries: nil, Year: 2029},
	}
	tests := []struct {
		year engine.Year
		want []string
	}{{2026, []string{"P1"}}, {2027, []string{"P2", "P3"}}, {2028, []string{"P2", "P3"}}, {2029, nil}, {2035, nil}}
	for _, tc := range tests {
		if got := engine.FeedersIn(s, tc.year, changes); !slices.Equal(got, tc.want) {
			t.Errorf("%d: %q, want %q", tc.year, got, tc.want)
		}
	}
}
