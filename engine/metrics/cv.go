package metrics

import "math"

// WeightedCV returns the enrolment-weighted coefficient of variation of x
// with weights n (差异系数, see the package doc) and the weighted mean x̄.
// Entries with a weight <= 0 are left out. It returns 0, 0 when no weight
// is left, and cv 0 when the mean is 0. It panics if the slices differ in
// length.
func WeightedCV(x, n []float64) (cv, mean float64) {
	if len(x) != len(n) {
		panic("metrics: WeightedCV: x and n differ in length")
	}
	var sw, sx float64
	for i := range x {
		if n[i] > 0 {
			sw += n[i]
			sx += n[i] * x[i]
		}
	}
	if sw == 0 {
		return 0, 0
	}
	mean = sx / sw
	var ss float64
	for i := range x {
		if n[i] > 0 {
			d := x[i] - mean
			ss += n[i] * d * d
		}
	}
	if mean == 0 {
		return 0, 0
	}
	return math.Sqrt(ss/sw) / mean, mean
}
