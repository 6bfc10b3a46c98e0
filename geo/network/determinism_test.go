package network

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestDeterministic checks that the graph and the table do not depend on
// the run or the number of workers.
func TestDeterministic(t *testing.T) {
	const seed = 11
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 3))
	pts, schools := randomPoints(r, 700, 2000), randomPoints(r, 25, 2000)
	var first *Table
	for _, workers := range []int{1, 2, 5} {
		g, _, err := Build(randomGrid(seed, 20))
		if err != nil {
			t.Fatal(err)
		}
		src, _ := g.Snap(pts, nil, nil)
		dst, _ := g.Snap(schools, nil, nil)
		tab, err := g.Distances(context.Background(), src, dst, Query{K: 2, MaxDist: 600, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = tab
			continue
		}
		if !slices.Equal(first.start, tab.start) || !slices.Equal(first.hits, tab.hits) {
			t.Errorf("%d workers: the table differs from 1 worker's", workers)
		}
	}
}

func TestCancelled(t *testing.T) {
	g, _, err := Build(randomGrid(1, 10))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := g.Snap([]orb.Point{{10, 10}}, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, perSource := range []bool{false, true} {
		if _, err := g.Distances(ctx, src, src, Query{K: 1, PerSource: perSource}); !errors.Is(err, context.Canceled) {
			t.Errorf("perSource %v: error %v, want context.Canceled", perSource, err)
		}
	}
}

// TestOSMWayCut checks that a way whose nodes are missing from the
// extract is cut there, with a warning naming it.
func TestOSMWayCut(t *testing.T) {
	pos := map[int64]orb.Point{1: {0, 0}, 2: {10, 0}, 4: {30, 0}, 5: {40, 0}, 7: {60, 0}}
	tests := []struct {
		name      string
		nodes     []int64
		wantRuns  int
		wantWarn  string
		wantFirst []int64
	}{
		{"complete", []int64{1, 2}, 1, "", []int64{1, 2}},
		{"a node missing in the middle", []int64{1, 2, 3, 4, 5}, 2, `roads.osm.pbf: feature 0 (id "way/9"): nodes: unusable road: 1 of its 5 nodes are not in the extract; the way is cut there`, []int64{1, 2}},
		{"one node", []int64{1}, 0, `roads.osm.pbf: feature 0 (id "way/9"): nodes: unusable road: the way has 1 node(s), want 2 or more; it is left out`, nil},
		{"reversed", []int64{5, 4}, 1, "", []int64{4, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs := &Roads{File: "roads.osm.pbf"}
			w := osmWay{index: 0, id: 9, nodes: slices.Clone(tc.nodes), reverse: tc.name == "reversed"}
			rs.addWay(w, pos)
			if len(rs.Roads) != tc.wantRuns {
				t.Fatalf("%d roads, want %d", len(rs.Roads), tc.wantRuns)
			}
			if tc.wantRuns > 0 && !slices.Equal(rs.Roads[0].Nodes, tc.wantFirst) {
				t.Errorf("first road's nodes %v, want %v", rs.Roads[0].Nodes, tc.wantFirst)
			}
			got := ""
			if len(rs.Warnings) > 0 {
				got = rs.Warnings[0].Error()
			}
			if got != tc.wantWarn {
				t.Errorf("warning %q\nwant    %q", got, tc.wantWarn)
			}
		})
	}
}
