package siteopt

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestCapLagrangeBelowOptimum checks the knapsack Lagrangian against
// enumeration on small random instances: at random multipliers, at the
// multipliers of a subgradient run, and on node instances with sites
// forced open and closed (as the tree bounds them), L(λ) never exceeds
// the optimum; the exact knapsacks (integer demands) bound at least as
// high as their LP relaxation at the same λ.
func TestCapLagrangeBelowOptimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 5))
	cases := []struct {
		name       string
		fractional bool // demands with fractions: the knapsacks fall back to the LP
	}{{"integer demands", false}, {"fractional demands", true}}
	checked := 0
	defer func() {
		if checked < 12 {
			t.Errorf("%d of 24 instances feasible; want at least 12 checked", checked)
		}
	}()
	for _, c := range cases {
		for rep := 0; rep < 12; rep++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, rep), func(t *testing.T) {
				pr := randomCapProblem(t, rng, 8, 7, 2+rep%2, rep%3 == 0, c.fractional)
				cs, lr, _ := capTreeFrom(t, pr)
				best := capOptimum(cs, pr)
				if math.IsInf(best, 1) {
					return
				}
				checked++
				if lr.integral == c.fractional {
					t.Fatalf("integral = %v for fractional demands %v", lr.integral, c.fractional)
				}
				for k := 0; k < 20; k++ {
					randomLambda(rng, lr)
					checkBelow(t, lr, best, "random λ")
				}
				lr.iterate(200, best, cs.clk, func(lb, ub float64) bool { return false }, nil)
				if lr.sg.best > best*(1+1e-9) {
					t.Fatalf("subgradient bound %v above the optimum %v", lr.sg.best, best)
				}
				checkNodes(t, rng, cs, pr)
			})
		}
	}
}

// checkBelow evaluates lr at its multipliers, exactly and by the LP
// relaxation of the knapsacks, and fails if either exceeds best or the
// exact bound is below the LP one.
func checkBelow(t *testing.T, lr *capLagrange, best float64, what string) {
	t.Helper()
	exact, _ := lr.evaluate()
	integral := lr.integral
	lr.integral = false
	relaxed, _ := lr.evaluate()
	lr.integral = integral
	if exact > best*(1+1e-9)+1e-9 || relaxed > best*(1+1e-9)+1e-9 {
		t.Fatalf("%s: L = %v (LP knapsacks %v) above the optimum %v", what, exact, relaxed, best)
	}
	if exact < relaxed-1e-9*math.Max(1, math.Abs(relaxed)) {
		t.Fatalf("%s: exact knapsacks bound %v below their LP relaxation %v", what, exact, relaxed)
	}
}

// checkNodes forces random sites open and closed and checks the node's
// bound against the node's optimum by enumeration.
func checkNodes(t *testing.T, rng *rand.Rand, cs *capSearch, pr *Problem) {
	t.Helper()
	pb := pmBnB{ps: &pmSearch{in: cs.in}}
	for k := 0; k < 6; k++ {
		state := make([]int8, pr.m)
		for j := range state {
			if !pr.fixed(j) {
				state[j] = []int8{-1, 0, 0, 1}[rng.IntN(4)] // closed, undecided (twice as often) or open
			}
		}
		sub, free, ok := pb.nodeInstance(state)
		if !ok {
			continue
		}
		want := nodeOptimum(cs, pr, state)
		if math.IsInf(want, 1) {
			continue
		}
		lr := newCapLagrange(sub, cs.dem)
		lr.free = free
		for r := 0; r < 5; r++ {
			randomLambda(rng, lr)
			checkBelow(t, lr, want, fmt.Sprintf("node %v", state))
		}
	}
}

