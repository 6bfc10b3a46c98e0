package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// ErrChange is wrapped by errors in a scenario's changes.
var ErrChange = errors.New("sim: invalid change")

// Options say what to run. First and Last are required.
type Options struct {
	First, Last engine.Year
	Policy      engine.Policy
	Changes     []engine.Change
	// Progress, when set, is called after each stage-year.
	Progress func(st engine.Stage, y engine.Year)
	// Demand gives the resident children per area; nil means the city's
	// forecast.csv (forecast.New).
	Demand Demand
}

// Demand answers resident children of one age per area and year
// (forecast.Demand, forecast.Projection).
type Demand interface {
	Children(dst []float64, y engine.Year, age int) ([]float64, error)
	Check(first, last engine.Year, ages []int) error
}

// Run simulates c from opt.First to opt.Last for the stages it runs
// (c.Stages()); the StageResult of a stage not run has no years. c is not
// modified.
func Run(ctx context.Context, c *engine.City, opt *Options) (*Result, error) {
	if opt == nil || opt.First == 0 || opt.Last < opt.First {
		return nil, fmt.Errorf("sim: need a year range, got %v", opt)
	}
	plan, err := newPlan(c, opt)
	if err != nil {
		return nil, err
	}
	demand := opt.Demand
	if demand == nil {
		demand = forecast.New(plan.city)
	}
	for _, st := range c.Stages() {
		ages := c.System.Ages(st)
		if err := demand.Check(opt.First, opt.Last, ages[:1]); err != nil {
			return nil, fmt.Errorf("sim: %s: %w", st, err)
		}
		if err := demand.Check(opt.First, opt.First, ages[1:]); err != nil {
			return nil, fmt.Errorf("sim: %s: warm start: %w", st, err)
		}
	}
	res := &Result{First: opt.First, Last: opt.Last, Schools: plan.city.Schools}
	for _, st := range engine.Stages {
		res.Stages[st].Stage = st
	}
	for _, st := range c.Stages() {
		r := &stageRun{plan: plan, demand: demand, st: st, opt: opt}
		sr, err := r.run(ctx)
		if err != nil {
			return nil, err
		}
		res.Stages[st] = *sr
	}
	return res, nil
}

// plan is the city with the scenario's changes laid out by year.
type plan struct {
	city      *engine.City // a copy whose Schools include new schools
	expand    [][]expansion
	mergeInto []int // per school: target of its closure, or -1
	swaps     []swap
	zone      []int32 // per school: sharing zone index, or -1
}

type swap struct {
	schools [2]int
	seats   int
	year    engine.Year
}

type expansion struct {
	year    engine.Year
	streams [engine.NumStages]int
}

func newPlan(c *engine.City, opt *Options) (*plan, error) {
	if err := engine.CheckChanges(c, &opt.Policy, opt.First, opt.Last, opt.Changes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrChange, err)
	}
	cc := *c
	cc.Schools = slices.Clone(c.Schools)
	p := &plan{city: &cc}
	ids := make(map[string]int, len(cc.Schools))
	for i := range cc.Schools {
		ids[cc.Schools[i].ID] = i
	}
	// New schools first, so later changes may name them.
	for _, ch := range opt.Changes {
		if ns, ok := ch.(engine.NewSchool); ok {
			ids[ns.School.ID] = len(cc.Schools)
			cc.Schools = append(cc.Schools, ns.School)
		}
	}
	if err := stagesRun(&cc, ids, opt.Changes); err != nil {
		return nil, err
	}
	p.expand = make([][]expansion, len(cc.Schools))
	p.mergeInto = make([]int, len(cc.Schools))
	for i := range p.mergeInto {
		p.mergeInto[i] = -1
	}
	for _, ch := range opt.Changes {
		p.apply(ch, ids)
	}
	p.zones()
	for s := range p.expand {
		slices.SortStableFunc(p.expand[s], func(a, b expansion) int { return int(a.year - b.year) })
	}
	return p, nil
}

// apply lays one change, checked by engine.CheckChanges, into the plan.
func (p *plan) apply(ch engine.Change, ids map[string]int) {
	cc := p.city
	switch ch := ch.(type) {
	case engine.Expand:
		s := ids[ch.School]
		e := expansion{year: ch.Year}
		for _, st := range cc.Stages() {
			if cc.Schools[s].Kind.Serves(st) && (ch.Stages == nil || slices.Contains(ch.Stages, st)) {
				e.streams[st] = ch.Streams
			}
		}
		p.expand[s] = append(p.expand[s], e)
	case engine.Close:
		s := ids[ch.School]
		cc.Schools[s].Closes = ch.Year
		if ch.MergeInto != "" {
			p.mergeInto[s] = ids[ch.MergeInto]
		}
	case engine.SeatSwap:
		p.swaps = append(p.swaps, swap{schools: [2]int{ids[ch.Schools[0]], ids[ch.Schools[1]]}, seats: ch.Seats, year: ch.Year})
	}
}

