package forecast

import (
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/engine"
)

// Backtest is how well grade progression, fitted on the enrolment years up
// to Until, projected the years after it that enrolment.csv also holds,
// next to a naive baseline (each grade's pupils of Until carried forward,
// i.e. the total of Until). Errors compare each unit's total pupils in a
// year; MAPE is the mean absolute percentage error, in percent.
type Backtest struct {
	Until engine.Year    `json:"until"`
	Last  engine.Year    `json:"last"`
	Units []BacktestUnit `json:"units"`
	// MAPE and NaiveMAPE average over every unit-year compared.
	MAPE      float64 `json:"mape"`
	NaiveMAPE float64 `json:"naive_mape"`
	// Compared is the number of unit-years compared.
	Compared int `json:"compared"`
	// Horizons holds the errors by years ahead (index 0: one year).
	Horizons []BacktestRow `json:"horizons"`
	// Years holds the city totals by year: the error of the sum.
	Years []BacktestYear `json:"years"`
}

// BacktestUnit is one school's or district's errors.
type BacktestUnit struct {
	ID       string `json:"id"`
	School   bool   `json:"school"`
	District string `json:"district"`
	// Compared is the number of years compared (years with pupils).
	Compared  int     `json:"compared"`
	MAPE      float64 `json:"mape"`
	NaiveMAPE float64 `json:"naive_mape"`
	// Bias is the mean signed percentage error of the projection
	// (positive: projected too many).
	Bias float64 `json:"bias"`
}

// BacktestRow is the error over all units at one horizon.
type BacktestRow struct {
	Ahead     int     `json:"ahead"`
	Compared  int     `json:"compared"`
	MAPE      float64 `json:"mape"`
	NaiveMAPE float64 `json:"naive_mape"`
}

// BacktestYear is the city total of one year.
type BacktestYear struct {
	Year      engine.Year `json:"year"`
	Actual    float64     `json:"actual"`
	Projected float64     `json:"projected"`
	Naive     float64     `json:"naive"`
}

// RunBacktest fits grade progression (o.Window, o.Births, o.Progression;
// Method and Band are ignored; CompareMethods compares every method over
// rolling origins) on the years of e up to until and compares its projection
// of the later years with the data. Births, when given, drive the entry
// grades through births-to-entry ratios (a unit's district must then be
// known); without them the entry grade is the window's mean carried
// forward. A unit without pupils in a year is not compared that year; a
// unit without rows in until is left out.
func RunBacktest(e *engine.Enrolment, b *engine.Births, until engine.Year, o *Options) (*Backtest, error) {
	oo, err := backtestOptions(e, until, o)
	if err != nil {
		return nil, err
	}
	m, err := fitBacktest(e, b, until, oo)
	if err != nil {
		return nil, err
	}
	bt := newBacktest(until, e.LastYear)
	var sc backtestScore
	for i := range e.Units {
		p, err := m.project(i)
		if err != nil {
			return nil, err
		}
		if p.Closed {
			continue
		}
		bt.Units = append(bt.Units, sc.unit(bt, e, &e.Units[i], p))
	}
	if bt.Compared == 0 {
		return nil, fmt.Errorf("%w: backtest: no unit has pupils after %d to compare", ErrInput, until)
	}
	sc.finish(bt)
	return bt, nil
}

// backtestOptions returns o set for a back-test fitted to until, checked.
func backtestOptions(e *engine.Enrolment, until engine.Year, o *Options) (*Options, error) {
	if o == nil {
		o = &Options{}
	}
	oo := *o
	oo.Method, oo.Band, oo.Draw, oo.Until, oo.Last = GradeProgression, Mid, 0, until, e.LastYear
	if err := oo.validate(); err != nil {
		return nil, err
	}
	if until < e.FirstYear+1 || until >= e.LastYear {
		return nil, fmt.Errorf("%w: backtest: until %d must leave a year to fit on and a year to test (%s holds %d–%d)", ErrInput, until, engine.EnrolmentFile, e.FirstYear, e.LastYear)
	}
	return &oo, nil
}

// fitBacktest fits grade progression on what was known at until: the
// enrolment and, when given, the births up to until.
func fitBacktest(e *engine.Enrolment, b *engine.Births, until engine.Year, oo *Options) (*gradeModel, error) {
	f := newFactors(oo)
	var births func(string) (*birthModel, error)
	if b != nil {
		cut := truncateBirths(b, until)
		births = func(d string) (*birthModel, error) { return newBirthModel(cut, d, oo, f) }
	}
	return newGradeModel(e, oo.System, oo, f, births)
}

