package catchment

import "math"

// A swap of area i (at school j, gaining gain_i by its move) into school k
// needs a member b of k whose size s_b fits both schools after the trade
// (lo ≤ s_b ≤ hi) and who lists j, at a cost that leaves a gain:
//
//	gain_i + s_b·(c_bk − c_bj) > ε.
//
// Most tries find none, after scanning every member of k. So for each
// pair (k, j) tried, the members of k that list j are kept with their
// s_b·(c_bk − c_bj), and the largest of these; when it fails, or none of
// those of fitting size passes, swapInto need not scan. A pair's list is rebuilt once k's members
// change (place and unplace bump k's version); the areas' lists do not
// change while the passes run (only repair adds arcs, before them).

// swapCand is a member b of school k that lists j: its size and
// s_b·(c_bk − c_bj).
type swapCand struct {
	supply int32
	t      float64
}

// swapPair is the list of pair (k, j), swapCands[lo:hi] (in members
// order), and the largest t in it; valid while k's version is ver.
type swapPair struct {
	ver    uint32
	lo, hi int32
	tmax   float64
}

// swapSlack is the relative margin by which a candidate must miss ε for
// the scan to be skipped: its term is rounded once here and once in
// swapInto (or not at all, fused into a multiply–add), so a candidate
// within the margin sends swapInto to the scan.
const swapSlack = 1e-12

// swapHopeless reports whether no member of school k of size in [lo, hi]
// can trade places with area i at school j when i gains gainI: then
// swapInto would scan k's members for nothing.
func (w *wholeState) swapHopeless(k, j int32, lo, hi int64, gainI, eps float64) bool {
	p := w.swapList(k, j)
	if p.hi == p.lo || !passes(gainI, p.tmax, eps) {
		return true
	}
	for _, e := range w.swapCands[p.lo:p.hi] {
		if sb := int64(e.supply); sb >= lo && sb <= hi && passes(gainI, e.t, eps) {
			return false
		}
	}
	return true
}

// passes reports whether gainI + t may exceed eps, give or take the
// rounding of t.
func passes(gainI, t, eps float64) bool {
	return gainI+t+swapSlack*(max(gainI, -gainI)+max(t, -t)) > eps
}

// swapList returns the list of pair (k, j), building it when k's members
// changed since it was built; a list rebuilt takes the place of the old
// one when it fits there.
func (w *wholeState) swapList(k, j int32) swapPair {
	key := uint64(k)<<32 | uint64(j)
	old, ok := w.swapPairs[key]
	if ok && old.ver == w.version[k] {
		return old
	}
	s := w.s
	p := swapPair{ver: w.version[k], tmax: math.Inf(-1)}
	at := len(w.swapCands)
	for _, mb := range w.members[k] {
		if bj := w.arcTo(mb.area, j); bj >= 0 {
			t := float64(mb.supply) * (s.cost[w.assign[mb.area]] - s.cost[bj])
			w.swapCands = append(w.swapCands, swapCand{supply: mb.supply, t: t})
			p.tmax = max(p.tmax, t)
		}
	}
	n := int32(len(w.swapCands) - at)
	p.lo = int32(at)
	if ok && old.hi-old.lo >= n {
		copy(w.swapCands[old.lo:], w.swapCands[at:])
		w.swapCands = w.swapCands[:at]
		p.lo = old.lo
	}
	p.hi = p.lo + n
	w.swapPairs[key] = p
	return p
}
