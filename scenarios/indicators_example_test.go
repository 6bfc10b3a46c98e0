package scenarios_test

import (
	"context"
	"fmt"
	"log"
	"reflect"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

// A run's indicators, computed once for each set of thresholds: the
// outputs that ask again get the same ones.
func ExampleResult_Indicators() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-limits.yaml")
	if err != nil {
		log.Fatal(err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		log.Fatal(err)
	}
	loose := &metrics.Options{CVLimit: [engine.NumStages]float64{0.6}}
	for _, o := range []*metrics.Options{nil, loose} {
		cv := r.Indicators(o).Stages[engine.Primary].Years[0].City.CV[0]
		fmt.Printf("%s %.3f, limit %.2f, pass %t\n", cv.Indicator, cv.Value, cv.Limit, cv.Pass)
	}
	fmt.Println(r.Indicators(nil) == r.Indicators(nil), r.Indicators(nil) == r.Indicators(loose))
	fmt.Println(reflect.DeepEqual(r.Indicators(loose), metrics.Compute(r.City, r.Result, r.MetricsOptions(loose))))
	// Output:
	// seats_per_pupil 0.421, limit 0.20, pass false
	// seats_per_pupil 0.421, limit 0.60, pass true
	// true false
	// true
}
