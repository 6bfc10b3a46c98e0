package forecast

import "github.com/schoolplan/schoolplan/engine"

// TrendYears is the number of latest years the linear-trend method fits
// its line on.
const TrendYears = 5

// trendLine fits total(y) = a + b·y by least squares on the years up to
// until (at most TrendYears of them, shock years left out) that total
// gives; false with fewer than three. total returns a year's pupils and
// whether the unit has rows in it.
func trendLine(until engine.Year, total func(engine.Year) (float64, bool), excluded func(engine.Year) bool, first engine.Year) (a, b float64, ok bool) {
	var sx, sy, sxx, sxy, n float64
	for y, k := until, 0; y >= first && k < TrendYears; y-- {
		if excluded(y) {
			continue
		}
		v, has := total(y)
		if !has {
			continue
		}
		k++
		x := float64(y - until)
		sx, sy, sxx, sxy, n = sx+x, sy+v, sxx+x*x, sxy+x*v, n+1
	}
	if n < 3 {
		return 0, 0, false
	}
	b = (n*sxy - sx*sy) / (n*sxx - sx*sx)
	a = (sy - b*sx) / n
	return a, b, true
}

// trendAt is the line's value h years after until, floored at 0 (a
// falling line does not go below no pupils).
func trendAt(a, b float64, h int) float64 { return max(0, a+b*float64(h)) }
