package catchment

// improve runs move and swap passes over the areas of touched schools
// (and the unplaced areas), until a pass improves nothing.
func (w *wholeState) improve() {
	for pass := range maxImprovePasses {
		work := w.workList()
		clear(w.touched)
		if !w.improvePass(work, pass < ejectPasses) {
			return
		}
	}
}

// workList returns the areas of the touched schools, then the unplaced
// areas with children, in w.work.
func (w *wholeState) workList() []int32 {
	s := w.s
	work := w.work[:0]
	for j := range s.m {
		if w.touched[j] {
			for _, mb := range w.members[j] {
				work = append(work, mb.area)
			}
		}
	}
	for i := range s.n {
		if w.assign[i] < 0 && s.supply[i] > 0 {
			work = append(work, int32(i))
		}
	}
	w.work = work
	return work
}

// improvePass tries a move, else a swap, else (with eject, for an
// unplaced area) an ejection for each area of work, and reports whether
// any was made.
func (w *wholeState) improvePass(work []int32, eject bool) bool {
	improved := false
	for _, i := range work {
		// Ejecting is what seats a large unplaced area where seats are
		// short; it is costly (each candidate's way out is sought), so
		// only unplaced areas try it, in the first passes.
		if w.move(i) || w.swap(i) || eject && w.assign[i] < 0 && w.eject(i) {
			improved = true
		}
	}
	return improved
}

// schoolOf returns area i's school, or −1 when it is unplaced.
func (w *wholeState) schoolOf(i int32) int32 {
	if a := w.assign[i]; a >= 0 {
		return w.s.school[a]
	}
	return -1
}

// move sends area i to a cheaper school with room.
func (w *wholeState) move(i int32) bool {
	s := w.s
	cur := w.cost(i)
	from := w.schoolOf(i)
	a, c := w.bestRoom(i, from)
	if !(c < cur) || (a < 0 && w.assign[i] < 0) {
		return false
	}
	w.unplace(i)
	w.place(i, a)
	if from >= 0 {
		w.touched[from] = true
	}
	if a >= 0 {
		w.touched[s.school[a]] = true
	}
	return true
}

// swap trades area i with an area of one of i's cheapest schools when
// both fit and the total cost falls.
func (w *wholeState) swap(i int32) bool {
	ai := w.assign[i]
	if ai < 0 {
		return false
	}
	cand, nc := w.swapTargets(i, ai)
	for _, a := range cand[:nc] {
		if w.swapInto(i, ai, a) {
			return true
		}
	}
	return false
}

// swapTargets returns the swapCandidates cheapest arcs of area i that
// are cheaper than its arc ai, to other schools, cheapest first.
func (w *wholeState) swapTargets(i, ai int32) ([swapCandidates]int32, int) {
	s := w.s
	j := s.school[ai]
	var cand [swapCandidates]int32
	nc := 0
	for a := range s.arcs(i) {
		if s.school[a] == j || !(s.cost[a] < s.cost[ai]) {
			continue
		}
		// Keep the swapCandidates cheapest.
		k := nc
		if nc < swapCandidates {
			nc++
		} else if s.cost[a] >= s.cost[cand[nc-1]] {
			continue
		} else {
			k = nc - 1
		}
		for k > 0 && s.cost[cand[k-1]] > s.cost[a] {
			cand[k] = cand[k-1]
			k--
		}
		cand[k] = a
	}
	return cand, nc
}

// swapInto moves area i from its arc ai to its arc a, and the first area
// b of a's school that can take i's school in return, when both fit and
// the total cost falls; it reports whether it did.
func (w *wholeState) swapInto(i, ai, a int32) bool {
	s := w.s
	j, k := s.school[ai], s.school[a]
	si := int64(s.supply[i])
	gainI := float64(si) * (s.cost[ai] - s.cost[a])
	// b of sb children fits when both schools do after the trade:
	// lo ≤ sb ≤ hi.
	lo, hi := w.load[k]+si-s.capa[k], s.capa[j]-w.load[j]+si
	if lo > hi {
		return false
	}
	eps := 1e-9 * (gainI + 1)
	// Most tries find no b: the pair's list shows it without the scan.
	if w.swapHopeless(k, j, lo, hi, gainI, eps) {
		return false
	}
	for _, mb := range w.members[k] {
		b, sb := mb.area, int64(mb.supply)
		if sb < lo || sb > hi {
			continue
		}
		bj := w.arcTo(b, j)
		if bj < 0 {
			continue
		}
		if gainI+float64(sb)*(s.cost[w.assign[b]]-s.cost[bj]) > eps {
			w.unplace(i)
			w.unplace(b)
			w.place(i, a)
			w.place(b, bj)
			w.touched[j], w.touched[k] = true, true
			return true
		}
	}
	return false
}

// ejection is a candidate of eject: area i to its arc a, and area b of
// a's school out to its arc alt (−1: unplaced), for a total gain.
type ejection struct {
	gain      float64
	a, b, alt int32
}

// eject puts area i into one of its listed schools k by moving out one
// area b of k, which goes to its cheapest other school with room (or
// unplaced), when that lowers the total cost. This is what places a large
// unplaced area in place of a smaller one when seats are short.
func (w *wholeState) eject(i int32) bool {
	s := w.s
	ci := w.cost(i)
	from := w.schoolOf(i)
	best := ejection{gain: 1e-9 * (float64(s.supply[i])*ci + 1), a: -1, b: -1, alt: -1}
	for a := range s.arcs(i) {
		if s.school[a] == from || !(s.cost[a] < ci) {
			continue
		}
		w.bestEjection(i, a, from, &best)
	}
	if best.a < 0 {
		return false
	}
	w.unplace(best.b)
	w.unplace(i)
	w.place(i, best.a)
	w.place(best.b, best.alt)
	w.touched[s.school[best.a]] = true
	if from >= 0 {
		w.touched[from] = true
	}
	if best.alt >= 0 {
		w.touched[s.school[best.alt]] = true
	}
	return true
}

// bestEjection looks at up to ejectCandidates areas b of the school of
// area i's arc a that would make room for i, and keeps in best the
// ejection gaining more than it (i now at school from, −1 unplaced).
func (w *wholeState) bestEjection(i, a, from int32, best *ejection) {
	s := w.s
	k := s.school[a]
	si, ci := int64(s.supply[i]), w.cost(i)
	tried := 0
	for _, mb := range w.members[k] {
		b, sb := mb.area, int64(mb.supply)
		if w.load[k]-sb+si > s.capa[k] {
			continue
		}
		if tried++; tried > ejectCandidates {
			break
		}
		alt, c := w.bestRoom(b, k)
		if alt >= 0 && from >= 0 && s.school[alt] == from && w.load[from]-si+sb > s.capa[from] {
			continue // counted i's seats as free
		}
		if gain := float64(si)*(ci-s.cost[a]) - float64(sb)*(c-w.cost(b)); gain > best.gain {
			*best = ejection{gain: gain, a: a, b: b, alt: alt}
		}
	}
}
