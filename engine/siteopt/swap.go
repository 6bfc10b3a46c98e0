package siteopt

import (
	"math"
	"slices"
)

// swapper is the fast swap-based local search of Resende and Werneck ("A
// fast swap-based local search procedure for location problems", Annals of
// Operations Research 150, 2007) for the p-median objective with fixed sites
// and opening costs.
//
// For every point u it keeps the cheapest and second-cheapest open sites
// φ1(u), φ2(u) at costs d1 ≤ d2 (Whitaker's bookkeeping) and, summed over the
// points, the value of every swap in three parts:
//
//	gain(i)     = Σ_u w_u·max(0, d1(u) − c(u,i))              for closed i
//	loss(r)     = Σ_{u: φ1(u)=r} w_u·(d2(u) − d1(u))           for open r
//	extra(i, r) = Σ_{u: φ1(u)=r, c(u,i)<d2(u)} w_u·(d2(u) − max(c(u,i), d1(u)))
//
// so that opening i and closing r saves gain(i) − loss(r) + extra(i, r)
// (less the opening costs). A swap changes φ1, φ2 only for the points
// served by r or closer to i than their d2; only their contributions are
// taken out before the swap and put back after it, each by walking the
// point's candidate list up to d2. The best swap is then a scan of the
// p × sites table extra, kept dense: p·m entries (100,000 for p = 50,
// m = 2,000); fixed sites never leave, so they have no rows.
type swapper struct {
	in     *instance
	open   []bool
	slots  []int32 // slot → open site: the p free sites first, then the fixed ones
	slotOf []int32 // site → slot, -1 when closed
	free   []int   // slots holding a site that is not fixed: 0..p-1
	f1, f2 []int32
	d1, d2 []float64
	gain   []float64 // per closed site
	loss   []float64 // per open site
	extra  []float64 // free slot·m + site (fixed sites never leave: no rows)
	score  []float64 // scratch for bestSwap
	obj    float64
	mark   []bool
	aff    []int32
}

func newSwapper(in *instance) *swapper {
	k := in.p + in.nFixed
	return &swapper{in: in,
		open: make([]bool, in.m), slots: make([]int32, 0, k), slotOf: make([]int32, in.m),
		f1: make([]int32, in.n), f2: make([]int32, in.n),
		d1: make([]float64, in.n), d2: make([]float64, in.n),
		gain: make([]float64, in.m), loss: make([]float64, in.m),
		extra: make([]float64, in.p*in.m), score: make([]float64, in.m),
		mark: make([]bool, in.n)}
}

// reset opens exactly the sites in set (p free sites and every fixed site,
// at least two in all) and rebuilds all the bookkeeping.
func (s *swapper) reset(set []int32) {
	in := s.in
	clear(s.open)
	clear(s.gain)
	clear(s.loss)
	s.slots = s.slots[:0]
	for _, j := range set {
		if !in.fixed[j] {
			s.slots = append(s.slots, j)
		}
	}
	for _, j := range set {
		if in.fixed[j] {
			s.slots = append(s.slots, j)
		}
	}
	clear(s.extra)
	for j := range s.slotOf {
		s.slotOf[j] = -1
	}
	s.obj = 0
	s.free = s.free[:0]
	for r, j := range s.slots {
		s.open[j] = true
		s.slotOf[j] = int32(r)
		s.obj += in.oc[j]
		if !in.fixed[j] {
			s.free = append(s.free, r)
		}
	}
	for _, u := range in.users {
		s.nearest2(int(u))
		s.contrib(int(u), 1)
		s.obj += in.w[u] * s.d1[u]
	}
}

// nearest2 finds φ1(u), φ2(u).
func (s *swapper) nearest2(u int) {
	sites, costs := s.in.nb.list(u)
	found := 0
	for t, j := range sites {
		if !s.open[j] {
			continue
		}
		if found == 0 {
			s.f1[u], s.d1[u] = j, costs[t]
			found = 1
			continue
		}
		s.f2[u], s.d2[u] = j, costs[t]
		return
	}
	s.nearest2Beyond(u, found)
}

