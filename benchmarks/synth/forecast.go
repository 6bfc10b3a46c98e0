package synth

import (
	"math"
	"math/rand/v2"

	"github.com/schoolplan/schoolplan/engine"
)

// Forecast shape.
const (
	maxAge        = 15
	childrenShare = 0.01 // children of one year of age per resident, before the trend
	districtMin   = 0.85 // district factor on children per resident
	districtMax   = 1.15
	driftMax      = 0.02 // migration drift per year, either way
)

// births is China's registered births relative to 2016 (NBS, 万:
// 1786, 1723, 1523, 1465, 1202, 1062, 956, 902, 954), rounded.
var births = map[engine.Year]float64{
	2016: 1.000, 2017: 0.965, 2018: 0.853, 2019: 0.820, 2020: 0.673,
	2021: 0.595, 2022: 0.535, 2023: 0.505, 2024: 0.534,
}

// birthTrend is the relative size of the cohort born in year b: 0.93
// before 2016, the NBS figures 2016–2024, then 2% fewer each year.
func birthTrend(b engine.Year) float64 {
	switch {
	case b < 2016:
		return 0.93
	case b > 2024:
		return births[2024] * math.Pow(0.98, float64(b-2024))
	}
	return births[b]
}

// districtRates draws each district's children of one age per resident
// (before the trend) and its migration drift.
func districtRates(r *rand.Rand, n int) (rate, drift []float64) {
	rate = make([]float64, n)
	drift = make([]float64, n)
	for d := range rate {
		rate[d] = childrenShare * (districtMin + (districtMax-districtMin)*r.Float64())
		drift[d] = driftMax * (2*r.Float64() - 1)
	}
	return rate, drift
}

// forecast builds the district tables: children of age a in year y =
// existing population × rate × birthTrend(y−a) × (1+drift)^(y−First),
// rounded to whole children.
func forecast(c *engine.City, opt *Options, rate, drift []float64) engine.Forecast {
	fc := engine.Forecast{
		FirstYear: opt.First, LastYear: opt.Last, MaxAge: maxAge,
		ByDistrict: make(map[int]*engine.AgeTable, len(c.Districts)),
		ByArea:     map[int]*engine.AgeTable{},
	}
	pop := make([]float64, len(c.Districts))
	for i := range c.Areas {
		if c.Areas[i].CompletionYear == 0 {
			pop[c.Areas[i].District] += c.Areas[i].Population
		}
	}
	cells := fc.Years() * (maxAge + 1)
	for d := range c.Districts {
		t := &engine.AgeTable{Count: make([]float64, cells), Has: make([]bool, cells)}
		for y := opt.First; y <= opt.Last; y++ {
			growth := math.Pow(1+drift[d], float64(y-opt.First))
			for age := 0; age <= maxAge; age++ {
				k := fc.Index(y, age)
				t.Count[k] = math.Round(pop[d] * rate[d] * birthTrend(y-engine.Year(age)) * growth)
				t.Has[k] = true
			}
		}
		fc.ByDistrict[d] = t
	}
	return fc
}
