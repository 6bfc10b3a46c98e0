package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// Load a city folder and follow how far the load is: bytes read of the
// city's files against their total size, e.g. for a progress bar.
func ExampleLoadCityWith() {
	var calls int
	var last int64
	city, err := engine.LoadCityWith("testdata/tiny", engine.LoadOptions{Progress: func(done, total int64) {
		calls++
		last = done
		if done == total {
			fmt.Printf("read %d of %d bytes (100%%)\n", done, total)
		}
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d areas; progress reported %v times, ending at %d bytes\n", city.Name, len(city.Areas), calls > 1, last)
	// Output:
	// read 4900 of 4900 bytes (100%)
	// tiny: 5 areas; progress reported true times, ending at 4900 bytes
}
