package forecast_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// A cohort projection from a 2020 census by age group, births to 2022 and
// one survival/migration ratio for every age, spread over a district's two
// areas by population, in the low, mid and high bands.
func ExampleProject() {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 1000, 1000)
	b.Area("A", d, 100, 100, 3000)
	b.Area("B", d, 600, 600, 1000)
	c := b.City()
	var err error
	c.Demography.Population, err = engine.DecodePopulationCSV(strings.NewReader(
		"district,year,age_from,age_to,count\nD,2020,0,0,40\nD,2020,1,4,200\nD,2020,5,9,250\n"), "population.csv", c)
	if err != nil {
		log.Fatal(err)
	}
	c.Demography.Births, err = engine.DecodeBirthsCSV(strings.NewReader(
		"district,year,births\nD,2020,40\nD,2021,36\nD,2022,33\n"), "births.csv", c)
	if err != nil {
		log.Fatal(err)
	}
	// Births to age 0: 1; then 1% more children a year (net in-migration).
	ratios := "age,ratio\n0,1\n"
	for a := 1; a <= 9; a++ {
		ratios += fmt.Sprintf("%d,1.01\n", a)
	}
	c.Demography.Survival, err = engine.DecodeSurvivalCSV(strings.NewReader(ratios), "survival.csv", c)
	if err != nil {
		log.Fatal(err)
	}
	for _, band := range forecast.Bands {
		p, err := forecast.Project(c, &forecast.Options{Method: forecast.Cohort, Band: band, MaxAge: 9, Last: 2030})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-4s six-year-olds:", band)
		for y := engine.Year(2026); y <= 2030; y++ {
			areas, err := p.Children(nil, y, 6)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf(" %d: %.1f+%.1f", y, areas[0], areas[1])
		}
		fmt.Println()
	}
	// The 2026 six-year-olds were 40 at the census: 40 × 1.01⁶ = 42.5, three
	// quarters in A. Those of 2029 and 2030 are born after 2022: the mean
	// births of 2020–2022 (36.3) carried level.

	// Output:
	// low  six-year-olds: 2026: 30.9+10.3 2027: 27.7+9.2 2028: 25.4+8.5 2029: 27.1+9.0 2030: 26.3+8.8
	// mid  six-year-olds: 2026: 31.8+10.6 2027: 28.7+9.6 2028: 26.3+8.8 2029: 28.9+9.6 2030: 28.9+9.6
	// high six-year-olds: 2026: 32.8+10.9 2027: 29.7+9.9 2028: 27.2+9.1 2029: 30.9+10.3 2030: 31.8+10.6
}

// Back-testing the methods on Eau Claire's twelve K–5 schools (testdata,
// MIT licence) fitted up to 2014: school MAPE by years ahead, the chosen
// method beside naive.
func ExampleCompareMethods() {
	dir := os.DirFS("../../testdata/eau-claire")
	e, err := engine.ReadEnrolmentCSV(dir, "enrolment.csv", "enrolment.csv", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := engine.ReadBirthsCSV(dir, "births.csv", "births.csv", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := forecast.CompareMethods(e, b, &forecast.Options{System: engine.USSchoolSystem},
		forecast.CompareOptions{Origins: []engine.Year{2014}})
	if err != nil {
		fmt.Println(err)
		return
	}
	naive := map[int]float64{}
	for _, r := range c.Rows {
		if r.Method == forecast.MethodNaive {
			naive[r.Ahead] = r.MAPE
		}
	}
	fmt.Println("chosen:", c.Choices[0].Method)
	for _, r := range c.Rows {
		if r.Method == forecast.MethodChosen {
			fmt.Printf("%d ahead: MAPE %.1f%% (naive %.1f%%), city total %+.1f%%\n", r.Ahead, r.MAPE, naive[r.Ahead], r.CityError)
		}
	}
	// Output:
	// chosen: blend
	// 1 ahead: MAPE 3.6% (naive 4.0%), city total -0.6%
	// 2 ahead: MAPE 5.6% (naive 6.4%), city total -1.5%
	// 3 ahead: MAPE 5.5% (naive 5.8%), city total -1.5%
	// 4 ahead: MAPE 6.0% (naive 6.6%), city total -0.8%
	// 5 ahead: MAPE 8.1% (naive 8.8%), city total +0.7%
}

// The robust fit leaves out a yearly ratio far outside the school's
// history — here grade 2 of 2021 against a grade 1 of 2020 reported as 5
// pupils — and names it; the pooled ratio of the other years is used.
func ExampleParseRatioRule() {
	rule, err := forecast.ParseRatioRule("pooled")
	if err != nil {
		log.Fatal(err)
	}
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10, 10)
	b.Area("A", d, 1, 1, 100)
	c := b.City()
	e, err := engine.DecodeEnrolmentCSV(strings.NewReader("school,district,year,grade,count\n"+
		"S,D,2017,1,50\nS,D,2017,2,50\nS,D,2018,1,50\nS,D,2018,2,49\nS,D,2019,1,50\nS,D,2019,2,49\n"+
		"S,D,2020,1,5\nS,D,2020,2,49\nS,D,2021,1,50\nS,D,2021,2,48\n"), "enrolment.csv", nil)
	if err != nil {
		log.Fatal(err)
	}
	c.Demography.Enrolment = e
	p, err := forecast.Project(c, &forecast.Options{Method: forecast.GradeProgression, Last: 2022,
		Progression: forecast.Progression{Ratios: rule, Shrink: -1}})
	if err != nil {
		log.Fatal(err)
	}
	u := p.Units[0]
	fmt.Printf("grade 2 ratio %.3f\n", u.Ratio[2])
	for _, o := range u.Outliers {
		fmt.Println(o)
	}
	// Output:
	// grade 2 ratio 0.980
	// grade 1 in 2020: ratio 0.100 against 1.000 typical, not used
	// grade 2 in 2021: ratio 9.600 against 0.980 typical, not used
}

// Back-testing with population data (testdata/forecast: a 2020 census,
// births and survival ratios): the cohort-component method joins the
// comparison from the census year on. School MAPE by years ahead over the
// origins 2020–2023.
func ExampleCompareMethods_cohort() {
	c, err := engine.LoadCity("../../testdata/forecast")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := c.Demography
	cmp, err := forecast.CompareMethods(d.Enrolment, d.Births, &forecast.Options{},
		forecast.CompareOptions{Origins: []engine.Year{2020, 2021, 2022, 2023}, Horizon: 4, City: c})
	if err != nil {
		fmt.Println(err)
		return
	}
	naive := map[int]float64{}
	for _, r := range cmp.Rows {
		if r.Method == forecast.MethodNaive {
			naive[r.Ahead] = r.MAPE
		}
	}
	for _, r := range cmp.Rows {
		if r.Method == forecast.MethodCohort {
			fmt.Printf("%d ahead: cohort %.2f%% (naive %.2f%%) over %d school-years\n", r.Ahead, r.MAPE, naive[r.Ahead], r.Compared)
		}
	}
	fmt.Println("notes:", len(cmp.Notes))
	// Output:
	// 1 ahead: cohort 1.21% (naive 1.48%) over 16 school-years
	// 2 ahead: cohort 1.19% (naive 2.39%) over 12 school-years
	// 3 ahead: cohort 1.86% (naive 3.56%) over 8 school-years
	// 4 ahead: cohort 1.02% (naive 4.15%) over 4 school-years
	// notes: 0
}
