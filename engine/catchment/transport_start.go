package catchment

import (
	"math"

	"github.com/paulmach/orb"
)

// start places every area at its cheapest option under the (warm) prices,
// then lowers to 0 the price of every school left with room, moving the
// areas that now prefer it, until only full schools are priced.
func (s *sspSolver) start() {
	geometric := s.prob.Areas != nil || s.prob.Schools != nil
	if geometric {
		use := make([]bool, s.m)
		for j := range s.m {
			use[j] = s.capacity[j] > 0
		}
		s.grid = newPriceGrid(s.prob.Schools, use, s.price[:s.m])
		s.widenStep = s.grid.cell
	}
	s.startLists(geometric)
	s.placeAll(nil)
	if s.opt.Warm == nil || s.grid != nil {
		return
	}
	// Warm (sparse form): free seats must be priced 0.
	for {
		var zeroed []int32
		for j := range s.m {
			if s.price[j] > 0 && s.load[j] < s.capacity[j] {
				s.price[j] = 0
				zeroed = append(zeroed, int32(j))
				if s.grid != nil {
					s.grid.lower(int32(j))
				}
			}
		}
		if len(zeroed) == 0 {
			return
		}
		s.placeAll(zeroed)
	}
}

// startLists empties the areas' lists. In the geometric form each area
// gets initListed slots of one arena for its first schools (one
// allocation, not n; a list that grows beyond moves out), or keeps the
// memory of the former solve's list; in the sparse form the arena is the
// problem's arcs, which place copies in.
func (s *sspSolver) startLists(geometric bool) {
	if !geometric {
		s.arcArena = resize(s.arcArena, len(s.prob.School))
		s.geometricArena = false
		clear(s.arcs)
		return
	}
	if s.geometricArena && len(s.arcArena) == s.n*initListed {
		for i := range s.arcs {
			s.arcs[i] = s.arcs[i][:0]
		}
		return
	}
	s.arcArena = make([]sspArc, s.n*initListed)
	s.geometricArena = true
	for i := range s.arcs {
		k := i * initListed
		s.arcs[i] = s.arcArena[k : k : k+initListed]
	}
}

// arcAt returns the index of school j in area i's list, or −1.
func (s *sspSolver) arcAt(i, j int32) int32 {
	for k, a := range s.arcs[i] {
		if a.school == j {
			return int32(k)
		}
	}
	return -1
}

// placeAll (re)places every area at its cheapest option: all of them when
// zeroed is nil, else only those for which a school of zeroed (just
// priced 0) is now cheaper. It also sets hid.
func (s *sspSolver) placeAll(zeroed []int32) {
	var cheaper []bool
	if zeroed != nil {
		cheaper = make([]bool, s.m)
		for _, j := range zeroed {
			cheaper[j] = true
		}
	}
	for i := range s.n {
		if zeroed != nil {
			// Only areas that list a zeroed school, or could find one
			// unlisted below their cost, can move.
			w := s.areaCost(int32(i))
			move := false
			for _, a := range s.arcs[i] {
				if cheaper[a.school] && a.cost < w {
					move = true
				}
			}
			if s.grid != nil {
				// hid bounds unlisted schools: their prices just fell.
				q := s.prob.Areas[i]
				for _, j := range zeroed {
					if d := dist(q, s.prob.Schools[j]); d < s.hiddenBound[i] && !s.listed(int32(i), j) {
						s.hiddenBound[i] = d
						if d < w {
							move = true
						}
					}
				}
			}
			if !move {
				continue
			}
			s.unassign(int32(i))
		}
		s.place(int32(i))
	}
}

func dist(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

func (s *sspSolver) listed(i, j int32) bool {
	for _, a := range s.arcs[i] {
		if a.school == j {
			return true
		}
	}
	return false
}

// areaCost is w_i: the priced cost of where area i's children sit.
func (s *sspSolver) areaCost(i int32) float64 {
	if s.supply[i] == 0 {
		return 0
	}
	for _, a := range s.arcs[i] {
		if a.flow > 0 {
			return a.cost + s.price[a.school]
		}
	}
	return s.unplacedCost
}

func (s *sspSolver) unassign(i int32) {
	for k := range s.arcs[i] {
		a := &s.arcs[i][k]
		if a.flow > 0 {
			s.load[a.school] -= int64(a.flow)
			a.flow = 0
			s.drop(i, int32(k))
		}
	}
	s.unplaced[i] = 0
}

// place puts area i's children at its cheapest option, listing it first
// if need be, and sets hid[i].
func (s *sspSolver) place(i int32) {
	sup := s.supply[i]
	bk := -1
	if s.grid == nil {
		best := s.unplacedCost
		if s.arcs[i] == nil {
			lo, hi := s.prob.Start[i], s.prob.Start[i+1]
			s.arcs[i] = s.arcArena[lo:hi:hi]
			for k := range s.arcs[i] {
				s.arcs[i][k] = sspArc{school: s.prob.School[lo+int32(k)], cost: s.prob.Cost[lo+int32(k)]}
			}
		}
		s.hiddenBound[i] = math.Inf(1)
		for k, a := range s.arcs[i] {
			if v := a.cost + s.price[a.school]; v < best && s.capacity[a.school] > 0 {
				best, bk = v, k
			}
		}
	} else {
		q := s.prob.Areas[i]
		// The initListed cheapest schools, and the next for hid.
		type sv struct {
			v float64
			j int32
		}
		var top [initListed + 1]sv
		n := 0
		lim := math.Inf(1)
		s.grid.scan(q, true, &lim, func(j int32, d float64) {
			v := d + s.price[j]
			k := min(n, initListed)
			if n <= initListed {
				n++
			}
			for k > 0 && top[k-1].v > v {
				top[k] = top[k-1]
				k--
			}
			top[k] = sv{v, j}
			if n == initListed+1 {
				lim = top[initListed].v
			}
		})
		s.hiddenBound[i] = math.Inf(1)
		if n == initListed+1 {
			s.hiddenBound[i] = top[initListed].v
		}
		for k := range min(n, initListed) {
			j := top[k].j
			if top[k].v >= s.unplacedCost {
				s.hiddenBound[i] = min(s.hiddenBound[i], top[k].v) // unlisted, and dearer than unplaced
				break
			}
			f := s.arcAt(i, j)
			if f < 0 {
				f = int32(len(s.arcs[i]))
				s.arcs[i] = append(s.arcs[i], sspArc{school: j, cost: top[k].v - s.price[j]})
			}
			if k == 0 {
				bk = int(f)
			}
		}
	}
	if sup == 0 {
		return
	}
	if bk < 0 {
		s.unplaced[i] = sup
		return
	}
	a := &s.arcs[i][bk]
	a.flow = sup
	j := a.school
	s.load[j] += int64(sup)
	if s.materialized[j] {
		s.enter(i, int32(bk))
	} else {
		s.startMembers[j] = append(s.startMembers[j], i)
	}
}

// initListed is how many of its cheapest schools an area lists at the
// start (geometric form).
const initListed = 6
