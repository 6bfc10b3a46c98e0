package catchment

import (
	"context"
	"math"
	"time"
)

// The split solver is Goldberg's cost-scaling push–relabel method for
// min-cost flow, specialised to the bipartite network
//
//	area i ──cost c_ij──▶ school j ──cost 0, cap_j seats──▶ sink t
//	area i ──────────cost Unplaced─────────────────────────▶ sink t
//
// with the area → school and area → sink arcs uncapacitated. Every node
// carries a potential: v_i for an area (what its children are worth: the
// cheapest option plus at most ε), q_j for a school (its seat price) and
// φ for the sink. A pseudoflow is ε-optimal when every residual arc has a
// reduced cost of at least −ε, which here reads
//
//	v_i ≤ c_ij + q_j + ε                for every candidate arc
//	v_i ≤ Unplaced + φ + ε
//	c_ij + q_j ≤ v_i + ε                for every arc with flow
//	Unplaced + φ ≤ v_i + ε              for an area with unplaced children
//	q_j ≤ φ + ε                         for a school with free seats
//	q_j ≥ φ − ε                         for a school sending any flow.
//
// An active area (one with children not yet sent) relabels to its
// cheapest option plus ε and pushes them all there; a school that receives
// more than its seats either passes the surplus to the sink or, when full,
// sends it back to the holders that value it least, raising its price to
// their value plus ε (the "double push" that makes push–relabel an
// auction). Each holder's value is kept in a lazy min-heap per school
// keyed by v_i − c_ij, which only grows during a phase. ε shrinks by
// scalingFactor per phase; a phase starts from the previous flow and
// evicts only the flows the smaller ε rules out. A school left with free
// seats at a price above φ + ε keeps them reserved (a deficit), which
// the sink, then with surplus, resolves by sending flow back and, when it
// cannot, raising φ.
//
// At the end of each phase the flow is feasible; the prices
// p_j = max(0, q_j − φ) give the lower bound (transport_bound.go), and the
// solve stops when the gap is within tolerance.

// scalingFactor divides ε between phases.
const scalingFactor = 6

// checkEvery is how many pushes pass between context and clock checks.
const checkEvery = 4096

type holder struct {
	key  float64 // v[area] − cost[arc] when last refreshed; never above the true value
	arc  int32
	area int32
}

type transportSolver struct {
	p   *TransportProblem
	opt *TransportOptions
	n   int
	m   int
	u   float64 // Problem.Unplaced

	supply []int32
	capa   []int64
	total  int64

	// The current candidate lists: the problem's own until widened.
	start  []int32
	school []int32
	cost   []float64
	// complete[i]: every school cheaper than this is in area i's list.
	complete []float64
	widened  bool

	flow   []int32 // per arc
	unpl   []int32 // per area
	excess []int32 // per area
	v      []float64
	q      []float64
	phi    float64 // sink potential
	inflow []int64 // per school
	y      []int64 // per school: flow to the sink
	tIn    int64   // flow into the sink

	heaps  [][]holder
	inHeap []bool // per arc

	queue      []int32 // ring of active areas
	head, size int
	inQ        []bool
	unplList   []int32 // areas that have had unplaced children
	unplListed []bool

	eps   float64
	iters int
	// work counts pushes and relabels in the current phase; past budget,
	// ε grows (see drain).
	work, budget int
	phases       int

	ctx      context.Context
	deadline time.Time
	stopped  bool  // the time limit ran out
	ctxErr   error // ctx ended
}

func newTransportSolver(p *TransportProblem, o *TransportOptions) *transportSolver {
	n, m := len(p.Supply), len(p.Capacity)
	s := &transportSolver{
		p: p, opt: o, n: n, m: m, u: p.Unplaced,
		supply: p.Supply,
		capa:   make([]int64, m),
		start:  p.Start, school: p.School, cost: p.Cost,
		flow:       make([]int32, len(p.School)),
		unpl:       make([]int32, n),
		excess:     make([]int32, n),
		v:          make([]float64, n),
		q:          make([]float64, m),
		inflow:     make([]int64, m),
		y:          make([]int64, m),
		unplListed: make([]bool, n),
		heaps:      make([][]holder, m),
		inHeap:     make([]bool, len(p.School)),
		queue:      make([]int32, n),
		inQ:        make([]bool, n),
	}
	for j, c := range p.Capacity {
		s.capa[j] = int64(c)
	}
	for i, x := range p.Supply {
		s.total += int64(x)
		s.excess[i] = x
		s.v[i] = math.Inf(-1)
	}
	if o.Warm != nil {
		for j, w := range o.Warm.Prices {
			if w > 0 && !math.IsInf(w, 0) {
				s.q[j] = w
			}
		}
	}
	for j, c := range p.Capacity {
		if c == 0 {
			s.q[j] = math.Inf(1) // never worth a bid
		}
	}
	if p.Widen != nil {
		s.complete = make([]float64, n)
		for i := range n {
			c := 0.0
			for a := s.start[i]; a < s.start[i+1]; a++ {
				c = max(c, s.cost[a])
			}
			s.complete[i] = c
		}
	}
	return s
}

