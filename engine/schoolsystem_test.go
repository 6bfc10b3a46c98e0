package engine_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

func TestSchoolSystemStages(t *testing.T) {
	tests := []struct {
		name   string
		sys    engine.SchoolSystem
		st     engine.Stage
		age    int
		grades []int
		names  []string
		ages   []int
	}{
		{"zero value is 6+3 primary", engine.SchoolSystem{}, engine.Primary, 6, []int{1, 2, 3, 4, 5, 6}, []string{"1", "2", "3", "4", "5", "6"}, []int{6, 7, 8, 9, 10, 11}},
		{"6+3 primary", engine.DefaultSchoolSystem, engine.Primary, 6, []int{1, 2, 3, 4, 5, 6}, []string{"1", "2", "3", "4", "5", "6"}, []int{6, 7, 8, 9, 10, 11}},
		{"6+3 junior", engine.DefaultSchoolSystem, engine.Junior, 12, []int{7, 8, 9}, []string{"7", "8", "9"}, []int{12, 13, 14}},
		{"5+4 primary", engine.FiveFourSchoolSystem, engine.Primary, 6, []int{1, 2, 3, 4, 5}, []string{"1", "2", "3", "4", "5"}, []int{6, 7, 8, 9, 10}},
		{"5+4 junior", engine.FiveFourSchoolSystem, engine.Junior, 11, []int{6, 7, 8, 9}, []string{"6", "7", "8", "9"}, []int{11, 12, 13, 14}},
		{"K–5 elementary", engine.USSchoolSystem, engine.Primary, 5, []int{0, 1, 2, 3, 4, 5}, []string{"K", "1", "2", "3", "4", "5"}, []int{5, 6, 7, 8, 9, 10}},
		{"6–8 middle", engine.USSchoolSystem, engine.Junior, 11, []int{6, 7, 8}, []string{"6", "7", "8"}, []int{11, 12, 13}},
		{"pre-kindergarten from 3", engine.SchoolSystem{Primary: engine.StageSpan{EntryAge: 3, Grades: 4}, Junior: engine.StageSpan{EntryAge: 7, Grades: 2}},
			engine.Primary, 3, []int{-2, -1, 0, 1}, []string{"PK3", "PK4", "K", "1"}, []int{3, 4, 5, 6}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.sys
			if got := s.EntryAge(tc.st); got != tc.age {
				t.Errorf("entry age %d, want %d", got, tc.age)
			}
			if got := s.Grades(tc.st); got != len(tc.grades) {
				t.Errorf("grades %d, want %d", got, len(tc.grades))
			}
			if got := s.EntryGrade(tc.st); got != tc.grades[0] {
				t.Errorf("entry grade %d, want %d", got, tc.grades[0])
			}
			if got := s.LastGrade(tc.st); got != tc.grades[len(tc.grades)-1] {
				t.Errorf("last grade %d, want %d", got, tc.grades[len(tc.grades)-1])
			}
			if got := s.GradeNumbers(tc.st); !slices.Equal(got, tc.grades) {
				t.Errorf("grade numbers %v, want %v", got, tc.grades)
			}
			if got := s.Ages(tc.st); !slices.Equal(got, tc.ages) {
				t.Errorf("ages %v, want %v", got, tc.ages)
			}
			for k, g := range tc.grades {
				if got := s.GradeName(g); got != tc.names[k] {
					t.Errorf("grade %d named %q, want %q", g, got, tc.names[k])
				}
				if back, err := s.ParseGrade(tc.names[k]); err != nil || back != g {
					t.Errorf("ParseGrade(%q) = %d, %v; want %d", tc.names[k], back, err, g)
				}
				if st, ok := s.StageOf(g); !ok || st != tc.st {
					t.Errorf("StageOf(%d) = %s, %v; want %s", g, st, ok, tc.st)
				}
			}
		})
	}
}

