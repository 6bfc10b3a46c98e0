package network

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// Decimetres is a walking length in tenths of a metre, the unit the graph
// adds. Integer sums are exact and do not depend on the order of addition;
// every length is rounded up, so that a network distance is never shorter
// than the geometry it follows (nor than the straight line). int32 holds
// 2³¹ dm = 214,748 km: more than any distance on the Earth.
type Decimetres int32

// Meters converts d to metres.
func (d Decimetres) Meters() geo.Meters { return geo.Meters(d) / 10 }

// ceilDM rounds a length in metres up to decimetres.
func ceilDM(m float64) Decimetres { return Decimetres(math.Ceil(m*10 - 1e-9)) }

// Graph is a walking network on the local plane in compressed sparse row
// form: the arcs leaving node n are head[start[n]:start[n+1]], of lengths
// length[…]. Each segment (a straight piece of a road between two nodes)
// gives one arc each way, or one for a one-way road. A Graph is read-only
// once built and safe for concurrent use.
type Graph struct {
	xy     []orb.Point // node positions
	start  []int32     // len(xy)+1 offsets into head and length
	head   []int32
	length []Decimetres
	// the same arcs by head node: rtail[rstart[n]:rstart[n+1]] lead to n
	rstart  []int32
	rtail   []int32
	rlength []Decimetres

	seg  []segment // for snapping and for placing points on arcs
	road []int32   // road index of each segment
	grid edgeGrid
}

// segment is one straight piece between nodes a and b.
type segment struct {
	a, b   int32
	meters float64
	oneway bool // walkable only from a to b
}

// Nodes is the number of nodes; Arcs the number of directed arcs;
// Segments the number of straight pieces (each one or two arcs).
func (g *Graph) Nodes() int    { return len(g.xy) }
func (g *Graph) Arcs() int     { return len(g.head) }
func (g *Graph) Segments() int { return len(g.seg) }

// Build nodes the roads and builds their graph. Ways are joined where they
// share an OSM node or, for a layer, where they share a position or cross
// on one level (see the package documentation for bridges and tunnels).
// It returns warnings (*geo.FeatureError) for pieces left out: repeated
// positions and zero-length ways. With no walkable road the error wraps
// ErrNoRoads.
func Build(rs *Roads) (*Graph, []error, error) {
	if rs == nil || len(rs.Roads) == 0 {
		return nil, nil, fmt.Errorf("%w in the roads", ErrNoRoads)
	}
	roads, warns := usable(rs.Roads, rs.File)
	lines := splitAtCrossings(roads)
	nodes, xy := assignNodes(roads, lines)
	g := &Graph{xy: xy}
	warns = append(warns, g.addSegments(roads, lines, nodes)...)
	if len(g.seg) == 0 {
		return nil, warns, fmt.Errorf("%w: every way has zero length", ErrNoRoads)
	}
	g.buildArcs()
	g.buildReverse()
	g.grid = newEdgeGrid(g)
	return g, warns, nil
}

// usable returns the roads whose positions are all finite (the readers
// give no others), warning of the rest; a road that names no file is
// named by file.
func usable(roads []Road, file string) ([]Road, []error) {
	var warns []error
	out := make([]Road, 0, len(roads))
	for _, r := range roads {
		if r.File == "" {
			r.File = file
		}
		if i := slices.IndexFunc(r.Line, func(p orb.Point) bool { return !finite(p) }); i >= 0 {
			warns = append(warns, roadError(&r, "geometry", fmt.Errorf("%w: position %d is not a usable coordinate; the way is left out", ErrRoad, i)))
			continue
		}
		out = append(out, r)
	}
	return out, warns
}

// addSegments makes a segment of each pair of consecutive positions that
// are distinct nodes, and warns of the others.
func (g *Graph) addSegments(roads []Road, lines []orb.LineString, nodes [][]int32) []error {
	var warns []error
	for r := range roads {
		ns, line, before := nodes[r], lines[r], len(g.seg)
		repeat := -1
		for i := 0; i+1 < len(ns); i++ {
			if ns[i] == ns[i+1] {
				repeat = max(repeat, i+1)
				continue
			}
			m := math.Hypot(line[i+1][0]-line[i][0], line[i+1][1]-line[i][1])
			g.seg = append(g.seg, segment{a: ns[i], b: ns[i+1], meters: m, oneway: roads[r].Oneway})
			g.road = append(g.road, int32(r))
		}
		if w := segmentWarning(&roads[r], len(g.seg) == before, repeat); w != nil {
			warns = append(warns, w)
		}
	}
	return warns
}

// segmentWarning names a road that gave no segment, or one that repeats
// a position (a self-loop of length zero).
func segmentWarning(r *Road, none bool, repeat int) error {
	switch {
	case none:
		return roadError(r, "geometry", ErrZeroLength)
	case repeat >= 0:
		return roadError(r, "geometry", fmt.Errorf("position %d: %w", repeat, ErrSelfLoop))
	}
	return nil
}

// roadError names road r's feature.
func roadError(r *Road, field string, err error) *geo.FeatureError {
	return &geo.FeatureError{File: r.File, Index: r.Index, ID: r.ID, Field: field, Err: err}
}

// buildArcs lays the segments out as CSR arcs, by tail node and, within a
// node, in segment order, so that the graph is the same on every run.
func (g *Graph) buildArcs() {
	n := len(g.xy)
	g.start = make([]int32, n+1)
	for _, s := range g.seg {
		g.start[s.a+1]++
		if !s.oneway {
			g.start[s.b+1]++
		}
	}
	for i := 1; i <= n; i++ {
		g.start[i] += g.start[i-1]
	}
	m := g.start[n]
	g.head, g.length = make([]int32, m), make([]Decimetres, m)
	fill := append([]int32(nil), g.start[:n]...)
	put := func(from, to int32, d Decimetres) {
		g.head[fill[from]], g.length[fill[from]] = to, d
		fill[from]++
	}
	for _, s := range g.seg {
		d := ceilDM(s.meters)
		put(s.a, s.b, d)
		if !s.oneway {
			put(s.b, s.a, d)
		}
	}
}

// buildReverse indexes the arcs by head node, for searches that walk
// backwards from the targets.
func (g *Graph) buildReverse() {
	n := len(g.xy)
	g.rstart = make([]int32, n+1)
	for _, h := range g.head {
		g.rstart[h+1]++
	}
	prefix(g.rstart)
	g.rtail, g.rlength = make([]int32, len(g.head)), make([]Decimetres, len(g.head))
	fill := append([]int32(nil), g.rstart[:n]...)
	for t := int32(0); t < int32(n); t++ {
		for a := g.start[t]; a < g.start[t+1]; a++ {
			h := g.head[a]
			g.rtail[fill[h]], g.rlength[fill[h]] = t, g.length[a]
			fill[h]++
		}
	}
}
