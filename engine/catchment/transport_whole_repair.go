package catchment

import "math"

// repair moves areas out of school j until it fits.
func (w *wholeState) repair(j int32) {
	s := w.s
	w.newRepair(j)
	for w.load[j] > s.capa[j] {
		bi, ba, bx := int32(-1), int32(-1), math.Inf(1)
		for _, mb := range w.members[j] {
			i := mb.area
			a, c := w.roomOut(i, j)
			if x := float64(s.supply[i]) * (c - w.cost(i)); x < bx || x == bx && i < bi {
				bi, ba, bx = i, a, x
			}
		}
		w.unplace(bi)
		w.place(bi, ba)
		if ba >= 0 {
			w.touched[s.school[ba]] = true
		}
	}
}

// roomEntry is the way out of the school under repair found for one of
// its areas: arc (−1: unplaced) at cost, found in repair stamp while
// arc's school was at version ver.
type roomEntry struct {
	arc        int32
	ver, stamp uint32
	cost       float64
}

// newRepair starts the repair of school j: the ways out found before
// are void, and maxFree is the most free seats of another school.
func (w *wholeState) newRepair(j int32) {
	w.repairs++
	if w.repairs == 0 { // wrapped: stamps of old repairs could match
		clear(w.rooms)
		w.repairs = 1
	}
	s := w.s
	w.maxFree = 0
	for k := range s.m {
		if int32(k) != j {
			w.maxFree = max(w.maxFree, s.capa[k]-w.load[k])
		}
	}
}

// roomOut returns area i's cheapest way out of school j: a listed school
// with room (bestRoom), else one found on the grid (widenRoom), else
// unplaced. While j is repaired the other schools only fill, so a way
// out found in this repair stays the cheapest until its own school takes
// an area: roomOut answers from rooms until then. (A school found by
// widenRoom is listed from then on, where bestRoom would find it again.)
func (w *wholeState) roomOut(i, j int32) (int32, float64) {
	s := w.s
	e := &w.rooms[i]
	if e.stamp == w.repairs && (e.arc < 0 || w.version[s.school[e.arc]] == e.ver) {
		return e.arc, e.cost
	}
	a, c := w.bestRoom(i, j)
	if a < 0 && s.grid != nil {
		a, c = w.widenRoom(i, j)
	}
	*e = roomEntry{arc: a, stamp: w.repairs, cost: c}
	if a >= 0 {
		e.ver = w.version[s.school[a]]
	}
	return a, c
}

// widenRoom scans the grid for the nearest school to area i, nearer than
// Unplaced, with room (other than skip), that the area does not list, and
// lists it; −1 when there is none. The scan meets the schools ring by
// ring; once one qualifies, only a nearer one can take its place, so the
// scan's limit falls to just beyond it (by roomSlack: the grid rounds a
// cell's distance otherwise than a school's, and must not skip a nearer
// one for it). The nearest first met wins a tie, as in a full scan.
func (w *wholeState) widenRoom(i, skip int32) (int32, float64) {
	s := w.s
	need := int64(s.supply[i])
	if need > w.maxFree {
		return -1, s.u // no school has room: the scan would find none
	}
	best, bestJ := s.u, int32(-1)
	lim := s.u
	s.grid.scan(s.areas[i], false, &lim, func(j int32, d float64) {
		if j == skip || !(d >= 0) || d >= best || w.load[j]+need > s.capa[j] || w.arcTo(i, j) >= 0 {
			return
		}
		best, bestJ = d, j
		lim = best + roomSlack*(1+best)
	})
	if bestJ < 0 {
		return -1, s.u
	}
	return w.addArc(i, Arc{School: bestJ, Cost: best}), best
}

// roomSlack is the relative margin beyond the nearest school found at
// which widenRoom's scan stops.
const roomSlack = 1e-9
