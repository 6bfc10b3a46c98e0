package scenarios_test

import (
	"context"
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

// A scenario whose policy tightens the primary CV limit to 0.2: its
// indicators judge seats per pupil by it, unless the caller sets a limit
// of its own (here 0.6).
func ExampleResult_MetricsOptions() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-limits.yaml")
	if err != nil {
		log.Fatal(err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range []*metrics.Options{nil, {CVLimit: [engine.NumStages]float64{0.6}}} {
		ind := metrics.Compute(r.City, r.Result, r.MetricsOptions(o))
		cv := ind.Stages[engine.Primary].Years[0].City.CV[0]
		fmt.Printf("%s %.3f, limit %.2f, pass %t\n", cv.Indicator, cv.Value, cv.Limit, cv.Pass)
	}
	// Output:
	// seats_per_pupil 0.421, limit 0.20, pass false
	// seats_per_pupil 0.421, limit 0.60, pass true
}

// A limit as the command line gives it (schoolplan simulate --limit
// cv_limit.junior=0.40), laid over a scenario's policy.
func ExampleSetLimit() {
	var l engine.IndicatorLimits // the policy's limits: none set
	for _, spec := range []string{"cv_limit.junior=0.40", "large_school.primary=2000.5"} {
		if err := scenarios.SetLimit(&l, spec); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(l.CV)
	// Output:
	// scenarios: invalid scenario: "large_school.primary=2000.5": 2000.5 is not a whole number
	// [0 0.4]
}

// Class-size limits from the command line (--limit large_class.junior=60
// --limit huge_class.junior=58), checked together once all are set.
func ExampleCheckClassLimits() {
	var l engine.IndicatorLimits
	for _, spec := range []string{"large_class.junior=60", "huge_class.junior=58"} {
		if err := scenarios.SetLimit(&l, spec); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println(scenarios.CheckClassLimits(&l))
	// Output:
	// scenarios: invalid scenario: huge_class.junior 58 is not above large_class.junior 60: want standard < large < huge class sizes
}