// nearest2Beyond completes nearest2 when u's list ran out with found (0
// or 1) open sites on it: every site beyond the list costs at least its
// last entry, so φ1 found in the list stands and the rest come from the
// open sites, ties to the lower index.
func (s *swapper) nearest2Beyond(u, found int) {
	b1, c1 := int32(-1), math.Inf(1)
	b2, c2 := int32(-1), math.Inf(1)
	if found == 1 {
		b1, c1 = s.f1[u], s.d1[u]
	}
	for _, j := range s.slots {
		if found == 1 && j == b1 {
			continue
		}
		c := s.in.cm.at(u, int(j))
		switch {
		case found == 0 && precedes(c, j, c1, b1):
			b2, c2 = b1, c1
			b1, c1 = j, c
		case precedes(c, j, c2, b2):
			b2, c2 = j, c
		}
	}
	s.f1[u], s.d1[u], s.f2[u], s.d2[u] = b1, c1, b2, c2
}

// precedes reports whether site j at cost c comes before site b at cost
// cb in the order of (cost, index).
func precedes(c float64, j int32, cb float64, b int32) bool {
	return c < cb || (c == cb && j < b)
}

// contrib adds (sign = 1) or removes (sign = -1) point u's share of gain,
// loss and extra under the current φ1(u), φ2(u) and open set: for every
// closed site cheaper than d2, down u's list or, when d2 lies beyond it,
// over the full row.
func (s *swapper) contrib(u int, sign float64) {
	in := s.in
	sw := sign * in.w[u]
	d1, d2 := s.d1[u], s.d2[u]
	row := s.contribLoss(u, sw)
	if d2 <= in.nb.last[u] {
		sites, costs := in.nb.list(u)
		for t, c := range costs {
			if c >= d2 {
				break
			}
			if j := sites[t]; !s.open[j] {
				credit(s.gain, row, int(j), c, d1, d2, sw)
			}
		}
		return
	}
	for j := 0; j < in.m; j++ {
		if s.open[j] {
			continue
		}
		if c := in.cm.at(u, j); c < d2 {
			credit(s.gain, row, j, c, d1, d2, sw)
		}
	}
}

// contribLoss adds sw·(d2 − d1) to the loss of u's serving site φ1(u)
// and returns that site's row of extra, or nil when the site is fixed (it
// never leaves).
func (s *swapper) contribLoss(u int, sw float64) []float64 {
	f1 := s.f1[u]
	if s.in.fixed[f1] {
		return nil
	}
	s.loss[f1] += sw * (s.d2[u] - s.d1[u])
	r := int(s.slotOf[f1])
	return s.extra[r*s.in.m : (r+1)*s.in.m]
}

// credit adds a point's share, sw = ±its weight, for closed site j at cost
// c < d2: the gain of opening j when c < d1, and the extra of swapping j
// for φ1 (row, nil when φ1 is fixed).
func credit(gain, row []float64, j int, c, d1, d2, sw float64) {
	if c < d1 {
		gain[j] += sw * (d1 - c)
		if row != nil {
			row[j] += sw * (d2 - d1)
		}
	} else if row != nil {
		row[j] += sw * (d2 - c)
	}
}

// bestSwap returns the closed site to open, the slot to close and the
// saving of the best swap, or site -1 when no swap saves more than eps.
func (s *swapper) bestSwap(eps float64) (int32, int, float64) {
	in := s.in
	for j := range s.score {
		if s.open[j] {
			s.score[j] = math.Inf(-1)
		} else {
			s.score[j] = s.gain[j] - in.oc[j]
		}
	}
	bestJ, bestR, best := int32(-1), -1, eps
	for r, jr := range s.slots[:in.p] {
		base := in.oc[jr] - s.loss[jr]
		row := s.extra[r*in.m : (r+1)*in.m]
		rowBest, rowJ := math.Inf(-1), -1
		for j, g := range s.score {
			if v := g + row[j]; v > rowBest {
				rowBest, rowJ = v, j
			}
		}
		if v := rowBest + base; v > best {
			bestJ, bestR, best = int32(rowJ), r, v
		}
	}
	return bestJ, bestR, best
}

