package forecast_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// approx compares with a relative tolerance of 1e-9.
func approx(tb testing.TB, what string, got, want float64) {
	tb.Helper()
	if !near(tb, got, want) {
		tb.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}

func mustDecode[T any](tb testing.TB, decode func() (*T, error)) *T {
	tb.Helper()
	v, err := decode()
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func population(tb testing.TB, csv string) *engine.Population {
	return mustDecode(tb, func() (*engine.Population, error) {
		return engine.DecodePopulationCSV(strings.NewReader(csv), "population.csv", nil)
	})
}

func births(tb testing.TB, csv string) *engine.Births {
	return mustDecode(tb, func() (*engine.Births, error) {
		return engine.DecodeBirthsCSV(strings.NewReader(csv), "births.csv", nil)
	})
}

func enrolment(tb testing.TB, csv string) *engine.Enrolment {
	return mustDecode(tb, func() (*engine.Enrolment, error) {
		return engine.DecodeEnrolmentCSV(strings.NewReader(csv), "enrolment.csv", nil)
	})
}

func survival(tb testing.TB, csv string) *engine.Survival {
	return mustDecode(tb, func() (*engine.Survival, error) {
		return engine.DecodeSurvivalCSV(strings.NewReader(csv), "survival.csv", nil)
	})
}

// cohortCity is district D with areas A (100 residents) and B (300), a 2020
// census of ages 0–3, births 2020–2021 and ratios r(0..3) = 0.9, 1.1, 1, 0.5.
func cohortCity(tb testing.TB) *engine.City {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10, 10)
	b.Area("A", d, 1, 1, 100)
	b.Area("B", d, 2, 2, 300)
	c := b.City()
	c.Forecast = engine.Forecast{}
	c.Demography = engine.Demography{
		Population: population(tb, "district,year,age,count\nD,2020,0,10\nD,2020,1,20\nD,2020,2,30\nD,2020,3,40\n"),
		Births:     births(tb, "district,year,births\nD,2020,12\nD,2021,8\n"),
		Survival:   survival(tb, "age,ratio\n0,0.9\n1,1.1\n2,1\n3,0.5\n"),
	}
	return c
}

func TestCohortByHand(t *testing.T) {
	c := cohortCity(t)
	opt := &forecast.Options{Method: forecast.Cohort, Last: 2022, MaxAge: 3, Window: 2, Births: forecast.BirthsOptions{Trend: 0.1}}
	p, err := forecast.Project(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	fc := &p.Table
	want := map[engine.Year][]float64{
		2020: {10, 20, 30, 40},
		// 2021: births 8 × 0.9; 10 × 1.1; 20 × 1; 30 × 0.5
		2021: {7.2, 11, 20, 15},
		// 2022: births (8+12)/2 × 1.1 = 11, × 0.9; 8 × 0.9 × 1.1; 10 × 1.1 × 1; 20 × 1 × 0.5
		2022: {9.9, 7.92, 11, 10},
	}
	for y, ages := range want {
		for a, w := range ages {
			got, ok := fc.Lookup(fc.ByDistrict[0], y, a)
			if !ok {
				t.Fatalf("%d age %d missing", y, a)
			}
			approx(t, fmt.Sprintf("P(%d, %d)", a, y), got, w)
		}
	}
	if p.Start != 2022 {
		t.Errorf("start %d, want 2022 (after the last observed births)", p.Start)
	}
	// Spread by population: A has a quarter, B three quarters.
	got, err := p.Children(nil, 2022, 1)
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "A 2022 age 1", got[0], 1.98)
	approx(t, "B 2022 age 1", got[1], 5.94)

	// Low band, births ∓10% a year after 2021, ratios ∓1% each.
	opt.Band = forecast.Low
	opt.Spread = &forecast.Spread{Births: 0.1, Ratios: 0.01}
	p, err = forecast.Project(c, opt)
	if err != nil {
		t.Fatal(err)
	}
	low := func(y engine.Year, a int) float64 { v, _ := p.Table.Lookup(p.Table.ByDistrict[0], y, a); return v }
	approx(t, "low P(0, 2022)", low(2022, 0), 11*0.9*0.9*0.99)  // births × 0.9¹, r(0), one ratio
	approx(t, "low P(3, 2022)", low(2022, 3), 20*0.5*0.99*0.99) // two ratios since the census
	approx(t, "low P(1, 2021)", low(2021, 1), 10*1.1*0.99)
	approx(t, "low P(0, 2021)", low(2021, 0), 8*0.9*0.99) // observed births: no births factor
	approx(t, "low census", low(2020, 2), 30)
}

func TestCohortWomenRate(t *testing.T) {
	c := cohortCity(t)
	// 2020: 12 births to 400 women = 30‰; 2022 gives only women: 500 × 30‰.
	c.Demography.Births = births(t, "district,year,births,women_15_49\nD,2020,12,400\nD,2021,8,\nD,2022,,500\n")
	p, err := forecast.Project(c, &forecast.Options{Method: forecast.Cohort, Last: 2022, MaxAge: 3})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := p.Table.Lookup(p.Table.ByDistrict[0], 2022, 0)
	approx(t, "P(0, 2022)", v, 15*0.9)
	// A given rate wins.
	p, err = forecast.Project(c, &forecast.Options{Method: forecast.Cohort, Last: 2022, MaxAge: 3, Births: forecast.BirthsOptions{Rate: 40}})
	if err != nil {
		t.Fatal(err)
	}
	v, _ = p.Table.Lookup(p.Table.ByDistrict[0], 2022, 0)
	approx(t, "P(0, 2022) at 40‰", v, 20*0.9)
}

func TestCensusRatios(t *testing.T) {
	// Censuses 2010 and 2020: the cohort aged 2 in 2010 is 100, aged 12 in
	// 2020 it is 110: r(12) = 1.1^(1/10). Aged 3 in 2020 (born 2017): 40
	// of 50 births: r(0..3) = 0.8^(1/4). Ages with neither keep 1.
	var b strings.Builder
	b.WriteString("district,year,age,count\n")
	for a := 0; a <= 12; a++ {
		n2010, n2020 := 100.0, 100.0
		if a == 3 {
			n2020 = 40
		}
		if a == 12 {
			n2020 = 110
		}
		fmt.Fprintf(&b, "D,2010,%d,%g\nD,2020,%d,%g\n", a, n2010, a, n2020)
	}
	c := cohortCity(t)
	c.Demography.Population = population(t, b.String())
	c.Demography.Survival = nil
	c.Demography.Births = births(t, "district,year,births\nD,2017,50\nD,2020,100\n")
	p, err := forecast.Project(c, &forecast.Options{Method: forecast.Cohort, Last: 2020, MaxAge: 12, Ratios: forecast.RatiosCensus})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Notes[0], "3 census") || !strings.Contains(p.Notes[0], "12 census") {
		t.Errorf("notes %q", p.Notes)
	}
	// Project one year on from 2020 to see the ratios: P(13, 2021) would
	// need age 13; check P(12, 2021) = P(11, 2020) × r(12) and
	// P(3, 2021) = P(2, 2020) × r(3).
	p, err = forecast.Project(c, &forecast.Options{Method: forecast.Cohort, Last: 2021, MaxAge: 12, Ratios: forecast.RatiosCensus})
	if err != nil {
		t.Fatal(err)
	}
	at := func(y engine.Year, a int) float64 { v, _ := p.Table.Lookup(p.Table.ByDistrict[0], y, a); return v }
	approx(t, "P(12, 2021)", at(2021, 12), 100*math.Pow(1.1, 0.1))
	approx(t, "P(3, 2021)", at(2021, 3), 100*math.Pow(0.8, 0.25))
	// ages 10, 11: P2(a)/P1(a−10) = 100/100 → 1
	approx(t, "P(11, 2021)", at(2021, 11), 100)
}

