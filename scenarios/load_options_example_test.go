package scenarios_test

import (
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/scenarios"
)

// Load a scenario and follow the load of its city folder, e.g. for a
// progress bar: bytes read of the city's files against their total.
func ExampleLoadWith() {
	var opts scenarios.LoadOptions
	opts.City.Progress = func(done, total int64) {
		if done == total {
			fmt.Printf("city read: %d of %d bytes\n", done, total)
		}
	}
	s, err := scenarios.LoadWith("../testdata/scenarios/tiny-baseline.yaml", opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Name, "on", s.City.Name)
	// Output:
	// city read: 4900 of 4900 bytes
	// tiny-baseline on tiny
}
