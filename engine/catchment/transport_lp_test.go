package catchment_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// lpOptimum solves the split problem with gonum's dense simplex: a
// variable x_ij per allowed arc (finite dist), u_i (unplaced) and a seat
// slack per school; rows Σ_j x_ij + u_i = s_i and Σ_i x_ij + slack_j =
// cap_j. The unplaced and slack variables are the starting basis.
//
// gonum's simplex can cycle on the transportation problem's degenerate
// bases (it falls back to Bland's rule only step by step), so every right
// side is perturbed by a random ε ∈ [1e-9, 2e-9]: no basic variable is
// then exactly 0, and the optimum moves by at most Σ ε |dual| ≤ (n+m) ×
// 2e-9 × the largest cost — far below the tolerance of the comparison.
func lpOptimum(tb testing.TB, p *catchment.TransportProblem, dist [][]float64) float64 {
	tb.Helper()
	n, m := len(p.Supply), len(p.Capacity)
	type arc struct{ i, j int }
	var arcs []arc
	for i := range n {
		for j := range m {
			if !math.IsInf(dist[i][j], 1) {
				arcs = append(arcs, arc{i, j})
			}
		}
	}
	na := len(arcs)
	nv := na + n + m
	if nv > 8000 {
		tb.Fatalf("%d LP variables: too many for the dense simplex", nv)
	}
	c := make([]float64, nv)
	A := mat.NewDense(n+m, nv, nil)
	b := make([]float64, n+m)
	basic := make([]int, 0, n+m)
	eps := rand.New(rand.NewPCG(uint64(n), uint64(m)))
	perturb := func() float64 { return 1e-9 * (1 + eps.Float64()) }
	for v, a := range arcs {
		c[v] = dist[a.i][a.j]
		A.Set(a.i, v, 1)
		A.Set(n+a.j, v, 1)
	}
	for i := range n {
		c[na+i] = p.Unplaced
		A.Set(i, na+i, 1)
		b[i] = float64(p.Supply[i]) + perturb()
		basic = append(basic, na+i)
	}
	for j := range m {
		A.Set(n+j, na+n+j, 1)
		b[n+j] = float64(p.Capacity[j]) + perturb()
		basic = append(basic, na+n+j)
	}
	opt, _, err := lp.Simplex(c, A, b, 1e-10, basic)
	if err != nil {
		tb.Fatalf("gonum simplex: %v", err)
	}
	return opt
}

// TestSolveTransportLP compares the split objective with gonum's simplex
// on small instances, in both forms (sparse: only the listed arcs are LP
// variables).
func TestSolveTransportLP(t *testing.T) {
	cases := []inst{
		{name: "short", areas: 40, schools: 6, k: 3, seats: 0.85, unpl: 20000},
		{name: "tight", areas: 60, schools: 8, k: 4, seats: 1.0, unpl: 25000},
		{name: "surplus", areas: 60, schools: 10, k: 5, seats: 1.3, unpl: 30000},
		{name: "cheap unplaced", areas: 50, schools: 8, k: 3, seats: 0.95, unpl: 2500},
		{name: "unplaced 300 m", areas: 50, schools: 8, k: 3, seats: 1.1, unpl: 300},
		{name: "closed schools", areas: 50, schools: 8, k: 3, seats: 0.9, unpl: 50000, closed: 2},
	}
	t.Logf("-transport.seed=%d", *transportSeed)
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			for r := range 3 {
				for k, in := range cases {
					in.seed = *transportSeed*1000 + uint64(100+r*len(cases)+k)
					t.Run(in.name, func(t *testing.T) {
						p, dist := f.build(in, t)
						want := lpOptimum(t, p, dist)
						opt := &catchment.TransportOptions{Split: true}
						got := solve(t, p, opt)
						checkTransport(t, p, got, opt)
						approx.Check(t, fmt.Sprintf("seed %d: objective vs gonum LP", in.seed), got.Objective, want, 1e-6*max(1, math.Abs(want)))
						approx.Check(t, fmt.Sprintf("seed %d: SSP reference vs gonum LP", in.seed), refOptimum(p, dist), want, 1e-8*max(1, math.Abs(want)))
					})
				}
			}
		})
	}
}