// gradeData: one junior school S of district D, 2018–2020, and births.
const gradeData = "school,district,year,grade,count\n" +
	"S,D,2018,7,100\nS,D,2018,8,90\nS,D,2018,9,80\n" +
	"S,D,2019,7,110\nS,D,2019,8,99\nS,D,2019,9,90\n" +
	"S,D,2020,7,120\nS,D,2020,8,110\nS,D,2020,9,97.02\n"

const gradeBirths = "district,year,births\nD,2006,200\nD,2007,220\nD,2008,240\nD,2009,260\n"

func gradeCity(tb testing.TB, enrol, birthsCSV string) *engine.City {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10, 10)
	b.Area("A", d, 1, 1, 100)
	b.Area("B", d, 2, 2, 300)
	c := b.City()
	c.Forecast = engine.Forecast{}
	c.Demography.Enrolment = enrolment(tb, enrol)
	if birthsCSV != "" {
		c.Demography.Births = births(tb, birthsCSV)
	}
	return c
}

func TestGradeProgressionByHand(t *testing.T) {
	// Window 2: GPR(8) = (110/110 + 99/100)/2 = 0.995, GPR(9) = (97.02/99 +
	// 90/90)/2 = 0.99; entry: 120/births 2008 = 110/births 2007 = 0.5.
	c := gradeCity(t, gradeData, gradeBirths)
	p, err := forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2022, Window: 2})
	if err != nil {
		t.Fatal(err)
	}
	u := p.Units[0]
	if u.Lo != 7 || u.Hi != 9 || p.Start != 2021 {
		t.Fatalf("grades %d–%d, start %d", u.Lo, u.Hi, p.Start)
	}
	approx(t, "GPR(8)", u.Ratio[8], 0.995)
	approx(t, "GPR(9)", u.Ratio[9], 0.99)
	approx(t, "entry ratio", u.Ratio[7], 0.5)
	want := map[engine.Year][3]float64{
		2021: {260 * 0.5, 120 * 0.995, 110 * 0.99},
		// births 2010: mean of 2008–2009 = 250, carried level
		2022: {250 * 0.5, 130 * 0.995, 120 * 0.995 * 0.99},
	}
	for y, w := range want {
		for k, g := range []int{7, 8, 9} {
			approx(t, fmt.Sprintf("grade %d in %d", g, y), u.At(y, g), w[k])
			v, ok := p.Table.Lookup(p.Table.ByDistrict[0], y, g+5)
			if !ok {
				t.Fatalf("age %d in %d missing", g+5, y)
			}
			approx(t, fmt.Sprintf("age %d in %d", g+5, y), v, w[k])
		}
	}
	if _, ok := p.Table.Lookup(p.Table.ByDistrict[0], 2021, 6); ok {
		t.Error("a junior school gives primary ages")
	}
	// Without births the entry grade is the window's mean: (120+110)/2.
	c = gradeCity(t, gradeData, "")
	p, err = forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2022, Window: 2})
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "flat entry 2022", p.Units[0].At(2022, 7), 115)
	approx(t, "grade 8 2022", p.Units[0].At(2022, 8), 115*0.995)
}

