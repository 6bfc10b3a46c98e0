package sim_test

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// A converted school's kind is that of the run's last year in
// Result.Schools; KindIn gives the kind of each year.
func ExampleResult_KindIn() {
	b := citytest.New(2025, 2028)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 1000, 5000, 100)
	b.School("S", engine.KindPrimary, d, 2000, 5000, 1)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 10 })
	c := b.City()
	toJunior := engine.Convert{School: "S", To: engine.KindJunior, Year: 2026, Streams: [engine.NumStages]int{0, 2}}
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2028, Changes: []engine.Change{toJunior}})
	if err != nil {
		panic(err)
	}
	for y := r.First; y <= r.Last; y++ {
		p := r.Stages[engine.Primary].Year(y)
		fmt.Printf("%d %s: primary grades %v\n", y, r.KindIn(0, y), p.Schools[0].Grades)
	}
	fmt.Println("at the end:", r.Schools[0].Kind)
	// Output:
	// 2025 primary: primary grades [10 10 10 10 10 10]
	// 2026 junior: primary grades [0 10 10 10 10 10]
	// 2027 junior: primary grades [0 0 10 10 10 10]
	// 2028 junior: primary grades [0 0 0 10 10 10]
	// at the end: junior
}
