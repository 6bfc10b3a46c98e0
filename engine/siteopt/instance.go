package siteopt

import "math"

// instance is a Problem prepared for the solvers: defaults filled in, the
// active demand points (weight > 0) listed, and the candidate lists built.
type instance struct {
	pr       *Problem
	n, m     int
	w        []float64 // weight per point (1 when Problem.Weight is nil)
	users    []int32   // points with weight > 0
	fixed    []bool    // per site
	nFixed   int
	p        int       // new sites to open
	oc       []float64 // opening cost per site, 0 for fixed sites
	integral bool      // costs, weights and opening costs are integers
	cm       *costMatrix
	nb       *nbrs
}

func newInstance(p *Problem, s settings, needLists bool) (*instance, error) {
	in := &instance{pr: p, n: p.n, m: p.m, p: p.P, cm: &p.cost,
		w: make([]float64, p.n), fixed: make([]bool, p.m), oc: make([]float64, p.m)}
	in.integral = p.cost.integral
	active := make([]bool, p.n)
	for i := range in.w {
		in.w[i] = p.weight(i)
		if in.w[i] > 0 {
			active[i] = true
			in.users = append(in.users, int32(i))
		}
		if in.w[i] != math.Trunc(in.w[i]) {
			in.integral = false
		}
	}
	def := 0.0
	if p.Model == SetCover {
		def = 1
	}
	for j := range in.fixed {
		if p.fixed(j) {
			in.fixed[j] = true
			in.nFixed++
			continue
		}
		in.oc[j] = p.openCost(j, def)
		if in.oc[j] != math.Trunc(in.oc[j]) {
			in.integral = false
		}
	}
	if needLists {
		nb, err := buildNeighbors(in.cm, s.neighbors, active)
		if err != nil {
			return nil, err
		}
		in.nb = nb
	}
	return in, nil
}

// roundBound rounds a lower bound up to the next integer when every
// quantity is integral (so is the optimum), allowing for the rounding error
// of the float sums.
func (in *instance) roundBound(lb float64) float64 {
	if !in.integral || math.IsInf(lb, 0) {
		return lb
	}
	return math.Ceil(lb - 1e-7*math.Max(1, math.Abs(lb)))
}

// nearestOpen returns point i's cheapest open site and its cost, walking its
// list and falling back to the open sites in slots.
func (in *instance) nearestOpen(i int, open []bool, slots []int32) (int32, float64) {
	sites, costs := in.nb.list(i)
	for t, j := range sites {
		if open[j] {
			return j, costs[t]
		}
	}
	best, bc := int32(-1), math.Inf(1)
	for _, j := range slots {
		if c := in.cm.at(i, int(j)); c < bc || (c == bc && j < best) {
			best, bc = j, c
		}
	}
	return best, bc
}
