package network

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"

	"github.com/schoolplan/schoolplan/geo"
)

// ReadOSM reads the walkable ways of an OpenStreetMap extract in PBF form
// (see the package documentation for the walking rules). toPlane maps
// WGS84 lon/lat to the local plane; file names the file in messages. Ways
// join where they share nodes. A way is named by its place among the
// file's ways and its id ("way/123"). A broken file is an error (wrapping
// ErrPBF) that says how far it could be read; ways whose nodes are
// missing from the extract are cut there with a warning.
func ReadOSM(r io.Reader, file string, toPlane func(orb.Point) orb.Point) (*Roads, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &geo.FeatureError{File: file, Index: -1, Err: err}
	}
	ways, need, notWalk, err := scanWays(data, file)
	if err != nil {
		return nil, err
	}
	pos, err := scanNodes(data, file, need, toPlane)
	if err != nil {
		return nil, err
	}
	rs := &Roads{File: file, NotWalkable: notWalk}
	for _, w := range ways {
		rs.addWay(w, pos)
	}
	return rs, nil
}

// osmWay is a walkable way before its nodes are placed.
type osmWay struct {
	index   int
	id      osm.WayID
	nodes   []int64
	road    Road
	reverse bool
}

// pbfError says where a PBF file stopped being readable.
type pbfError struct {
	file  string
	bytes int64
	cause error
}

func (e *pbfError) Error() string {
	return fmt.Sprintf("%s: %v: it cannot be read past byte %d (the file is cut short or damaged); download the extract again", e.file, ErrPBF, e.bytes)
}

// Unwrap gives ErrPBF and the reader's own error.
func (e *pbfError) Unwrap() []error { return []error{ErrPBF, e.cause} }

// scan runs fn on every object of the file.
func scan(data []byte, file string, setup func(*osmpbf.Scanner), fn func(osm.Object)) error {
	sc := osmpbf.New(context.Background(), bytes.NewReader(data), 1)
	defer sc.Close()
	setup(sc)
	for sc.Scan() {
		fn(sc.Object())
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		return &pbfError{file: file, bytes: sc.FullyScannedBytes(), cause: err}
	}
	return nil
}

// scanWays collects the walkable ways and the nodes they need, and counts
// the highways left out.
func scanWays(data []byte, file string) (ways []osmWay, need map[int64]bool, notWalk int, err error) {
	need = map[int64]bool{}
	index := 0
	err = scan(data, file, func(sc *osmpbf.Scanner) { sc.SkipNodes, sc.SkipRelations = true, true }, func(o osm.Object) {
		w, ok := o.(*osm.Way)
		if !ok {
			return
		}
		index++
		if !walkable(w.Tags) {
			if w.Tags.Find("highway") != "" {
				notWalk++
			}
			return
		}
		ow := osmWay{index: index - 1, id: w.ID}
		ow.road, ow.reverse = osmRoad(w.Tags)
		for _, n := range w.Nodes {
			ow.nodes = append(ow.nodes, int64(n.ID))
			need[int64(n.ID)] = true
		}
		ways = append(ways, ow)
	})
	return ways, need, notWalk, err
}

// scanNodes places the needed nodes on the plane.
func scanNodes(data []byte, file string, need map[int64]bool, toPlane func(orb.Point) orb.Point) (map[int64]orb.Point, error) {
	pos := make(map[int64]orb.Point, len(need))
	err := scan(data, file, func(sc *osmpbf.Scanner) {
		sc.SkipWays, sc.SkipRelations = true, true
		sc.FilterNode = func(n *osm.Node) bool { return need[int64(n.ID)] }
	}, func(o osm.Object) {
		if n, ok := o.(*osm.Node); ok && need[int64(n.ID)] {
			pos[int64(n.ID)] = toPlane(orb.Point{n.Lon, n.Lat})
		}
	})
	return pos, err
}

// addWay adds the runs of w's nodes that are present (and on finite
// coordinates) as roads, warning of the missing ones.
func (rs *Roads) addWay(w osmWay, pos map[int64]orb.Point) {
	if w.reverse {
		for i, j := 0, len(w.nodes)-1; i < j; i, j = i+1, j-1 {
			w.nodes[i], w.nodes[j] = w.nodes[j], w.nodes[i]
		}
	}
	base := w.road
	base.File, base.Index, base.ID = rs.File, w.index, fmt.Sprintf("way/%d", w.id)
	missing, run := 0, Road{}
	flush := func() {
		if len(run.Line) >= 2 {
			rs.Roads = append(rs.Roads, run)
		}
		run = base
	}
	flush()
	for _, id := range w.nodes {
		p, ok := pos[id]
		if !ok || !finite(p) {
			missing++
			flush()
			continue
		}
		run.Line = append(run.Line, p)
		run.Nodes = append(run.Nodes, id)
	}
	flush()
	rs.wayWarnings(&base, len(w.nodes), missing)
}

// wayWarnings warns of a way with too few nodes or with nodes missing.
func (rs *Roads) wayWarnings(r *Road, nodes, missing int) {
	switch {
	case nodes < 2:
		rs.Warnings = append(rs.Warnings, roadError(r, "nodes", fmt.Errorf("%w: the way has %d node(s), want 2 or more; it is left out", ErrRoad, nodes)))
	case missing > 0:
		rs.Warnings = append(rs.Warnings, roadError(r, "nodes", fmt.Errorf("%w: %d of its %d nodes are not in the extract; the way is cut there", ErrRoad, missing, nodes)))
	}
}