// nodeOptimum is the least objective over the open sets that keep the
// node's forced-open sites and avoid its closed ones.
func nodeOptimum(cs *capSearch, pr *Problem, state []int8) float64 {
	best := math.Inf(1)
	var rec func(j int, set []int32, k int)
	rec = func(j int, set []int32, k int) {
		if k == 0 {
			for jj, st := range state {
				if st > 0 && !containsSite(set, int32(jj)) {
					return
				}
			}
			best = math.Min(best, assignExactly(cs, sortSet(append(fixedOf(pr), set...))))
			return
		}
		for ; j < pr.m; j++ {
			if !pr.fixed(j) && state[j] >= 0 {
				rec(j+1, append(set[:len(set):len(set)], int32(j)), k-1)
			}
		}
	}
	rec(0, nil, pr.P)
	return best
}

// assignExactly is the objective of set under its exact assignment, +Inf
// when it cannot hold the demand.
func assignExactly(cs *capSearch, set []int32) float64 {
	g := cs.g
	g.prepare(set)
	g.regret(nil)
	g.improve()
	g.exact(1 << 30)
	if g.over > gapEps {
		return math.Inf(1)
	}
	v := g.total
	for _, j := range set {
		v += cs.in.oc[j]
	}
	return v
}

func containsSite(set []int32, j int32) bool {
	for _, k := range set {
		if k == j {
			return true
		}
	}
	return false
}

// randomLambda sets each multiplier uniform in [0, 1.5·w·(the point's
// largest cost)].
func randomLambda(rng *rand.Rand, lr *capLagrange) {
	in := lr.in
	for i := range lr.lambda {
		top := 0.0
		for j := 0; j < in.m; j++ {
			top = math.Max(top, in.cm.at(i, j))
		}
		lr.lambda[i] = 1.5 * in.w[i] * top * rng.Float64()
	}
}

// randomCapProblem is a random capacitated instance: integer costs,
// demands 1–6 (with a random fraction when fractional), capacities 10–24.
func randomCapProblem(tb testing.TB, rng *rand.Rand, n, m, p int, openCost, fractional bool) *Problem {
	tb.Helper()
	pr := randomMatrixProblem(tb, rng, n, m, p, 0, openCost)
	pr.Model = CapacitatedPMedian
	pr.Demand = make([]float64, n)
	for i := range pr.Demand {
		pr.Demand[i] = float64(1 + rng.IntN(6))
		if fractional {
			pr.Demand[i] += 0.25 * float64(rng.IntN(4))
		}
	}
	pr.Capacity = make([]float64, m)
	for j := range pr.Capacity {
		pr.Capacity[j] = float64(10 + rng.IntN(15))
	}
	return pr
}

// TestKnapsackDP checks the exact knapsack against enumeration of every
// subset of up to 12 items.
func TestKnapsackDP(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 7))
	for rep := 0; rep < 40; rep++ {
		t.Run(fmt.Sprint(rep), func(t *testing.T) {
			k := 1 + rng.IntN(12)
			items := make([]knapItem, k)
			for i := range items {
				items[i] = knapItem{i: int32(i), profit: float64(rng.IntN(50)) + rng.Float64(), d: float64(1 + rng.IntN(9))}
			}
			Q := rng.IntN(30)
			want := 0.0
			for mask := 0; mask < 1<<k; mask++ {
				p, d := 0.0, 0.0
				for i, it := range items {
					if mask&(1<<i) != 0 {
						p, d = p+it.profit, d+it.d
					}
				}
				if d <= float64(Q) {
					want = math.Max(want, p)
				}
			}
			lr := &capLagrange{x: make([][]itemPick, 1)}
			got := lr.knapsackDP(0, items, Q)
			sumP, sumD := 0.0, 0.0
			for _, pk := range lr.x[0] {
				sumP += items[pk.i].profit
				sumD += items[pk.i].d
			}
			if math.Abs(got-want) > 1e-9 || math.Abs(sumP-got) > 1e-9 || sumD > float64(Q) {
				t.Fatalf("profit %v (picks worth %v, demand %v ≤ %d), optimum %v", got, sumP, sumD, Q, want)
			}
		})
	}
}
