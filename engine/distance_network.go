package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/schoolplan/schoolplan/geo/network"
)

// ErrNoRoads is wrapped by the error of a run with policy distance network
// in a city without roads.
var ErrNoRoads = errors.New("engine: no roads")

// NetworkOptions say which walks a NetworkDistances table holds.
type NetworkOptions struct {
	// Stage is the stage whose schools the table holds.
	Stage Stage
	// K is the number of nearest schools held for every area; 0 = 3.
	K int
	// Bound is the distance within which every school of the stage is
	// held for every area (the stage's placement distance, say); 0 = none
	// beyond the K nearest.
	Bound Meters
}

// defaultK is the number of nearest schools a table holds by default.
const defaultK = 3

// NetworkDistances measures walks along the city's roads (Roads), for one
// stage of one run. It holds a table, made once, of the walks from every
// area (and school) to its K nearest schools of the stage and to every one
// within Bound; a pair the table does not hold is walked when asked
// (network.Walker) and kept, so every answer is exact. An area on a part
// of the network without the school asked for reaches none.
type NetworkDistances struct {
	sources  []network.Snap // the areas, then the schools
	schools  []network.Snap
	nAreas   int
	schoolOf []int32 // the school of each target of the table
	serves   []bool  // the schools of the stage
	table    *network.Table
	bound    Meters

	graph   *network.Graph
	walkers sync.Pool // of *network.Walker to every school, one per goroutine at a time
	mu      sync.Mutex
	pairs   map[[2]int32]Meters // walks outside the table; -1: none
}

// NewNetworkDistances walks from c's areas and schools to the schools of
// opt.Stage along c.Roads. schools are the schools' snaps (Roads.SnapSchools
// of c.Schools). It fails (wrapping ErrNoRoads) when c has no roads.
func NewNetworkDistances(ctx context.Context, c *City, schools []network.Snap, opt NetworkOptions) (*NetworkDistances, error) {
	if c.Roads == nil {
		return nil, fmt.Errorf("%w: policy distance network walks the roads that city.yaml's roads key names, and %s has none", ErrNoRoads, CityFile)
	}
	areas, _ := c.Roads.AreaSnaps()
	d := &NetworkDistances{nAreas: len(areas), schools: schools, bound: opt.Bound, graph: c.Roads.Graph}
	d.sources = append(append(make([]network.Snap, 0, len(areas)+len(schools)), areas...), schools...)
	var targets []network.Snap
	d.serves = make([]bool, len(c.Schools))
	for s := range c.Schools {
		if d.serves[s] = c.Schools[s].Kind.Serves(opt.Stage); d.serves[s] {
			targets = append(targets, schools[s])
			d.schoolOf = append(d.schoolOf, int32(s))
		}
	}
	k := opt.K
	if k <= 0 {
		k = defaultK
	}
	t, err := c.Roads.Graph.Distances(ctx, d.sources, targets, network.Query{K: k, MaxDist: opt.Bound})
	if err != nil {
		return nil, fmt.Errorf("%s walking distances: %w", opt.Stage, err)
	}
	d.table = t
	return d, nil
}

// Kind is Network.
func (d *NetworkDistances) Kind() DistanceKind { return Network }

// Table is the table of walks (sources: the areas, then the schools;
// targets: the stage's schools in order).
func (d *NetworkDistances) Table() *network.Table { return d.table }

// Area is the walk from area a to school s.
func (d *NetworkDistances) Area(a, s int) (Meters, bool) { return d.between(a, s) }

// School is the walk from school s to school t.
func (d *NetworkDistances) School(s, t int) (Meters, bool) { return d.between(d.nAreas+s, t) }

// between is the walk from source src to school s: from the table, else
// walked and kept.
func (d *NetworkDistances) between(src, s int) (Meters, bool) {
	for _, h := range d.table.Of(src) {
		if int(d.schoolOf[h.Target]) == s {
			return h.Dist.Meters(), true
		}
	}
	key := [2]int32{int32(src), int32(s)}
	d.mu.Lock()
	m, seen := d.pairs[key]
	d.mu.Unlock()
	if !seen {
		m = -1
		if hs := d.walk(nil, src, 1, 0, func(t int32) bool { return int(t) == s }); len(hs) > 0 {
			m = hs[0].Dist.Meters()
		}
		d.mu.Lock()
		if d.pairs == nil {
			d.pairs = map[[2]int32]Meters{}
		}
		d.pairs[key] = m
		d.mu.Unlock()
	}
	return max(m, 0), m >= 0
}

// walk runs a walker, to every school, from source src.
func (d *NetworkDistances) walk(dst []network.Hit, src, k int, limit Meters, keep func(t int32) bool) []network.Hit {
	w, _ := d.walkers.Get().(*network.Walker)
	if w == nil {
		w = d.graph.NewWalker(d.schools)
	}
	dst = w.From(dst, d.sources[src], k, limit, keep)
	d.walkers.Put(w)
	return dst
}

// held reports whether the table holds every school of the stage within
// m of a source: m is inside its bound. (Walks are whole decimetres and
// the table holds every one up to its bound rounded up to a decimetre, so
// a walk of at most m, m ≤ bound, is held.)
func (d *NetworkDistances) held(m Meters) bool { return m <= d.bound }

// Near lists the kept schools within limit of area a, nearest first.
func (d *NetworkDistances) Near(dst []Reach, a int, limit Meters, keep func(s int) bool) []Reach {
	if d.held(limit) {
		for _, h := range d.table.Of(a) {
			m, s := h.Dist.Meters(), int(d.schoolOf[h.Target])
			if m > limit {
				break
			}
			if keep == nil || keep(s) {
				dst = append(dst, Reach{int32(s), m})
			}
		}
		return dst
	}
	for _, h := range d.walk(nil, a, 0, limit, d.keepSchool(keep)) {
		dst = append(dst, Reach{h.Target, h.Dist.Meters()})
	}
	return dst
}

// keepSchool turns a filter of schools into one of the walker's targets
// (every school): the schools of the stage that keep allows.
func (d *NetworkDistances) keepSchool(keep func(s int) bool) func(t int32) bool {
	return func(t int32) bool { return d.serves[t] && (keep == nil || keep(int(t))) }
}

// Nearest is the kept school nearest to area a: the first kept school of
// its table when the table is sure to hold every nearer one (it is within
// the bound, or nearer than the last of the K nearest), else walked.
func (d *NetworkDistances) Nearest(a int, keep func(s int) bool) (int, Meters) {
	hs := d.table.Of(a)
	for _, h := range hs {
		s := int(d.schoolOf[h.Target])
		if keep != nil && !keep(s) {
			continue
		}
		if m := h.Dist.Meters(); d.held(m) || h.Dist < hs[len(hs)-1].Dist {
			return s, m
		}
		break
	}
	hits := d.walk(nil, a, 1, 0, d.keepSchool(keep))
	if len(hits) == 0 {
		return -1, 0
	}
	return int(hits[0].Target), hits[0].Dist.Meters()
}