func TestBacktestByHand(t *testing.T) {
	data := gradeData +
		"S,D,2021,7,125\nS,D,2021,8,120\nS,D,2021,9,110\n" +
		"S,D,2022,7,130\nS,D,2022,8,125\nS,D,2022,9,118\n"
	e := enrolment(t, data)
	bt, err := forecast.RunBacktest(e, births(t, gradeBirths), 2020, &forecast.Options{Window: 2})
	if err != nil {
		t.Fatal(err)
	}
	// 2021: projected 130 + 119.4 + 108.9 = 358.3 against 355; naive 327.02.
	// 2022: projected 125 + 129.35 + 118.206 = 372.556 against 373.
	ape1, ape2 := 100*3.3/355, 100*0.444/373
	nv1, nv2 := 100*(355-327.02)/355, 100*(373-327.02)/373
	approx(t, "MAPE", bt.MAPE, (ape1+ape2)/2)
	approx(t, "naive MAPE", bt.NaiveMAPE, (nv1+nv2)/2)
	approx(t, "1-year MAPE", bt.Horizons[0].MAPE, ape1)
	approx(t, "2-year naive", bt.Horizons[1].NaiveMAPE, nv2)
	approx(t, "bias", bt.Units[0].Bias, (100*3.3/355-100*0.444/373)/2)
	approx(t, "2022 projected total", bt.Years[1].Projected, 372.556)
	if bt.Compared != 2 || len(bt.Units) != 1 || bt.Units[0].Compared != 2 {
		t.Fatalf("backtest %+v", bt)
	}
	if _, err := forecast.RunBacktest(e, nil, 2022, nil); !errors.Is(err, forecast.ErrInput) {
		t.Errorf("until = last year: err %v", err)
	}
}

