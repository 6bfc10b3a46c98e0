package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// The school size limits: a primary school over 2000 pupils, or a junior
// school over 2500, is too large.
func ExampleStage_LargeSchool() {
	for _, st := range engine.Stages {
		fmt.Println(st, st.LargeSchool())
	}
	// Output:
	// primary 2000
	// junior 2500
}
