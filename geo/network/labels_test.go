package network

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// randomGrid is a street grid of n×n blocks of 100 m with a share of
// one-way streets and of missing blocks, from seed.
func randomGrid(seed uint64, n int) *Roads {
	r := rand.New(rand.NewPCG(seed, 1))
	rs := &Roads{}
	for i := 0; i <= n; i++ {
		for j := 0; j < n; j++ {
			for _, l := range []orb.LineString{
				{{float64(100 * j), float64(100 * i)}, {float64(100 * (j + 1)), float64(100 * i)}},
				{{float64(100 * i), float64(100 * j)}, {float64(100 * i), float64(100 * (j + 1))}},
			} {
				if r.Float64() < 0.1 {
					continue
				}
				rs.Roads = append(rs.Roads, Road{Index: len(rs.Roads), Line: l, Oneway: r.Float64() < 0.2})
			}
		}
	}
	return rs
}

func randomPoints(r *rand.Rand, n int, side float64) []orb.Point {
	ps := make([]orb.Point, n)
	for i := range ps {
		ps[i] = orb.Point{r.Float64() * side, r.Float64() * side}
	}
	return ps
}

// TestLabelsMatchPerSource checks that labelling the nodes gives the very
// table that searching from each source gives.
func TestLabelsMatchPerSource(t *testing.T) {
	const seed = 7
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 2))
	g, _, err := Build(randomGrid(seed, 20))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := g.Snap(randomPoints(r, 500, 2000), nil, nil)
	dst, _ := g.Snap(randomPoints(r, 30, 2000), nil, nil)
	mon := loadMonaco(t)
	schools, _ := monacoSchools(t)
	msnap, _ := mon.Snap(schools, nil, nil)
	mpts, _ := mon.Snap(randomPoints(r, 300, 2000), nil, nil)
	tests := []struct {
		name     string
		g        *Graph
		src, dst []Snap
		q        Query
	}{
		{"grid: k=3", g, src, dst, Query{K: 3}},
		{"grid: within 400 m", g, src, dst, Query{MaxDist: 400}},
		{"grid: k=2 and within 700 m", g, src, dst, Query{K: 2, MaxDist: 700}},
		{"grid: every target", g, src, dst, Query{K: len(dst)}},
		{"Monaco: schools to schools", mon, msnap, msnap, Query{K: 4, MaxDist: 800}},
		{"Monaco: points to schools", mon, mpts, msnap, Query{K: 3, MaxDist: 500}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fast, err := tc.g.Distances(context.Background(), tc.src, tc.dst, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			ref := tc.q
			ref.PerSource = true
			slow, err := tc.g.Distances(context.Background(), tc.src, tc.dst, ref)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.src {
				if !slices.Equal(fast.Of(i), slow.Of(i)) {
					t.Fatalf("source %d: labels %v, per source %v", i, fast.Of(i), slow.Of(i))
				}
			}
			if fast.Hits() == 0 {
				t.Error("no hits at all")
			}
		})
	}
}
