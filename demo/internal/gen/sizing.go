package gen

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/paulmach/orb"
)

// maxFitSteps bounds the relocation steps of one district and stage (a safety net: the demo
// needs a few dozen).
const maxFitSteps = 400

// ratio returns the district's target ratio of entry seats to catchment peak demand for st.
func (d *district) ratio(st stageSpec) float64 {
	if st.Stage == stagePrimary {
		return d.FactorP
	}
	return d.FactorJ
}

// need returns the streams a catchment of peak demand v asks for: the target ratio × v in
// classes, rounded up (0 for no demand).
func (d *district) need(st stageSpec, v float64) int {
	x := d.ratio(st) * v / float64(st.Class)
	return int(math.Ceil(x - 1e-9))
}

// movable reports whether the catchment fit may move s to another site: existing schools of
// stage st, and for the primary stage also the existing nine-year schools (not planned openings
// or closing schools).
func (s *school) movable(st stageSpec) bool {
	if s.Planned || s.Closes != 0 {
		return false
	}
	return s.Stage == st.Stage || s.Stage == stageNineYear && st.Stage == stagePrimary
}

// fitState is the result of sizing every school of a stage against its catchment.
type fitState struct {
	cs    *catchments
	peak  []float64 // per school: peak entry-age demand over its open years (0 if not serving)
	need  []int     // per school: streams the peak asks for, unbounded
	over  int       // Σ streams above the schools' maxima
	under int       // Σ streams below the schools' minima (schools with some demand)
	idle  int       // movable schools whose catchment has no demand
	sq    float64   // Σ need², to prefer balanced catchments
}

// better reports whether f is a better fit than g: fewer streams over the maxima, then fewer
// below the minima, then fewer idle schools, then more even catchments.
func (f *fitState) better(g *fitState) bool {
	switch {
	case f.over != g.over:
		return f.over < g.over
	case f.under != g.under:
		return f.under < g.under
	case f.idle != g.idle:
		return f.idle < g.idle
	}
	return f.sq < g.sq-1e-9
}

// evaluate computes the catchments of stage st and each school's need.
func (d *district) evaluate(st stageSpec) *fitState {
	f := &fitState{cs: d.catchments(st), peak: make([]float64, len(d.Schools)), need: make([]int, len(d.Schools))}
	for i, s := range d.Schools {
		if !s.serves(st.Stage) {
			continue
		}
		f.peak[i], _ = f.cs.peak(d, i)
		n := d.need(st, f.peak[i])
		f.need[i] = n
		lo, hi := s.bounds(st)
		switch {
		case n > hi:
			f.over += n - hi
		case n == 0 && s.movable(st):
			f.idle++
		case n < lo:
			f.under += lo - n
		}
		f.sq += float64(n * n)
	}
	return f
}

// fit moves schools of stage st so that every catchment's need lies within the schools'
// bounds, as far as it can. Each step puts a second school into a big catchment, 50–350 m from
// the one of its residential areas that gives the best fit:
//
//   - if a catchment asks for more than its school's maximum, into the one that exceeds it most:
//     the movable school with the smallest catchment if that one asks for fewer than the
//     minimum streams, else a new school;
//   - else, if a movable school's catchment asks for fewer than the minimum, that school into
//     the first catchment it can split of the five nearest their maximum (largest peak first
//     among equals).
//
// A step is kept only if it improves the fit (see fitState.better); a catchment that no step
// improves, or a small school that fits nowhere, is left as it is. Movable schools left with no
// demand at all are dropped.
func (c *city) fit(d *district, st stageSpec) error {
	cur := d.evaluate(st)
	stuck := map[*school]bool{}
	for step := 0; step < maxFitSteps; step++ {
		donor := fitDonor(d, st, cur, stuck)
		targets := fitTargets(d, st, cur, stuck, donor)
		var next *fitState
		var err error
		switch {
		case len(targets) > 0 && cur.excess(d, st, targets[0]) > 0:
			next, err = c.splitLargest(d, st, cur, targets[0], donor, step, stuck)
		case donor >= 0:
			next, err = c.placeDonor(d, st, cur, targets, donor, step, stuck)
		default:
			step = maxFitSteps
		}
		if err != nil {
			return err
		}
		if next != nil {
			cur = next
		}
	}
	dropEmpty(d, st, cur)
	return nil
}

// fitDonor is the movable school with the smallest peak if it asks for
// fewer than its minimum streams, else -1.
func fitDonor(d *district, st stageSpec, cur *fitState, stuck map[*school]bool) int {
	donor := -1
	for i, s := range d.Schools {
		if s.movable(st) && !stuck[s] && (donor < 0 || cur.peak[i] < cur.peak[donor]) {
			donor = i
		}
	}
	if donor >= 0 {
		if lo, _ := d.Schools[donor].bounds(st); cur.need[donor] >= lo {
			return -1
		}
	}
	return donor
}

// excess is how many streams school i's catchment asks for beyond its
// maximum.
func (cur *fitState) excess(d *district, st stageSpec, i int) int {
	_, hi := d.Schools[i].bounds(st)
	return cur.need[i] - hi
}