// newBacktest returns an empty Backtest with a row per horizon and year.
func newBacktest(until, last engine.Year) *Backtest {
	bt := &Backtest{Until: until, Last: last}
	n := int(last - until)
	bt.Horizons = make([]BacktestRow, n)
	bt.Years = make([]BacktestYear, n)
	for h := range bt.Horizons {
		bt.Horizons[h].Ahead = h + 1
		bt.Years[h].Year = until + engine.Year(h+1)
	}
	return bt
}

// backtestScore sums the absolute percentage errors over every unit-year,
// in unit then year order.
type backtestScore struct{ sum, sumNaive float64 }

// unit compares one unit's projection p with its pupils in each year after
// the fit, adding to bt's horizons, years and totals, and returns the
// unit's mean errors.
func (sc *backtestScore) unit(bt *Backtest, e *engine.Enrolment, u *engine.EnrolmentUnit, p *UnitProjection) BacktestUnit {
	naive := p.Total(bt.Until)
	bu := BacktestUnit{ID: u.ID, School: u.School, District: u.District}
	for y := bt.Until + 1; y <= e.LastYear; y++ {
		actual, any := unitPupils(e, u, y)
		h := int(y - bt.Until - 1)
		proj := p.Total(y)
		if any {
			bt.Years[h].Actual += actual
			bt.Years[h].Projected += proj
			bt.Years[h].Naive += naive
		}
		if !any || actual <= 0 {
			continue
		}
		ape := 100 * math.Abs(proj-actual) / actual
		apeNaive := 100 * math.Abs(naive-actual) / actual
		bu.Compared++
		bu.MAPE += ape
		bu.NaiveMAPE += apeNaive
		bu.Bias += 100 * (proj - actual) / actual
		r := &bt.Horizons[h]
		r.Compared++
		r.MAPE += ape
		r.NaiveMAPE += apeNaive
		sc.sum += ape
		sc.sumNaive += apeNaive
		bt.Compared++
	}
	if bu.Compared > 0 {
		k := float64(bu.Compared)
		bu.MAPE, bu.NaiveMAPE, bu.Bias = bu.MAPE/k, bu.NaiveMAPE/k, bu.Bias/k
	}
	return bu
}

// unitPupils is a unit's pupils of every grade in year y, and whether any
// grade has a row.
func unitPupils(e *engine.Enrolment, u *engine.EnrolmentUnit, y engine.Year) (float64, bool) {
	actual, any := 0.0, false
	for g := 0; g <= engine.MaxGrade; g++ {
		if v, ok := e.Lookup(u, y, g); ok {
			actual += v
			any = true
		}
	}
	return actual, any
}

// finish turns bt's sums into means.
func (sc *backtestScore) finish(bt *Backtest) {
	bt.MAPE, bt.NaiveMAPE = sc.sum/float64(bt.Compared), sc.sumNaive/float64(bt.Compared)
	for h := range bt.Horizons {
		if r := &bt.Horizons[h]; r.Compared > 0 {
			r.MAPE /= float64(r.Compared)
			r.NaiveMAPE /= float64(r.Compared)
		}
	}
}

// truncateBirths keeps the observed births up to until; later years become
// unknown (they are projected like any future year).
func truncateBirths(b *engine.Births, until engine.Year) *engine.Births {
	out := &engine.Births{FirstYear: b.FirstYear, LastYear: b.LastYear, ByDistrict: make(map[string]*engine.BirthSeries, len(b.ByDistrict))}
	for d, s := range b.ByDistrict {
		c := &engine.BirthSeries{
			Births: append([]float64(nil), s.Births...), HasBirths: append([]bool(nil), s.HasBirths...),
			Forecast: append([]bool(nil), s.Forecast...),
			Women:    append([]float64(nil), s.Women...), HasWomen: append([]bool(nil), s.HasWomen...),
		}
		for i := range c.Births {
			if b.FirstYear+engine.Year(i) > until {
				c.HasBirths[i], c.Forecast[i] = false, false
			}
		}
		out.ByDistrict[d] = c
	}
	return out
}
