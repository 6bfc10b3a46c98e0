package siteopt

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestBnBTreeAlone starts the tree from the second-best solution, with
// the descents from relaxed solutions turned off, so that only the tree
// (its bounds, reduced-cost fixing, branching and leaves) can find the
// optimum, known by enumeration. A wrong prune would leave the
// second-best solution proved "optimal".
func TestBnBTreeAlone(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 7))
	cases := []struct {
		name     string
		n, m, p  int
		fixed    int
		openCost bool
	}{
		{name: "p=2", n: 12, m: 10, p: 2},
		{name: "p=3", n: 12, m: 11, p: 3},
		{name: "p=5", n: 12, m: 12, p: 5},
		{name: "fixed", n: 12, m: 10, p: 3, fixed: 2},
		{name: "opening-costs", n: 11, m: 10, p: 3, openCost: true},
	}
	nodes := 0
	for _, c := range cases {
		for rep := 0; rep < 10; rep++ {
			t.Run(fmt.Sprintf("%s/%d", c.name, rep), func(t *testing.T) {
				pr := randomMatrixProblem(t, rng, c.n, c.m, c.p, c.fixed, c.openCost)
				best, second, secondSet := enumerateTwoBest(pr)
				if math.IsInf(second, 1) {
					t.Fatal("the instance has a single solution")
				}
				ps, b := treeFrom(t, pr, secondSet, second)
				lb, k := b.run(0)
				nodes += k
				if ps.inc.obj != best || lb != best {
					t.Fatalf("tree ended at %v with bound %v after %d nodes; optimum %v, second best %v", ps.inc.obj, lb, k, best, second)
				}
			})
		}
	}
	if nodes == 0 {
		t.Fatal("no case branched")
	}
	t.Logf("%d nodes in all", nodes)
}

// randomMatrixProblem is an n × m p-median with integer costs below 100,
// weights 1–9, the first fixed sites fixed and, if openCost, opening costs
// below 100.
func randomMatrixProblem(tb testing.TB, rng *rand.Rand, n, m, p, fixed int, openCost bool) *Problem {
	tb.Helper()
	cost := make([]float64, n*m)
	for k := range cost {
		cost[k] = float64(rng.IntN(100))
	}
	pr, err := NewMatrix(n, m, cost)
	if err != nil {
		tb.Fatal(err)
	}
	pr.P = p
	pr.Weight = make([]float64, n)
	for i := range pr.Weight {
		pr.Weight[i] = float64(1 + rng.IntN(9))
	}
	pr.Fixed = make([]bool, m)
	for j := 0; j < fixed; j++ {
		pr.Fixed[j] = true
	}
	if openCost {
		pr.OpenCost = make([]float64, m)
		for j := range pr.OpenCost {
			pr.OpenCost[j] = float64(rng.IntN(100))
		}
	}
	return pr
}

// enumerateTwoBest returns the optimum, the least objective above it and a
// set that has it.
func enumerateTwoBest(pr *Problem) (best, second float64, secondSet []int32) {
	best, second = math.Inf(1), math.Inf(1)
	var bestSet []int32
	var rec func(j int, set []int32, k int)
	rec = func(j int, set []int32, k int) {
		if k == 0 {
			v := pr.Evaluate(toIntsUnsorted(set))
			s := append(fixedOf(pr), set...)
			switch {
			case v < best:
				best, second, bestSet, secondSet = v, best, s, bestSet
			case v > best && v < second:
				second, secondSet = v, s
			}
			return
		}
		for ; j < pr.m; j++ {
			if !pr.fixed(j) {
				rec(j+1, append(set[:len(set):len(set)], int32(j)), k-1)
			}
		}
	}
	rec(0, nil, pr.P)
	return best, second, sortSet(secondSet)
}

func toIntsUnsorted(set []int32) []int {
	out := make([]int, len(set))
	for k, j := range set {
		out[k] = int(j)
	}
	return out
}