// fitTargets lists the catchments to split, biggest excess over the
// maximum first, then largest peak.
func fitTargets(d *district, st stageSpec, cur *fitState, stuck map[*school]bool, donor int) []int {
	var targets []int
	for i, s := range d.Schools {
		if s.serves(st.Stage) && !stuck[s] && i != donor && cur.need[i] > 0 {
			targets = append(targets, i)
		}
	}
	sort.SliceStable(targets, func(a, b int) bool {
		ea, eb := cur.excess(d, st, targets[a]), cur.excess(d, st, targets[b])
		if ea != eb {
			return ea > eb
		}
		return cur.peak[targets[a]] > cur.peak[targets[b]]
	})
	return targets
}

// splitLargest splits the catchment t with the largest excess: with the
// donor if there is one, else with a new school; t is stuck if neither
// improves the fit.
func (c *city) splitLargest(d *district, st stageSpec, cur *fitState, t, donor, step int, stuck map[*school]bool) (*fitState, error) {
	var next *fitState
	var err error
	if donor >= 0 {
		next, err = c.split(d, st, cur, t, donor, step)
	}
	if err == nil && next == nil {
		next, err = c.split(d, st, cur, t, -1, step)
	}
	if err == nil && next == nil {
		stuck[d.Schools[t]] = true
	}
	return next, err
}

// placeDonor moves the donor into the first of the five first targets it
// improves; the donor is stuck if none.
func (c *city) placeDonor(d *district, st stageSpec, cur *fitState, targets []int, donor, step int, stuck map[*school]bool) (*fitState, error) {
	for _, t := range targets[:min(5, len(targets))] {
		next, err := c.split(d, st, cur, t, donor, step)
		if err != nil || next != nil {
			return next, err
		}
	}
	stuck[d.Schools[donor]] = true
	return nil, nil
}

// dropEmpty drops the movable schools left without any demand.
func dropEmpty(d *district, st stageSpec, cur *fitState) {
	kept := d.Schools[:0]
	for i, s := range d.Schools {
		if s.movable(st) && cur.need[i] == 0 {
			continue
		}
		kept = append(kept, s)
	}
	d.Dropped += len(d.Schools) - len(kept)
	d.Schools = kept
}

// sitesPerArea is how many sites split tries around each residential area.
const sitesPerArea = 3

// split tries to put a second school into the catchment of school target: the donor (index in
// d.Schools) if donor ≥ 0, else a new school. It tries sitesPerArea sites 50–350 m from each
// residential area of the catchment (in the school's peak year) and keeps the best; it returns
// nil if no site improves on cur.
func (c *city) split(d *district, st stageSpec, cur *fitState, target, donor, step int) (*fitState, error) {
	_, y := cur.cs.peak(d, target)
	if y == 0 {
		return nil, nil
	}
	var cands []*area
	for i, a := range d.Areas {
		if cur.cs.assign[y-FirstYear][i] == target && cur.cs.area[y-FirstYear][i] > 0 {
			cands = append(cands, a)
		}
	}
	mover := &school{Stage: st.Stage, District: d, seq: len(d.Schools)}
	if donor >= 0 {
		mover = d.Schools[donor]
	} else {
		d.Schools = append(d.Schools, mover)
	}
	old := mover.Pt
	var best *fitState
	var bestPt orb.Point
	var bestA *area
	for _, a := range cands {
		r := newRNG("site", d.Code, st.Stage, strconv.Itoa(step), strconv.Itoa(target), a.ID)
		for range sitesPerArea {
			pt, err := c.place(r, d, a.Pt, 0.05, 0.35, fmt.Sprintf("%s school near %s", st.Stage, a.ID))
			if err != nil {
				return nil, err
			}
			mover.Pt = pt
			if f := d.evaluate(st); f.better(cur) && (best == nil || f.better(best)) {
				best, bestPt, bestA = f, pt, a
			}
		}
	}
	if best == nil {
		mover.Pt = old
		if donor < 0 {
			d.Schools = d.Schools[:len(d.Schools)-1]
		}
		return nil, nil
	}
	mover.Pt, mover.Town = bestPt, bestA.Town
	if donor >= 0 {
		mover.moved = true
	} else {
		mover.added = true
	}
	return best, nil
}

// sizeSchools sizes every school to its own catchment. For each district and stage it fits the
// catchments (fit), then marks the closures (closeSchools) and fits their districts again, and finally sets each school's streams: the target ratio × the peak
// entry-age demand of its catchment over the years it is open, in classes rounded up, within
// the stage's bounds (a nine-year school gets junior_streams when its two stages differ).
func (c *city) sizeSchools() error {
	for _, d := range c.districts {
		for _, st := range sizedStages {
			if err := c.fit(d, st); err != nil {
				return err
			}
		}
	}
	if err := c.closeSchools(); err != nil {
		return err
	}
	for _, cl := range closures {
		// the primary fit may move a nine-year school, so the junior catchments are fitted again too
		for _, st := range sizedStages {
			if err := c.fit(c.byCode[cl.District], st); err != nil {
				return err
			}
		}
	}
	for _, d := range c.districts {
		for _, st := range sizedStages {
			f := d.evaluate(st)
			for i, s := range d.Schools {
				if !s.serves(st.Stage) {
					continue
				}
				lo, hi := s.bounds(st)
				n := min(hi, max(lo, f.need[i]))
				if st.Stage == stageJunior && s.Stage == stageNineYear {
					s.JuniorStreams = n
				} else {
					s.Streams = n
				}
			}
		}
		for _, s := range d.Schools {
			if s.JuniorStreams == s.Streams {
				s.JuniorStreams = 0
			}
		}
	}
	return nil
}