// zones numbers the sharing zones.
func (p *plan) zones() {
	cc := p.city
	zones := map[string]int32{}
	p.zone = make([]int32, len(cc.Schools))
	for i := range cc.Schools {
		z := cc.Schools[i].SharingZone
		if z == "" {
			p.zone[i] = -1
			continue
		}
		if _, ok := zones[z]; !ok {
			zones[z] = int32(len(zones))
		}
		p.zone[i] = zones[z]
	}
}

// stagesRun is an error for the first change (new_school, close,
// seat_swap) naming a school that teaches no stage c runs: it would change
// nothing. Unknown ids are left to newPlan; an expand of such a school
// finds no stage to expand.
func stagesRun(c *engine.City, ids map[string]int, changes []engine.Change) error {
	for k, ch := range changes {
		var schools []string
		switch ch := ch.(type) {
		case engine.NewSchool:
			schools = []string{ch.School.ID}
		case engine.Close:
			schools = []string{ch.School}
		case engine.SeatSwap:
			schools = ch.Schools[:]
		}
		for _, id := range schools {
			s, ok := ids[id]
			if !ok || runsAny(c, c.Schools[s].Kind) {
				continue
			}
			return fmt.Errorf("%w: change %d: %s school %q teaches no stage the run has (only %s)", ErrChange, k+1, c.Schools[s].Kind, id, c.Stages()[0])
		}
	}
	return nil
}

// runsAny reports whether a school of kind k teaches a stage c runs.
func runsAny(c *engine.City, k engine.Kind) bool {
	for _, st := range c.Stages() {
		if k.Serves(st) {
			return true
		}
	}
	return false
}

// streams is school s's streams in stage st in year y.
func (p *plan) streams(s int, st engine.Stage, y engine.Year) int {
	n := p.city.Schools[s].Streams[st]
	for _, e := range p.expand[s] {
		if e.year <= y {
			n += e.streams[st]
		}
	}
	return n
}

// stageRun is the state of one stage through the years.
type stageRun struct {
	plan   *plan
	demand Demand
	st     engine.Stage
	opt    *Options

	open     []bool
	enrolled [][]int // per school, per grade offset
	assign   *engine.Assignment
	children []float64
	cum      []float64
	adm      admit.Result
	entry    []int32 // this year's entry seats per school
	ctx      context.Context
}

func (r *stageRun) run(ctx context.Context) (*StageResult, error) {
	r.ctx = ctx
	c := r.plan.city
	nS := len(c.Schools)
	grades := c.System.Grades(r.st)
	r.open = make([]bool, nS)
	r.enrolled = make([][]int, nS)
	for s := range r.enrolled {
		r.enrolled[s] = make([]int, grades)
	}
	r.cum = make([]float64, len(c.Districts))
	sr := &StageResult{Stage: r.st}
	prevOpen := make([]bool, nS)
	for y := r.opt.First; y <= r.opt.Last; y++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("sim: %s %d: %w", r.st, y, err)
		}
		changed := y == r.opt.First
		for s := range c.Schools {
			sc := &c.Schools[s]
			r.open[s] = sc.Kind.Serves(r.st) && sc.OpenIn(y) && r.plan.streams(s, r.st, y) > 0
			if r.open[s] != prevOpen[s] {
				changed = true
			}
		}
		if y > r.opt.First {
			r.progress(prevOpen)
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
		for s := range c.Schools {
			if r.open[s] {
				r.enrolled[s][0] = int(r.adm.Total(s))
			}
		}
		r.record(yr)
		sr.Years = append(sr.Years, *yr)
		copy(prevOpen, r.open)
		if r.opt.Progress != nil {
			r.opt.Progress(r.st, y)
		}
	}
	return sr, nil
}

// progress moves every pupil up a grade and moves the pupils of schools
// that closed to their merge target or the nearest open school.
func (r *stageRun) progress(wasOpen []bool) {
	keep := r.opt.Policy.RetentionFor(r.st)
	for _, g := range r.enrolled {
		for k := len(g) - 1; k > 0; k-- {
			g[k] = int(math.Round(float64(g[k-1]) * keep))
		}
		g[0] = 0
	}
	var targets *catchment.Finder
	for s := range r.enrolled {
		if !wasOpen[s] || r.open[s] {
			continue
		}
		t := r.plan.mergeInto[s]
		if t < 0 || !r.open[t] {
			if targets == nil {
				targets = catchment.NewFinder(r.plan.city, catchment.Options{Stage: r.st, Open: r.open, CrossDistrict: r.opt.Policy.CrossDistrict})
			}
			sc := &r.plan.city.Schools[s]
			t, _ = targets.Nearest(sc.District, sc.Point)
		}
		if t >= 0 {
			for k, n := range r.enrolled[s] {
				r.enrolled[t][k] += n
			}
		}
		clear(r.enrolled[s])
	}
}

