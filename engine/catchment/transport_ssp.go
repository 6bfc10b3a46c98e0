package catchment

import (
	"context"
	"math"
	"time"

	"github.com/paulmach/orb"
)

// The split solver works on schools, not areas. Every school j has a seat
// price π_j ≥ 0, and the unplaced option is a sink T of price 0 and no
// limit. The children of area i sit only at options of least priced cost
// w_i = min(U, min_j c_ij + π_j): moving a child of area i from school a
// to option b has the reduced cost
//
//	c_ib + π_b − c_ia − π_a ≥ 0      (c_iT = U, π_T = 0),
//
// and a school with free seats has price 0. Children start at their
// cheapest school (prices 0), which is optimal but overfills some schools.
// For each overfull school in turn, Dijkstra over the schools — the edge
// a → b weighing the least reduced cost of moving a child from a to b,
// kept per pair of schools in a heap of the areas that could make the
// move — finds the cheapest chain of moves to a school with room or to T;
// the prices of the schools it reached rise by how much nearer they were
// than that end (Johnson's potentials), which makes the chain free and
// keeps every reduced cost ≥ 0, and the surplus moves along it. Prices
// only rise, a school with room is never raised, and a full school stays
// full, so when no school is overfull the flow is optimal and the prices
// certify it: the dual value
//
//	LB(π) = Σ_i s_i·w_i − Σ_j cap_j·π_j
//
// equals the objective.
//
// In the geometric form an area lists only the schools it has needed: at
// first its nearest. hid[i] is a lower bound on c_ij + π_j over the
// schools it does not list (it stays one, as prices only rise), so no
// unlisted school can take its children more cheaply than hid[i] − w_i
// more. Dijkstra treats that as a hidden edge: reaching a school a at
// distance δ_a, it schedules a check of a's areas at δ_a + hid[i] − w_i,
// and one that comes due before the end is found asks the price grid for
// the unlisted schools below a wider threshold and adds them. A school
// already settled cannot be improved by a hidden edge: the check lists it
// only if its reduced cost after the price update will be small, and
// otherwise folds it into hid once the update is known (a deferral).
//
// Warm prices (sparse form only) start the areas at their cheapest option
// at those prices; schools left with free seats are then priced 0, and
// the areas that prefer them move in, before the exact phase.

type sspArc struct {
	school int32
	flow   int32
	gen    uint32 // bumped when flow drops to 0: heap entries of older gens are stale
	cost   float64
}

// pentry is an area that could move children from school `from` arc to
// the `to` arc (−1: unplaced) of its list, at cost key = c_to − c_from.
type pentry struct {
	key      float64
	area     int32
	from, to int32
	gen      uint32
}

// tentry is an area due for widening: key = hid − c_from.
type tentry struct {
	key  float64
	area int32
	from int32
	gen  uint32
}

type pairHeap struct {
	from  int32
	to    int32 // school, or m for unplaced
	dirty bool  // the top may be stale
	pos   int32 // index in out[from], −1 when emptied and left out
	h     []pentry
}

// dheap is Dijkstra's indexed min-heap over items 0..m (schools and the
// sink, keyed by distance) and m+1+j (school j's widening check, keyed by
// when it is due); at equal keys checks come first.
type dheap struct {
	items []int32
	pos   []int32 // index in items, −1 when absent
	key   []float64
}

func (h *dheap) less(a, b int32) bool {
	ka, kb := h.key[a], h.key[b]
	return ka < kb || ka == kb && a > b
}

func (h *dheap) up(k int) {
	x := h.items
	for k > 0 {
		p := (k - 1) / 2
		if !h.less(x[k], x[p]) {
			break
		}
		x[k], x[p] = x[p], x[k]
		h.pos[x[k]], h.pos[x[p]] = int32(k), int32(p)
		k = p
	}
}