func (s *transportSolver) enqueue(i int32) {
	if s.inQ[i] {
		return
	}
	s.inQ[i] = true
	t := s.head + s.size
	if t >= len(s.queue) {
		t -= len(s.queue)
	}
	s.queue[t] = i
	s.size++
}

func (s *transportSolver) dequeue() int32 {
	i := s.queue[s.head]
	s.head++
	if s.head == len(s.queue) {
		s.head = 0
	}
	s.size--
	s.inQ[i] = false
	return i
}

// pushArea relabels active area i to its cheapest option plus ε (unless
// an admissible option remains) and sends all its children there.
func (s *transportSolver) pushArea(i int32) {
	e := s.excess[i]
	if e == 0 {
		return
	}
	s.iters++
	best, bestArc := s.u+s.phi, int32(-1)
	for a := s.start[i]; a < s.start[i+1]; a++ {
		if w := s.cost[a] + s.q[s.school[a]]; w < best {
			best, bestArc = w, a
		}
	}
	if best >= s.v[i] {
		s.v[i] = best + s.eps
	}
	s.excess[i] = 0
	s.work++
	if bestArc < 0 {
		s.unpl[i] += e
		s.tIn += int64(e)
		if !s.unplListed[i] {
			s.unplListed[i] = true
			s.unplList = append(s.unplList, i)
		}
		return
	}
	if s.flow[bestArc] == 0 && !s.inHeap[bestArc] {
		s.inHeap[bestArc] = true
		s.heapPush(s.school[bestArc], holder{key: s.v[i] - s.cost[bestArc], arc: bestArc, area: i})
	}
	s.flow[bestArc] += e
	j := s.school[bestArc]
	s.inflow[j] += int64(e)
	s.pushSchool(j)
}

// pushSchool discharges school j: surplus goes to the sink while seats are
// free and the sink is admissible, then back to the holders that value it
// least, relabelling j when none is admissible.
func (s *transportSolver) pushSchool(j int32) {
	for {
		ex := s.inflow[j] - s.y[j]
		if ex <= 0 {
			return
		}
		if s.y[j] < s.capa[j] {
			d := min(ex, s.capa[j]-s.y[j])
			if s.q[j] <= s.phi {
				// Not admissible, but tight: the reverse arc's reduced
				// cost q_j − φ stays ≥ −ε. Taking it while the sink still
				// lacks flow keeps free seats at price 0, where a
				// relabel to φ + ε would overprice them.
				d = min(d, s.total-s.tIn)
				if s.q[j] < s.phi-s.eps {
					d = 0
				}
			}
			if d > 0 {
				s.y[j] += d
				s.tIn += d
				continue
			}
		}
		h := s.top(j)
		if h != nil && h.key < s.q[j] {
			d := min(ex, int64(s.flow[h.arc]))
			s.flow[h.arc] -= int32(d)
			s.inflow[j] -= d
			s.excess[h.area] += int32(d)
			s.enqueue(h.area)
			if s.flow[h.arc] == 0 {
				s.inHeap[h.arc] = false
				s.heapPop(j)
			}
			continue
		}
		nq := math.Inf(1)
		if s.y[j] < s.capa[j] {
			nq = s.phi
		}
		if h != nil {
			nq = min(nq, h.key)
		}
		s.q[j] = nq + s.eps
		s.work++
	}
}

// top returns the holder of school j with the least value, after dropping
// entries without flow and refreshing stale keys; nil when j has none.
func (s *transportSolver) top(j int32) *holder {
	for len(s.heaps[j]) > 0 {
		h := &s.heaps[j][0]
		if s.flow[h.arc] == 0 {
			s.inHeap[h.arc] = false
			s.heapPop(j)
			continue
		}
		if k := s.v[h.area] - s.cost[h.arc]; k > h.key {
			h.key = k
			s.heapDown(j, 0)
			continue
		}
		return h
	}
	return nil
}

func (s *transportSolver) heapPush(j int32, h holder) {
	hp := append(s.heaps[j], h)
	k := len(hp) - 1
	for k > 0 {
		p := (k - 1) / 2
		if hp[p].key <= hp[k].key {
			break
		}
		hp[p], hp[k] = hp[k], hp[p]
		k = p
	}
	s.heaps[j] = hp
}

func (s *transportSolver) heapPop(j int32) {
	hp := s.heaps[j]
	last := len(hp) - 1
	hp[0] = hp[last]
	s.heaps[j] = hp[:last]
	if last > 0 {
		s.heapDown(j, 0)
	}
}

func (s *transportSolver) heapDown(j int32, k int) {
	hp := s.heaps[j]
	n := len(hp)
	for {
		c := 2*k + 1
		if c >= n {
			return
		}
		if c+1 < n && hp[c+1].key < hp[c].key {
			c++
		}
		if hp[k].key <= hp[c].key {
			return
		}
		hp[k], hp[c] = hp[c], hp[k]
		k = c
	}
}