func TestSchoolSystemParseGrade(t *testing.T) {
	var s engine.SchoolSystem
	tests := []struct {
		name    string
		in      string
		want    int
		wantErr bool
	}{
		{"kindergarten by name", "K", 0, false},
		{"kindergarten by number", "0", 0, false},
		{"pre-kindergarten by name", "PK4", -1, false},
		{"pre-kindergarten by number", "-1", -1, false},
		{"grade 9", "9", 9, false},
		{"lower-case k", "k", 0, true},
		{"PK of school age", "PK5", 0, true},
		{"PK with a leading zero", "PK04", 0, true},
		{"empty", "", 0, true},
		{"a word", "first", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ParseGrade(tc.in)
			if tc.wantErr {
				if !errors.Is(err, engine.ErrInvalid) || !strings.Contains(err.Error(), tc.in) {
					t.Fatalf("ParseGrade(%q) = %d, %v; want an error naming it", tc.in, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseGrade(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestSchoolSystemStageOfOutside(t *testing.T) {
	for _, g := range []int{0, 10, -1} {
		if st, ok := engine.DefaultSchoolSystem.StageOf(g); ok {
			t.Errorf("6+3 holds grade %d in %s", g, st)
		}
	}
}

func TestSchoolSystemString(t *testing.T) {
	for sys, want := range map[engine.SchoolSystem]string{
		{}:                          "1–6/7–9",
		engine.FiveFourSchoolSystem: "1–5/6–9",
		engine.USSchoolSystem:       "K–5/6–8",
	} {
		if got := sys.String(); got != want {
			t.Errorf("%+v: %q, want %q", sys, got, want)
		}
	}
}

func TestSchoolSystemValidate(t *testing.T) {
	span := func(age, grades int) engine.StageSpan { return engine.StageSpan{EntryAge: age, Grades: grades} }
	tests := []struct {
		name string
		sys  engine.SchoolSystem
		want []string // the keys at fault, in order
	}{
		{"6+3", engine.DefaultSchoolSystem, nil},
		{"5+4", engine.FiveFourSchoolSystem, nil},
		{"K–5/6–8", engine.USSchoolSystem, nil},
		{"zero value", engine.SchoolSystem{}, nil},
		{"entry age too young", engine.SchoolSystem{Primary: span(2, 6), Junior: span(8, 3)}, []string{"school_system.primary.entry_age"}},
		{"junior too old and too long", engine.SchoolSystem{Primary: span(6, 10), Junior: span(16, 10)},
			[]string{"school_system.primary.grades", "school_system.junior.entry_age", "school_system.junior.grades"}},
		{"no grades", engine.SchoolSystem{Primary: span(6, 0), Junior: span(6, 3)}, []string{"school_system.primary.grades"}},
		{"junior not where primary ends", engine.SchoolSystem{Primary: span(6, 5), Junior: span(12, 3)}, []string{"school_system.junior.entry_age"}},
		{"junior left out", engine.SchoolSystem{Primary: span(6, 6)},
			[]string{"school_system.junior.entry_age", "school_system.junior.grades", "school_system.junior.entry_age"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.sys.Validate()
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var list geo.Errors
			if !errors.As(err, &list) {
				t.Fatalf("Validate = %v, want a list of problems", err)
			}
			var keys []string
			for _, e := range list {
				var ke *engine.KeyError
				if !errors.As(e, &ke) || !errors.Is(e, engine.ErrInvalid) || strings.Contains(e.Error(), "engine:") {
					t.Fatalf("problem %v is not a KeyError of an invalid value in a planner's words", e)
				}
				keys = append(keys, ke.Key)
			}
			if !slices.Equal(keys, tc.want) {
				t.Fatalf("keys %q, want %q (%v)", keys, tc.want, err)
			}
		})
	}
}

// Every grade ParseGrade accepts is named by GradeName, and the name reads
// back as the same grade.
func FuzzParseGrade(f *testing.F) {
	for _, s := range []string{"K", "0", "PK4", "PK3", "-1", "9", "18", "PK", "PK-1", "+3", "07"} {
		f.Add(s)
	}
	var sys engine.SchoolSystem
	f.Fuzz(func(t *testing.T, s string) {
		g, err := sys.ParseGrade(s)
		if err != nil {
			if !strings.Contains(err.Error(), "grade") {
				t.Fatalf("error %q does not say what was read", err)
			}
			return
		}
		name := sys.GradeName(g)
		back, err := sys.ParseGrade(name)
		if err != nil || back != g {
			t.Fatalf("%q → grade %d named %q → %d, %v", s, g, name, back, err)
		}
	})
}
