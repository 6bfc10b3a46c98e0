package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// A K–5/6–8 system (US elementary and middle school): kindergarten is grade
// 0, named "K", and middle school admits 11-year-olds to grade 6.
func ExampleSchoolSystem() {
	sys := engine.SchoolSystem{
		Primary: engine.StageSpan{EntryAge: 5, Grades: 6},
		Junior:  engine.StageSpan{EntryAge: 11, Grades: 3},
	}
	if err := sys.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range engine.Stages {
		fmt.Printf("%s: entry age %d, grade %s, %d grades:", st, sys.EntryAge(st), sys.GradeName(sys.EntryGrade(st)), sys.Grades(st))
		for _, g := range sys.GradeNumbers(st) {
			fmt.Print(" ", sys.GradeName(g))
		}
		fmt.Println()
	}
	bad := engine.SchoolSystem{Primary: sys.Primary, Junior: engine.StageSpan{EntryAge: 12, Grades: 3}}
	fmt.Println(bad.Validate())
	// Output:
	// primary: entry age 5, grade K, 6 grades: K 1 2 3 4 5
	// junior: entry age 11, grade 6, 3 grades: 6 7 8
	// school_system.junior.entry_age: invalid value: 12: junior school begins where primary ends, at primary.entry_age + primary.grades = 11
}