func fixedOf(pr *Problem) []int32 {
	var out []int32
	for j := 0; j < pr.m; j++ {
		if pr.fixed(j) {
			out = append(out, int32(j))
		}
	}
	return out
}

func sortSet(set []int32) []int32 {
	out := append([]int32(nil), set...)
	for a := range out {
		for b := a + 1; b < len(out); b++ {
			if out[b] < out[a] {
				out[a], out[b] = out[b], out[a]
			}
		}
	}
	return out
}

// treeFrom prepares the search of pr with set (objective obj) as the
// incumbent, zero multipliers and a tree without descents.
func treeFrom(tb testing.TB, pr *Problem, set []int32, obj float64) (*pmSearch, *pmBnB) {
	tb.Helper()
	s := (&Options{Prove: 1 << 40}).settings(pr, pr.P+pr.fixedCount())
	in, err := newInstance(pr, s, true)
	if err != nil {
		tb.Fatal(err)
	}
	clk := newClock(context.Background(), 0)
	ps := &pmSearch{in: in, clk: clk, gapTol: s.gapTol, sw: newSwapper(in), lr: newPMLagrange(in),
		inc: incumbent{set: set, obj: obj}, seen: map[uint64]bool{}}
	b := ps.newBnB(s)
	b.noDescent = true
	return ps, b
}

// TestBnBNodeKeepsOptimum evaluates single nodes (random sites forced open
// and closed) with an incumbent 1 above the node's optimum, known by
// enumeration: the node must either find a solution of that value or queue
// a child that admits an optimal set of the node with a bound no higher
// than it. A bound above the optimum, a wrong reduced-cost fixing or a
// child bound too high fails.
func TestBnBNodeKeepsOptimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	byChild := 0
	for rep := 0; rep < 300; rep++ {
		t.Run(fmt.Sprint(rep), func(t *testing.T) {
			pr := randomMatrixProblem(t, rng, 12, 11, 2+rng.IntN(4), rng.IntN(2), rep%3 == 0)
			state := randomState(rng, pr)
			opt, sets := nodeOptima(pr, state)
			if math.IsInf(opt, 1) {
				return
			}
			ps, b := treeFrom(t, pr, nil, opt+1)
			b.nodeIter = []int{2, 5, 20, 150}[rep%4] // weak bounds reach the branching
			b.evaluate(&pmNode{state: state, lambda: make([]float64, pr.n), id: 1})
			if ps.inc.obj == opt {
				return
			}
			for _, nd := range b.queue {
				for _, set := range sets {
					if admits(nd.state, set) && nd.bound <= opt {
						byChild++
						return
					}
				}
			}
			t.Fatalf("state %v, optimum %v by %v: not found and no child keeps it (%d children)", state, opt, sets, len(b.queue))
		})
	}
	if byChild < 50 {
		t.Fatalf("only %d of the nodes kept the optimum in a child; want the test to reach the branching", byChild)
	}
	t.Logf("%d nodes kept the optimum in a child", byChild)
}

// randomState forces about a quarter of the free sites open or closed.
func randomState(rng *rand.Rand, pr *Problem) []int8 {
	state := make([]int8, pr.m)
	for j := range state {
		if pr.fixed(j) {
			continue
		}
		switch rng.IntN(8) {
		case 0:
			state[j] = 1
		case 1:
			state[j] = -1
		}
	}
	return state
}

// nodeOptima enumerates the P-subsets that agree with state and returns
// the least objective and every set (fixed sites out) that has it.
func nodeOptima(pr *Problem, state []int8) (float64, [][]int32) {
	best := math.Inf(1)
	var sets [][]int32
	var rec func(j int, set []int32, k int)
	rec = func(j int, set []int32, k int) {
		if k == 0 {
			if !admits(state, set) {
				return
			}
			v := pr.Evaluate(toIntsUnsorted(set))
			switch {
			case v < best:
				best, sets = v, [][]int32{set}
			case v == best:
				sets = append(sets, set)
			}
			return
		}
		for ; j < pr.m; j++ {
			if !pr.fixed(j) {
				rec(j+1, append(set[:len(set):len(set)], int32(j)), k-1)
			}
		}
	}
	rec(0, nil, pr.P)
	return best, sets
}