func (r *stageRun) catchment() (*engine.Assignment, error) {
	opt := catchment.Options{Stage: r.st, Open: r.open, CrossDistrict: r.opt.Policy.CrossDistrict}
	if r.opt.Policy.Catchment == engine.Zones {
		a, err := catchment.Zones(r.plan.city, opt, r.plan.mergeInto)
		if err != nil {
			return nil, fmt.Errorf("sim: %s: %w", r.st, err)
		}
		return a, nil
	}
	return catchment.Nearest(r.plan.city, opt), nil
}

// entrants rounds the children of one age (× take-up) to whole children.
func (r *stageRun) entrants(y engine.Year, age int, dst []int32) ([]int32, error) {
	c := r.plan.city
	var err error
	r.children, err = r.demand.Children(r.children, y, age)
	if err != nil {
		return nil, fmt.Errorf("sim: %s %d: %w", r.st, y, err)
	}
	take := r.opt.Policy.TakeUpFor(r.st)
	if cap(dst) < len(c.Areas) {
		dst = make([]int32, len(c.Areas))
	}
	dst = dst[:len(c.Areas)]
	clear(r.cum)
	for i := range c.Areas {
		d := c.Areas[i].District
		before := math.Round(r.cum[d])
		r.cum[d] += r.children[i] * take
		dst[i] = int32(math.Round(r.cum[d]) - before)
	}
	return dst, nil
}

// supply is each school's entry seats, shared seats and oversize room in
// year y. A school whose schools.geojson gives base_seats admits
// base_seats + shared_seats (its admission plan) plus what expansions add;
// otherwise its entry seats are streams × class size, shared_seats of them
// shared.
func (r *stageRun) supply(y engine.Year) (seats, shared, over []int32) {
	c := r.plan.city
	n := len(c.Schools)
	seats, shared, over = make([]int32, n), make([]int32, n), make([]int32, n)
	for s := range c.Schools {
		if !r.open[s] {
			continue
		}
		sc := &c.Schools[s]
		size := r.opt.Policy.ClassSizeFor(sc, r.st)
		streams := r.plan.streams(s, r.st, y)
		entry := streams * size
		if sc.BaseSeats[r.st] > 0 {
			entry = sc.BaseSeats[r.st] + sc.SharedSeats[r.st] + (streams-sc.Streams[r.st])*size
		}
		seats[s], shared[s] = int32(entry), int32(sc.SharedSeats[r.st])
		over[s] = int32(max(0, streams*(r.opt.Policy.OversizeClassSizeFor(r.st)-size)))
	}
	return seats, shared, over
}

// input is the admission round of year y for the given entrants.
func (r *stageRun) input(y engine.Year, ent []int32) *admit.Input {
	seats, shared, over := r.supply(y)
	in := &admit.Input{City: r.plan.city, Stage: r.st, Year: y, Policy: &r.opt.Policy,
		Entrants: ent, Assign: r.assign, Seats: seats, Shared: shared, Zone: r.plan.zone, Oversize: over}
	for _, sw := range r.plan.swaps {
		a, b := sw.schools[0], sw.schools[1]
		if sw.year > y || !r.open[a] || !r.open[b] {
			continue
		}
		c := r.plan.city
		in.Swaps = append(in.Swaps,
			admit.Swap{School: int32(a), District: int32(c.Schools[b].District), Seats: int32(sw.seats)},
			admit.Swap{School: int32(b), District: int32(c.Schools[a].District), Seats: int32(sw.seats)})
	}
	return in
}

// admit runs this year's entry-grade round.
func (r *stageRun) admit(y engine.Year) (*YearResult, error) {
	ent, err := r.entrants(y, r.plan.city.System.EntryAge(r.st), nil)
	if err != nil {
		return nil, err
	}
	if r.opt.Policy.Catchment == engine.Balanced {
		if err := r.balance(y, ent); err != nil {
			return nil, err
		}
	}
	r.adm = admit.Result{}
	in := r.input(y, ent)
	r.entry = in.Seats
	if err := admit.Admit(in, &r.adm); err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	return &YearResult{Year: y, AreaEntrants: ent, AreaAdmitted: r.adm.Admitted, AreaBase: r.adm.Base,
		Admissions: r.adm.Other, Assign: r.assign}, nil
}