// rebuildHeaps refills every school's heap from the flows, after area
// values went down or arcs were renumbered.
func (s *transportSolver) rebuildHeaps() {
	for j := range s.heaps {
		s.heaps[j] = s.heaps[j][:0]
	}
	for i := range s.n {
		for a := s.start[i]; a < s.start[i+1]; a++ {
			s.inHeap[a] = s.flow[a] > 0
			if s.flow[a] > 0 {
				j := s.school[a]
				s.heaps[j] = append(s.heaps[j], holder{key: s.v[i] - s.cost[a], arc: a, area: int32(i)})
			}
		}
	}
	for j := range s.heaps {
		for k := len(s.heaps[j])/2 - 1; k >= 0; k-- {
			s.heapDown(int32(j), k)
		}
	}
}

// phaseBudget is the work a phase may do before ε grows: a few pushes per
// area and relabels per school.
func (s *transportSolver) phaseBudget() int {
	return 8*(s.n+s.m) + 1000
}

// refine makes the current flow ε-optimal for the current s.eps by
// resetting area values and evicting the flows that break the conditions,
// so that a phase can start.
func (s *transportSolver) refine() {
	eps := s.eps
	s.work, s.budget = 0, math.MaxInt
	if s.phases == 0 && s.opt.Warm != nil {
		s.budget = s.phaseBudget()
	}
	s.phases++
	for j := range s.m {
		if s.y[j] > 0 && s.q[j] < s.phi-eps {
			s.q[j] = s.phi - eps
		}
	}
	for i := range s.n {
		if s.supply[i] == 0 {
			continue
		}
		best := s.u + s.phi
		for a := s.start[i]; a < s.start[i+1]; a++ {
			best = min(best, s.cost[a]+s.q[s.school[a]])
		}
		vi := best + eps
		s.v[i] = vi
		for a := s.start[i]; a < s.start[i+1]; a++ {
			if f := s.flow[a]; f > 0 && s.cost[a]+s.q[s.school[a]] > vi+eps {
				s.flow[a] = 0
				s.excess[i] += f
				s.inflow[s.school[a]] -= int64(f)
			}
		}
		if f := s.unpl[i]; f > 0 && s.u+s.phi > vi+eps {
			s.unpl[i] = 0
			s.excess[i] += f
			s.tIn -= int64(f)
		}
		if s.excess[i] > 0 {
			s.enqueue(int32(i))
		}
	}
	for j := range s.m {
		ny := min(s.inflow[j], s.capa[j])
		if s.q[j] > s.phi+eps {
			ny = s.capa[j] // keep the seats: a deficit until someone comes
		}
		s.tIn += ny - s.y[j]
		s.y[j] = ny
	}
	s.rebuildHeaps()
}

// drain runs pushes until no area has children to place or the solve
// must stop.
//
// A phase whose ε is far below the error of its starting prices (a warm
// start from a different year) would move prices in steps of ε for a long
// time; when a phase's work passes its budget, ε grows by scalingFactor
// instead. Growing ε keeps the flow ε-optimal, and later phases shrink it
// again.
func (s *transportSolver) drain() {
	for {
		for s.size > 0 {
			if s.iters%checkEvery == 0 && s.interrupted() {
				return
			}
			if s.work > s.budget {
				s.eps *= scalingFactor
				s.budget += s.phaseBudget()
			}
			s.pushArea(s.dequeue())
		}
		if s.tIn <= s.total || s.interrupted() {
			return
		}
		s.pushSink()
	}
}

func (s *transportSolver) interrupted() bool {
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

// pushSink discharges the sink's surplus (which equals the schools'
// reserved free seats) back into schools priced below φ or into unplaced
// children, and raises φ when there are none.
func (s *transportSolver) pushSink() {
	for s.tIn > s.total && s.size == 0 {
		pushed := false
		for j := range s.m {
			ex := s.tIn - s.total
			if ex <= 0 {
				break
			}
			if s.y[j] > 0 && s.q[j] < s.phi {
				d := min(ex, s.y[j])
				s.y[j] -= d
				s.tIn -= d
				s.pushSchool(int32(j))
				pushed = true
			}
		}
		k := 0
		for _, i := range s.unplList {
			if s.unpl[i] == 0 {
				s.unplListed[i] = false
				continue
			}
			s.unplList[k] = i
			k++
			if ex := s.tIn - s.total; ex > 0 && s.v[i] < s.u+s.phi {
				d := min(ex, int64(s.unpl[i]))
				s.unpl[i] -= int32(d)
				s.tIn -= d
				s.excess[i] += int32(d)
				s.enqueue(i)
				pushed = true
			}
		}
		s.unplList = s.unplList[:k]
		if pushed {
			continue
		}
		nphi := math.Inf(1)
		for j := range s.m {
			if s.y[j] > 0 {
				nphi = min(nphi, s.q[j])
			}
		}
		for _, i := range s.unplList {
			nphi = min(nphi, s.v[i]-s.u)
		}
		s.phi = nphi + s.eps
		s.work += 1 + s.m/64
	}
}
