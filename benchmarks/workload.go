package benchmarks

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
)

// Seed is the seed of every benchmark city.
const Seed = 1

// The simulated years.
const (
	First engine.Year = 2025
	Last  engine.Year = 2035
)

// Size is a benchmark city size.
type Size struct {
	Name  string // as in sub-benchmark names: areas=<Name>
	Areas int
}

// Sizes are the benchmark sizes. With synth's defaults the 1M city has
// 5,000 schools and 19 districts.
var Sizes = []Size{{"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}}

// Options are the synth options of the size's city.
func (s Size) Options() *synth.Options {
	return &synth.Options{Areas: s.Areas, Seed: Seed}
}

// Fixture generates a size's city and writes its folder once, on first
// use; it is safe for concurrent use.
type Fixture struct {
	Size   Size
	city   func() *engine.City
	folder func() (string, error)
}

// NewFixture returns the fixture of s, writing its folder under root.
func NewFixture(s Size, root string) *Fixture {
	f := &Fixture{Size: s}
	f.city = sync.OnceValue(func() *engine.City { return synth.City(s.Options()) })
	f.folder = sync.OnceValues(func() (string, error) {
		dir := filepath.Join(root, "areas-"+s.Name)
		return dir, synth.WriteFolder(dir, s.Options())
	})
	return f
}

// City returns the generated city; callers must not modify it.
func (f *Fixture) City() *engine.City { return f.city() }

// Folder returns the directory of the written city folder.
func (f *Fixture) Folder() (string, error) { return f.folder() }

// FolderBytes returns the total size of the files in a city folder.
func FolderBytes(dir string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			return 0, err
		}
		n += info.Size()
	}
	return n, nil
}

// Load reads a city folder.
func Load(dir string) (*engine.City, error) { return engine.LoadCity(dir) }

// districtPolygons lists the districts' geometries.
func districtPolygons(c *engine.City) []orb.MultiPolygon {
	polys := make([]orb.MultiPolygon, len(c.Districts))
	for d := range c.Districts {
		polys[d] = c.Districts[d].Geometry
	}
	return polys
}

// Join finds the district of every area's point with a geo.PolygonIndex
// (built here), writing to dst (grown as needed): the index of the lowest
// district containing it, or -1.
func Join(c *engine.City, dst []int32) []int32 {
	ix := geo.NewPolygonIndex(districtPolygons(c))
	dst = grow(dst, len(c.Areas))
	for i := range c.Areas {
		dst[i] = int32(ix.Locate(c.Areas[i].Point))
	}
	return dst
}

// JoinPlanar is Join's naive baseline: every district in turn with
// orb/planar.MultiPolygonContains.
func JoinPlanar(c *engine.City, dst []int32) []int32 {
	dst = grow(dst, len(c.Areas))
	for i := range c.Areas {
		dst[i] = -1
		for d := range c.Districts {
			if planar.MultiPolygonContains(c.Districts[d].Geometry, c.Areas[i].Point) {
				dst[i] = int32(d)
				break
			}
		}
	}
	return dst
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// AllOpen returns a slice of n trues: every school open.
func AllOpen(n int) []bool {
	open := make([]bool, n)
	for i := range open {
		open[i] = true
	}
	return open
}

// Nearest assigns every area to its nearest school of stage st (all
// schools open), within its district unless cross, with
// catchment.Nearest: a uniform-grid index per district (or one for the
// city), then the per-school member lists sorted by distance.
func Nearest(c *engine.City, st engine.Stage, cross bool, open []bool) *engine.Assignment {
	return catchment.Nearest(c, catchment.Options{Stage: st, Open: open, CrossDistrict: cross})
}

// NearestBrute is Nearest's naive baseline without the member lists: every
// area against every school. Ties go to the lower school index, as in
// Nearest; school is -1 where no school can serve the area.
func NearestBrute(c *engine.City, st engine.Stage, cross bool, school []int32, dist []engine.Meters) ([]int32, []engine.Meters) {
	school = grow(school, len(c.Areas))
	if cap(dist) < len(c.Areas) {
		dist = make([]engine.Meters, len(c.Areas))
	}
	dist = dist[:len(c.Areas)]
	for i := range c.Areas {
		a := &c.Areas[i]
		best, bestD2 := -1, math.Inf(1)
		for s := range c.Schools {
			sc := &c.Schools[s]
			if !sc.Kind.Serves(st) || sc.Streams[st] == 0 || (!cross && sc.District != a.District) {
				continue
			}
			dx, dy := sc.Point[0]-a.Point[0], sc.Point[1]-a.Point[1]
			if d2 := dx*dx + dy*dy; d2 < bestD2 {
				best, bestD2 = s, d2
			}
		}
		school[i], dist[i] = int32(best), 0
		if best >= 0 {
			dist[i] = engine.Meters(math.Sqrt(bestD2))
		}
	}
	return school, dist
}

// Simulate runs First..Last, both stages, under the default policy
// (nearest school within the district, standard class sizes).
func Simulate(ctx context.Context, c *engine.City) (*sim.Result, error) {
	return sim.Run(ctx, c, &sim.Options{First: First, Last: Last})
}

// SimulatePolicy runs First..Last, both stages, under pol.
func SimulatePolicy(ctx context.Context, c *engine.City, pol engine.Policy) (*sim.Result, error) {
	return sim.Run(ctx, c, &sim.Options{First: First, Last: Last, Policy: pol})
}
