package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// Two temporary junior classes (three grades) in each entry year
// 2028–2031: the classrooms in use rise as the cohorts come in and fall as
// they leave, and the classroom-years are what a cost table prices.
func ExampleTemporary_Classrooms() {
	t := engine.Temporary{School: "J-1", Stage: engine.Junior, StageGiven: true, Streams: 2, From: 2028, To: 2031}
	var inUse []int
	for y := engine.Year(2027); y <= 2034; y++ {
		inUse = append(inUse, t.Classrooms(y, 3))
	}
	fmt.Println(inUse)
	perClassroomYear := 12.0 // 万元, an assumed lease
	fmt.Println(t.ClassYears(3), "classroom-years:", perClassroomYear*float64(t.ClassYears(3)), "万元")
	// Output:
	// [0 2 4 6 6 4 2 0]
	// 24 classroom-years: 288 万元
}
