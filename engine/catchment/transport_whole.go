package catchment

import "iter"

// Keeping areas whole (the default of SolveTransport) turns the
// transportation problem into a generalised assignment problem, which is
// NP-hard; it is solved heuristically from the split optimum, which is
// already almost whole: a basic split solution has at most one split area
// per school. The heuristic
//
//  1. rounds each area to the school that holds most of its children
//     (or leaves it unplaced when most of them are);
//  2. repairs every school left over capacity by moving out, one at a
//     time, the area whose move costs least in total (to a listed school
//     with room, to a school found on the grid with room, or to unplaced);
//  3. improves with moves (to a cheaper school with room) and swaps
//     (two areas of two schools trading places where both fit), over the
//     schools the first two steps touched, until a pass finds nothing.
//
// The split lower bound stays the lower bound, so the gap reported in
// whole mode includes the price of keeping areas whole.

// maxImprovePasses bounds the move-and-swap passes.
const maxImprovePasses = 8

// swapCandidates is how many of an area's cheapest schools a swap looks
// at.
const swapCandidates = 6

// ejectCandidates is how many areas of a school that i would fit in place
// of an eject looks at: every one would make the passes quadratic in a
// school's areas where seats are short and many areas wait unplaced.
const ejectCandidates = 8

// ejectPasses is how many improvement passes try ejections.
const ejectPasses = 2

// member is an area placed at a school, and its children: swaps and
// ejections scan a school's members for one of fitting size, so the size
// sits next to the area, not in the supply array.
type member struct {
	area, supply int32
}

type wholeState struct {
	s       *flatSolution
	assign  []int32 // arc of each area's school, −1 unplaced
	load    []int64
	members [][]member  // areas of each school
	pos     []int32     // index of each area in its school's members
	touched []bool      // schools touched by rounding and repair
	version []uint32    // per school, bumped when its members change
	rooms   []roomEntry // per area, its way out of the school repair empties
	repairs uint32      // repairs so far: the stamp of rooms
	maxFree int64       // the most free seats of a school but the one repair empties, or more
	memo    []roomMemo  // per area, bestRoom's last answer
	epoch   uint32      // bumped when a load or a list changes
	// Per pair of schools (k, j), the members of k that could move to j
	// in a swap (transport_whole_swapbound.go).
	swapPairs map[uint64]swapPair
	swapCands []swapCand
	work      []int32 // scratch of improve: the areas of a pass

	// Memory kept for the next solve: of the added arcs' links, and of
	// the answer write produces.
	xhead, xnext                  []int32
	outStart, outSchool, outArcAt []int32
	outFlow, outUnplaced          []int32
	outCost                       []float64
}

// whole keeps every area whole: it rounds the split answer, repairs the
// schools left over capacity, improves, and writes the answer to res.
// It works in w, whose memory it reuses; the answer holds some of it.
func (s *flatSolution) whole(res *TransportResult, w *wholeState) {
	w.reset(s)
	for i := range s.n {
		w.round(int32(i))
	}
	for j := range s.m {
		if w.load[j] > s.capa[j] {
			w.repair(int32(j))
		}
	}
	w.improve()
	w.write(res)
}

// reset sets w up for s, keeping its memory.
func (w *wholeState) reset(s *flatSolution) {
	w.s = s
	w.assign = resize(w.assign, s.n)
	w.load = zeroedTo(w.load, s.m)
	w.members = truncateEach(w.members, s.m)
	w.pos = resize(w.pos, s.n)
	w.touched = zeroedTo(w.touched, s.m)
	w.version = zeroedTo(w.version, s.m)
	w.rooms = resize(w.rooms, s.n)
	w.memo = resize(w.memo, s.n)
	w.changed() // the answers kept from the last solve are void
	if w.swapPairs == nil {
		w.swapPairs = map[uint64]swapPair{}
	}
	clear(w.swapPairs)
	w.swapCands = w.swapCands[:0]
	s.xnext = w.xnext[:0]
}

