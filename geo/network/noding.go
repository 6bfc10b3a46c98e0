package network

import (
	"github.com/paulmach/orb"
)

// vertexKey identifies a node of a layer's roads: a position on one level.
type vertexKey struct {
	p     orb.Point
	level int
}

// nodeTable hands out node ids in order of first appearance, so that the
// same roads always give the same numbering.
type nodeTable struct {
	byOSM    map[int64]int32
	byVertex map[vertexKey]int32
	atPoint  map[orb.Point][]int32 // every node at a position, any level
	ends     map[orb.Point]bool    // positions where a layer road ends
	xy       []orb.Point
}

// assignNodes gives each position of each line its node: OSM roads by
// their node ids, layer roads by position and level. An end of a layer
// road joins every node at its position, so that a bridge meets the
// streets at its ends.
func assignNodes(roads []Road, lines []orb.LineString) ([][]int32, []orb.Point) {
	t := &nodeTable{byOSM: map[int64]int32{}, byVertex: map[vertexKey]int32{},
		atPoint: map[orb.Point][]int32{}, ends: map[orb.Point]bool{}}
	nodes := make([][]int32, len(roads))
	for r := range roads {
		nodes[r] = t.roadNodes(&roads[r], lines[r])
	}
	canon := t.joinEnds()
	return renumber(nodes, canon, t.xy)
}

// roadNodes returns the node of each position of line, the line of r.
func (t *nodeTable) roadNodes(r *Road, line orb.LineString) []int32 {
	ns := make([]int32, len(line))
	for i, p := range line {
		if r.Nodes != nil {
			ns[i] = t.osmNode(r.Nodes[i], p)
			continue
		}
		ns[i] = t.vertexNode(vertexKey{p, r.deck()})
	}
	if r.Nodes == nil && len(line) > 0 {
		t.ends[line[0]], t.ends[line[len(line)-1]] = true, true
	}
	return ns
}

func (t *nodeTable) osmNode(id int64, p orb.Point) int32 {
	n, ok := t.byOSM[id]
	if !ok {
		n = int32(len(t.xy))
		t.byOSM[id] = n
		t.xy = append(t.xy, p)
	}
	return n
}

func (t *nodeTable) vertexNode(k vertexKey) int32 {
	n, ok := t.byVertex[k]
	if !ok {
		n = int32(len(t.xy))
		t.byVertex[k] = n
		t.xy = append(t.xy, k.p)
		t.atPoint[k.p] = append(t.atPoint[k.p], n)
	}
	return n
}

// joinEnds merges the nodes at each position where a layer road ends: it
// returns, for each node, the node it is merged into (the lowest id).
func (t *nodeTable) joinEnds() []int32 {
	canon := make([]int32, len(t.xy))
	for i := range canon {
		canon[i] = int32(i)
	}
	for p := range t.ends {
		ids := t.atPoint[p]
		for _, n := range ids[1:] {
			canon[n] = ids[0] // ids are ascending: ids[0] is the lowest
		}
	}
	return canon
}

// renumber maps nodes through canon and numbers the survivors densely.
func renumber(nodes [][]int32, canon []int32, xy []orb.Point) ([][]int32, []orb.Point) {
	dense := make([]int32, len(xy))
	var out []orb.Point
	for i := range xy {
		if canon[i] == int32(i) {
			dense[i] = int32(len(out))
			out = append(out, xy[i])
		}
	}
	for _, ns := range nodes {
		for i, n := range ns {
			ns[i] = dense[canon[n]]
		}
	}
	return nodes, out
}