// swap opens site in and closes the site in slot r, updating only the
// points the swap affects.
func (s *swapper) swap(in32 int32, r int) {
	in := s.in
	out := s.slots[r]
	aff := s.affected(in32, out)
	for _, u := range aff {
		s.contrib(int(u), -1)
		s.obj -= in.w[u] * s.d1[u]
	}
	s.open[out], s.open[in32] = false, true
	s.slots[r] = in32
	s.slotOf[in32], s.slotOf[out] = int32(r), -1
	s.obj += in.oc[in32] - in.oc[out]
	// What the removed contributions left is rounding error; clear it.
	s.gain[in32], s.gain[out], s.loss[in32], s.loss[out] = 0, 0, 0, 0
	clear(s.extra[r*in.m : (r+1)*in.m])
	for q := 0; q < in.p; q++ {
		s.extra[q*in.m+int(in32)] = 0
	}
	for _, u := range aff {
		s.mark[u] = false
		s.nearest2(int(u))
		s.contrib(int(u), 1)
		s.obj += in.w[u] * s.d1[u]
	}
	s.aff = aff
}

// affected marks and lists the points whose φ1 or φ2 may change when site
// in32 opens and out closes: those served by out, and those to which in32
// is closer than φ2 (from in32's column, and by cost for points whose φ2
// lies beyond their list).
func (s *swapper) affected(in32, out int32) []int32 {
	in := s.in
	aff := s.aff[:0]
	for _, u := range in.users {
		if s.f1[u] == out || s.f2[u] == out ||
			(s.d2[u] > in.nb.last[u] && in.cm.at(int(u), int(in32)) < s.d2[u]) {
			s.mark[u] = true
			aff = append(aff, u)
		}
	}
	pts, costs := in.nb.column(int(in32))
	for t, u := range pts {
		if !s.mark[u] && costs[t] < s.d2[u] {
			s.mark[u] = true
			aff = append(aff, u)
		}
	}
	return aff
}

// move is one swap as applied: site in opened in slot, site out closed.
type move struct {
	in, out int32
	slot    int
}

// descend applies best swaps until none saves anything or the clock stops,
// appending each to log (if not nil), and returns the number of swaps.
func (s *swapper) descend(clk *clock, log *[]move) int {
	moves := 0
	for !clk.stopped() {
		j, r, _ := s.bestSwap(s.eps())
		if j < 0 {
			break
		}
		if log != nil {
			*log = append(*log, move{j, s.slots[r], r})
		}
		s.swap(j, r)
		moves++
	}
	return moves
}

// undo reverts the swaps in log, last first.
func (s *swapper) undo(log []move) {
	for k := len(log) - 1; k >= 0; k-- {
		s.swap(log[k].out, log[k].slot)
	}
}

// eps is the least saving a swap must bring: 1 for integral data (every
// saving is a whole number), else a relative 1e-10 of the objective, so
// that rounding noise never makes the search cycle.
func (s *swapper) eps() float64 {
	if s.in.integral {
		return 0.5
	}
	return 1e-10 * math.Max(1, math.Abs(s.obj))
}

// objective recomputes the objective from scratch (the running total
// drifts by rounding).
func (s *swapper) objective() float64 {
	total := 0.0
	for _, j := range s.slots {
		total += s.in.oc[j]
	}
	for _, u := range s.in.users {
		total += s.in.w[u] * s.d1[u]
	}
	return total
}

// set returns the open sites, sorted.
func (s *swapper) set() []int32 {
	out := slices.Clone(s.slots)
	slices.Sort(out)
	return out
}
