package catchment

import "math"

// repair moves areas out of school j until it fits.
func (w *wholeState) repair(j int32) {
	s := w.s
	w.newRepair()
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

// newRepair starts a repair: the ways out found before are void.
func (w *wholeState) newRepair() {
	w.repairs++
	if w.repairs == 0 { // wrapped: stamps of old repairs could match
		clear(w.rooms)
		w.repairs = 1
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
	if a < 0 && s.widen != nil {
		a, c = w.widenRoom(i, j)
	}
	*e = roomEntry{arc: a, stamp: w.repairs, cost: c}
	if a >= 0 {
		e.ver = w.version[s.school[a]]
	}
	return a, c
}

// widenRoom asks Widen for area i's schools cheaper than Unplaced and
// returns the cheapest with room (other than skip), adding it to the
// area's list; −1 when there is none.
func (w *wholeState) widenRoom(i, skip int32) (int32, float64) {
	s := w.s
	need := int64(s.supply[i])
	w.buf = s.widen(int(i), s.u, w.buf[:0])
	best, bestJ := s.u, int32(-1)
	for _, arc := range w.buf {
		j := arc.School
		if j < 0 || int(j) >= s.m || j == skip || !(arc.Cost >= 0) || arc.Cost >= best || w.load[j]+need > s.capa[j] {
			continue
		}
		if w.arcTo(i, j) < 0 {
			best, bestJ = arc.Cost, j
		}
	}
	if bestJ < 0 {
		return -1, s.u
	}
	return w.addArc(i, Arc{School: bestJ, Cost: best}), best
}