func TestHousingYields(t *testing.T) {
	b := citytest.New(2025, 2028)
	d := b.District("D", 0, 0, 10, 10)
	b.Area("A", d, 1, 1, 1000)
	n := b.Area("N", d, 2, 2, 2000)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 10 }) // 10 per 1000 residents per age
	c := b.City()
	c.Areas[n].CompletionYear = 2026
	c.Areas[n].Households = 800
	perK := []float64{6: 12} // age 6: 12 per 1000 residents
	h := &forecast.Housing{PerThousand: perK, PhaseIn: []float64{0.5, 1}}
	tests := []struct {
		name string
		o    forecast.Options
		year engine.Year
		age  int
		want float64
	}{
		{"before completion", forecast.Options{Housing: h}, 2025, 6, 0},
		{"yield, half in the first year", forecast.Options{Housing: h}, 2026, 6, 12 * 2 * 0.5},
		{"yield, full after", forecast.Options{Housing: h}, 2028, 6, 24},
		{"no yield for age 7: district rate, phased", forecast.Options{Housing: h}, 2026, 7, 10.0 / 1000 * 2000 * 0.5},
		{"per household", forecast.Options{Housing: &forecast.Housing{PerHousehold: []float64{6: 0.03}}}, 2027, 6, 24},
		{"low band yield", forecast.Options{Housing: h, Band: forecast.Low, Spread: &forecast.Spread{Yield: 0.25}}, 2027, 6, 18},
		{"no housing options: district rate", forecast.Options{}, 2026, 6, 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := forecast.Project(c, &tc.o)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.Children(nil, tc.year, tc.age)
			if err != nil {
				t.Fatal(err)
			}
			approx(t, "new housing", got[n], tc.want)
			approx(t, "existing area", got[0], 10)
		})
	}
	if _, err := forecast.Project(c, &forecast.Options{Housing: &forecast.Housing{PerHousehold: []float64{6: 0.1}, PerThousand: perK}}); !errors.Is(err, forecast.ErrHousing) {
		t.Errorf("both yields: err %v", err)
	}
	c.Areas[n].Households = 0
	if _, err := forecast.Project(c, &forecast.Options{Housing: &forecast.Housing{PerHousehold: []float64{6: 0.1}}}); !errors.Is(err, forecast.ErrHousing) {
		t.Errorf("per household without households: err %v", err)
	}
}

func TestYieldsFromSpans(t *testing.T) {
	y, err := forecast.YieldsFromSpans([]forecast.AgeSpan{{6, 11, 60}, {12, 14, 30}, {6, 6, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(y) != 15 || y[6] != 11 || y[7] != 10 || y[14] != 10 || y[5] != 0 {
		t.Fatalf("yields %v", y)
	}
}

// The table method through Project is Demand, cell for cell.
func TestTableProjectionIsDemand(t *testing.T) {
	b := citytest.New(2025, 2027)
	d0 := b.District("D0", 0, 0, 10, 10)
	d1 := b.District("D1", 10, 0, 20, 10)
	b.Area("A", d0, 1, 1, 100)
	b.Area("B", d0, 2, 2, 300)
	nh := b.Area("N", d0, 3, 3, 200)
	own := b.Area("C", d1, 11, 1, 50)
	b.DistrictChildren(d0, func(y engine.Year, age int) float64 { return float64(40*(int(y)-2024) + age) })
	b.AreaChildren(own, func(y engine.Year, age int) float64 { return 7 })
	c := b.City()
	c.Areas[nh].CompletionYear = 2026
	p, err := forecast.Project(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := forecast.New(c)
	for y := engine.Year(2025); y <= 2027; y++ {
		for age := 0; age <= 15; age++ {
			a, _ := p.Children(nil, y, age)
			w, _ := d.Children(nil, y, age)
			for i := range w {
				if a[i] != w[i] {
					t.Fatalf("%d age %d area %d: %v, Demand %v", y, age, i, a[i], w[i])
				}
			}
		}
	}
}
