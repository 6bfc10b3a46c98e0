package sim_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// agesOnly is a Demand that answers only the ages listed: a run asking for
// any other age fails, which proves it does not need it.
type agesOnly struct {
	d    sim.Demand
	ages []int
}

func (a agesOnly) Children(dst []float64, y engine.Year, age int) ([]float64, error) {
	if !slices.Contains(a.ages, age) {
		return nil, fmt.Errorf("age %d asked for", age)
	}
	return a.d.Children(dst, y, age)
}

func (a agesOnly) Check(first, last engine.Year, ages []int) error {
	for _, age := range ages {
		if !slices.Contains(a.ages, age) {
			return fmt.Errorf("age %d checked", age)
		}
	}
	return a.d.Check(first, last, ages)
}

// systemCity is one district with one area of 2 × age children of every
// age (12 six-year-olds, 22 eleven-year-olds), a primary school P0 (1
// stream, 45 seats a grade), a junior school J0 (1 stream, 50 seats) and a
// nine-year school N0 (1 stream each) far away, opening only in 2030 so
// that every child goes to P0 or J0.
func systemCity(sys engine.SchoolSystem, stages ...engine.Stage) *engine.City {
	b := citytest.New(2025, 2027)
	d := b.District("D0", 0, 0, 10000, 10000)
	b.Area("A0", d, 1000, 5000, 100)
	b.School("P0", engine.KindPrimary, d, 2000, 5000, 1)
	b.School("J0", engine.KindJunior, d, 3000, 5000, 1)
	b.School("N0", engine.KindNineYear, d, 9000, 9000, 1).Opens = 2030
	b.DistrictChildren(d, func(_ engine.Year, age int) float64 { return float64(2 * age) })
	b.System(sys)
	if stages != nil {
		b.Stages(stages...)
	}
	c := b.City()
	if stages != nil && !slices.Contains(stages, engine.Junior) {
		c.Schools = slices.DeleteFunc(c.Schools, func(s engine.School) bool { return s.Kind == engine.KindJunior })
	}
	if stages != nil && !slices.Contains(stages, engine.Primary) {
		c.Schools = slices.DeleteFunc(c.Schools, func(s engine.School) bool { return s.Kind == engine.KindPrimary })
	}
	return c
}