func (h *dheap) down(k int) {
	x := h.items
	for {
		c := 2*k + 1
		if c >= len(x) {
			return
		}
		if c+1 < len(x) && h.less(x[c+1], x[c]) {
			c++
		}
		if !h.less(x[c], x[k]) {
			return
		}
		x[k], x[c] = x[c], x[k]
		h.pos[x[k]], h.pos[x[c]] = int32(k), int32(c)
		k = c
	}
}

// set inserts item v with key, or moves it to key.
func (h *dheap) set(v int32, key float64) {
	if p := h.pos[v]; p >= 0 {
		old := h.key[v]
		h.key[v] = key
		if key < old {
			h.up(int(p))
		} else {
			h.down(int(p))
		}
		return
	}
	h.key[v] = key
	h.items = append(h.items, v)
	h.pos[v] = int32(len(h.items) - 1)
	h.up(len(h.items) - 1)
}

func (h *dheap) pop() (int32, float64) {
	x := h.items
	v := x[0]
	last := len(x) - 1
	x[0] = x[last]
	h.pos[x[0]] = 0
	h.items = x[:last]
	h.pos[v] = -1
	if last > 0 {
		h.down(0)
	}
	return v, h.key[v]
}

func (h *dheap) clear() {
	for _, v := range h.items {
		h.pos[v] = -1
	}
	h.items = h.items[:0]
}

// deferral is a widened area whose scan met settled schools, which
// cannot be improved this round: after the price update the least of
// their c_ij + π_j is low + D (each settled school's price rises by
// D − δ_j, and low is the least c_ij + π_j − δ_j among them).
type deferral struct {
	area  int32
	limit float64 // the scan's threshold
	low   float64
}

type sspSolver struct {
	p      *TransportProblem
	opt    *TransportOptions
	n, m   int
	u      float64
	supply []int32
	capa   []int64
	load   []int64
	pi     []float64 // m+1 entries: pi[m] = 0 is the sink's
	lists  [][]sspArc
	arena  []sspArc // backing of the lists' first arcs
	unpl   []int32
	hid    []float64
	grid   *priceGrid // nil in the sparse form
	step   float64    // least widening step

	pairIdx  map[uint64]int32
	pairs    []pairHeap
	out      [][]outEdge // pairs by school
	tok      [][]tentry
	tokDirty []bool
	mat      []bool
	members  [][]int32 // areas placed at each school by the start

	dist    []float64
	seen    []uint32 // round in which dist was set
	done    []uint32 // round in which the node was settled
	pred    []int32
	round   uint32
	dh      dheap
	settled []int32
	defer_  []deferral
	mark    []uint32
	markGen uint32

	iters    int
	ctx      context.Context
	deadline time.Time
	stopped  bool
	ctxErr   error
}

func newSSP(p *TransportProblem, o *TransportOptions) *sspSolver {
	n, m := len(p.Supply), len(p.Capacity)
	s := &sspSolver{
		p: p, opt: o, n: n, m: m, u: p.Unplaced,
		supply:   p.Supply,
		capa:     make([]int64, m),
		load:     make([]int64, m),
		pi:       make([]float64, m+1),
		lists:    make([][]sspArc, n),
		unpl:     make([]int32, n),
		hid:      make([]float64, n),
		pairIdx:  map[uint64]int32{},
		out:      make([][]outEdge, m),
		tok:      make([][]tentry, m),
		tokDirty: make([]bool, m),
		mat:      make([]bool, m),
		members:  make([][]int32, m),
		dist:     make([]float64, m+1),
		seen:     make([]uint32, m+1),
		done:     make([]uint32, m+1),
		pred:     make([]int32, m+1),
		mark:     make([]uint32, m),
	}
	s.dh = dheap{pos: make([]int32, 2*(m+1)), key: make([]float64, 2*(m+1))}
	for k := range s.dh.pos {
		s.dh.pos[k] = -1
	}
	for j, c := range p.Capacity {
		s.capa[j] = int64(c)
	}
	if o.Warm != nil && p.Areas == nil && p.Schools == nil {
		for j, w := range o.Warm.Prices {
			if w > 0 && !math.IsInf(w, 0) {
				s.pi[j] = w
			}
		}
	}
	return s
}

