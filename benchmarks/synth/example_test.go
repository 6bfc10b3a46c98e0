package synth_test

import (
	"fmt"
	"log"
	"os"

	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/engine"
)

// Generate a city of 20,000 areas in memory. Zero fields take their
// defaults: 9 districts, 100 schools, 20 new-housing areas, forecast
// 2025–2035.
func ExampleCity() {
	c := synth.City(&synth.Options{Areas: 20000, Seed: 42})
	kinds := map[engine.Kind]int{}
	for _, s := range c.Schools {
		kinds[s.Kind]++
	}
	fmt.Println(c.Name)
	fmt.Printf("%d districts, %d areas, %d schools\n", len(c.Districts), len(c.Areas), len(c.Schools))
	fmt.Printf("forecast %d–%d, ages 0–%d\n", c.Forecast.FirstYear, c.Forecast.LastYear, c.Forecast.MaxAge)
	fmt.Println(kinds[engine.KindPrimary] > kinds[engine.KindJunior], kinds[engine.KindNineYear] > 0)
	// Output:
	// synth-20000-seed42
	// 9 districts, 20000 areas, 100 schools
	// forecast 2025–2035, ages 0–15
	// true true
}

// Write a city folder and load it back with the engine.
func ExampleWriteFolder() {
	dir, err := os.MkdirTemp("", "synth-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := synth.WriteFolder(dir, &synth.Options{Areas: 5000, Seed: 1}); err != nil {
		log.Fatal(err)
	}
	c, err := engine.LoadCity(dir)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d districts, %d areas, %d schools, CRS %s\n", c.Name, len(c.Districts), len(c.Areas), len(c.Schools), c.CRS)
	// Output:
	// synth-5000-seed1: 9 districts, 5000 areas, 25 schools, CRS wgs84
}
