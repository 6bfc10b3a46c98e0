package siteopt

import (
	"cmp"
	"math"
	"slices"
)

// localSearch improves set by first-improvement swaps until none helps.
// The incumbent is updated by value along the way.
func (cs *capSearch) localSearch(set []int32) {
	set = slices.Clone(set)
	cur := cs.value(set, math.Inf(1), nil)
	if !cur.feasible {
		return
	}
	assign := cs.assignmentOf(set)
	rk := newReplacements(cs.in)
	for improved := true; improved && !cs.clk.stopped(); {
		improved = false
		rk.open(set)
		for r := 0; r < len(set) && !improved; r++ {
			if cs.in.fixed[set[r]] {
				continue
			}
			next, v, ok := cs.firstBetter(set, r, rk.rank(set[r], assign), cur, assign)
			if !ok {
				if cs.clk.stopped() {
					return
				}
				continue
			}
			set, cur = next, v
			assign = cs.assignmentOf(set)
			cs.moves++
			improved = true
		}
	}
}

// firstBetter tries the sites cands in turn in place of set[r] and returns
// the first set that is feasible and better than cur (valued from the
// assignment assign), with its value. It stops when the clock does.
func (cs *capSearch) firstBetter(set []int32, r int, cands []int32, cur capValue, assign []int32) ([]int32, capValue, bool) {
	for _, c := range cands {
		if cs.clk.stopped() {
			return nil, capValue{}, false
		}
		next := slices.Clone(set)
		next[r] = c
		slices.Sort(next)
		v := cs.value(next, cur.obj, assign)
		if v.feasible && !v.bound && v.obj < cur.obj-1e-9*math.Max(1, math.Abs(cur.obj)) {
			if cs.quick {
				v = cs.refine(next)
			}
			return next, v, true
		}
	}
	return nil, capValue{}, false
}

// replacements ranks the closed sites that could replace an open one by
// what they would charge its customers.
type replacements struct {
	in     *instance
	isOpen []bool
	score  []float64
	cands  []int32
}

// newReplacements allocates the ranking scratch for in.
func newReplacements(in *instance) *replacements {
	return &replacements{in: in, isOpen: make([]bool, in.m), score: make([]float64, in.m)}
}

// open marks the sites of set as open.
func (rk *replacements) open(set []int32) {
	clear(rk.isOpen)
	for _, j := range set {
		rk.isOpen[j] = true
	}
}

// rank returns the capCandidates closed sites that would serve the
// customers of site out (under assign) most cheaply, opening cost
// included, ties to the lower index. The slice is reused by the next call.
func (rk *replacements) rank(out int32, assign []int32) []int32 {
	in, score := rk.in, rk.score
	clear(score)
	for i, j := range assign {
		if j == out {
			for c := 0; c < in.m; c++ {
				score[c] += in.w[i] * in.cm.at(i, c)
			}
		}
	}
	rk.cands = rk.cands[:0]
	for c := 0; c < in.m; c++ {
		if !rk.isOpen[c] {
			rk.cands = append(rk.cands, int32(c))
		}
	}
	slices.SortFunc(rk.cands, func(a, b int32) int {
		if c := cmp.Compare(score[a]+in.oc[a], score[b]+in.oc[b]); c != 0 {
			return c
		}
		return int(a - b)
	})
	if len(rk.cands) > capCandidates {
		rk.cands = rk.cands[:capCandidates]
	}
	return rk.cands
}
