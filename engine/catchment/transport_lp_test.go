//go:build gonumlp

// This cross-check needs gonum, which go.mod does not require yet. Run it
// with a module file that adds it, without touching go.mod:
//
//	cp go.mod /tmp/lp.mod && cp go.sum /tmp/lp.sum
//	go mod edit -modfile=/tmp/lp.mod -require=gonum.org/v1/gonum@v0.17.0
//	GOFLAGS=-mod=mod go test -modfile=/tmp/lp.mod -tags gonumlp -run LP ./engine/catchment/

package catchment_test

import (
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/schoolplan/schoolplan/engine/catchment"
)

// lpOptimum solves the split problem over all schools with gonum's dense
// simplex: variables x_ij (every pair), u_i (unplaced) and a seat slack
// per school; rows Σ_j x_ij + u_i = s_i and Σ_i x_ij + slack_j = cap_j.
func lpOptimum(tb testing.TB, p *catchment.TransportProblem, dist [][]float64) float64 {
	tb.Helper()
	n, m := len(p.Supply), len(p.Capacity)
	nv := n*m + n + m
	c := make([]float64, nv)
	A := mat.NewDense(n+m, nv, nil)
	b := make([]float64, n+m)
	for i := range n {
		for j := range m {
			v := i*m + j
			c[v] = dist[i][j]
			A.Set(i, v, 1)
			A.Set(n+j, v, 1)
		}
		c[n*m+i] = p.Unplaced
		A.Set(i, n*m+i, 1)
		b[i] = float64(p.Supply[i])
	}
	for j := range m {
		A.Set(n+j, n*m+n+j, 1)
		b[n+j] = float64(p.Capacity[j])
	}
	opt, _, err := lp.Simplex(c, A, b, 1e-10, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return opt
}

func TestSolveTransportLP(t *testing.T) {
	cases := []inst{
		{name: "short", areas: 40, schools: 6, k: 3, seats: 0.85, unpl: 20000},
		{name: "tight", areas: 60, schools: 8, k: 4, seats: 1.0, unpl: 25000},
		{name: "surplus", areas: 60, schools: 10, k: 5, seats: 1.3, unpl: 30000},
		{name: "cheap unplaced", areas: 50, schools: 8, k: 3, seats: 0.95, unpl: 2500},
	}
	t.Logf("-transport.seed=%d", *transportSeed)
	for r := range 3 {
		for k, in := range cases {
			in.seed = *transportSeed*1000 + uint64(100+r*len(cases)+k)
			t.Run(in.name, func(t *testing.T) {
				p, dist := in.build(t)
				want := lpOptimum(t, p, dist)
				got := solve(t, p, &catchment.TransportOptions{Split: true, Tolerance: 1e-10})
				checkTransport(t, p, got, false)
				near(t, "objective vs gonum LP", got.Objective, want, 1e-6)
				near(t, "SSP reference vs gonum LP", refOptimum(p, dist), want, 1e-9)
			})
		}
	}
}
