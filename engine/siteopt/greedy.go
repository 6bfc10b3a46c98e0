package siteopt

import "math"

// greedy is the ADD construction for the p-median objective: starting from
// the fixed sites, open one site at a time, each time the one that lowers
// the objective most (Kuehn and Hamburger's heuristic). The gains are kept
// per site and updated only for the points the new site serves better, by
// walking their candidate lists.
func greedy(in *instance) []int32 {
	a := newAdder(in)
	if in.p == 0 {
		return a.set
	}
	a.start()
	for _, u := range in.users {
		a.credit(int(u), 1)
	}
	for len(a.set) < in.p+in.nFixed {
		a.add(a.pick())
	}
	return a.set
}

// adder is the state of the ADD construction.
type adder struct {
	in   *instance
	open []bool
	d1   []float64 // per point: cost of its cheapest open site
	gain []float64 // per closed site: what opening it would save
	set  []int32
}

// newAdder opens the fixed sites.
func newAdder(in *instance) *adder {
	a := &adder{in: in, open: make([]bool, in.m), d1: make([]float64, in.n),
		gain: make([]float64, in.m), set: make([]int32, 0, in.p+in.nFixed)}
	for j := 0; j < in.m; j++ {
		if in.fixed[j] {
			a.open[j] = true
			a.set = append(a.set, int32(j))
		}
	}
	return a
}

// start sets every point's cheapest open cost: from the fixed sites, or,
// without any, after opening the best single site.
func (a *adder) start() {
	in := a.in
	if len(a.set) > 0 {
		for _, u := range in.users {
			_, a.d1[u] = in.nearestOpen(int(u), a.open, a.set)
		}
		return
	}
	best := bestSingleSite(in)
	a.open[best] = true
	a.set = append(a.set, int32(best))
	for _, u := range in.users {
		a.d1[u] = in.cm.at(int(u), best)
	}
}

// bestSingleSite is the site that alone serves the points most cheaply,
// opening cost included (the first of equals): the cheapest column, a full
// pass over the costs.
func bestSingleSite(in *instance) int {
	col := make([]float64, in.m)
	row := make([]float64, in.m)
	for _, u := range in.users {
		in.cm.row(int(u), row)
		w := in.w[u]
		for j, c := range row {
			col[j] += w * c
		}
	}
	best := 0
	for j := range col {
		if col[j]+in.oc[j] < col[best]+in.oc[best] {
			best = j
		}
	}
	return best
}

// credit adds (sign = 1) or removes (sign = -1) point u's share of the
// gains. A point adds to the gain of the sites on its list only: for a
// point whose nearest open site lies beyond its list (early on, when few
// sites are open) the sites beyond are not credited. This keeps each pick
// O(list) instead of O(m) per point; it only steers the construction,
// which the local search then corrects with exact costs.
func (a *adder) credit(u int, sign float64) {
	sw := sign * a.in.w[u]
	d := a.d1[u]
	sites, costs := a.in.nb.list(u)
	for t, c := range costs {
		if c >= d {
			break
		}
		if j := sites[t]; !a.open[j] {
			a.gain[j] += sw * (d - c)
		}
	}
}

// pick returns the closed site of the largest gain less opening cost
// (the first of equals).
func (a *adder) pick() int32 {
	pick, bv := int32(-1), math.Inf(-1)
	for j := 0; j < a.in.m; j++ {
		if !a.open[j] && a.gain[j]-a.in.oc[j] > bv {
			bv, pick = a.gain[j]-a.in.oc[j], int32(j)
		}
	}
	return pick
}

// add opens site pick and moves the points it serves better onto it: the
// points listing it, then the points whose cheapest open site lies beyond
// their list.
func (a *adder) add(pick int32) {
	in := a.in
	a.open[pick] = true
	a.gain[pick] = 0
	a.set = append(a.set, pick)
	pts, costs := in.nb.column(int(pick))
	for t, u := range pts {
		a.closer(int(u), costs[t])
	}
	for _, u := range in.users {
		if a.d1[u] > in.nb.last[u] {
			a.closer(int(u), in.cm.at(int(u), int(pick)))
		}
	}
}

// closer makes c point u's cheapest open cost if it is lower, moving its
// share of the gains.
func (a *adder) closer(u int, c float64) {
	if c < a.d1[u] {
		a.credit(u, -1)
		a.d1[u] = c
		a.credit(u, 1)
	}
}
