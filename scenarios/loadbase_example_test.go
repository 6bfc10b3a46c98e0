package scenarios_test

import (
	"fmt"
	"log"
	"path/filepath"

	"github.com/schoolplan/schoolplan/scenarios"
)

// A scenario that extends another loads its base, to set the two side by
// side (sharing the city folder loaded once); a scenario that extends none
// has no base.
func ExampleScenario_LoadBase() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-changes.yaml")
	if err != nil {
		log.Fatal(err)
	}
	base, err := s.LoadBase()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Name, "extends", filepath.Base(s.Base), "named", base.Name, "on the same city:", base.City == s.City)
	none, err := base.LoadBase()
	fmt.Println(none == nil, err)
	// Output:
	// tiny-changes extends tiny-baseline.yaml named tiny-baseline on the same city: true
	// true <nil>
}
