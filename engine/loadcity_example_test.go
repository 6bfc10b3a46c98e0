package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// Load a city folder: its districts, schools, residential areas and
// forecast, checked together. Every problem of every file is reported at
// once; a load succeeds whole or fails.
func ExampleLoadCity() {
	city, err := engine.LoadCity("testdata/tiny")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d districts, %d areas, %d schools\n", city.Name, len(city.Districts), len(city.Areas), len(city.Schools))
	for _, s := range city.Schools {
		fmt.Printf("%s %s (%s) in %s:", s.ID, s.Name, s.Kind, city.Districts[s.District].ID)
		for _, st := range engine.Stages {
			if s.Kind.Serves(st) {
				fmt.Printf(" %s %d streams", st, s.Streams[st])
				if s.ClassSize[st] > 0 { // else the policy's class size
					fmt.Printf(" of %d", s.ClassSize[st])
				}
			}
		}
		fmt.Println()
	}
	fc := city.Forecast
	d1 := fc.ByDistrict[city.DistrictIndex("D1")]
	six, _ := fc.Lookup(d1, fc.FirstYear, 6)
	fmt.Printf("forecast %d–%d, ages 0–%d; D1 has %g six-year-olds in %d\n", fc.FirstYear, fc.LastYear, fc.MaxAge, six, fc.FirstYear)

	_, err = engine.LoadCity("testdata/no-such-city")
	fmt.Println(engine.Plain(err))
	// Output:
	// tiny: 2 districts, 5 areas, 4 schools
	// P1 West Primary (primary) in D1: primary 1 streams
	// P2 East Primary (primary) in D2: primary 2 streams
	// J1 West Junior (junior) in D1: junior 1 streams of 40
	// N1 East Nine-Year (nine_year) in D2: primary 1 streams junior 1 streams
	// forecast 2025–2030, ages 0–15; D1 has 55 six-year-olds in 2025
	// 3 problems:
	// 	testdata/no-such-city/districts.geojson: missing value: the city folder has no districts layer (districts.geojson, .shp, .xlsx or .csv, or a file named in city.yaml's layers.districts.file)
	// 	testdata/no-such-city/schools.geojson: missing value: the city folder has no schools layer (schools.geojson, .shp, .xlsx or .csv, or a file named in city.yaml's layers.schools.file)
	// 	testdata/no-such-city/areas.geojson: missing value: the city folder has no areas layer (areas.geojson, .shp, .xlsx or .csv, or a file named in city.yaml's layers.areas.file)
}
