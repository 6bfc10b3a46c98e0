package metrics_test

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// The indicators of a sharing zone (大学区) as a reporting unit: a
// 2-stream and a 3-stream primary school with 500 pupils each hold 540
// and 810 seats, 1.08 and 1.62 a pupil: mean 1.35, deviation 0.27, a
// coefficient of variation of 0.20, within the primary limit of 0.50.
func ExampleSetsBy() {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 0 })
	for i, streams := range []int{2, 3} {
		s := b.School(fmt.Sprint("P", i), engine.KindPrimary, d, 1000+float64(i)*1000, 1000, streams)
		s.Enrolled = map[int]int{1: 0, 2: 100, 3: 100, 4: 100, 5: 100, 6: 100}
		s.SharingZone = "Z1"
	}
	c := b.City()
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2025})
	if err != nil {
		panic(err)
	}
	z := metrics.SetsBy(c, r, engine.Primary, 2025, nil, func(s *engine.School) string { return s.SharingZone })["Z1"]
	cv := z.CV[0]
	fmt.Printf("Z1: %d schools, %d pupils in %d seats; %s CV %.2f (limit %.2f, pass %t)\n",
		z.Schools, z.Enrolled, z.Capacity, cv.Indicator, cv.Value, cv.Limit, cv.Pass)
	// Output:
	// Z1: 2 schools, 1000 pupils in 1350 seats; seats_per_pupil CV 0.20 (limit 0.50, pass true)
}
