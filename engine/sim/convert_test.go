package sim_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// convertCity is one district with one area A (x 1000) of `age` children
// of every age in every year, the school `first` (x 2000, 1 stream in each
// stage it teaches) nearest to A, and the school `second` (x 5000, 1
// stream) further away.
func convertCity(first, second engine.Kind) *engine.City {
	b := citytest.New(2025, 2032)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 1000, 5000, 100)
	b.School("S", first, d, 2000, 5000, 1)
	b.School("T", second, d, 5000, 5000, 1)
	b.DistrictChildren(d, func(_ engine.Year, age int) float64 { return float64(age) })
	return b.City()
}

// rowWant is a school's row in one stage and year: its pupils by grade,
// the grades it teaches and its capacity; nil grades: no row.
type rowWant struct {
	st       engine.Stage
	y        engine.Year
	id       string
	grades   []int
	taught   int
	capacity int
}

// TestConvert works conversions out by hand. Every age has as many
// children as its years, so the first year's warm start gives the nearest
// school's grades 6, 7, … (primary) or 12, 13, 14 (junior), and each
// year's entrants are 6 (primary) or 12 (junior). A school that stops
// admitting a stage keeps its pupils, who move up a grade a year: in year
// 2026+k its grades above the k+1 lowest, each holding 1 stream × class
// size seats, until the last leave.
func TestConvert(t *testing.T) {
	const P, J = engine.Primary, engine.Junior
	tests := []struct {
		name   string
		city   *engine.City
		change engine.Convert
		rows   []rowWant
		routes map[engine.Year][]string // junior admissions
		end    engine.Kind              // S's kind in Result.Schools
		ends   [engine.NumStages]int    // and its streams
	}{{
		// S stops admitting grade 1 in 2026: A's six-year-olds go to T,
		// and S's primary grades empty from the bottom, one a year, the
		// last (its 2025 first grade) leaving after 2030. S admits A's
		// twelve-year-olds to grade 7 from 2026 (2 streams: 100 seats a
		// grade, 300 in all) and fills a grade a year; in 2025 no school
		// teaches junior and the 12 are unplaced.
		name:   "primary to junior",
		city:   convertCity(engine.KindPrimary, engine.KindPrimary),
		change: engine.Convert{School: "S", To: engine.KindJunior, Year: 2026, Streams: [engine.NumStages]int{0, 2}},
		rows: []rowWant{
			{P, 2025, "S", []int{6, 7, 8, 9, 10, 11}, 6, 6 * 45},
			{P, 2026, "S", []int{0, 6, 7, 8, 9, 10}, 5, 5 * 45},
			{P, 2027, "S", []int{0, 0, 6, 7, 8, 9}, 4, 4 * 45},
			{P, 2029, "S", []int{0, 0, 0, 0, 6, 7}, 2, 2 * 45},
			{P, 2030, "S", []int{0, 0, 0, 0, 0, 6}, 1, 45},
			{P, 2031, "S", nil, 0, 0},
			{P, 2025, "T", []int{0, 0, 0, 0, 0, 0}, 6, 6 * 45},
			{P, 2026, "T", []int{6, 0, 0, 0, 0, 0}, 6, 6 * 45},
			{P, 2027, "T", []int{6, 6, 0, 0, 0, 0}, 6, 6 * 45},
			{J, 2025, "S", nil, 0, 0},
			{J, 2026, "S", []int{12, 0, 0}, 3, 300},
			{J, 2028, "S", []int{12, 12, 12}, 3, 300},
		},
		routes: map[engine.Year][]string{2025: {"A unplaced 12"}, 2026: {"A S base 12"}},
		end:    engine.KindJunior, ends: [engine.NumStages]int{0, 2},
	}, {
		// S keeps its primary stage and 1 stream; it opens a junior
		// stage of 1 stream in 2026, into which its own 11 grade-6
		// pupils of 2025 move first (it is a nine-year school from 2026):
		// 11 of A's 12 junior entrants by the nine-year route, 1 by base.
		name:   "primary to nine-year",
		city:   convertCity(engine.KindPrimary, engine.KindPrimary),
		change: engine.Convert{School: "S", To: engine.KindNineYear, Year: 2026, Streams: [engine.NumStages]int{0, 1}},
		rows: []rowWant{
			{P, 2026, "S", []int{6, 6, 7, 8, 9, 10}, 6, 6 * 45},
			{J, 2026, "S", []int{12, 0, 0}, 3, 150},
			{J, 2027, "S", []int{12, 12, 0}, 3, 150},
		},
		routes: map[engine.Year][]string{2025: {"A unplaced 12"}, 2026: {"A S base 1", "A S nine_year 11"}},
		end:    engine.KindNineYear, ends: [engine.NumStages]int{1, 1},
	}, {
		// The reverse: nine-year S becomes a primary school in 2026. It
		// stops admitting grade 7 (A's twelve-year-olds go to junior T)
		// and its junior grades empty, the last leaving after 2027; its
		// primary stage goes on as before.
		name:   "nine-year to primary",
		city:   convertCity(engine.KindNineYear, engine.KindJunior),
		change: engine.Convert{School: "S", To: engine.KindPrimary, Year: 2026},
		rows: []rowWant{
			{J, 2025, "S", []int{12, 13, 14}, 3, 150},
			{J, 2026, "S", []int{0, 12, 13}, 2, 100},
			{J, 2027, "S", []int{0, 0, 12}, 1, 50},
			{J, 2028, "S", nil, 0, 0},
			{J, 2026, "T", []int{12, 0, 0}, 3, 150},
			{P, 2026, "S", []int{6, 6, 7, 8, 9, 10}, 6, 6 * 45},
			{P, 2032, "S", []int{6, 6, 6, 6, 6, 6}, 6, 6 * 45},
		},
		routes: map[engine.Year][]string{2025: {"A S base 12"}, 2026: {"A T base 12"}, 2027: {"A T base 12"}},
		end:    engine.KindPrimary, ends: [engine.NumStages]int{1, 0},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			changes := []engine.Change{tc.change}
			r := run(t, tc.city, &sim.Options{First: 2025, Last: 2032, Changes: changes, Policy: engine.Policy{Placement: engine.PlaceNone}})
			for _, w := range tc.rows {
				checkRow(t, r, w)
			}
			for y, want := range tc.routes {
				if got := juniorRoutes(tc.city, r, y); !slices.Equal(got, want) {
					t.Errorf("%d: junior admissions %q, want %q", y, got, want)
				}
			}
			s := tc.city.SchoolIndex("S")
			if sc := r.Schools[s]; sc.Kind != tc.end || sc.Streams != tc.ends {
				t.Errorf("S at the end: %s %v, want %s %v", sc.Kind, sc.Streams, tc.end, tc.ends)
			}
			if k, want := r.KindIn(s, 2025), tc.city.Schools[s].Kind; k != want {
				t.Errorf("S in 2025: %s, want %s", k, want)
			}
			if k := r.KindIn(s, 2026); k != tc.change.To {
				t.Errorf("S in 2026: %s, want %s", k, tc.change.To)
			}
		})
	}
}

