package siteopt

import (
	"math"
	"math/rand/v2"
	"slices"
)

// coverSwapper is swap-based local search for maximal covering, the
// covering analogue of swapper. For each point it keeps how many open
// sites cover it and, when exactly one does, which (the sum of the
// covering sites' indices is that site); then
//
//	gain(i)     = weight of the uncovered points site i covers    (closed i)
//	loss(r)     = weight of the points only r covers              (open r)
//	extra(i, r) = weight of the points only r covers that i covers too
//
// and swapping r out for i adds gain(i) − loss(r) + extra(i, r). Opening or
// closing a site updates the counts of the points it covers and the gains
// of the sites covering those points.
type coverSwapper struct {
	in     *instance
	cv     *coverage
	open   []bool
	slots  []int32 // open sites that are not fixed
	slotOf []int32
	count  []int32 // per covered-point position
	sum    []int64 // Σ indices of the open sites covering the point
	gain   []float64
	loss   []float64
	obj    float64 // covered weight, fixed coverage excluded
	tmp    []float64
}

func newCoverSwapper(in *instance, cv *coverage) *coverSwapper {
	return &coverSwapper{in: in, cv: cv, open: make([]bool, in.m), slotOf: make([]int32, in.m),
		count: make([]int32, len(cv.pts)), sum: make([]int64, len(cv.pts)),
		gain: make([]float64, in.m), loss: make([]float64, in.m)}
}

// reset opens exactly the free sites in set.
func (s *coverSwapper) reset(set []int32) {
	clear(s.open)
	clear(s.count)
	clear(s.sum)
	clear(s.loss)
	s.slots = s.slots[:0]
	s.obj = 0
	for j := range s.slotOf {
		s.slotOf[j] = -1
	}
	for j := 0; j < s.in.m; j++ {
		s.gain[j] = 0
		for _, k := range s.cv.of(int32(j)) {
			s.gain[j] += s.cv.w[k]
		}
	}
	for _, j := range set {
		s.add(j)
	}
}

// add opens site j.
func (s *coverSwapper) add(j int32) {
	s.open[j] = true
	s.slotOf[j] = int32(len(s.slots))
	s.slots = append(s.slots, j)
	for _, k := range s.cv.of(j) {
		w := s.cv.w[k]
		switch s.count[k] {
		case 0:
			s.obj += w
			for _, q := range s.cv.by(k) {
				s.gain[q] -= w
			}
			s.loss[j] += w
		case 1:
			s.loss[s.sum[k]] -= w
		}
		s.count[k]++
		s.sum[k] += int64(j)
	}
	s.gain[j] = 0
}

// remove closes site j.
func (s *coverSwapper) remove(j int32) {
	r := s.slotOf[j]
	last := s.slots[len(s.slots)-1]
	s.slots[r] = last
	s.slotOf[last] = r
	s.slots = s.slots[:len(s.slots)-1]
	s.slotOf[j] = -1
	s.open[j] = false
	for _, k := range s.cv.of(j) {
		w := s.cv.w[k]
		s.count[k]--
		s.sum[k] -= int64(j)
		switch s.count[k] {
		case 0:
			s.obj -= w
			for _, q := range s.cv.by(k) {
				s.gain[q] += w
			}
		case 1:
			s.loss[s.sum[k]] += w
		}
	}
	s.loss[j] = 0
	// j's gain: its points that are now uncovered.
	s.gain[j] = 0
	for _, k := range s.cv.of(j) {
		if s.count[k] == 0 {
			s.gain[j] += s.cv.w[k]
		}
	}
}

// bestSwap returns the best (in, out) swap and its change in covered
// weight; in is -1 when none adds more than eps.
func (s *coverSwapper) bestSwap(eps float64) (int32, int32, float64) {
	if len(s.tmp) < len(s.slots) {
		s.tmp = make([]float64, len(s.slots))
	}
	tmp := s.tmp[:len(s.slots)]
	bestIn, bestOut, best := int32(-1), int32(-1), eps
	for i := int32(0); i < int32(s.in.m); i++ {
		if s.open[i] || s.in.fixed[i] {
			continue
		}
		clear(tmp)
		for _, k := range s.cv.of(i) {
			if s.count[k] == 1 {
				tmp[s.slotOf[s.sum[k]]] += s.cv.w[k]
			}
		}
		g := s.gain[i]
		for r, out := range s.slots {
			if v := g - s.loss[out] + tmp[r]; v > best {
				bestIn, bestOut, best = i, out, v
			}
		}
	}
	return bestIn, bestOut, best
}

// eps is the least gain a swap must bring: a relative 1e-10 of the
// covered weight.
func (s *coverSwapper) eps() float64 { return 1e-10 * math.Max(1, s.obj) }

