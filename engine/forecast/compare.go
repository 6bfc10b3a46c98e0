package forecast

import (
	"fmt"
	"math"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// CompareOptions set up a rolling-origin back-test.
type CompareOptions struct {
	// Origins are the last years fitted, one back-test each (required).
	// Each projection sees only the enrolment and births up to its origin;
	// MethodChosen's choice and the bands are taken from earlier origins
	// too, so nothing is scored on what it was fitted to.
	Origins []engine.Year
	// Horizon is the number of years projected after each origin; 0 = 5.
	Horizon int
	// Nominal is the share of actual values the bands should contain;
	// 0 = 0.8.
	Nominal float64
	// City, when it has population.csv, adds the cohort-component method
	// (MethodCohort): its districts, census and survival.csv, with the
	// births and enrolment given to CompareMethods. nil or no population:
	// no cohort row, and Comparison.Notes says why.
	City *engine.City
}

// Comparison is a rolling-origin back-test of the methods: for each
// method and horizon, errors of the units' total pupils over every origin.
type Comparison struct {
	Origins []engine.Year `json:"origins"`
	Horizon int           `json:"horizon"`
	Nominal float64       `json:"nominal"`
	Rows    []MethodRow   `json:"rows"`
	// Units are the chosen method's errors per unit over every origin and
	// horizon, next to naive's.
	Units []BacktestUnit `json:"units"`
	// Choices is the method chosen per unit at the last origin.
	Choices []UnitChoice `json:"choices"`
	// Outliers are the robust fit's flags at the last origin.
	Outliers []Outlier `json:"outliers"`
	// Bands are the chosen method's bands at the last origin, by horizon.
	Bands []ErrorBand `json:"bands"`
	// Notes say which methods or origins were left out, and why.
	Notes []string `json:"notes,omitempty"`
}

// MethodRow is one method's errors at one horizon, in percent.
type MethodRow struct {
	Method string `json:"method"`
	Ahead  int    `json:"ahead"`
	// Compared is the number of unit-years compared.
	Compared int `json:"compared"`
	// MAPE is the mean absolute percentage error of unit totals; Bias the
	// mean signed one (positive: projected too many).
	MAPE float64 `json:"mape"`
	Bias float64 `json:"bias"`
	// DistrictMAPE is the MAPE of the units summed by district.
	DistrictMAPE float64 `json:"district_mape"`
	// WorstUnit is the unit with the largest MAPE at this horizon over the
	// origins, and WorstMAPE that MAPE.
	WorstUnit string  `json:"worst_unit"`
	WorstMAPE float64 `json:"worst_mape"`
	// NaiveBeats is the share of units (in %) whose naive MAPE at this
	// horizon is below the method's.
	NaiveBeats float64 `json:"naive_beats"`
	// CityError is the mean signed error of the sum of all units compared
	// over the origins; CityMaxError the largest absolute one.
	CityError    float64 `json:"city_error"`
	CityMaxError float64 `json:"city_max_error"`
	// Coverage is the share (%) of actual totals inside the method's
	// nominal band (MethodChosen only; Banded values checked).
	Coverage *float64 `json:"coverage,omitempty"`
	Banded   int      `json:"banded,omitempty"`
}

// UnitChoice is the method chosen for a unit and its score.
type UnitChoice struct {
	Unit     string  `json:"unit"`
	District string  `json:"district"`
	Method   string  `json:"method"`
	Score    float64 `json:"score"` // MAPE over the origins before, %
}

// ErrorBand is a horizon's band: actual / projected lies in [Lo, Hi] with the
// nominal probability, from the errors of earlier origins.
type ErrorBand struct {
	Ahead  int     `json:"ahead"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	Errors int     `json:"errors"`
}

// minBandErrors is the fewest earlier errors a band is taken from.
const minBandErrors = 20

// CompareMethods back-tests every method of Methods on the enrolment e
// (births b optional) from each of co's origins. o gives the window, the
// school system and the robust fit's Progression (its pooled rule when o
// has the classic one).
func CompareMethods(e *engine.Enrolment, b *engine.Births, o *Options, co CompareOptions) (*Comparison, error) {
	if o == nil {
		o = &Options{}
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	h, nominal, origins, err := co.check(e, o)
	if err != nil {
		return nil, err
	}
	first, last := e.FirstYear+1, origins[len(origins)-1]
	cr, note := newCohortRun(co.City, e)
	r, err := newRolling(e, b, o, first, last, h, cr)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Origins: origins, Horizon: h, Nominal: nominal, Outliers: r.outliers}
	if cr == nil {
		c.Notes = append(c.Notes, note)
	} else {
		c.Notes = append(c.Notes, cr.notes(origins)...)
	}
	bands := r.bands(nominal)
	c.Rows = r.methodRows(cr, origins, bands)
	c.Units = r.unitScores(origins)
	c.Choices = r.choices(last)
	oi := int(last - first)
	for k := 1; k <= h; k++ {
		bd := bands[oi*h+k-1]
		c.Bands = append(c.Bands, ErrorBand{Ahead: k, Lo: bd.lo, Hi: bd.hi, Errors: bd.n})
	}
	return c, nil
}

// methodRows scores every method at every horizon; the cohort method only
// where it was compared.
func (r *rolling) methodRows(cr *cohortRun, origins []engine.Year, bands []band) []MethodRow {
	var rows []MethodRow
	for m, name := range Methods {
		if m == mCohort && !cr.compared(origins) {
			continue
		}
		for k := 1; k <= r.h; k++ {
			rows = append(rows, r.row(m, name, k, origins, bands))
		}
	}
	return rows
}

// choices is the method chosen for each unit with pupils in the last
// origin year, with its score.
func (r *rolling) choices(last engine.Year) []UnitChoice {
	var out []UnitChoice
	oi := int(last - r.first)
	for i := range r.e.Units {
		u := &r.e.Units[i]
		if math.IsNaN(r.act(i, last)) {
			continue
		}
		m := int(r.chosen[oi*r.nu+i])
		s, _ := r.score(m, i, last)
		out = append(out, UnitChoice{Unit: u.ID, District: u.District, Method: Methods[m], Score: s})
	}
	return out
}

// check returns the horizon, the nominal share and the sorted origins, or
// what is wrong with them.
func (co CompareOptions) check(e *engine.Enrolment, o *Options) (int, float64, []engine.Year, error) {
	h := co.Horizon
	if h == 0 {
		h = 5
	}
	nominal := co.Nominal
	if nominal == 0 {
		nominal = 0.8
	}
	if len(co.Origins) == 0 || h < 1 || h > 30 || nominal <= 0 || nominal >= 1 {
		return 0, 0, nil, fmt.Errorf("%w: backtest: want origins, a horizon of 1–30 years and a nominal share in (0, 1)", ErrInput)
	}
	origins := slices.Sorted(slices.Values(co.Origins))
	for _, y := range origins {
		if y < e.FirstYear+1 || y >= e.LastYear {
			return 0, 0, nil, fmt.Errorf("%w: backtest: origin %d must leave a year to fit on and a year to test (%s holds %d–%d)", ErrInput, y, engine.EnrolmentFile, e.FirstYear, e.LastYear)
		}
		if o.Progression.excluded(y) {
			return 0, 0, nil, fmt.Errorf("%w: backtest: origin %d is an excluded shock year: the projections would start from it", ErrInput, y)
		}
	}
	return h, nominal, origins, nil
}

// row scores method m at horizon k over the origins.
func (r *rolling) row(m int, name string, k int, origins []engine.Year, bands []band) MethodRow {
	rs := rowScore{
		row:     MethodRow{Method: name, Ahead: k},
		unitErr: make([]float64, r.nu), unitNaive: make([]float64, r.nu), unitN: make([]int, r.nu),
	}
	for _, o := range origins {
		rs.origin(r, m, k, o, bands, len(origins))
	}
	rs.finish(r)
	return rs.row
}

// rowScore accumulates one method's errors at one horizon over the
// origins, in origin then unit order.
type rowScore struct {
	row MethodRow
	// unitErr, unitNaive and unitN sum each unit's errors of the method
	// and of naive, and count them.
	unitErr, unitNaive []float64
	unitN              []int
	// covered counts the actual values within their error band.
	covered int
}

// origin adds the errors of the projection from origin o, k years ahead.
func (rs *rowScore) origin(r *rolling, m, k int, o engine.Year, bands []band, origins int) {
	oi, y := int(o-r.first), o+engine.Year(k)
	dp, da := make([]float64, r.nd), make([]float64, r.nd)
	var cp, ca float64
	bd := bands[oi*r.h+k-1]
	for i := range r.e.Units {
		a, p := r.act(i, y), r.at(m, oi, i, k)
		if math.IsNaN(a) || math.IsNaN(p) {
			continue
		}
		d := r.district[i]
		dp[d] += p
		da[d] += a
		cp += p
		ca += a
		if a > 0 {
			rs.unit(i, a, p, r.at(mNaive, oi, i, k), bd, m == mChosen)
		}
	}
	if ca > 0 {
		ce := 100 * (cp - ca) / ca
		rs.row.CityError += ce / float64(origins)
		rs.row.CityMaxError = max(rs.row.CityMaxError, math.Abs(ce))
	}
	rs.row.DistrictMAPE += districtAPE(dp, da) / float64(origins)
}

// unit adds unit i's error: actual a, projected p, naive projection
// naive; banded says whether the row counts coverage of the band bd.
func (rs *rowScore) unit(i int, a, p, naive float64, bd band, banded bool) {
	ape := 100 * math.Abs(p-a) / a
	rs.row.Compared++
	rs.row.MAPE += ape
	rs.row.Bias += 100 * (p - a) / a
	rs.unitErr[i] += ape
	rs.unitNaive[i] += 100 * math.Abs(naive-a) / a
	rs.unitN[i]++
	if banded && bd.n > 0 {
		rs.row.Banded++
		if a >= p*bd.lo && a <= p*bd.hi {
			rs.covered++
		}
	}
}

// finish turns the sums into means, finds the worst unit and the share of
// units naive beats, and the band coverage.
func (rs *rowScore) finish(r *rolling) {
	row := &rs.row
	if row.Compared > 0 {
		row.MAPE /= float64(row.Compared)
		row.Bias /= float64(row.Compared)
	}
	var beaten, units int
	for i, n := range rs.unitN {
		if n == 0 {
			continue
		}
		if v := rs.unitErr[i] / float64(n); v > row.WorstMAPE {
			row.WorstUnit, row.WorstMAPE = r.e.Units[i].ID, v
		}
		units++
		if rs.unitNaive[i] < rs.unitErr[i] {
			beaten++
		}
	}
	if units > 0 {
		row.NaiveBeats = 100 * float64(beaten) / float64(units)
	}
	if row.Banded > 0 {
		cov := 100 * float64(rs.covered) / float64(row.Banded)
		row.Coverage = &cov
	}
}

// districtAPE is the mean absolute percentage error of the district sums
// of one year.
func districtAPE(p, a []float64) float64 {
	var s float64
	n := 0
	for d, av := range a {
		if av > 0 {
			s += 100 * math.Abs(p[d]-av) / av
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

// band is one origin's and horizon's band factors on the projection.
type band struct {
	lo, hi float64
	n      int
}

// bands takes, for each origin t and horizon k, the chosen method's
// log(actual / projected) over the BandDepth latest earlier origins o with
// o + k ≤ t and all units, and their (1 ∓ nominal)/2 quantiles:
// bands[oi·h + k − 1]. With fewer than minBandErrors errors the band is
// empty (n = 0).
func (r *rolling) bands(nominal float64) []band {
	out := make([]band, r.origins*r.h)
	var pool []float64
	for oi := range r.origins {
		for k := 1; k <= r.h; k++ {
			out[oi*r.h+k-1], pool = r.bandAt(r.first+engine.Year(oi), k, nominal, pool)
		}
	}
	return out
}

// bandAt is the band of horizon k for a projection from year t (pool:
// scratch space, returned for reuse).
func (r *rolling) bandAt(t engine.Year, k int, nominal float64, pool []float64) (band, []float64) {
	pool = pool[:0]
	for o := t - engine.Year(k); o > t-engine.Year(k+BandDepth) && o >= r.first; o-- {
		if int(o-r.first) < r.origins {
			pool = r.appendErrors(pool, int(o-r.first), k)
		}
	}
	if len(pool) < minBandErrors {
		return band{}, pool
	}
	return band{lo: math.Exp(quantile(pool, (1-nominal)/2)), hi: math.Exp(quantile(pool, (1+nominal)/2)), n: len(pool)}, pool
}

// BandDepth is how many of the latest fully observed origins a band's
// errors come from: recent enough to reflect today's volatility.
const BandDepth = 8

func (r *rolling) appendErrors(dst []float64, oi, k int) []float64 {
	y := r.first + engine.Year(oi+k)
	for i := range r.e.Units {
		a, p := r.act(i, y), r.at(mChosen, oi, i, k)
		if math.IsNaN(a) || math.IsNaN(p) || a <= 0 || p <= 0 {
			continue
		}
		dst = append(dst, math.Log(a/p))
	}
	return dst
}

// quantile is the q-quantile of v by linear interpolation (v is sorted
// in place).
func quantile(v []float64, q float64) float64 {
	slices.Sort(v)
	x := q * float64(len(v)-1)
	i := int(x)
	if i+1 >= len(v) {
		return v[len(v)-1]
	}
	return v[i] + (x-float64(i))*(v[i+1]-v[i])
}

// unitScores are the chosen method's and naive's errors per unit over the
// origins and horizons.
func (r *rolling) unitScores(origins []engine.Year) []BacktestUnit {
	var out []BacktestUnit
	for i := range r.e.Units {
		u := &r.e.Units[i]
		bu := BacktestUnit{ID: u.ID, School: u.School, District: u.District}
		for _, o := range origins {
			oi := int(o - r.first)
			for k := 1; k <= r.h; k++ {
				a, p := r.act(i, o+engine.Year(k)), r.at(mChosen, oi, i, k)
				if math.IsNaN(a) || math.IsNaN(p) || a <= 0 {
					continue
				}
				bu.Compared++
				bu.MAPE += 100 * math.Abs(p-a) / a
				bu.NaiveMAPE += 100 * math.Abs(r.at(mNaive, oi, i, k)-a) / a
				bu.Bias += 100 * (p - a) / a
			}
		}
		if bu.Compared > 0 {
			k := float64(bu.Compared)
			bu.MAPE, bu.NaiveMAPE, bu.Bias = bu.MAPE/k, bu.NaiveMAPE/k, bu.Bias/k
			out = append(out, bu)
		}
	}
	return out
}