// checkRow checks one school row against w.
func checkRow(t *testing.T, r *sim.Result, w rowWant) {
	t.Helper()
	row := school(t, r, w.st, w.y, w.id)
	switch {
	case w.grades == nil && row != nil:
		t.Errorf("%s %d %s: a row %v, want none", w.st, w.y, w.id, row.Grades)
	case w.grades == nil:
	case row == nil:
		t.Errorf("%s %d %s: no row, want %v", w.st, w.y, w.id, w.grades)
	case !slices.Equal(row.Grades, w.grades) || taught(row) != w.taught || row.Capacity != w.capacity:
		t.Errorf("%s %d %s: grades %v taught %d capacity %d, want %v, %d, %d",
			w.st, w.y, w.id, row.Grades, taught(row), row.Capacity, w.grades, w.taught, w.capacity)
	}
}

// TestConvertWithOtherChanges: an expansion of the stage a school gains,
// in the conversion's year, adds to the streams the conversion sets; a
// closure moves the pupils the school kept to the nearest school of their
// stage; a balanced catchment sees the school's stages as they are each
// year. S is converted from primary to junior in 2026 (2 streams).
func TestConvertWithOtherChanges(t *testing.T) {
	const P, J = engine.Primary, engine.Junior
	convert := engine.Convert{School: "S", To: engine.KindJunior, Year: 2026, Streams: [engine.NumStages]int{0, 2}}
	tests := []struct {
		name   string
		policy engine.Policy
		zone   bool // S has an all-stage zone around A
		more   engine.Change
		rows   []rowWant
	}{{
		// 2 + 1 streams: 150 seats a grade.
		name: "expand the junior stage gained",
		more: engine.Expand{School: "S", Streams: 1, Year: 2026},
		rows: []rowWant{{J, 2026, "S", []int{12, 0, 0}, 3, 450}, {P, 2026, "S", []int{0, 6, 7, 8, 9, 10}, 5, 5 * 45}},
	}, {
		// S closes in 2028: its primary pupils, in grades 4–6 then, go
		// to T (with T's own three grades); its junior pupils have no
		// junior school to go to.
		name: "close the school",
		more: engine.Close{School: "S", Year: 2028},
		rows: []rowWant{{P, 2027, "S", []int{0, 0, 6, 7, 8, 9}, 4, 4 * 45}, {P, 2028, "S", nil, 0, 0},
			{P, 2028, "T", []int{6, 6, 6, 6, 7, 8}, 6, 6 * 45}, {J, 2028, "S", nil, 0, 0}},
	}, {
		// A temporary class in 2026 (S's one stage is junior then):
		// 3 entry classes, 150 seats; the grades above have S's 2
		// streams: 7 classes, 350 seats.
		name: "temporary classes of the junior stage gained",
		more: engine.Temporary{School: "S", Streams: 1, From: 2026, To: 2026},
		rows: []rowWant{{J, 2026, "S", []int{12, 0, 0}, 3, 350}},
	}, {
		// A lies in S's all-stage zone: its primary children go to the
		// nearest school (T) once S leaves primary, and its junior
		// children to S, whose zone it is from 2026.
		name:   "zone catchment",
		policy: engine.Policy{Catchment: engine.Zones},
		zone:   true,
		rows: []rowWant{{P, 2026, "S", []int{0, 6, 7, 8, 9, 10}, 5, 5 * 45}, {P, 2026, "T", []int{6, 0, 0, 0, 0, 0}, 6, 6 * 45},
			{J, 2026, "S", []int{12, 0, 0}, 3, 300}},
	}, {
		name:   "balanced catchment",
		policy: engine.Policy{Catchment: engine.Balanced},
		rows: []rowWant{{P, 2026, "S", []int{0, 6, 7, 8, 9, 10}, 5, 5 * 45}, {P, 2026, "T", []int{6, 0, 0, 0, 0, 0}, 6, 6 * 45},
			{J, 2026, "S", []int{12, 0, 0}, 3, 300}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := convertCity(engine.KindPrimary, engine.KindPrimary)
			if tc.zone {
				ring := orb.Ring{{0, 4000}, {3000, 4000}, {3000, 6000}, {0, 6000}, {0, 4000}}
				c.Catchments = append(c.Catchments, engine.Catchment{Schools: []string{"S"}, AllStage: true, Geometry: orb.MultiPolygon{{ring}}})
			}
			changes := []engine.Change{convert}
			if tc.more != nil {
				changes = append(changes, tc.more)
			}
			tc.policy.Placement = engine.PlaceNone
			r := run(t, c, &sim.Options{First: 2025, Last: 2030, Changes: changes, Policy: tc.policy})
			for _, w := range tc.rows {
				checkRow(t, r, w)
			}
		})
	}
}