func TestSchoolSystems(t *testing.T) {
	// twice the ages: the first year's grades hold 2 × their normal age
	// (warm start), the second year's entry grade 2 × the entry age again
	// and every other grade last year's grade below it.
	twice := func(ages ...int) []int {
		out := make([]int, len(ages))
		for k, a := range ages {
			out[k] = 2 * a
		}
		return out
	}
	type stageWant struct {
		grades2025, grades2026 []int
		capacity               int
	}
	tests := []struct {
		name   string
		sys    engine.SchoolSystem
		stages []engine.Stage
		ages   []int // the only ages the run may ask for
		want   [engine.NumStages]*stageWant
	}{
		{"6+3", engine.DefaultSchoolSystem, nil, []int{6, 7, 8, 9, 10, 11, 12, 13, 14}, [engine.NumStages]*stageWant{
			{twice(6, 7, 8, 9, 10, 11), twice(6, 6, 7, 8, 9, 10), 6 * 45},
			{twice(12, 13, 14), twice(12, 12, 13), 3 * 50}}},
		// 5+4: junior admits 11-year-olds to grade 6 and holds 4 grades.
		{"5+4", engine.FiveFourSchoolSystem, nil, []int{6, 7, 8, 9, 10, 11, 12, 13, 14}, [engine.NumStages]*stageWant{
			{twice(6, 7, 8, 9, 10), twice(6, 6, 7, 8, 9), 5 * 45},
			{twice(11, 12, 13, 14), twice(11, 11, 12, 13), 4 * 50}}},
		// K–5/6–8: primary admits 5-year-olds to grade K; age 14 is asked
		// for by no one.
		{"K–5/6–8", engine.USSchoolSystem, nil, []int{5, 6, 7, 8, 9, 10, 11, 12, 13}, [engine.NumStages]*stageWant{
			{twice(5, 6, 7, 8, 9, 10), twice(5, 5, 6, 7, 8, 9), 6 * 45},
			{twice(11, 12, 13), twice(11, 11, 12), 3 * 50}}},
		{"primary only, 6+3", engine.SchoolSystem{}, []engine.Stage{engine.Primary}, []int{6, 7, 8, 9, 10, 11}, [engine.NumStages]*stageWant{
			{twice(6, 7, 8, 9, 10, 11), twice(6, 6, 7, 8, 9, 10), 6 * 45}, nil}},
		{"primary only, K–5", engine.USSchoolSystem, []engine.Stage{engine.Primary}, []int{5, 6, 7, 8, 9, 10}, [engine.NumStages]*stageWant{
			{twice(5, 6, 7, 8, 9, 10), twice(5, 5, 6, 7, 8, 9), 6 * 45}, nil}},
		{"junior only, 5+4", engine.FiveFourSchoolSystem, []engine.Stage{engine.Junior}, []int{11, 12, 13, 14}, [engine.NumStages]*stageWant{
			nil, {twice(11, 12, 13, 14), twice(11, 11, 12, 13), 4 * 50}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := systemCity(tc.sys, tc.stages...)
			r := run(t, c, &sim.Options{First: 2025, Last: 2027, Demand: agesOnly{forecast.New(c), tc.ages}})
			for _, st := range engine.Stages {
				w := tc.want[st]
				if w == nil {
					if n := len(r.Stages[st].Years); n != 0 {
						t.Errorf("%s is not run but has %d years", st, n)
					}
					continue
				}
				id := map[engine.Stage]string{engine.Primary: "P0", engine.Junior: "J0"}[st]
				for y, grades := range map[engine.Year][]int{2025: w.grades2025, 2026: w.grades2026} {
					row := school(t, r, st, y, id)
					if row == nil {
						t.Fatalf("%s %d: no row for %s", st, y, id)
					}
					if !slices.Equal(row.Grades, grades) || row.Admitted != grades[0] || row.Capacity != w.capacity || row.ClassesAvailable != len(grades) {
						t.Errorf("%s %d %s: grades %v admitted %d capacity %d classes %d; want %v, %d, %d, %d",
							st, y, id, row.Grades, row.Admitted, row.Capacity, row.ClassesAvailable, grades, grades[0], w.capacity, len(grades))
					}
				}
			}
		})
	}
}

// A school's enrolled property, keyed by the system's grades, starts its
// older grades in the first year.
func TestSchoolSystemEnrolled(t *testing.T) {
	c := systemCity(engine.USSchoolSystem)
	p := &c.Schools[c.SchoolIndex("P0")]
	p.Enrolled = map[int]int{0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6}
	r := run(t, c, &sim.Options{First: 2025, Last: 2025})
	// Grade K is this year's entrants (ten five-year-olds), the others
	// come from enrolled.
	if got, want := school(t, r, engine.Primary, 2025, "P0").Grades, []int{10, 2, 3, 4, 5, 6}; !slices.Equal(got, want) {
		t.Fatalf("grades %v, want %v", got, want)
	}
}

func TestSchoolSystemChangesOfStagesNotRun(t *testing.T) {
	nine := engine.School{ID: "N9", Kind: engine.KindJunior, Opens: 2026, Streams: [engine.NumStages]int{0, 1}}
	tests := []struct {
		name   string
		change engine.Change
	}{
		{"new junior school", engine.NewSchool{School: nine}},
		{"expand the junior part of a nine-year school", engine.Expand{School: "N0", Streams: 1, Year: 2026, Stages: []engine.Stage{engine.Junior}}},
		{"close a junior school", engine.Close{School: "J0", Year: 2026}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// J0 stays in the city (as when a scenario narrows the run).
			c := systemCity(engine.SchoolSystem{})
			c.RunStages = []engine.Stage{engine.Primary}
			changes := []engine.Change{tc.change}
			_, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2027, Changes: changes})
			if !errors.Is(err, sim.ErrChange) {
				t.Fatalf("err = %v, want ErrChange", err)
			}
			// In validation's words: engine.CheckChanges is the one check.
			want := engine.CheckChanges(c, &engine.Policy{}, 2025, 2027, changes)
			if want == nil || err.Error() != sim.ErrChange.Error()+": "+want.Error() {
				t.Errorf("simulation: %v\nvalidation: %v", err, want)
			}
		})
	}
}
