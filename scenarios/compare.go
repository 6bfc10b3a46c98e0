package scenarios

import (
	"errors"
	"fmt"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// ErrCompare is returned by Compare when it has nothing to compare.
var ErrCompare = errors.New("scenarios: nothing to compare")

// CompareOptions tune Compare; nil means defaults.
type CompareOptions struct {
	// Metrics sets the thresholds of the indicators; a field it leaves
	// zero is the scenario's policy limit, else the default.
	Metrics *metrics.Options
}

// Comparison puts several runs side by side: per stage, year and district,
// the figures of every scenario, in the order given. Differences are taken
// to the first scenario (see Figures.Delta).
type Comparison struct {
	Scenarios   []string
	First, Last engine.Year // the union of the runs' years
	// Districts is the union of the runs' districts, matched by id, in the
	// order of the first run's city (then any new ones).
	Districts []ComparedDistrict
	Stages    [engine.NumStages]StageComparison
	// Indicators holds each scenario's indicators (districts by the index
	// of that scenario's city: see ComparedDistrict.Index).
	Indicators []*metrics.Indicators
	// Distance is how each scenario measured distances (its policy
	// distance): mean distances are walks where it is engine.Network.
	Distance []engine.DistanceKind
}

// ComparedDistrict is a district of the comparison.
type ComparedDistrict struct {
	ID, Name string
	// Index is the district's index in each scenario's city, or -1 where
	// that city has no district of this id.
	Index []int
}

// StageComparison is one stage's years.
type StageComparison struct {
	Stage engine.Stage
	Years []YearComparison // First..Last
}

// YearComparison is one year: the city, then every district, each with one
// Figures per scenario.
type YearComparison struct {
	Year      engine.Year
	City      []Figures
	Districts [][]Figures // [district][scenario]
}

// Figures are one scenario's numbers for a district (or the city) in a
// year.
type Figures struct {
	// Present is false where the scenario does not run that year or its
	// city lacks the district; the other fields are then zero.
	Present    bool
	Entrants   int
	Admitted   int
	Unplaced   int
	EntrySeats int
	Capacity   int
	Enrolled   int
	// Utilisation is Enrolled / Capacity (0 without capacity).
	Utilisation float64
	// MeanDistance is the mean distance from home area to school of the
	// year's admitted entrants (0 with none admitted).
	MeanDistance engine.Meters
}

// Delta returns f − base field by field, Present when both are.
func (f Figures) Delta(base Figures) Figures {
	if !f.Present || !base.Present {
		return Figures{}
	}
	return Figures{Present: true,
		Entrants: f.Entrants - base.Entrants, Admitted: f.Admitted - base.Admitted,
		Unplaced: f.Unplaced - base.Unplaced, EntrySeats: f.EntrySeats - base.EntrySeats,
		Capacity: f.Capacity - base.Capacity, Enrolled: f.Enrolled - base.Enrolled,
		Utilisation:  f.Utilisation - base.Utilisation,
		MeanDistance: f.MeanDistance - base.MeanDistance}
}

// Compare lines up the results of several scenarios (at least one) and
// works out each one's indicators.
func Compare(results []*Result, opts *CompareOptions) (*Comparison, error) {
	if err := checkResults(results); err != nil {
		return nil, err
	}
	var mo *metrics.Options
	if opts != nil {
		mo = opts.Metrics
	}
	cmp := &Comparison{First: results[0].First, Last: results[0].Last}
	byID := map[string]int{}
	for k, r := range results {
		cmp.addRun(k, r, len(results), byID)
		cmp.Indicators = append(cmp.Indicators, r.Indicators(mo))
		cmp.Distance = append(cmp.Distance, r.Distance)
	}
	for _, st := range engine.Stages {
		cmp.Stages[st] = cmp.stage(st, results)
	}
	return cmp, nil
}

// checkResults checks that there are results and that none is empty.
func checkResults(results []*Result) error {
	if len(results) == 0 {
		return ErrCompare
	}
	for k, r := range results {
		if r == nil || r.Result == nil || r.City == nil {
			return fmt.Errorf("%w: result %d is empty", ErrCompare, k+1)
		}
	}
	return nil
}

// addRun adds the name, years and districts of run k of n (byID: the
// districts so far, by id, into cmp.Districts).
func (cmp *Comparison) addRun(k int, r *Result, n int, byID map[string]int) {
	name := ""
	if r.Scenario != nil {
		name = r.Scenario.Name
	}
	cmp.Scenarios = append(cmp.Scenarios, name)
	cmp.First, cmp.Last = min(cmp.First, r.First), max(cmp.Last, r.Last)
	for di := range r.City.Districts {
		d := &r.City.Districts[di]
		j, ok := byID[d.ID]
		if !ok {
			j = len(cmp.Districts)
			byID[d.ID] = j
			cmp.Districts = append(cmp.Districts, newComparedDistrict(d, n))
		}
		cmp.Districts[j].Index[k] = di
	}
}

// newComparedDistrict is district d, in none of the n runs' cities yet.
func newComparedDistrict(d *engine.District, n int) ComparedDistrict {
	cd := ComparedDistrict{ID: d.ID, Name: d.Name, Index: make([]int, n)}
	for i := range cd.Index {
		cd.Index[i] = -1
	}
	return cd
}

// stage lines up the years of stage st (none when no run runs it).
func (cmp *Comparison) stage(st engine.Stage, results []*Result) StageComparison {
	sc := StageComparison{Stage: st}
	if !slices.ContainsFunc(results, func(r *Result) bool { return r.City.Runs(st) }) {
		return sc
	}
	for y := cmp.First; y <= cmp.Last; y++ {
		sc.Years = append(sc.Years, cmp.year(st, y, results))
	}
	return sc
}

// year lines up the runs' figures of stage st in year y.
func (cmp *Comparison) year(st engine.Stage, y engine.Year, results []*Result) YearComparison {
	yc := YearComparison{Year: y, City: make([]Figures, len(results)), Districts: make([][]Figures, len(cmp.Districts))}
	for j := range yc.Districts {
		yc.Districts[j] = make([]Figures, len(results))
	}
	for k, r := range results {
		yr := r.Stages[st].Year(y)
		if yr == nil {
			continue
		}
		city, dist := figures(r, yr)
		yc.City[k] = city
		for j := range cmp.Districts {
			if di := cmp.Districts[j].Index[k]; di >= 0 {
				yc.Districts[j][k] = dist[di]
			}
		}
	}
	return yc
}

// figures returns the city's and each district's figures of one year.
func figures(r *Result, yr *sim.YearResult) (Figures, []Figures) {
	c := r.City
	fig := func(t *sim.Totals) Figures {
		return Figures{Present: true, Entrants: t.Entrants, Admitted: t.Admitted, Unplaced: t.Unplaced,
			EntrySeats: t.EntrySeats, Capacity: t.Capacity, Enrolled: t.Enrolled, Utilisation: t.Utilisation()}
	}
	city := fig(&yr.City)
	dist := make([]Figures, len(c.Districts))
	for di := range yr.Districts {
		dist[di] = fig(&yr.Districts[di].Totals)
	}
	// Mean distance of the admitted: Σ n·d / Σ n, by the home district.
	sum := make([]float64, len(c.Districts))
	n := make([]int, len(c.Districts))
	metrics.EachAdmission(c, r.Schools, yr, func(area, _ int, d engine.Meters, k int) {
		di := c.Areas[area].District
		sum[di] += float64(k) * float64(d)
		n[di] += k
	})
	var all float64
	var alln int
	for di := range dist {
		if n[di] > 0 {
			dist[di].MeanDistance = engine.Meters(sum[di] / float64(n[di]))
		}
		all += sum[di]
		alln += n[di]
	}
	if alln > 0 {
		city.MeanDistance = engine.Meters(all / float64(alln))
	}
	return city, dist
}
