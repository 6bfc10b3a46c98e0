package siteopt

import "math"

// greedy is the ADD construction for the p-median objective: starting from
// the fixed sites, open one site at a time, each time the one that lowers
// the objective most (Kuehn and Hamburger's heuristic). The gains are kept
// per site and updated only for the points the new site serves better, by
// walking their candidate lists.
func greedy(in *instance) []int32 {
	n, m := in.n, in.m
	open := make([]bool, m)
	d1 := make([]float64, n)
	set := make([]int32, 0, in.p+in.nFixed)
	for j := 0; j < m; j++ {
		if in.fixed[j] {
			open[j] = true
			set = append(set, int32(j))
		}
	}
	if in.p == 0 {
		return set
	}
	if len(set) > 0 {
		for _, u := range in.users {
			_, d1[u] = in.nearestOpen(int(u), open, set)
		}
	} else {
		// The first site: the cheapest column, a full pass over the costs.
		col := make([]float64, m)
		row := make([]float64, m)
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
		open[best] = true
		set = append(set, int32(best))
		for _, u := range in.users {
			d1[u] = in.cm.at(int(u), best)
		}
	}
	gain := make([]float64, m)
	// A point adds to the gain of the sites on its list only: for a point
	// whose nearest open site lies beyond its list (early on, when few sites
	// are open) the sites beyond are not credited. This keeps each pick
	// O(list) instead of O(m) per point; it only steers the construction,
	// which the local search then corrects with exact costs.
	add := func(u int, sign float64) {
		sw := sign * in.w[u]
		d := d1[u]
		sites, costs := in.nb.list(u)
		for t, c := range costs {
			if c >= d {
				break
			}
			if j := sites[t]; !open[j] {
				gain[j] += sw * (d - c)
			}
		}
	}
	for _, u := range in.users {
		add(int(u), 1)
	}
	for len(set) < in.p+in.nFixed {
		pick, bv := int32(-1), math.Inf(-1)
		for j := 0; j < m; j++ {
			if !open[j] && gain[j]-in.oc[j] > bv {
				bv, pick = gain[j]-in.oc[j], int32(j)
			}
		}
		open[pick] = true
		gain[pick] = 0
		set = append(set, pick)
		pts, costs := in.nb.column(int(pick))
		for t, u := range pts {
			if c := costs[t]; c < d1[u] {
				add(int(u), -1)
				d1[u] = c
				add(int(u), 1)
			}
		}
		for _, u := range in.users {
			if d1[u] > in.nb.last[u] {
				if c := in.cm.at(int(u), int(pick)); c < d1[u] {
					add(int(u), -1)
					d1[u] = c
					add(int(u), 1)
				}
			}
		}
	}
	return set
}