// admits reports whether the free sites set open agree with state.
func admits(state []int8, set []int32) bool {
	in := make([]bool, len(state))
	for _, j := range set {
		in[j] = true
	}
	for j, st := range state {
		if (st > 0 && !in[j]) || (st < 0 && in[j]) {
			return false
		}
	}
	return true
}

// TestCapBnBTreeAlone runs the capacitated tree from an incumbent 1 above
// the optimum (no solution behind it, multipliers zero), so that only the
// tree's bounds, fixing, branching and exact leaves can reach the
// optimum, found here by assigning every P-subset exactly.
func TestCapBnBTreeAlone(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 3))
	nodes := 0
	for rep := 0; rep < 30; rep++ {
		t.Run(fmt.Sprint(rep), func(t *testing.T) {
			pr := randomMatrixProblem(t, rng, 9, 8, 2+rep%3, rep%2, rep%4 == 0)
			pr.Model = CapacitatedPMedian
			pr.Demand = make([]float64, pr.n)
			for i := range pr.Demand {
				pr.Demand[i] = float64(1 + rng.IntN(6))
			}
			pr.Capacity = make([]float64, pr.m)
			for j := range pr.Capacity {
				pr.Capacity[j] = float64(10 + rng.IntN(15))
			}
			cs, lr, s := capTreeFrom(t, pr)
			best := capOptimum(cs, pr)
			if math.IsInf(best, 1) {
				return
			}
			cs.incObj = best + 1
			lb, k := cs.branchAndBound(s, lr)
			nodes += k
			if cs.incObj != best || lb != best {
				t.Fatalf("tree ended at %v with bound %v after %d nodes; optimum %v", cs.incObj, lb, k, best)
			}
		})
	}
	if nodes < 30 {
		t.Fatalf("%d nodes in all; want the tree to branch", nodes)
	}
	t.Logf("%d nodes in all", nodes)
}

// capTreeFrom prepares a capacitated search of pr with no incumbent and
// zero multipliers.
func capTreeFrom(tb testing.TB, pr *Problem) (*capSearch, *capLagrange, settings) {
	tb.Helper()
	s := (&Options{Prove: 1 << 40}).settings(pr, pr.P+pr.fixedCount())
	in, err := newInstance(pr, s, true)
	if err != nil {
		tb.Fatal(err)
	}
	dem, _ := capDemands(in)
	cs := &capSearch{in: in, dem: dem, g: newGAPSolver(in, dem), clk: newClock(context.Background(), 0),
		gapTol: s.gapTol, small: true, cache: map[uint64]capValue{}, incObj: math.Inf(1)}
	return cs, newCapLagrange(in, dem), s
}

// capOptimum assigns every P-subset exactly and returns the least
// objective (+Inf when none is feasible).
func capOptimum(cs *capSearch, pr *Problem) float64 {
	best := math.Inf(1)
	var rec func(j int, set []int32, k int)
	rec = func(j int, set []int32, k int) {
		if k == 0 {
			full := sortSet(append(fixedOf(pr), set...))
			g := cs.g
			g.prepare(full)
			g.regret(nil)
			g.improve()
			g.exact(1 << 30)
			if g.over <= gapEps {
				v := g.total
				for _, j := range full {
					v += cs.in.oc[j]
				}
				best = math.Min(best, v)
			}
			return
		}
		for ; j < pr.m; j++ {
			if !pr.fixed(j) {
				rec(j+1, append(set[:len(set):len(set)], int32(j)), k-1)
			}
		}
	}
	rec(0, nil, pr.P)
	return best
}
