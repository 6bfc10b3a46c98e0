package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// A primary school of 4 streams at 45 pupils a class has 180 entry seats.
// One whose admission plan gives 150 base and 30 shared seats admits those
// 180, and 45 more once it grows to 5 streams.
func ExampleSchool_EntrySeats() {
	plain := engine.School{ID: "P1", Kind: engine.KindPrimary, Streams: [engine.NumStages]int{4, 0}}
	planned := plain
	planned.BaseSeats[engine.Primary], planned.SharedSeats[engine.Primary] = 150, 30
	fmt.Println(plain.EntrySeats(engine.Primary, 4, 45), planned.EntrySeats(engine.Primary, 4, 45), planned.EntrySeats(engine.Primary, 5, 45))
	// Output: 180 180 225
}
