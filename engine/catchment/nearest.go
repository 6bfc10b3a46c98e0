package catchment

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// Options are the inputs of an assignment besides the city.
type Options struct {
	Stage engine.Stage
	// Open marks the schools that run this year (index = school); a school
	// that does not serve Stage is never chosen.
	Open []bool
	// CrossDistrict lets an area be served by a school of another district.
	CrossDistrict bool
	// Dist measures the distances; nil (or straight lines) measures
	// straight lines with the package's own grids.
	Dist engine.Distances
}

// walks reports whether opt measures distances along a network.
func (opt *Options) walks() bool {
	return opt.Dist != nil && opt.Dist.Kind() == engine.Network
}

// areaDist is the distance from area i to school s under opt; an area that
// cannot walk to s gets the straight line (a zone school it cannot reach
// stays its school).
func areaDist(c *engine.City, opt *Options, i, s int) engine.Meters {
	if opt.walks() {
		if d, ok := opt.Dist.Area(i, s); ok {
			return d
		}
	}
	return geo.Distance(c.Areas[i].Point, c.Schools[s].Point)
}

// Nearest assigns every area to the nearest open school of the stage, in
// its own district unless opt.CrossDistrict; areas of a district without
// such a school get -1. Ties go to the lower school index.
func Nearest(c *engine.City, opt Options) *engine.Assignment {
	a := &engine.Assignment{School: make([]int32, len(c.Areas)), Dist: make([]engine.Meters, len(c.Areas))}
	idx := NewFinder(c, opt)
	if opt.walks() {
		nearestWalks(a, idx)
	} else {
		for i := range c.Areas {
			s, d := idx.NearestArea(i)
			a.School[i], a.Dist[i] = int32(s), d
		}
	}
	a.Group(len(c.Schools))
	return a
}

// nearestWalks sets each area's nearest school by walking, on one
// goroutine per core, each on its own chunks of areas: an area's answer
// does not depend on the others, so the result does not depend on timing.
func nearestWalks(a *engine.Assignment, idx *Finder) {
	const chunk = 4096
	n := len(a.School)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lo := int(next.Add(chunk)) - chunk; lo < n; lo = int(next.Add(chunk)) - chunk {
				for i := lo; i < min(lo+chunk, n); i++ {
					s, d := idx.NearestArea(i)
					a.School[i], a.Dist[i] = int32(s), d
				}
			}
		}()
	}
	wg.Wait()
}

// Finder finds the nearest open school of a stage, per district or
// city-wide.
type Finder struct {
	city    *engine.City
	opt     Options
	cross   bool
	all     *geo.PointIndex
	allIDs  []int
	perDist []*geo.PointIndex
	distIDs [][]int
}

// NewFinder indexes the schools usable under opt.
func NewFinder(c *engine.City, opt Options) *Finder {
	ix := &Finder{city: c, opt: opt, cross: opt.CrossDistrict}
	if opt.CrossDistrict {
		var pts []orb.Point
		for s := range c.Schools {
			if usable(c, opt, s) {
				pts = append(pts, c.Schools[s].Point)
				ix.allIDs = append(ix.allIDs, s)
			}
		}
		ix.all = geo.NewPointIndex(pts)
		return ix
	}
	pts := make([][]orb.Point, len(c.Districts))
	ix.distIDs = make([][]int, len(c.Districts))
	for s := range c.Schools {
		if usable(c, opt, s) {
			d := c.Schools[s].District
			pts[d] = append(pts[d], c.Schools[s].Point)
			ix.distIDs[d] = append(ix.distIDs[d], s)
		}
	}
	ix.perDist = make([]*geo.PointIndex, len(c.Districts))
	for d := range pts {
		if len(pts[d]) > 0 {
			ix.perDist[d] = geo.NewPointIndex(pts[d])
		}
	}
	return ix
}

func usable(c *engine.City, opt Options, s int) bool {
	return opt.Open[s] && c.Schools[s].Kind.Serves(opt.Stage) && c.Schools[s].Streams[opt.Stage] > 0
}

// NearestArea returns the school nearest to area i that may serve it, and
// its distance, under the Options' distances; -1 when there is none (or,
// along a network, none it reaches).
func (ix *Finder) NearestArea(i int) (int, engine.Meters) {
	area := &ix.city.Areas[i]
	if !ix.opt.walks() {
		return ix.Nearest(area.District, area.Point)
	}
	if ix.cross && ix.all == nil || !ix.cross && ix.perDist[area.District] == nil {
		return -1, 0 // no school to walk to: none searched for
	}
	return ix.opt.Dist.Nearest(i, func(s int) bool {
		return usable(ix.city, ix.opt, s) && (ix.cross || ix.city.Schools[s].District == area.District)
	})
}

// Nearest returns the school nearest to p, in a straight line, that may serve a place in
// district, and its distance; -1 when there is none.
func (ix *Finder) Nearest(district int, p orb.Point) (int, engine.Meters) {
	tree, ids := ix.all, ix.allIDs
	if !ix.cross {
		tree, ids = ix.perDist[district], ix.distIDs[district]
	}
	if tree == nil {
		return -1, 0
	}
	i, d2 := tree.Nearest(p, nil)
	if i < 0 {
		return -1, 0
	}
	return ids[i], engine.Meters(math.Sqrt(d2))
}

// KNearest appends to dst the k open schools nearest to p that may serve a
// place in district, nearest first (fewer when there are fewer). buf is
// scratch space, returned for reuse.
func (ix *Finder) KNearest(dst, buf []int, district int, p orb.Point, k int) ([]int, []int) {
	tree, ids := ix.all, ix.allIDs
	if !ix.cross {
		tree, ids = ix.perDist[district], ix.distIDs[district]
	}
	if tree == nil {
		return dst, buf
	}
	buf = tree.KNearest(buf[:0], p, k, nil)
	for _, i := range buf {
		dst = append(dst, ids[i])
	}
	return dst, buf
}
