package forecast_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// randomCity has three districts of a few areas (one of them new housing)
// with a forecast table, a census by 5-year groups, births, survival ratios
// and enrolment history by school, all drawn from seed.
func randomCity(tb testing.TB, seed uint64) *engine.City {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	b := citytest.New(2024, 2035)
	var pop, bir, sur, enr strings.Builder
	pop.WriteString("district,year,age_from,age_to,count\n")
	bir.WriteString("district,year,births\n")
	sur.WriteString("district,age,ratio\n")
	enr.WriteString("school,district,year,grade,count\n")
	var newHousing []int
	for k := range 3 {
		id := fmt.Sprint("D", k)
		d := b.District(id, float64(10*k), 0, float64(10*k+10), 10)
		for i := range 2 + rng.IntN(4) {
			b.Area(fmt.Sprint(id, "-A", i), d, float64(10*k)+rng.Float64()*10, rng.Float64()*10, 500+rng.Float64()*5000)
		}
		nh := b.Area(id+"-N", d, float64(10*k+5), 5, 3000)
		newHousing = append(newHousing, nh)
		scale := 0.5 + rng.Float64()
		b.DistrictChildren(d, func(y engine.Year, age int) float64 { return scale * float64(100+int(y)%7+age) })
		for a := 0; a < 20; a += 5 {
			fmt.Fprintf(&pop, "%s,2020,%d,%d,%.0f\n", id, a, a+4, scale*500*(1+rng.Float64()))
		}
		for y := 2010; y <= 2023; y++ {
			fmt.Fprintf(&bir, "%s,%d,%.0f\n", id, y, scale*100*(0.7+rng.Float64()*0.6))
		}
		for a := 0; a <= 15; a++ {
			fmt.Fprintf(&sur, "%s,%d,%.3f\n", id, a, 0.95+rng.Float64()*0.1)
		}
		for s := range 2 {
			lo, hi := 1, 6
			if s == 1 {
				lo, hi = 7, 9
			}
			for y := 2016; y <= 2023; y++ {
				for g := lo; g <= hi; g++ {
					fmt.Fprintf(&enr, "%s-S%d,%s,%d,%d,%.0f\n", id, s, id, y, g, scale*80*(0.8+rng.Float64()*0.4))
				}
			}
		}
	}
	c := b.City()
	for _, n := range newHousing {
		c.Areas[n].CompletionYear = 2027
		c.Areas[n].Households = 1100
	}
	c.Demography = engine.Demography{
		Population: population(tb, pop.String()),
		Births:     births(tb, bir.String()),
		Survival:   survival(tb, sur.String()),
		Enrolment:  enrolment(tb, enr.String()),
	}
	return c
}

// ages is what each method answers: the table and cohort 0–15, grade
// progression 6–14.
func methodAges(m forecast.Method) (int, int) {
	if m == forecast.GradeProgression {
		return 6, 14
	}
	return 0, 15
}

func TestBandsOrdered(t *testing.T) {
	housing := &forecast.Housing{PerThousand: []float64{6: 10, 7: 10, 8: 10, 12: 5}, PhaseIn: []float64{0.3, 0.7, 1}}
	for seed := uint64(1); seed <= 5; seed++ {
		c := randomCity(t, seed)
		for _, m := range []forecast.Method{forecast.Table, forecast.Cohort, forecast.GradeProgression} {
			var ps [3]*forecast.Projection
			for k, band := range forecast.Bands {
				p, err := forecast.Project(c, &forecast.Options{Method: m, Band: band, Housing: housing, Births: forecast.BirthsOptions{Trend: -0.02}})
				if err != nil {
					t.Fatalf("seed %d %s %s: %v", seed, m, band, err)
				}
				ps[k] = p
			}
			lo, hi := methodAges(m)
			for y := engine.Year(2024); y <= 2035; y++ {
				for age := lo; age <= hi; age++ {
					var got [3][]float64
					for k, p := range ps {
						var err error
						if got[k], err = p.Children(nil, y, age); err != nil {
							t.Fatalf("seed %d %s %d age %d: %v", seed, m, y, age, err)
						}
					}
					for i := range c.Areas {
						l, mid, h := got[0][i], got[1][i], got[2][i]
						if !(l <= mid && mid <= h) {
							t.Fatalf("seed %d %s %d age %d area %s: low %v mid %v high %v", seed, m, y, age, c.Areas[i].ID, l, mid, h)
						}
					}
				}
			}
		}
	}
}

// Existing areas share their district's children exactly, for every
// method, year and age; new housing comes on top.
func TestSpreadConservesDistrictTotals(t *testing.T) {
	c := randomCity(t, 7)
	for _, m := range []forecast.Method{forecast.Table, forecast.Cohort, forecast.GradeProgression} {
		p, err := forecast.Project(c, &forecast.Options{Method: m})
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := methodAges(m)
		for y := engine.Year(2024); y <= 2035; y++ {
			for age := lo; age <= hi; age++ {
				got, err := p.Children(nil, y, age)
				if err != nil {
					t.Fatal(err)
				}
				sum := make([]float64, len(c.Districts))
				for i := range c.Areas {
					if c.Areas[i].CompletionYear == 0 {
						sum[c.Areas[i].District] += got[i]
					}
				}
				all, housing, err := p.Districts(y, age)
				if err != nil {
					t.Fatal(err)
				}
				for d := range c.Districts {
					want, ok := p.Table.Lookup(p.Table.ByDistrict[d], y, age)
					if !ok {
						t.Fatalf("%s: district %d year %d age %d missing", m, d, y, age)
					}
					if !near(t, sum[d], want) || !near(t, all[d]-housing[d], want) {
						t.Fatalf("%s %d age %d district %d: areas %v, districts %v−%v, table %v", m, y, age, d, sum[d], all[d], housing[d], want)
					}
				}
			}
		}
	}
}

func TestMonteCarloDraws(t *testing.T) {
	c := randomCity(t, 3)
	housing := &forecast.Housing{PerThousand: []float64{6: 10}}
	at := func(draw int, seed uint64) float64 {
		p, err := forecast.Project(c, &forecast.Options{Method: forecast.Cohort, Housing: housing, Draw: draw, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Children(nil, 2035, 6)
		if err != nil {
			t.Fatal(err)
		}
		var n float64
		for _, v := range got {
			n += v
		}
		return n
	}
	mid := at(0, 0)
	a, b, other := at(1, 42), at(1, 42), at(2, 42)
	if a != b {
		t.Errorf("draw 1 of seed 42 differs between runs: %v, %v", a, b)
	}
	if a == other || a == mid {
		t.Errorf("draws 1 and 2 (%v, %v) and mid (%v) should differ", a, other, mid)
	}
	// Observed cohorts do not move: age 6 in 2024 was born 2018.
	p1, _ := forecast.Project(c, &forecast.Options{Method: forecast.Cohort, Draw: 1, Seed: 42})
	p0, _ := forecast.Project(c, &forecast.Options{Method: forecast.Cohort})
	x, _ := p1.Children(nil, 2024, 6)
	y, _ := p0.Children(nil, 2024, 6)
	for i := range x {
		if x[i] != y[i] {
			t.Fatalf("a draw moved an observed cohort: %v vs %v", x[i], y[i])
		}
	}
	if _, err := forecast.Project(c, &forecast.Options{Draw: 1, Band: forecast.High}); err == nil {
		t.Error("a draw of the high band: want an error")
	}
}