// round places area i whole at the arc holding most of its children, or
// leaves it unplaced when most of them are; the schools of a split area
// are touched.
func (w *wholeState) round(i int32) {
	s := w.s
	w.assign[i] = -1
	if s.supply[i] == 0 {
		return
	}
	best, bestArc := s.unpl[i], int32(-1)
	for a := range s.arcs(i) {
		if s.flow[a] > best {
			best, bestArc = s.flow[a], a
		}
	}
	split := w.touchSplit(i)
	if bestArc >= 0 {
		w.place(i, bestArc)
		if split {
			w.touched[s.school[bestArc]] = true
		}
	}
}

// touchSplit reports whether area i is split (between schools, or between
// a school and unplaced), and touches the schools holding part of it.
func (w *wholeState) touchSplit(i int32) bool {
	s := w.s
	split := s.unpl[i] > 0 && s.unpl[i] < s.supply[i]
	for a := range s.arcs(i) {
		if f := s.flow[a]; f > 0 && f < s.supply[i] {
			split = true
			w.touched[s.school[a]] = true
		}
	}
	return split
}

func (w *wholeState) place(i, arc int32) {
	s := w.s
	w.assign[i] = arc
	if arc < 0 {
		return
	}
	j := s.school[arc]
	w.version[j]++
	w.changed()
	w.load[j] += int64(s.supply[i])
	w.pos[i] = int32(len(w.members[j]))
	w.members[j] = append(w.members[j], member{area: i, supply: s.supply[i]})
}

func (w *wholeState) unplace(i int32) {
	s := w.s
	arc := w.assign[i]
	if arc < 0 {
		return
	}
	j := s.school[arc]
	w.version[j]++
	w.changed()
	w.load[j] -= int64(s.supply[i])
	m := w.members[j]
	last := m[len(m)-1]
	m[w.pos[i]] = last
	w.pos[last.area] = w.pos[i]
	w.members[j] = m[:len(m)-1]
	w.assign[i] = -1
}

// cost is the cost per child of area i at its school (Unplaced if none).
func (w *wholeState) cost(i int32) float64 {
	if a := w.assign[i]; a >= 0 {
		return w.s.cost[a]
	}
	return w.s.u
}

// bestRoom returns area i's cheapest listed arc to a school other than
// skip with room for the whole area, or −1 (unplaced) when none beats
// Unplaced. The answer is kept until a load or a list changes (epoch):
// the improvement passes ask again about the same areas, most of them
// unmoved since.
func (w *wholeState) bestRoom(i int32, skip int32) (int32, float64) {
	m := &w.memo[i]
	if m.epoch == w.epoch && m.skip == skip {
		return m.arc, m.cost
	}
	a, c := w.bestRoomScan(i, skip)
	*m = roomMemo{epoch: w.epoch, skip: skip, arc: a, cost: c}
	return a, c
}

// roomMemo is bestRoom's answer for an area and skip, valid in epoch.
type roomMemo struct {
	epoch     uint32
	skip, arc int32
	cost      float64
}

// changed starts a new epoch: a load or a list changed, and the answers
// kept by bestRoom are void.
func (w *wholeState) changed() {
	w.epoch++
	if w.epoch == 0 { // wrapped: answers of old epochs could match
		clear(w.memo)
		w.epoch = 1
	}
}

// bestRoomScan is bestRoom from the area's arcs.
func (w *wholeState) bestRoomScan(i int32, skip int32) (int32, float64) {
	s := w.s
	need := int64(s.supply[i])
	best, bestArc := s.u, int32(-1)
	school, cost, load, capa := s.school, s.cost, w.load, s.capa
	for a := s.start[i]; a < s.start[i+1]; a++ {
		if j := school[a]; j != skip && cost[a] < best && load[j]+need <= capa[j] {
			best, bestArc = cost[a], a
		}
	}
	if s.xhead != nil {
		for a := s.xhead[i]; a >= 0; a = s.xnext[a-s.start[s.n]] {
			if j := school[a]; j != skip && cost[a] < best && load[j]+need <= capa[j] {
				best, bestArc = cost[a], a
			}
		}
	}
	return bestArc, best
}