// taught is the grades of a school row that have classes.
func taught(row *sim.SchoolYear) int {
	n := 0
	for _, c := range row.GradeStreams {
		if c > 0 {
			n++
		}
	}
	return n
}

// TestRandomConversions runs random cities with random conversions under
// random policies: the invariants of simtest.Check hold, two runs agree,
// and a school keeps the pupils of a stage it left (grade k+1 of a year
// holds what grade k held the year before, under retention 1) until they
// leave.
func TestRandomConversions(t *testing.T) {
	t.Logf("seed %d (set with -seed)", *seed)
	rng := rand.New(rand.NewPCG(*seed, 13))
	converted, kept := 0, 0
	for k := 0; k < 40; k++ {
		c := randomCity(rng)
		pol := randomPolicy(rng)
		pol.Retention = [2]float64{1, 1}
		var changes []engine.Change
		for _, s := range rng.Perm(len(c.Schools))[:2] {
			sc := &c.Schools[s]
			if sc.Opens != 0 {
				continue
			}
			cv := engine.Convert{School: sc.ID, To: engine.Kind((int(sc.Kind) + 1 + rng.IntN(2)) % 3), Year: 2026 + engine.Year(rng.IntN(2))}
			for _, st := range engine.Stages {
				if cv.To.Serves(st) && !sc.Kind.Serves(st) {
					cv.Streams[st] = 1 + rng.IntN(3)
				}
			}
			changes = append(changes, cv)
		}
		opt := &sim.Options{First: 2025, Last: 2028, Policy: pol, Changes: changes}
		r1 := run(t, c, opt)
		r2 := run(t, c, opt)
		for st := range r1.Stages {
			for y := range r1.Stages[st].Years {
				if r1.Stages[st].Years[y].City != r2.Stages[st].Years[y].City {
					t.Fatalf("city %d: two runs differ", k)
				}
			}
		}
		for _, ch := range changes {
			converted++
			kept += checkKept(t, c, r1, ch.(engine.Convert))
		}
	}
	if converted < 20 || kept < 20 {
		t.Fatalf("only %d conversions, %d rows of pupils kept", converted, kept)
	}
	t.Logf("%d conversions, %d rows of pupils kept", converted, kept)
}

// checkKept checks that the school of conversion cv keeps, in each stage
// it leaves, its pupils of the year before the conversion, moved up a
// grade a year; it returns the rows it compared.
func checkKept(t *testing.T, c *engine.City, r *sim.Result, cv engine.Convert) int {
	t.Helper()
	n := 0
	s := c.SchoolIndex(cv.School)
	for _, st := range engine.Stages {
		if !c.Schools[s].Kind.Serves(st) || cv.To.Serves(st) {
			continue
		}
		before := findRow(r.Stages[st].Year(cv.Year-1), s)
		for y := cv.Year; y <= r.Last; y++ {
			row := findRow(r.Stages[st].Year(y), s)
			moved := int(y - cv.Year + 1)
			var want []int
			if before != nil {
				want = append(make([]int, moved), before.Grades[:len(before.Grades)-moved]...)
			}
			if empty(want) && row == nil {
				continue
			}
			if row == nil || !slices.Equal(row.Grades, want) || row.Admitted != 0 {
				t.Fatalf("%s %s %d: %+v, want grades %v and no admissions", cv.School, st, y, row, want)
			}
			n++
		}
	}
	return n
}

// empty is whether grades has no pupils.
func empty(grades []int) bool {
	for _, n := range grades {
		if n != 0 {
			return false
		}
	}
	return true
}