// balance solves this year's balanced catchment for the entrants, over
// each school's base seats (entry seats less shared seats).
func (r *stageRun) balance(y engine.Year, ent []int32) error {
	seats, shared, _ := r.supply(y)
	capacity := make([]int32, len(seats))
	for s := range seats {
		capacity[s] = max(0, seats[s]-shared[s])
	}
	pol := &r.opt.Policy
	opt := catchment.Options{Stage: r.st, Open: r.open, CrossDistrict: pol.CrossDistrict}
	a, _, err := catchment.Balance(r.ctx, r.plan.city, opt, ent, capacity,
		&catchment.BalanceOptions{Split: pol.Split, Unplaced: pol.UnplacedCostFor(r.st)})
	if err != nil {
		return fmt.Errorf("sim: %s %d: %w", r.st, y, err)
	}
	r.assign = a
	return nil
}

// warmStart fills the older grades of the first year (see the package doc).
func (r *stageRun) warmStart(y engine.Year) error {
	c := r.plan.city
	ages := c.System.Ages(r.st)
	var res admit.Result
	for k := 1; k < len(ages); k++ {
		ent, err := r.entrants(y, ages[k], nil)
		if err != nil {
			return fmt.Errorf("warm start: %w", err)
		}
		in := r.input(y, ent)
		in.Year = y - engine.Year(k)
		if err := admit.Admit(in, &res); err != nil {
			return fmt.Errorf("sim: warm start: %w", err)
		}
		for s := range c.Schools {
			if r.open[s] && c.Schools[s].Opens < y {
				r.enrolled[s][k] = int(res.Total(s))
			}
		}
	}
	for s := range c.Schools {
		sc := &c.Schools[s]
		if sc.Enrolled == nil || !r.open[s] {
			continue
		}
		for k := 1; k < len(ages); k++ {
			r.enrolled[s][k] = sc.Enrolled[c.System.EntryGrade(r.st)+k]
		}
	}
	return nil
}

// record fills the school, district and city rows of yr.
func (r *stageRun) record(yr *YearResult) {
	c := r.plan.city
	grades := c.System.Grades(r.st)
	yr.Districts = make([]DistrictYear, len(c.Districts))
	for d := range yr.Districts {
		yr.Districts[d].District = d
	}
	large := 2000
	if r.st == engine.Junior {
		large = 2500
	}
	for s := range c.Schools {
		if !r.open[s] {
			continue
		}
		sc := &c.Schools[s]
		streams := r.plan.streams(s, r.st, yr.Year)
		size := r.opt.Policy.ClassSizeFor(sc, r.st)
		row := SchoolYear{
			School: s, Streams: streams, ClassSize: size,
			EntrySeats: int(r.entry[s]), Capacity: streams * grades * size,
			Applicants: int(r.adm.Applicants[s]), Admitted: int(r.adm.Total(s)),
			Base: int(r.adm.Taken[admit.RouteBase][s]), Shared: int(r.adm.Taken[admit.RouteShared][s]),
			Placed: int(r.adm.Taken[admit.RoutePlaced][s]), Oversize: int(r.adm.Taken[admit.RouteOversize][s]),
			unplaced: int(r.adm.Taken[admit.RouteUnplaced][s]),
			Grades:   slices.Clone(r.enrolled[s]), ClassesAvailable: streams * grades,
		}
		for _, n := range row.Grades {
			row.Enrolled += n
			row.ClassesNeeded += (n + size - 1) / size
			if streams > 0 {
				row.MaxClassSize = max(row.MaxClassSize, float64(n)/float64(streams))
			}
		}
		if row.Capacity > 0 {
			row.Utilisation = float64(row.Enrolled) / float64(row.Capacity)
		}
		yr.Schools = append(yr.Schools, row)
		for _, t := range []*Totals{&yr.Districts[sc.District].Totals, &yr.City} {
			t.EntrySeats += row.EntrySeats
			t.Capacity += row.Capacity
			t.Enrolled += row.Enrolled
			t.Schools++
			t.ClassesNeeded += row.ClassesNeeded
			t.ClassesAvailable += row.ClassesAvailable
			if row.Enrolled > row.Capacity {
				t.OverCapacity++
			}
			if row.Enrolled > large {
				t.OversizeSchools++
			}
		}
	}
	for i := range c.Areas {
		e, a, b := int(yr.AreaEntrants[i]), int(yr.AreaAdmitted[i]), int(yr.AreaBase[i])
		for _, t := range []*Totals{&yr.Districts[c.Areas[i].District].Totals, &yr.City} {
			t.Entrants += e
			t.Admitted += a
			t.Unplaced += e - a
			t.Base += b
		}
	}
	for _, ad := range yr.Admissions {
		n := int(ad.Students)
		for _, t := range []*Totals{&yr.Districts[c.Areas[ad.Area].District].Totals, &yr.City} {
			switch ad.Route {
			case admit.RouteBase:
				t.Base += n
			case admit.RouteShared:
				t.Shared += n
			case admit.RoutePlaced:
				t.Placed += n
			case admit.RouteOversize:
				t.Oversize += n
			}
		}
	}
}
