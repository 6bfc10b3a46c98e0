package catchment

import (
	"math"

	"github.com/paulmach/orb"
)

// start places every area at its cheapest option under the (warm) prices,
// then lowers to 0 the price of every school left with room, moving the
// areas that now prefer it, until only full schools are priced.
func (s *sspSolver) start() {
	s.areaStamp = resize(s.areaStamp, s.n) // any values: entries compare with their own
	geometric := s.prob.Areas != nil || s.prob.Schools != nil
	if geometric {
		s.indexSchools()
	}
	s.startLists(geometric)
	if s.keepStart && geometric {
		s.placeFirst()
	} else {
		s.placeAll(nil)
	}
	if s.opt.Warm == nil || s.grid != nil {
		return
	}
	// Warm (sparse form): free seats must be priced 0.
	for {
		zeroed := s.zeroFreeSeats()
		if len(zeroed) == 0 {
			return
		}
		s.placeAll(zeroed)
	}
}

// placeFirst is placeAll(nil) of the geometric form through the start
// cache: each area's first list is restored when the cache matches the
// problem, and recorded otherwise.
func (s *sspSolver) placeFirst() {
	c := &s.startCache
	hit := c.matches(s)
	if !hit {
		c.reset(s)
	}
	for i := range int32(s.n) {
		var bk int
		if hit {
			bk = c.restore(s, i)
		} else {
			bk = s.listCheapest(i)
			c.record(s, i, bk)
		}
		s.putAt(i, bk)
	}
}

// indexSchools puts the schools with seats on the price grid (geometric
// form).
func (s *sspSolver) indexSchools() {
	use := make([]bool, s.m)
	for j := range s.m {
		use[j] = s.capacity[j] > 0
	}
	s.grid = newPriceGrid(s.prob.Schools, use, s.price[:s.m])
	s.widenStep = s.grid.cell
}

// zeroFreeSeats prices 0 every school with a price and free seats, and
// returns them.
func (s *sspSolver) zeroFreeSeats() []int32 {
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
	return zeroed
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
			if !s.mayMove(int32(i), cheaper, zeroed) {
				continue
			}
			s.unassign(int32(i))
		}
		s.place(int32(i))
	}
}

// mayMove reports whether area i may now be cheaper elsewhere, the
// schools of zeroed (marked in cheaper) having just been priced 0: only
// an area that lists one of them, or could find one unlisted below its
// cost, can move. It lowers hid[i] to the unlisted ones, whose prices just
// fell.
func (s *sspSolver) mayMove(i int32, cheaper []bool, zeroed []int32) bool {
	w := s.areaCost(i)
	move := false
	for _, a := range s.arcs[i] {
		if cheaper[a.school] && a.cost < w {
			move = true
		}
	}
	if s.grid != nil && s.lowerHidden(i, zeroed, w) {
		move = true
	}
	return move
}

// lowerHidden lowers hid[i] to the distance of each school of zeroed that
// area i does not list, and reports whether one is below w.
func (s *sspSolver) lowerHidden(i int32, zeroed []int32, w float64) bool {
	q := s.prob.Areas[i]
	below := false
	for _, j := range zeroed {
		if d := dist(q, s.prob.Schools[j]); d < s.hiddenBound[i] && !s.listed(i, j) {
			s.hiddenBound[i] = d
			if d < w {
				below = true
			}
		}
	}
	return below
}

// dist is the straight-line distance from a to b.
func dist(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// listed reports whether area i lists school j.
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

// unassign takes area i's children back from wherever they sit.
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
	if s.grid == nil {
		s.putAt(i, s.cheapestListed(i))
	} else {
		s.putAt(i, s.listCheapest(i))
	}
}

// cheapestListed (sparse form) returns the index of area i's cheapest
// listed school with seats, if cheaper than unplaced, else −1; it copies
// the area's arcs from the problem on first use, and sets hid[i] to +Inf
// (the area lists all it may use).
func (s *sspSolver) cheapestListed(i int32) int {
	if s.arcs[i] == nil {
		lo, hi := s.prob.Start[i], s.prob.Start[i+1]
		s.arcs[i] = s.arcArena[lo:hi:hi]
		for k := range s.arcs[i] {
			s.arcs[i][k] = sspArc{school: s.prob.School[lo+int32(k)], cost: s.prob.Cost[lo+int32(k)]}
		}
	}
	s.hiddenBound[i] = math.Inf(1)
	best, bk := s.unplacedCost, -1
	for k, a := range s.arcs[i] {
		if v := a.cost + s.price[a.school]; v < best && s.capacity[a.school] > 0 {
			best, bk = v, k
		}
	}
	return bk
}

// listCheapest (geometric form) lists area i's initListed cheapest
// schools at the current prices that are cheaper than unplaced, sets
// hid[i] to the priced cost of the next, and returns the index of the
// cheapest in the list, or −1 when none is cheaper than unplaced.
func (s *sspSolver) listCheapest(i int32) int {
	var t topPriced
	lim := math.Inf(1)
	s.grid.scan(s.prob.Areas[i], true, &lim, func(j int32, d float64) {
		if t.add(d+s.price[j], j) {
			lim = t.top[initListed].v
		}
	})
	s.hiddenBound[i] = math.Inf(1)
	if t.n == initListed+1 {
		s.hiddenBound[i] = t.top[initListed].v
	}
	bk := -1
	for k := range min(t.n, initListed) {
		j := t.top[k].j
		if t.top[k].v >= s.unplacedCost {
			s.hiddenBound[i] = min(s.hiddenBound[i], t.top[k].v) // unlisted, and dearer than unplaced
			break
		}
		f := s.arcAt(i, j)
		if f < 0 {
			f = int32(len(s.arcs[i]))
			s.arcs[i] = append(s.arcs[i], sspArc{school: j, cost: t.top[k].v - s.price[j]})
		}
		if k == 0 {
			bk = int(f)
		}
	}
	return bk
}

// topPriced keeps the initListed+1 cheapest schools a scan meets, by
// priced cost, cheapest first (the first met first at a tie).
type topPriced struct {
	top [initListed + 1]pricedSchool
	n   int
}

// pricedSchool is a school and its priced cost d + π.
type pricedSchool struct {
	v float64
	j int32
}

// add keeps school j at priced cost v if it is among the cheapest, and
// reports whether every slot is full (the last is then the scan's limit).
func (t *topPriced) add(v float64, j int32) bool {
	k := min(t.n, initListed)
	if t.n <= initListed {
		t.n++
	}
	for k > 0 && t.top[k-1].v > v {
		t.top[k] = t.top[k-1]
		k--
	}
	t.top[k] = pricedSchool{v, j}
	return t.n == initListed+1
}

// putAt places all of area i's children at its arc bk, or unplaced when bk
// is −1, and records them for the school's move heaps.
func (s *sspSolver) putAt(i int32, bk int) {
	sup := s.supply[i]
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
