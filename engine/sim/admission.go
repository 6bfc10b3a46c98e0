package sim

import (
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/catchment"
)

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

// supply is each school's entry seats (engine.School.EntrySeats with its
// streams after expansions and its temporary classes), shared seats and
// oversize room in year y.
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
		streams := r.plan.entryStreams(s, r.st, y)
		seats[s], shared[s] = int32(sc.EntrySeats(r.st, streams, size)), int32(sc.SharedSeats[r.st])
		over[s] = int32(max(0, streams*(r.opt.Policy.OversizeClassSizeFor(r.st)-size)))
	}
	return seats, shared, over
}

// input is the admission round of year y for the given entrants.
func (r *stageRun) input(y engine.Year, ent []int32) *admit.Input {
	seats, shared, over := r.supply(y)
	in := &admit.Input{City: r.plan.city, Stage: r.st, Year: y, Policy: &r.opt.Policy,
		Entrants: ent, Assign: r.assign, Seats: seats, Shared: shared, Zone: r.plan.zone, Oversize: over, Dist: r.dist}
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
	ent, err := r.entryRound(y)
	if err != nil {
		return nil, err
	}
	r.adm = admit.Result{}
	in := r.input(y, ent)
	in.Progressions = r.progressions(y)
	r.entry = in.Seats
	if err := admit.Admit(in, &r.adm); err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	return &YearResult{Year: y, AreaEntrants: ent, AreaAdmitted: r.adm.Admitted, AreaBase: r.adm.Base,
		Admissions: r.adm.Other, Assign: r.assign, Distances: r.dist}, nil
}

// entryRound returns this year's entrants and sets the catchment of a
// balanced policy, solved ahead (balanceahead.go).
func (r *stageRun) entryRound(y engine.Year) ([]int32, error) {
	if r.ahead == nil {
		return r.entrants(y, r.plan.city.System.EntryAge(r.st), nil)
	}
	ay := r.ahead.next(r.st, y)
	if ay.err != nil {
		return nil, ay.err
	}
	r.assign = ay.assign
	return ay.entrants, nil
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
	opt := catchment.Options{Stage: r.st, Open: r.open, CrossDistrict: pol.CrossDistrict, Dist: r.dist}
	a, _, err := r.balancer.Balance(r.ctx, r.plan.catchCity, opt, ent, capacity,
		&catchment.BalanceOptions{Split: pol.Split, Unplaced: pol.UnplacedCostFor(r.st)})
	if err != nil {
		return fmt.Errorf("sim: %s %d: %w", r.st, y, err)
	}
	r.assign = a
	return nil
}

// warmStart fills the older grades of the first year (see the package
// doc): by admitting each older grade's children, then from the enrolled
// property of the schools that give it.
func (r *stageRun) warmStart(y engine.Year) error {
	if err := r.warmAdmit(y); err != nil {
		return err
	}
	r.warmEnrolled()
	return nil
}

// warmAdmit admits each older grade's resident children of year y through
// this year's catchment and seats, as if they had entered under it, into
// the schools open to the stage before y (not one that gains it in y).
func (r *stageRun) warmAdmit(y engine.Year) error {
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
			if r.open[s] && c.Schools[s].Opens < y && r.plan.kind(s, y-1).Serves(r.st) {
				r.enrolled[s][k] = int(res.Total(s))
			}
		}
	}
	return nil
}

// warmEnrolled sets the older grades of the open schools that give an
// enrolled property from it.
func (r *stageRun) warmEnrolled() {
	c := r.plan.city
	grades := c.System.Grades(r.st)
	entry := c.System.EntryGrade(r.st)
	for s := range c.Schools {
		sc := &c.Schools[s]
		if sc.Enrolled == nil || !r.teach[s] {
			continue
		}
		for k := 1; k < grades; k++ {
			r.enrolled[s][k] = sc.Enrolled[entry+k]
		}
	}
}
