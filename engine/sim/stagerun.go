package sim

import (
	"context"
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/catchment"
)

// stageRun is the state of one stage through the years.
type stageRun struct {
	plan   *plan
	demand Demand
	st     engine.Stage
	opt    *Options

	open     []bool  // admitting the stage this year
	teach    []bool  // teaching it: admitting, or phasing out (phaseout.go)
	enrolled [][]int // per school, per grade offset
	assign   *engine.Assignment
	children []float64
	cum      []float64
	adm      admit.Result
	entry    []int32 // this year's entry seats per school
	// primary is the primary stage's result, run before the junior stage
	// (no years when the city does not run it): its leavers.
	primary *StageResult
	// balancer, in a run solving balanced catchments ahead, keeps the
	// solver's memory from year to year (balanceahead.go).
	balancer *catchment.Balancer
	// ahead, under a balanced policy, gives each year's entrants and
	// catchment, solved ahead of the year loop (balanceahead.go).
	ahead *balanceAhead
	ctx   context.Context
	// dist measures the stage's distances for every year (distance.go).
	dist engine.Distances
}

// run simulates the stage from opt.First to opt.Last.
func (r *stageRun) run(ctx context.Context) (*StageResult, error) {
	r.ctx = ctx
	r.start()
	sr := &StageResult{Stage: r.st}
	prevOpen := make([]bool, len(r.plan.city.Schools))
	prevTeach := make([]bool, len(r.plan.city.Schools))
	for y := r.opt.First; y <= r.opt.Last; y++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("sim: %s %d: %w", r.st, y, err)
		}
		yr, err := r.year(y, prevOpen, prevTeach)
		if err != nil {
			return nil, err
		}
		sr.Years = append(sr.Years, *yr)
		copy(prevOpen, r.open)
		copy(prevTeach, r.teach)
		if r.opt.Progress != nil {
			r.opt.Progress(r.st, y)
		}
	}
	return sr, nil
}

// start sizes the per-school and per-district state.
func (r *stageRun) start() {
	c := r.plan.city
	grades := c.System.Grades(r.st)
	r.open = make([]bool, len(c.Schools))
	r.teach = make([]bool, len(c.Schools))
	r.enrolled = make([][]int, len(c.Schools))
	for s := range r.enrolled {
		r.enrolled[s] = make([]int, grades)
	}
	r.cum = make([]float64, len(c.Districts))
}

// year runs year y (steps 1–7 of the package doc): which schools are open,
// pupils moved up a grade, the catchment redrawn when the open schools
// changed, the entry round (and in the first year the warm start), and
// the year's rows. wasOpen and wasTeaching are last year's admitting and
// teaching schools.
func (r *stageRun) year(y engine.Year, wasOpen, wasTeaching []bool) (*YearResult, error) {
	changed := r.openSchools(y, wasOpen) || y == r.opt.First
	if y > r.opt.First {
		r.progress(wasTeaching)
	}
	if changed && r.opt.Policy.Catchment != engine.Balanced {
		a, err := r.catchment()
		if err != nil {
			return nil, err
		}
		r.assign = a
	}
	yr, err := r.admit(y)
	if err != nil {
		return nil, err
	}
	if y == r.opt.First {
		if err := r.warmStart(y); err != nil {
			return nil, err
		}
	}
	r.enter()
	r.record(yr)
	return yr, nil
}

// enter makes this year's admissions the entry grade of the open schools.
func (r *stageRun) enter() {
	for s := range r.enrolled {
		if r.open[s] {
			r.enrolled[s][0] = int(r.adm.Total(s))
		}
	}
}

// openSchools sets which schools admit the stage in year y (serving it,
// open, with streams) and which teach it (phaseout.go), and reports
// whether the admitting ones differ from wasOpen.
func (r *stageRun) openSchools(y engine.Year, wasOpen []bool) bool {
	changed := false
	for s := range r.plan.city.Schools {
		sc := &r.plan.city.Schools[s]
		r.open[s] = r.plan.kind(s, y).Serves(r.st) && sc.OpenIn(y) && r.plan.streams(s, r.st, y) > 0
		r.teach[s] = r.open[s] || r.plan.teaches(s, r.st, y)
		if r.open[s] != wasOpen[s] {
			changed = true
		}
	}
	return changed
}

// progress moves every pupil up a grade and moves the pupils of schools
// that stopped teaching the stage (closed) to their merge target or the
// nearest open school; a school phasing out keeps its pupils.
func (r *stageRun) progress(wasTeaching []bool) {
	r.moveUp()
	var targets *catchment.Finder
	for s := range r.enrolled {
		if !wasTeaching[s] || r.teach[s] {
			continue
		}
		t := r.plan.mergeInto[s]
		if (t < 0 || !r.open[t]) && walks(r.dist) {
			t = r.nearestToSchool(s)
		} else if t < 0 || !r.open[t] {
			if targets == nil {
				targets = catchment.NewFinder(r.plan.catchCity, catchment.Options{Stage: r.st, Open: r.open, CrossDistrict: r.opt.Policy.CrossDistrict})
			}
			sc := &r.plan.city.Schools[s]
			t, _ = targets.Nearest(sc.District, sc.Point)
		}
		r.moveSchool(s, t)
	}
}

// moveUp moves every grade up a year with the retention ratio (rounded);
// the last grade leaves and the entry grade is left empty.
func (r *stageRun) moveUp() {
	keep := r.opt.Policy.RetentionFor(r.st)
	for _, g := range r.enrolled {
		for k := len(g) - 1; k > 0; k-- {
			g[k] = int(math.Round(float64(g[k-1]) * keep))
		}
		g[0] = 0
	}
}

// moveSchool moves the pupils of closed school s, grade by grade, to
// school t (none when t < 0: they leave the results).
func (r *stageRun) moveSchool(s, t int) {
	if t >= 0 {
		for k, n := range r.enrolled[s] {
			r.enrolled[t][k] += n
		}
	}
	clear(r.enrolled[s])
}

// catchment draws the catchment of the open schools under the policy.
func (r *stageRun) catchment() (*engine.Assignment, error) {
	opt := catchment.Options{Stage: r.st, Open: r.open, CrossDistrict: r.opt.Policy.CrossDistrict, Dist: r.dist}
	if r.opt.Policy.Catchment == engine.Zones {
		a, err := catchment.Zones(r.plan.catchCity, opt, r.plan.mergeInto)
		if err != nil {
			return nil, fmt.Errorf("sim: %s: %w", r.st, err)
		}
		return a, nil
	}
	return catchment.Nearest(r.plan.catchCity, opt), nil
}
