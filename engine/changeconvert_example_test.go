package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// A conversion names the kind a school becomes and the streams of each
// stage it gains; CheckChanges lists what is wrong with it.
func ExampleConvert() {
	c, err := engine.LoadCity("../testdata/tiny")
	if err != nil {
		panic(err)
	}
	changes := []engine.Change{
		// P1 becomes a junior school from 2027 with 2 classes a grade.
		engine.Convert{School: "P1", To: engine.KindJunior, Year: 2027, Streams: [engine.NumStages]int{0, 2}},
		// N1 (nine-year) keeps its primary stage: no primary streams.
		engine.Convert{School: "N1", To: engine.KindPrimary, Year: 2026, Streams: [engine.NumStages]int{1, 0}},
		// J1 gains a primary stage, but names no streams for it.
		engine.Convert{School: "J1", To: engine.KindNineYear, Year: 2026},
	}
	fmt.Println(engine.CheckChanges(c, nil, 2025, 2030, changes))
	// Output:
	// 2 problems:
	// 	change 2 (convert): streams: 1 primary streams: school "N1" keeps its primary stage and its streams (change them with expand)
	// 	change 3 (convert): streams: missing (classes per grade of the primary stage the school gains)
}

// KindIn is a school's kind in a year after its conversions.
func ExampleKindIn() {
	conv := []engine.Conversion{
		{Year: 2027, From: engine.KindPrimary, To: engine.KindNineYear},
		{Year: 2030, From: engine.KindNineYear, To: engine.KindJunior},
	}
	for _, y := range []engine.Year{2026, 2027, 2031} {
		fmt.Println(y, engine.KindIn(engine.KindPrimary, conv, y))
	}
	// Output:
	// 2026 primary
	// 2027 nine_year
	// 2031 junior
}