// descend applies best swaps until none helps; it returns the number made.
func (s *coverSwapper) descend(clk *clock) int {
	moves := 0
	for !clk.stopped() {
		in, out, _ := s.bestSwap(s.eps())
		if in < 0 {
			break
		}
		s.remove(out)
		s.add(in)
		moves++
	}
	return moves
}

// set returns the open free sites, sorted.
func (s *coverSwapper) set() []int32 {
	out := slices.Clone(s.slots)
	slices.Sort(out)
	return out
}

// greedyCover opens, p times, the site covering the most uncovered weight.
func (s *coverSwapper) greedy(p int) {
	s.reset(nil)
	for len(s.slots) < p {
		best := int32(-1)
		for j := int32(0); j < int32(s.in.m); j++ {
			if !s.open[j] && !s.in.fixed[j] && (best < 0 || s.gain[j] > s.gain[best]) {
				best = j
			}
		}
		s.add(best)
	}
}

// coverSearch runs greedy, descent and VNS rounds on coverSwapper with p
// free sites, stopping early when everything is covered or the covered
// weight reaches stopAt. It returns the best set and its covered weight
// (fixed coverage excluded).
func coverSearch(in *instance, cv *coverage, p, rounds int, stopAt float64, rng *rand.Rand, clk *clock, moves *int) ([]int32, float64) {
	s := newCoverSwapper(in, cv)
	s.greedy(p)
	*moves += s.descend(clk)
	best, bestObj := s.set(), s.obj
	total := 0.0
	for _, w := range cv.w {
		total += w
	}
	size := shakeSize{k: 1, kmax: max(1, min(p, 10))}
	nFree := in.m - in.nFixed
	for r := 0; r < rounds && bestObj < stopAt-s.eps() && bestObj < total-s.eps() && p < nFree && !clk.stopped(); r++ {
		s.shake(size.k, rng)
		*moves += s.descend(clk)
		if s.obj > bestObj+s.eps() {
			best, bestObj = s.set(), s.obj
			size.improved()
			continue
		}
		s.reset(best)
		size.failed()
	}
	return best, bestObj
}

// shake makes k random swaps: a random open site out, a random closed
// site that is not fixed in.
func (s *coverSwapper) shake(k int, rng *rand.Rand) {
	for t := 0; t < k; t++ {
		out := s.slots[rng.IntN(len(s.slots))]
		var j int32
		for {
			j = int32(rng.IntN(s.in.m))
			if !s.open[j] && !s.in.fixed[j] {
				break
			}
		}
		s.remove(out)
		s.add(j)
	}
}

// solveMaxCover: coverSearch for the solution, then the Lagrangian upper
// bound of coverLagrange.
func solveMaxCover(in *instance, s settings, clk *clock) *Result {
	cv := buildCoverage(in, in.pr.Radius)
	rng := rand.New(rand.NewPCG(s.seed, 0xbb67ae8584caa73b))
	res := &Result{}
	total := cv.base
	for _, w := range cv.w {
		total += w
	}
	p := in.p
	var set []int32
	var obj float64
	if p > 0 {
		set, obj = coverSearch(in, cv, p, s.maxIter, math.Inf(1), rng, clk, &res.Iterations)
	}
	ub := total
	if s.boundIter > 0 && obj < total-1e-10*math.Max(1, total) {
		lr := newCoverLagrange(in, cv)
		res.BoundIterations = lr.run(s.boundIter, obj, clk)
		ub = math.Min(total, cv.base+lr.sg.best)
		if weightsIntegral(in) {
			ub = math.Floor(ub + 1e-7*math.Max(1, ub))
		}
	}
	for j := 0; j < in.m; j++ {
		if in.fixed[j] {
			set = append(set, int32(j))
		}
	}
	slices.Sort(set)
	res.Open = toInts(set)
	res.Assign = assignCovering(in, set)
	res.Objective = cv.base + obj
	finishMax(res, ub)
	return res
}

// weightsIntegral reports whether every weight is a whole number, so that
// the covering bound may be rounded down.
func weightsIntegral(in *instance) bool {
	for _, w := range in.w {
		if w != math.Trunc(w) {
			return false
		}
	}
	return true
}

// assignCovering returns for every point its cheapest open site if that
// is within the radius, else -1.
func assignCovering(in *instance, set []int32) []int {
	open := make([]bool, in.m)
	for _, j := range set {
		open[j] = true
	}
	out := make([]int, in.n)
	for i := range out {
		out[i] = -1
		if len(set) == 0 {
			continue
		}
		if j, c := in.nearestOpen(i, open, set); c <= in.pr.Radius {
			out[i] = int(j)
		}
	}
	return out
}
