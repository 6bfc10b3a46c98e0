package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// A primary-only city (city.yaml "stages: [primary]") runs one stage; a
// city that names none runs both.
func ExampleCity_Stages() {
	run, err := engine.ParseStages([]string{"primary"})
	if err != nil {
		fmt.Println(err)
		return
	}
	primaryOnly := &engine.City{RunStages: run}
	var both engine.City
	fmt.Println(primaryOnly.Stages(), primaryOnly.Runs(engine.Junior))
	fmt.Println(both.Stages(), both.Runs(engine.Junior))
	// Output:
	// [primary] false
	// [primary junior] true
}

func ExampleParseStages() {
	for _, names := range [][]string{{"junior", "primary"}, {"primary", "primary"}, {}} {
		sts, err := engine.ParseStages(names)
		fmt.Println(sts, err)
	}
	// Output:
	// [primary junior] <nil>
	// [] engine: invalid value: primary is named twice
	// [] engine: invalid value: an empty list: want primary, junior or both
}

// Grades are read and written by name: K for kindergarten.
func ExampleSchoolSystem_ParseGrade() {
	sys := engine.USSchoolSystem
	for _, name := range []string{"K", "0", "5", "Kindergarten"} {
		g, err := sys.ParseGrade(name)
		if err != nil {
			fmt.Println(err)
			continue
		}
		st, _ := sys.StageOf(g)
		fmt.Printf("%s: grade %d (%s), %s school\n", name, g, sys.GradeName(g), st)
	}
	// Output:
	// K: grade 0 (K), primary school
	// 0: grade 0 (K), primary school
	// 5: grade 5 (5), primary school
	// engine: invalid value: grade "Kindergarten": want a grade number or K, PK4, PK3
}