// solve runs the whole split solve and returns its result.
func (s *sspSolver) solve(ctx context.Context) (*TransportResult, error) {
	s.ctx = ctx
	if s.opt.TimeLimit > 0 {
		s.deadline = time.Now().Add(s.opt.TimeLimit)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.start()
	for j := range s.m {
		for s.load[j] > s.capa[j] {
			if s.iters%64 == 0 && s.interrupted() {
				break
			}
			s.iters++
			s.augment(int32(j))
		}
		if s.stopped || s.ctxErr != nil {
			break
		}
	}
	if s.ctxErr != nil {
		return nil, s.ctxErr
	}
	status := Optimal
	if s.stopped {
		s.makeFeasible()
		status = TimeLimit
	}
	res := s.result()
	res.Status = status
	if status == Optimal && res.Gap > optimalGap {
		res.Status = WithinTolerance // more than rounding: kept honest
	}
	return res, nil
}

// optimalGap is the relative gap that rounding alone can leave.
const optimalGap = 1e-9

func (s *sspSolver) interrupted() bool {
	if s.stopped || s.ctxErr != nil {
		return true
	}
	if err := s.ctx.Err(); err != nil {
		s.ctxErr = err
		return true
	}
	if !s.deadline.IsZero() && time.Now().After(s.deadline) {
		s.stopped = true
		return true
	}
	return false
}

// start places every area at its cheapest option under the (warm) prices,
// then lowers to 0 the price of every school left with room, moving the
// areas that now prefer it, until only full schools are priced.
func (s *sspSolver) start() {
	geometric := s.p.Areas != nil || s.p.Schools != nil
	if geometric {
		use := make([]bool, s.m)
		for j := range s.m {
			use[j] = s.capa[j] > 0
		}
		s.grid = newPriceGrid(s.p.Schools, use, s.pi[:s.m])
		s.step = s.grid.cell
		// One slot per area for its first school: one allocation, not n;
		// a list that grows moves out.
		s.arena = make([]sspArc, s.n)
		for i := range s.lists {
			s.lists[i] = s.arena[i : i : i+1]
		}
	} else {
		s.arena = make([]sspArc, len(s.p.School))
	}
	s.placeAll(nil)
	if s.opt.Warm == nil || s.grid != nil {
		return
	}
	// Warm (sparse form): free seats must be priced 0.
	for {
		var zeroed []int32
		for j := range s.m {
			if s.pi[j] > 0 && s.load[j] < s.capa[j] {
				s.pi[j] = 0
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

// arcAt returns the index of school j in area i's list, or −1.
func (s *sspSolver) arcAt(i, j int32) int32 {
	for k, a := range s.lists[i] {
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
			for _, a := range s.lists[i] {
				if cheaper[a.school] && a.cost < w {
					move = true
				}
			}
			if s.grid != nil {
				// hid bounds unlisted schools: their prices just fell.
				q := s.p.Areas[i]
				for _, j := range zeroed {
					if d := dist(q, s.p.Schools[j]); d < s.hid[i] && !s.listed(int32(i), j) {
						s.hid[i] = d
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
	for _, a := range s.lists[i] {
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
	for _, a := range s.lists[i] {
		if a.flow > 0 {
			return a.cost + s.pi[a.school]
		}
	}
	return s.u
}

func (s *sspSolver) unassign(i int32) {
	for k := range s.lists[i] {
		a := &s.lists[i][k]
		if a.flow > 0 {
			s.load[a.school] -= int64(a.flow)
			a.flow = 0
			s.drop(i, int32(k))
		}
	}
	s.unpl[i] = 0
}

// place puts area i's children at its cheapest option, listing it first
// if need be, and sets hid[i].
func (s *sspSolver) place(i int32) {
	sup := s.supply[i]
	bk := -1
	if s.grid == nil {
		best := s.u
		if s.lists[i] == nil {
			lo, hi := s.p.Start[i], s.p.Start[i+1]
			s.lists[i] = s.arena[lo:hi:hi]
			for k := range s.lists[i] {
				s.lists[i][k] = sspArc{school: s.p.School[lo+int32(k)], cost: s.p.Cost[lo+int32(k)]}
			}
		}
		s.hid[i] = math.Inf(1)
		for k, a := range s.lists[i] {
			if v := a.cost + s.pi[a.school]; v < best && s.capa[a.school] > 0 {
				best, bk = v, k
			}
		}
	} else {
		q := s.p.Areas[i]
		// The initListed cheapest schools, and the next for hid.
		type sv struct {
			v float64
			j int32
		}
		var top [initListed + 1]sv
		n := 0
		lim := math.Inf(1)
		s.grid.scan(q, true, &lim, func(j int32, d float64) {
			v := d + s.pi[j]
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
		s.hid[i] = math.Inf(1)
		if n == initListed+1 {
			s.hid[i] = top[initListed].v
		}
		for k := range min(n, initListed) {
			j := top[k].j
			if top[k].v >= s.u {
				s.hid[i] = min(s.hid[i], top[k].v) // unlisted, and dearer than unplaced
				break
			}
			f := s.arcAt(i, j)
			if f < 0 {
				f = int32(len(s.lists[i]))
				s.lists[i] = append(s.lists[i], sspArc{school: j, cost: top[k].v - s.pi[j]})
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
		s.unpl[i] = sup
		return
	}
	a := &s.lists[i][bk]
	a.flow = sup
	j := a.school
	s.load[j] += int64(sup)
	if s.mat[j] {
		s.enter(i, int32(bk))
	} else {
		s.members[j] = append(s.members[j], i)
	}
}

// initListed is how many of its cheapest schools an area lists at the
// start (geometric form).
const initListed = 6

// pairOf returns the id of the pair heap a → b (b = m for unplaced).
func (s *sspSolver) pairOf(a, b int32) int32 {
	key := uint64(a)<<32 | uint64(b)
	if id, ok := s.pairIdx[key]; ok {
		return id
	}
	id := int32(len(s.pairs))
	s.pairs = append(s.pairs, pairHeap{from: a, to: b, pos: int32(len(s.out[a]))})
	s.pairIdx[key] = id
	s.out[a] = append(s.out[a], outEdge{key: math.Inf(1), to: b, id: id})
	return id
}

// enter records that area i has children at its arc f: the moves they
// could make and, in the geometric form, the widening check.
func (s *sspSolver) enter(i, f int32) {
	a := s.lists[i][f]
	for g, b := range s.lists[i] {
		if int32(g) == f || s.capa[b.school] == 0 {
			continue // schools without seats never take a child
		}
		s.pushPair(s.pairOf(a.school, b.school), pentry{key: b.cost - a.cost, area: i, from: f, to: int32(g), gen: a.gen})
	}
	s.pushPair(s.pairOf(a.school, int32(s.m)), pentry{key: s.u - a.cost, area: i, from: f, to: -1, gen: a.gen})
	if !math.IsInf(s.hid[i], 1) {
		s.pushTok(a.school, tentry{key: s.hid[i] - a.cost, area: i, from: f, gen: a.gen})
	}
}

// materialize builds the pair heaps of school j on first use.
func (s *sspSolver) materialize(j int32) {
	s.mat[j] = true
	for _, i := range s.members[j] {
		for f, a := range s.lists[i] {
			if a.school == j && a.flow > 0 {
				s.enter(i, int32(f))
			}
		}
	}
	s.members[j] = nil
}

// drop retires the heap entries of area i's arc f, whose flow just fell
// to 0, and marks the heaps that may hold them at the top.
func (s *sspSolver) drop(i, f int32) {
	a := &s.lists[i][f]
	a.gen++
	j := a.school
	if !s.mat[j] {
		return
	}
	s.tokDirty[j] = true
	for g, b := range s.lists[i] {
		if int32(g) != f {
			if id, ok := s.pairIdx[uint64(j)<<32|uint64(b.school)]; ok {
				s.pairs[id].dirty = true
				s.topChanged(id)
			}
		}
	}
	if id, ok := s.pairIdx[uint64(j)<<32|uint64(s.m)]; ok {
		s.pairs[id].dirty = true
		s.topChanged(id)
	}
}

func (s *sspSolver) validP(e *pentry) bool {
	a := &s.lists[e.area][e.from]
	return a.flow > 0 && a.gen == e.gen
}

// pairTop returns the cheapest live entry of pair id, or nil.
func (s *sspSolver) pairTop(id int32) *pentry {
	ph := &s.pairs[id]
	h := &ph.h
	if !ph.dirty {
		if len(*h) == 0 {
			return nil
		}
		return &(*h)[0]
	}
	ph.dirty = false
	for len(*h) > 0 && !s.validP(&(*h)[0]) {
		popHeap(h)
	}
	s.topChanged(id)
	if len(*h) == 0 {
		return nil
	}
	return &(*h)[0]
}

// outEdge is a pair as school from's Dijkstra sees it: the key of the
// pair heap's top (+Inf when empty) kept next to the others, so that a
// settled school's edges are read from one array.
type outEdge struct {
	key   float64
	to    int32
	id    int32
	dirty bool
}

// topChanged copies pair id's top key and dirtiness into its out edge.
func (s *sspSolver) topChanged(id int32) {
	ph := &s.pairs[id]
	if ph.pos < 0 {
		return
	}
	oe := &s.out[ph.from][ph.pos]
	oe.dirty = ph.dirty
	oe.key = math.Inf(1)
	if len(ph.h) > 0 {
		oe.key = ph.h[0].key
	}
}

func (s *sspSolver) tokTop(j int32) *tentry {
	h := &s.tok[j]
	if !s.tokDirty[j] {
		if len(*h) == 0 {
			return nil
		}
		return &(*h)[0]
	}
	s.tokDirty[j] = false
	for len(*h) > 0 {
		e := &(*h)[0]
		a := &s.lists[e.area][e.from]
		if a.flow > 0 && a.gen == e.gen && e.key == s.hid[e.area]-a.cost {
			return e
		}
		popHeap(h)
	}
	return nil
}

// augment moves surplus out of overfull school j0 along one cheapest
// chain of moves.
func (s *sspSolver) augment(j0 int32) {
	s.round++
	r := s.round
	T := int32(s.m)
	s.dh.clear()
	s.settled = s.settled[:0]
	s.defer_ = s.defer_[:0]
	s.setDist(j0, 0, -1)
	sink, D := int32(-1), 0.0
	for len(s.dh.items) > 0 {
		v, key := s.dh.pop()
		if v > T {
			s.dueCheck(v-T-1, key)
			continue
		}
		s.done[v] = r
		if v == T || v != j0 && s.load[v] < s.capa[v] {
			sink, D = v, key
			break
		}
		s.settled = append(s.settled, v)
		if !s.mat[v] {
			s.materialize(v)
		}
		dv := s.dist[v]
		out := s.out[v]
		for k := 0; k < len(out); k++ {
			oe := &out[k]
			if oe.dirty {
				s.pairTop(oe.id) // cleans and refreshes oe.key
			}
			if math.IsInf(oe.key, 1) {
				// Emptied: out of the list until an entry comes back.
				s.pairs[oe.id].pos = -1
				last := len(out) - 1
				if k < last {
					out[k] = out[last]
					s.pairs[out[k].id].pos = int32(k)
				}
				out = out[:last]
				k--
				continue
			}
			b := oe.to
			if s.done[b] == r {
				continue
			}
			w := max(0, oe.key+s.pi[b]-s.pi[v])
			s.relax(b, dv+w, oe.id)
		}
		s.out[v] = out
		s.pushDue(v)
	}
	// Prices: Johnson's potentials, capped at the end's distance.
	for _, v := range s.settled {
		if d := s.dist[v]; d < D {
			s.pi[v] += D - d
			if s.grid != nil {
				s.grid.raise(v)
			}
		}
	}
	for _, x := range s.defer_ {
		if h := min(x.limit, x.low+D); h < s.hid[x.area] {
			s.setHid(x.area, h)
		}
	}
	s.move(j0, sink)
}

func (s *sspSolver) setDist(v int32, d float64, via int32) {
	s.dist[v] = d
	s.seen[v] = s.round
	s.pred[v] = via
	s.dh.set(v, d)
}

func (s *sspSolver) relax(b int32, d float64, via int32) {
	if s.seen[b] != s.round || d < s.dist[b] {
		s.setDist(b, d, via)
	}
}

// pushDue schedules school v's next widening check.
func (s *sspSolver) pushDue(v int32) {
	if e := s.tokTop(v); e != nil {
		s.dh.set(int32(s.m)+1+v, s.dist[v]+max(0, e.key-s.pi[v]))
	}
}

// dueCheck runs the widening check of settled school v scheduled at key.
func (s *sspSolver) dueCheck(v int32, key float64) {
	e := s.tokTop(v)
	if e == nil {
		return
	}
	at := s.dist[v] + max(0, e.key-s.pi[v])
	if at > key {
		s.dh.set(int32(s.m)+1+v, at)
		return
	}
	i, f := e.area, e.from
	popHeap(&s.tok[v])
	s.tokDirty[v] = true
	s.widen(i, f, v, at)
	s.pushDue(v)
}

// widen lists area i's unlisted schools below a threshold well beyond
// its cost, relaxing the new moves from settled schools; unlisted schools
// already settled cannot be improved and are only noted, for hid.
func (s *sspSolver) widen(i, f, v int32, at float64) {
	r := s.round
	q := s.p.Areas[i]
	w := s.lists[i][f].cost + s.pi[v]
	limit := w + max(widenGrow*(at-s.dist[v]), widenMin*s.step)
	s.markGen++
	for _, a := range s.lists[i] {
		s.mark[a.school] = s.markGen
	}
	lim := limit
	low := math.Inf(1)
	// A settled school cannot be improved this round; after the price
	// update its reduced cost from i's school is rc (the update adds
	// D − δ to both prices' sides alike). Near ones are listed, the rest
	// bound hid.
	base := w - s.dist[v]
	s.grid.scan(q, true, &lim, func(j int32, d float64) {
		if s.mark[j] == s.markGen {
			return
		}
		settled := s.done[j] == r
		if settled {
			if x := d + s.pi[j] - s.dist[j]; x-base >= min(limit-w, s.step*settledNear) {
				low = min(low, x)
				return
			}
		}
		g := int32(len(s.lists[i]))
		s.lists[i] = append(s.lists[i], sspArc{school: j, cost: d})
		for k, a := range s.lists[i][:g] {
			if a.flow == 0 || !s.mat[a.school] {
				continue
			}
			id := s.pairOf(a.school, j)
			e := pentry{key: d - a.cost, area: i, from: int32(k), to: g, gen: a.gen}
			s.pushPair(id, e)
			if !settled && s.done[a.school] == r {
				s.relax(j, s.dist[a.school]+max(0, e.key+s.pi[j]-s.pi[a.school]), id)
			}
		}
	})
	s.setHid(i, limit)
	if !math.IsInf(low, 1) {
		s.defer_ = append(s.defer_, deferral{area: i, limit: limit, low: low})
	}
}

// setHid sets hid[i] and re-enters its widening checks.
func (s *sspSolver) setHid(i int32, h float64) {
	s.hid[i] = h
	for k, a := range s.lists[i] {
		if a.flow > 0 && s.mat[a.school] {
			s.pushTok(a.school, tentry{key: h - a.cost, area: i, from: int32(k), gen: a.gen})
			s.tokDirty[a.school] = true
			if s.done[a.school] == s.round {
				s.pushDue(a.school)
			}
		}
	}
}

// move sends the surplus of j0 along the predecessor chain to sink.
func (s *sspSolver) move(j0, sink int32) {
	type step struct {
		area, from, to int32
	}
	var path [64]step
	steps := path[:0]
	delta := s.load[j0] - s.capa[j0]
	if sink != int32(s.m) {
		delta = min(delta, s.capa[sink]-s.load[sink])
	}
	for v := sink; v != j0; {
		id := s.pred[v]
		e := s.pairTop(id)
		steps = append(steps, step{e.area, e.from, e.to})
		delta = min(delta, int64(s.lists[e.area][e.from].flow))
		v = s.lists[e.area][e.from].school
	}
	d := int32(delta)
	for k := len(steps) - 1; k >= 0; k-- {
		st := steps[k]
		a := &s.lists[st.area][st.from]
		a.flow -= d
		s.load[a.school] -= delta
		if a.flow == 0 {
			s.drop(st.area, st.from)
		}
		if st.to < 0 {
			s.unpl[st.area] += d
			continue
		}
		b := &s.lists[st.area][st.to]
		b.flow += d
		s.load[b.school] += delta
		if b.flow == d {
			s.enter(st.area, st.to)
		}
	}
}

// makeFeasible ends an interrupted solve: overfull schools send their
// dearest-placed children to unplaced.
func (s *sspSolver) makeFeasible() {
	for j := range s.m {
		for s.load[j] > s.capa[j] {
			e := s.pairTop(s.pairOf(int32(j), int32(s.m)))
			if e == nil {
				if !s.mat[j] {
					s.materialize(int32(j))
					continue
				}
				break
			}
			a := &s.lists[e.area][e.from]
			d := int32(min(int64(a.flow), s.load[j]-s.capa[j]))
			a.flow -= d
			s.load[j] -= int64(d)
			s.unpl[e.area] += d
			if a.flow == 0 {
				s.drop(e.area, e.from)
			}
		}
	}
}

// result builds the TransportResult: lists in CSR form, objective, the
// dual bound over every school, and the prices.
func (s *sspSolver) result() *TransportResult {
	res := &TransportResult{Start: make([]int32, s.n+1), Unplaced: s.unpl}
	nnz := 0
	for i := range s.n {
		nnz += len(s.lists[i])
	}
	res.School = make([]int32, 0, nnz)
	res.Flow = make([]int32, 0, nnz)
	res.Cost = make([]float64, 0, nnz)
	var obj float64
	for i := range s.n {
		for _, a := range s.lists[i] {
			res.School = append(res.School, a.school)
			res.Flow = append(res.Flow, a.flow)
			res.Cost = append(res.Cost, a.cost)
			obj += float64(a.flow) * a.cost
		}
		obj += float64(s.unpl[i]) * s.u
		res.Start[i+1] = int32(len(res.School))
	}
	res.Objective = obj
	res.Prices = make([]float64, s.m)
	for j := range s.m {
		res.Prices[j] = s.pi[j]
		if s.capa[j] == 0 {
			res.Prices[j] = math.Inf(1)
		}
	}
	res.LowerBound = s.lowerBound()
	res.Gap = relGap(obj, res.LowerBound)
	res.Iterations = s.iters
	return res
}

// lowerBound is LB(π) over every school: in the geometric form from the
// grid, not from the lists.
func (s *sspSolver) lowerBound() float64 {
	var lb float64
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		var w float64
		if s.grid != nil {
			w, _ = s.grid.minPriced(s.p.Areas[i], s.u)
		} else {
			w = s.u
			for a := s.p.Start[i]; a < s.p.Start[i+1]; a++ {
				if j := s.p.School[a]; s.capa[j] > 0 {
					w = min(w, s.p.Cost[a]+s.pi[j])
				}
			}
		}
		lb += float64(s.supply[i]) * w
	}
	for j, c := range s.capa {
		if c > 0 {
			lb -= float64(c) * s.pi[j]
		}
	}
	return lb
}

func relGap(obj, lb float64) float64 {
	if obj <= 0 {
		return 0
	}
	return max(0, (obj-lb)/obj)
}

func (s *sspSolver) pushPair(id int32, e pentry) {
	ph := &s.pairs[id]
	if ph.pos < 0 {
		ph.pos = int32(len(s.out[ph.from]))
		s.out[ph.from] = append(s.out[ph.from], outEdge{key: math.Inf(1), to: ph.to, id: id})
	}
	h := append(ph.h, e)
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if h[p].key <= e.key {
			break
		}
		h[k] = h[p]
		k = p
	}
	h[k] = e
	ph.h = h
	if k == 0 {
		// A new top: its key goes to the out edge (a dirty pair's top
		// may be stale, but the new entry is live and cheapest).
		s.out[ph.from][ph.pos].key = e.key
	}
}

func (s *sspSolver) pushTok(j int32, e tentry) {
	s.tok[j] = append(s.tok[j], e)
	h := s.tok[j]
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if h[p].key <= h[k].key {
			break
		}
		h[p], h[k] = h[k], h[p]
		k = p
	}
}

// keyed is a heap entry: pentry or tentry.
type keyed interface {
	pentry | tentry
	heapKey() float64
}

func (e pentry) heapKey() float64 { return e.key }
func (e tentry) heapKey() float64 { return e.key }

// popHeap removes the least entry of the binary min-heap h.
func popHeap[T keyed](h *[]T) {
	x := *h
	last := len(x) - 1
	x[0] = x[last]
	x = x[:last]
	k := 0
	for {
		c := 2*k + 1
		if c >= len(x) {
			break
		}
		if c+1 < len(x) && x[c+1].heapKey() < x[c].heapKey() {
			c++
		}
		if x[k].heapKey() <= x[c].heapKey() {
			break
		}
		x[k], x[c] = x[c], x[k]
		k = c
	}
	*h = x
}

// flatSolution is a split answer in CSR form, the input of the whole-area
// heuristic (balanced.go).
type flatSolution struct {
	n, m   int
	u      float64
	supply []int32
	capa   []int64
	start  []int32
	school []int32
	cost   []float64
	flow   []int32
	unpl   []int32
	// Arcs added by the heuristic sit after start[n]: the last of area i
	// at xhead[i], each linking to the one before through xnext[a−start[n]].
	xhead []int32
	xnext []int32
	// widen, when set, appends the schools with seats nearer than maxCost
	// to area i (geometric form).
	widen func(i int, maxCost float64, dst []Arc) []Arc
}

func (s *sspSolver) flat(res *TransportResult) *flatSolution {
	f := &flatSolution{
		n: s.n, m: s.m, u: s.u, supply: s.supply, capa: s.capa,
		start: res.Start, school: res.School, cost: res.Cost, flow: res.Flow, unpl: res.Unplaced,
	}
	if g := s.grid; g != nil {
		f.widen = func(i int, maxCost float64, dst []Arc) []Arc {
			q := s.p.Areas[i]
			lim := maxCost
			g.scan(q, false, &lim, func(j int32, d float64) {
				dst = append(dst, Arc{School: j, Cost: d})
			})
			return dst
		}
	}
	return f
}

// settledNear is how near (in widening steps) a settled school's reduced
// cost must be for a widened area to list it; farther ones only bound hid.
const settledNear = 0.25

// A widening check lists the schools up to w + max(widenGrow·g, widenMin·
// step), where g is how far the check was due beyond w and step is the
// grid's cell (about two schools' spacing): geometric growth, so an area
// is widened a few times at most per solve, and never by a trifle. A
// quarter cell lists about a third fewer arcs than a whole one and is
// 20–40% faster on the synthetic cities (benchmarks/README.md).
const (
	widenGrow = 2.0
	widenMin  = 0.25
)
