package catchment

import (
	"slices"

	"github.com/paulmach/orb"
)

// startCache remembers each area's first schools (the lists, hidden
// bounds and choices of listCheapest) from one geometric solve to the
// next. At the start every price is 0, so they depend only on the areas'
// and schools' points, on which schools have seats and on the unplaced
// cost, which a simulation keeps from year to year; the scans of the grid
// are then not repeated.
type startCache struct {
	// The inputs the entries were made from.
	areas, schools []orb.Point
	hasSeats       []bool
	unplaced       float64
	// Per area: its first schools (initListed a slot), how many, its
	// hidden bound and the index of its cheapest in the list (−1: none
	// cheaper than unplaced).
	arcs  []startArc
	count []uint8
	hid   []float64
	best  []int8
}

// startArc is a school of an area's first list and its distance.
type startArc struct {
	school int32
	cost   float64
}

// matches reports whether the entries were made for the problem of s.
func (c *startCache) matches(s *sspSolver) bool {
	if c.unplaced != s.unplacedCost || len(c.count) != s.n || len(c.hasSeats) != s.m {
		return false
	}
	for j := range s.m {
		if c.hasSeats[j] != (s.capacity[j] > 0) {
			return false
		}
	}
	return slices.Equal(c.areas, s.prob.Areas) && slices.Equal(c.schools, s.prob.Schools)
}

// reset empties the cache for the problem of s, keeping its memory.
func (c *startCache) reset(s *sspSolver) {
	c.areas = append(c.areas[:0], s.prob.Areas...)
	c.schools = append(c.schools[:0], s.prob.Schools...)
	c.hasSeats = resize(c.hasSeats, s.m)
	for j := range s.m {
		c.hasSeats[j] = s.capacity[j] > 0
	}
	c.unplaced = s.unplacedCost
	c.arcs = resize(c.arcs, s.n*initListed)
	c.count = resize(c.count, s.n)
	c.hid = resize(c.hid, s.n)
	c.best = resize(c.best, s.n)
}

// record stores area i's first list, as listCheapest left it, and bk.
func (c *startCache) record(s *sspSolver, i int32, bk int) {
	slot := c.arcs[int(i)*initListed:]
	for k, a := range s.arcs[i] {
		slot[k] = startArc{a.school, a.cost}
	}
	c.count[i] = uint8(len(s.arcs[i]))
	c.hid[i] = s.hiddenBound[i]
	c.best[i] = int8(bk)
}

// restore gives area i its recorded first list and hidden bound, and
// returns the recorded choice.
func (c *startCache) restore(s *sspSolver, i int32) int {
	slot := c.arcs[int(i)*initListed:]
	for _, a := range slot[:c.count[i]] {
		s.arcs[i] = append(s.arcs[i], sspArc{school: a.school, cost: a.cost})
	}
	s.hiddenBound[i] = c.hid[i]
	return int(c.best[i])
}
