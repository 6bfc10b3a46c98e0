package metrics_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// TestClassesOfShrunkSchool: classes are formed per grade over the classes
// that grade has (sim.SchoolYear.GradeStreams). P0 (2 streams of 45, 60
// pupils a grade) loses a stream in 2027; in 2028 its grades are 45, 45,
// 60, 60, 60, 60, the older four still with 2 classes each: 1 + 1 + 4 × 2
// = 10 classes, the largest 45, none over 45 (crowding the 60 of a grade
// into today's one stream would make four classes of 60). P1, 2.8 km
// away, has the 15 of 2027 and 2028 whom P0 had no seat for: 2 classes.
func TestClassesOfShrunkSchool(t *testing.T) {
	b := citytest.New(2025, 2028)
	b.Stages(engine.Primary)
	d := b.District("D", 0, 0, 10000, 10000)
	b.Area("A", d, 5000, 5000, 100)
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 60 })
	b.School("P0", engine.KindPrimary, d, 4500, 4500, 2)
	b.School("P1", engine.KindPrimary, d, 3000, 3000, 2)
	c := b.City()
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2028,
		Changes: []engine.Change{engine.Expand{School: "P0", Streams: -1, Year: 2027}}})
	if err != nil {
		t.Fatal(err)
	}
	ind := metrics.Compute(c, r, nil)
	s := ind.Stages[engine.Primary].Years[3].City
	if s.Classes != 10+2 || s.MaxClassSize != 45 || s.OverStandard != 0 || s.ClassesAvailable != 10+12 {
		t.Errorf("classes %d (largest %d, %d over 45), available %d; want 12 (largest 45, none over), 22",
			s.Classes, s.MaxClassSize, s.OverStandard, s.ClassesAvailable)
	}
}
