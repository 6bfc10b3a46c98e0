package gen

import "math"

// census2020 returns the 2020 single-age count of children of age a (0–19) in d: population ×
// the share of the age group, groups 1–4, 5–9, 10–14 and 15–19 split evenly over their ages.
func (d *district) census2020(a int) float64 {
	p := float64(d.Pop)
	switch {
	case a == 0:
		return p * d.Shares[0]
	case a <= 4:
		return p * d.Shares[1] / 4
	case a <= 9:
		return p * d.Shares[2] / 5
	case a <= 14:
		return p * d.Shares[3] / 5
	default:
		return p * d.Shares[4] / 5
	}
}

// computeForecast fills d.Forecast. A child of age a in year y was born in b = y − a.
//
//   - Cohorts counted by the census (0 ≤ 2020 − b ≤ 15):
//     count = census2020(2020 − b) × m^(y − 2020).
//   - Cohorts born after 2020:
//     count = census2020(0) × births(b) / births(2020) × m^(y − b).
//
// m is the district's annual net-migration factor for children. The census counts already
// reflect the births of earlier years, so only the post-2020 cohorts are scaled by births.
// New housing is not included here (the engine adds its children from its completion year at
// the district's per-resident rate).
func (d *district) computeForecast() {
	for y := FirstYear; y <= LastYear; y++ {
		for a := 0; a <= MaxAge; a++ {
			b := y - a
			var v float64
			if age := CensusYear - b; age >= 0 && age <= MaxAge {
				v = d.census2020(age) * math.Pow(d.M, float64(y-CensusYear))
			} else {
				v = d.census2020(0) * births[b] / births[CensusYear] * math.Pow(d.M, float64(y-b))
			}
			d.Forecast[y-FirstYear][a] = v
		}
	}
}

// children returns the forecast count of age a in year y (unrounded, district rows only).
func (d *district) children(y, a int) float64 { return d.Forecast[y-FirstYear][a] }

// demand returns the children of age a in year y including new housing completed by y, at
// the district's per-resident rate.
func (d *district) demand(y, a int) float64 {
	v := d.children(y, a)
	return v + float64(d.housingPop(y))*v/float64(d.Pop)
}
