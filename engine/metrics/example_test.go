package metrics_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
)

// The 差异系数 of floor area per pupil across three schools of 500, 500 and
// 1000 pupils with 8, 4 and 4 m² per pupil: the enrolment-weighted mean is
// 5 m², the weighted standard deviation √3 m², so the coefficient is √3/5,
// within the primary threshold of 0.50 and the junior one of 0.45.
func ExampleWeightedCV() {
	cv, mean := metrics.WeightedCV([]float64{8, 4, 4}, []float64{500, 500, 1000})
	fmt.Printf("mean %.2f m² per pupil, CV %.4f, primary ok %v, junior ok %v\n", mean, cv,
		cv <= metrics.DefaultCVLimit[0], cv <= metrics.DefaultCVLimit[1])
	// Output: mean 5.00 m² per pupil, CV 0.3464, primary ok true, junior ok true
}

// A scenario's policy limits (cv_limit: {primary: 0.4}) under options that
// set the junior limit: each stage takes the first limit given.
func ExampleOptions_WithLimits() {
	policy := engine.IndicatorLimits{CV: [engine.NumStages]float64{0.4, 0}}
	o := (&metrics.Options{CVLimit: [engine.NumStages]float64{0, 0.3}}).WithLimits(policy)
	fmt.Println(o.CVLimit)
	// Output: [0.4 0.3]
}
