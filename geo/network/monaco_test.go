package network

import (
	"bytes"
	"context"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/schoolplan/schoolplan/geo"
)

const monacoPBF = "testdata/monaco-latest.osm.pbf"

var monacoProj = geo.NewProjection(orb.Point{7.42, 43.735})

// monacoSchools returns the amenity=school nodes and ways of the extract
// (a way by the mean of its nodes) on the plane, with their names.
func monacoSchools(tb testing.TB) ([]orb.Point, []string) {
	tb.Helper()
	data, err := os.ReadFile(monacoPBF)
	if err != nil {
		tb.Fatal(err)
	}
	all := map[osm.NodeID]orb.Point{}
	var pts []orb.Point
	var names []string
	var ways []*osm.Way
	sc := osmpbf.New(context.Background(), bytes.NewReader(data), 1)
	defer sc.Close()
	for sc.Scan() {
		switch o := sc.Object().(type) {
		case *osm.Node:
			all[o.ID] = orb.Point{o.Lon, o.Lat}
			if o.Tags.Find("amenity") == "school" {
				pts, names = append(pts, monacoProj.Forward(all[o.ID])), append(names, o.Tags.Find("name"))
			}
		case *osm.Way:
			if o.Tags.Find("amenity") == "school" {
				ways = append(ways, o)
			}
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	for _, w := range ways {
		var c orb.Point
		for _, n := range w.Nodes {
			c[0], c[1] = c[0]+all[n.ID][0]/float64(len(w.Nodes)), c[1]+all[n.ID][1]/float64(len(w.Nodes))
		}
		pts, names = append(pts, monacoProj.Forward(c)), append(names, w.Tags.Find("name"))
	}
	return pts, names
}

func loadMonaco(tb testing.TB) *Graph {
	tb.Helper()
	rs, err := ReadFile(os.DirFS("testdata"), "monaco-latest.osm.pbf", "", monacoProj.Forward)
	if err != nil {
		tb.Fatal(err)
	}
	g, _, err := Build(rs)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestMonaco(t *testing.T) {
	g := loadMonaco(t)
	schools, names := monacoSchools(t)
	t.Logf("%d nodes, %d arcs, %d schools", g.Nodes(), g.Arcs(), len(schools))
	for _, want := range []string{"École Saint-Charles", "École de la Condamine", "École des Carmes", "École du Parc", "École de Fontvieille"} {
		if !slices.Contains(names, want) {
			t.Errorf("school %q not found among %q", want, names)
		}
	}
	snaps, warns := g.Snap(schools, names, &SnapOptions{File: "schools"})
	for _, w := range warns {
		t.Logf("warning: %v", w)
	}
	tab, err := g.Distances(context.Background(), snaps, snaps, Query{K: len(schools)})
	if err != nil {
		t.Fatal(err)
	}
	pairs, walked, straights := 0, 0.0, 0.0
	for i := range schools {
		for _, h := range tab.Of(i) {
			straight := geo.Distance(schools[i], schools[h.Target])
			walked, straights = walked+float64(h.Dist.Meters()), straights+float64(straight)
			if h.Dist.Meters() < straight {
				t.Errorf("%s → %s: network %v m < straight %v m", names[i], names[h.Target], h.Dist.Meters(), straight)
			}
			pairs++
		}
	}
	if pairs != len(schools)*len(schools) {
		t.Errorf("%d pairs reached, want all %d", pairs, len(schools)*len(schools))
	}
	// A hillside of stairs and hairpins: walks are longer than lines.
	if detour := walked / straights; detour < 1.2 {
		t.Errorf("walks are %.2f times the straight lines, want 1.2 or more on a hillside", detour)
	} else {
		t.Logf("walks are %.2f times the straight lines", detour)
	}
	checkAgainstGonum(t, g, snaps, tab, [][2]int{{0, 1}, {1, 0}, {2, len(schools) - 1}, {len(schools) - 1, 3}})
}

// checkAgainstGonum compares some pairs with gonum's Dijkstra over the
// same arcs, with the source and target joined by virtual arcs as
// Distances joins them.
func checkAgainstGonum(t *testing.T, g *Graph, snaps []Snap, tab *Table, pairs [][2]int) {
	t.Helper()
	for _, pr := range pairs {
		want := gonumDistance(g, snaps[pr[0]], snaps[pr[1]])
		got := math.Inf(1)
		for _, h := range tab.Of(pr[0]) {
			if int(h.Target) == pr[1] {
				got = float64(h.Dist)
			}
		}
		if got != want {
			t.Errorf("pair %v: Distances %v dm, gonum %v dm", pr, got, want)
		}
	}
}

func gonumDistance(g *Graph, src, dst Snap) float64 {
	wg := simple.NewWeightedDirectedGraph(0, math.Inf(1))
	edge := func(a, b int64, w Decimetres) {
		if a == b {
			return
		}
		if old, ok := wg.Weight(a, b); ok && old <= float64(w) {
			return
		}
		wg.SetWeightedEdge(wg.NewWeightedEdge(simple.Node(a), simple.Node(b), float64(w)))
	}
	for n := 0; n < g.Nodes(); n++ {
		if wg.Node(int64(n)) == nil {
			wg.AddNode(simple.Node(n))
		}
		for a := g.start[n]; a < g.start[n+1]; a++ {
			if wg.Node(int64(g.head[a])) == nil {
				wg.AddNode(simple.Node(g.head[a]))
			}
			edge(int64(n), int64(g.head[a]), g.length[a])
		}
	}
	s, d := int64(g.Nodes()), int64(g.Nodes()+1)
	wg.AddNode(simple.Node(s))
	wg.AddNode(simple.Node(d))
	ss, ds := g.seg[src.Segment], g.seg[dst.Segment]
	edge(s, int64(ss.b), ceilDM(float64(src.Offset)+(1-src.T)*ss.meters))
	if !ss.oneway {
		edge(s, int64(ss.a), ceilDM(float64(src.Offset)+src.T*ss.meters))
	}
	edge(int64(ds.a), d, ceilDM(float64(dst.Offset)+dst.T*ds.meters))
	if !ds.oneway {
		edge(int64(ds.b), d, ceilDM(float64(dst.Offset)+(1-dst.T)*ds.meters))
	}
	best := path.DijkstraFrom(simple.Node(s), wg).WeightTo(d)
	if src.Segment == dst.Segment && (dst.T >= src.T || !ss.oneway) {
		best = math.Min(best, float64(ceilDM(float64(src.Offset)+math.Abs(dst.T-src.T)*ss.meters+float64(dst.Offset))))
	}
	return best
}
