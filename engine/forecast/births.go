package forecast

import (
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/engine"
)

// birthModel gives one district's births in any year: observed or forecast
// births from births.csv, else a rate on its women aged 15–49, else the mean
// of the last observed years carried forward with a trend. Births after the
// last observed year carry the band's or draw's births factor.
type birthModel struct {
	district string
	b        *engine.Births
	s        *engine.BirthSeries
	lastObs  engine.Year // last observed (not forecast) births
	rate     float64     // births per 1000 women 15–49
	hasRate  bool
	mean     float64 // mean observed births over the window ending lastObs
	trend    float64
	f        factors
}

// newBirthModel fits the births of district: the mean of the window's
// observed years, and a birth rate from o or from the observed women.
func newBirthModel(b *engine.Births, district string, o *Options, f factors) (*birthModel, error) {
	if b == nil {
		return nil, fmt.Errorf("%w: %s is missing", ErrInput, engine.BirthsFile)
	}
	s := b.ByDistrict[district]
	if s == nil {
		return nil, fmt.Errorf("%w: %s has no rows for district %q", ErrInput, engine.BirthsFile, district)
	}
	m := &birthModel{district: district, b: b, s: s, lastObs: s.LastObserved(b.FirstYear), trend: o.Births.Trend, f: f}
	if m.lastObs == 0 {
		return nil, fmt.Errorf("%w: %s: district %q has no observed births", ErrInput, engine.BirthsFile, district)
	}
	mean, rate, hasRate := observedBirths(b, s, m.lastObs, o.window())
	m.mean = mean
	switch {
	case o.Births.Rate > 0:
		m.rate, m.hasRate = o.Births.Rate, true
	case hasRate:
		m.rate, m.hasRate = rate, true
	}
	return m, nil
}

// observedBirths is the mean of the last w observed births up to lastObs,
// and the mean birth rate per 1000 women 15–49 over those years that give
// women, if any do.
func observedBirths(b *engine.Births, s *engine.BirthSeries, lastObs engine.Year, w int) (mean, rate float64, hasRate bool) {
	var sum, rates float64
	n, nr := 0, 0
	for y := lastObs; y >= b.FirstYear && n < w; y-- {
		i := int(y - b.FirstYear)
		if !s.HasBirths[i] || s.Forecast[i] {
			continue
		}
		sum += s.Births[i]
		n++
		if s.HasWomen[i] && s.Women[i] > 0 {
			rates += 1000 * s.Births[i] / s.Women[i]
			nr++
		}
	}
	if nr > 0 {
		rate, hasRate = rates/float64(nr), true
	}
	return sum / float64(n), rate, hasRate
}

// births returns the births of year y.
func (m *birthModel) births(y engine.Year) (float64, error) {
	h := int(y - m.lastObs)
	if y >= m.b.FirstYear && y <= m.b.LastYear {
		i := int(y - m.b.FirstYear)
		switch {
		case m.s.HasBirths[i]:
			return m.s.Births[i] * m.f.birthsAfter(h), nil
		case m.s.HasWomen[i] && m.hasRate:
			return m.rate * m.s.Women[i] / 1000 * m.f.birthsAfter(h), nil
		case m.s.HasWomen[i]:
			return 0, fmt.Errorf("%w: %s: district %q gives women 15–49 for %d but no year has both births and women to take a rate from; set forecast.births.rate", ErrInput, engine.BirthsFile, m.district, y)
		}
	}
	if y <= m.lastObs {
		return 0, fmt.Errorf("%w: %s: district %q has no births for %d", ErrInput, engine.BirthsFile, m.district, y)
	}
	return m.mean * math.Pow(1+m.trend, float64(h)) * m.f.birthsAfter(h), nil
}

// observed reports whether year y's births are observed (no band factor).
func (m *birthModel) observed(y engine.Year) bool { return y <= m.lastObs }