// addArc adds an arc to area i's list, at the end of the arrays: arcs
// iterates it after the area's own.
func (w *wholeState) addArc(i int32, arc Arc) int32 {
	s := w.s
	if s.xhead == nil {
		s.xhead = resize(w.xhead, s.n)
		w.xhead = s.xhead
		for k := range s.xhead {
			s.xhead[k] = -1
		}
	}
	w.changed()
	at := int32(len(s.school))
	s.school = append(s.school, arc.School)
	s.cost = append(s.cost, arc.Cost)
	s.xnext = append(s.xnext, s.xhead[i])
	w.xnext = s.xnext
	s.xhead[i] = at
	return at
}

// arcTo returns area b's arc to school j, or −1.
func (w *wholeState) arcTo(b, j int32) int32 {
	s := w.s
	for a := s.start[b]; a < s.start[b+1]; a++ {
		if s.school[a] == j {
			return a
		}
	}
	if s.xhead == nil {
		return -1
	}
	for a := s.xhead[b]; a >= 0; a = s.xnext[a-s.start[s.n]] {
		if s.school[a] == j {
			return a
		}
	}
	return -1
}

// write stores the whole assignment in res, in CSR form.
func (w *wholeState) write(res *TransportResult) {
	s := w.s
	start, school, cost := s.start, s.school, s.cost
	arcAt := w.assign
	if s.xhead != nil {
		start, school, cost, arcAt = w.renumber()
	}
	flow := zeroedTo(w.outFlow, len(school))
	unpl := zeroedTo(w.outUnplaced, s.n)
	w.outFlow, w.outUnplaced = flow, unpl
	var obj float64
	for i := range s.n {
		if a := arcAt[i]; a >= 0 {
			flow[a] = s.supply[i]
			obj += float64(s.supply[i]) * cost[a]
		} else {
			unpl[i] = s.supply[i]
			obj += float64(s.supply[i]) * s.u
		}
	}
	res.Start, res.School, res.Cost, res.Flow, res.Unplaced = start, school, cost, flow, unpl
	res.Objective = obj
	res.Gap = relGap(obj, res.LowerBound)
}

// renumber puts every area's arcs, its own and those added, into one
// CSR, and returns it with the index of each area's assigned arc in it
// (−1: unplaced).
func (w *wholeState) renumber() (start, school []int32, cost []float64, arcAt []int32) {
	s := w.s
	start = zeroedTo(w.outStart, s.n+1)
	school = resizeRoom(w.outSchool, len(s.school))[:0]
	cost = resizeRoom(w.outCost, len(s.cost))[:0]
	arcAt = resize(w.outArcAt, s.n)
	for i := range s.n {
		arcAt[i] = -1
		for a := range s.arcs(int32(i)) {
			if a == w.assign[i] {
				arcAt[i] = int32(len(school))
			}
			school = append(school, s.school[a])
			cost = append(cost, s.cost[a])
		}
		start[i+1] = int32(len(school))
	}
	w.outStart, w.outSchool, w.outCost, w.outArcAt = start, school, cost, arcAt
	return start, school, cost, arcAt
}

// arcs yields the arcs of area i: its own, then those addArc added.
func (s *flatSolution) arcs(i int32) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		for a := s.start[i]; a < s.start[i+1]; a++ {
			if !yield(a) {
				return
			}
		}
		if s.xhead == nil {
			return
		}
		base := s.start[s.n]
		for a := s.xhead[i]; a >= 0; a = s.xnext[a-base] {
			if !yield(a) {
				return
			}
		}
	}
}
