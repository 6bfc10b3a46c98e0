package metrics_test

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// Floor area per pupil of a school group (集团化) against the national
// standard: a 2-stream primary school (12 classes) with 500 pupils and
// 4000 m² meets its 6.6 m² a pupil; a 3-stream one (18 classes, 5.8 m²)
// with 500 pupils and 2000 m² does not.
func ExampleSetsBy_areas() {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 0 })
	for i, sz := range []struct {
		streams int
		floor   float64
	}{{2, 4000}, {3, 2000}} {
		s := b.School(fmt.Sprint("P", i), engine.KindPrimary, d, 1000+float64(i)*1000, 1000, sz.streams)
		s.Enrolled = map[int]int{1: 0, 2: 100, 3: 100, 4: 100, 5: 100, 6: 100}
		s.Resources = map[string]float64{"floor_area": sz.floor}
		s.Group = "G1"
	}
	c := b.City()
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2025})
	if err != nil {
		panic(err)
	}
	for _, a := range metrics.SetsBy(c, r, engine.Primary, 2025, nil, func(s *engine.School) string { return s.Group })["G1"].Areas {
		fmt.Printf("%s: %.1f m² a pupil, %d of %d schools meet the standard\n", a.Field, a.PerPupil, a.Meeting, a.Checked)
	}
	// Output:
	// floor_area: 6.0 m² a pupil, 1 of 2 schools meet the standard
}
