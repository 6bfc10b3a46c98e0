package engine

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

var (
	arealBig = flag.Bool("areal.big", false, "also benchmark 1M polygon areas against 5k zones")
	arealDir = flag.String("areal.dir", "", "BenchmarkLoadPolygonAreas with -areal.big: the folder of the 1M city, written there when it has no areas.geojson (so that a second run measures the load alone)")
)

// arealCity is a synthetic city for the split: a side × side square of 16
// districts (a 4 × 4 grid), n square residential blocks on a regular grid
// (80% of the pitch wide, so streets lie between), and m catchment polygons:
// three quarters primary, one quarter junior, each stage tiling the city
// with quadrilaterals on a jittered lattice whose sides wiggle through 8
// vertices (32 a polygon), so zone edges follow no block edge.
func arealCity(n, m int) *City {
	const side = 60000.0
	c := &City{}
	for i := range 4 {
		for j := range 4 {
			x, y := side*float64(i)/4, side*float64(j)/4
			c.Districts = append(c.Districts, District{ID: fmt.Sprintf("D%d%d", i, j), Geometry: mpoly(rect(x, y, x+side/4, y+side/4))})
		}
	}
	zoneLattice(c, Primary, int(math.Round(math.Sqrt(0.75*float64(m)))), side, 1)
	zoneLattice(c, Junior, int(math.Round(math.Sqrt(0.25*float64(m)))), side, 2)
	k := int(math.Ceil(math.Sqrt(float64(n))))
	pitch := side / float64(k)
	c.Areas = make([]Area, 0, n)
	for i := 0; len(c.Areas) < n; i++ {
		x, y := pitch*float64(i%k)+0.1*pitch, pitch*float64(i/k)+0.1*pitch
		g := rect(x, y, x+0.8*pitch, y+0.8*pitch)
		c.Areas = append(c.Areas, Area{ID: fmt.Sprint(i), Population: 800, Households: 300, District: -1, Share: 1, Geometry: g, Point: areaPoint(g)})
	}
	return c
}

// zoneLattice adds k × k zones of stage st tiling [0, side]².
func zoneLattice(c *City, st Stage, k int, side float64, seed uint64) {
	pitch := side / float64(k)
	node := func(i, j int) orb.Point {
		p := orb.Point{pitch * float64(i), pitch * float64(j)}
		if i > 0 && i < k {
			p[0] += 0.3 * pitch * (hash01(seed, uint64(i), uint64(j), 0) - 0.5)
		}
		if j > 0 && j < k {
			p[1] += 0.3 * pitch * (hash01(seed, uint64(i), uint64(j), 1) - 0.5)
		}
		return p
	}
	for i := range k {
		for j := range k {
			corners := []orb.Point{node(i, j), node(i+1, j), node(i+1, j+1), node(i, j+1)}
			var r orb.Ring
			for e := range 4 {
				r = append(r, wiggle(corners[e], corners[(e+1)%4], pitch, seed)...)
			}
			r = append(r, r[0])
			c.Catchments = append(c.Catchments, Catchment{Schools: []string{"S"}, Stage: st, Geometry: orb.MultiPolygon{{r}}})
		}
	}
}

// wiggle returns p and seven points between p and q, offset sideways by a
// pseudo-random amount that depends only on the edge, so both zones sharing
// it trace the same line.
func wiggle(p, q orb.Point, pitch float64, seed uint64) []orb.Point {
	a, b, rev := p, q, false
	if q[0] < p[0] || (q[0] == p[0] && q[1] < p[1]) {
		a, b, rev = q, p, true
	}
	dx, dy := b[0]-a[0], b[1]-a[1]
	l := math.Hypot(dx, dy)
	nx, ny := -dy/l, dx/l
	pts := make([]orb.Point, 8)
	pts[0] = a
	for s := 1; s < 8; s++ {
		f := float64(s) / 8
		off := 0.04 * pitch * (hash01(seed, math.Float64bits(a[0]+b[1]), math.Float64bits(a[1]+b[0]), uint64(s)) - 0.5)
		pts[s] = orb.Point{a[0] + f*dx + off*nx, a[1] + f*dy + off*ny}
	}
	if rev {
		out := make([]orb.Point, 8)
		out[0] = p
		for s := 1; s < 8; s++ {
			out[s] = pts[8-s]
		}
		return out
	}
	return pts
}

// hash01 maps its arguments to [0, 1) (splitmix64).
func hash01(xs ...uint64) float64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, x := range xs {
		h ^= x
		h += 0x9e3779b97f4a7c15
		h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9
		h = (h ^ (h >> 27)) * 0x94d049bb133111eb
		h ^= h >> 31
	}
	return float64(h>>11) / (1 << 53)
}

// BenchmarkSplitAreas is the loader's areal weighting of n polygon areas
// against m catchment polygons and 16 districts (arealCity), on
// GOMAXPROCS workers; units is the demand units it makes. /overlay is the
// baseline without convex clipping (its copy of the areas is timed too).
func BenchmarkSplitAreas(b *testing.B) {
	sizes := []struct{ n, m int }{{10000, 500}, {100000, 2000}}
	if *arealBig {
		sizes = append(sizes, struct{ n, m int }{1000000, 5000})
	}
	for _, sz := range sizes {
		b.Run(fmt.Sprintf("areas=%d/zones=%d", sz.n, sz.m), func(b *testing.B) {
			base := arealCity(sz.n, sz.m)
			b.ReportAllocs()
			b.ResetTimer()
			var units int
			for b.Loop() {
				b.StopTimer()
				c := *base
				c.Areas = append([]Area(nil), base.Areas...)
				b.StartTimer()
				l := &loader{display: "city", city: &c}
				l.splitAreas(PolygonAreasSplit)
				if len(l.errs) > 0 {
					b.Fatal(l.errs)
				}
				units = len(c.Areas)
			}
			b.ReportMetric(float64(units), "units")
		})
	}
	// The baseline: every cut by the general overlay, no convex clipping.
	b.Run("areas=10000/zones=500/overlay", func(b *testing.B) {
		base := arealCity(10000, 500)
		convexClip = false
		defer func() { convexClip = true }()
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			c := *base
			c.Areas = append([]Area(nil), base.Areas...)
			l := &loader{display: "city", city: &c}
			l.splitAreas(PolygonAreasSplit)
		}
	})
}

func TestArealCityAddsUp(t *testing.T) {
	c := arealCity(2000, 100)
	l := &loader{display: "city", city: c}
	l.splitAreas(PolygonAreasSplit)
	if len(l.errs) > 0 {
		t.Fatal(l.errs)
	}
	if len(c.Areas) <= 2000 {
		t.Fatalf("%d units from 2000 blocks: zone edges should cut some", len(c.Areas))
	}
	var pop float64
	for _, a := range c.Areas {
		pop += a.Population
	}
	if pop != 2000*800 {
		t.Errorf("units hold %v residents, want %v", pop, 2000*800)
	}
}

// writeArealCity writes arealCity(n, m) as a city folder in dir, in lon/lat
// around (106.5, 29.5), with one primary and one junior school named by the
// zones and a one-row-per-district forecast.
func writeArealCity(tb testing.TB, dir string, n, m int) {
	tb.Helper()
	c := arealCity(n, m)
	proj := geo.NewProjection(orb.Point{106.5, 29.5})
	pt := func(buf []byte, p orb.Point) []byte {
		ll := proj.Inverse(orb.Point{p[0] - 30000, p[1] - 30000})
		buf = append(buf, '[')
		buf = strconv.AppendFloat(buf, ll[0], 'f', 8, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, ll[1], 'f', 8, 64)
		return append(buf, ']')
	}
	poly := func(buf []byte, mp orb.MultiPolygon) []byte {
		buf = append(buf, `{"type":"Polygon","coordinates":[[`...)
		for k, p := range mp[0][0] {
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = pt(buf, p)
		}
		if r := mp[0][0]; r[0] != r[len(r)-1] {
			buf = pt(append(buf, ','), r[0])
		}
		return append(buf, "]]}"...)
	}
	write := func(name string, feats func(buf []byte, k int) ([]byte, bool)) {
		buf := []byte(`{"type":"FeatureCollection","features":[`)
		for k := 0; ; k++ {
			var ok bool
			if k > 0 {
				buf = append(buf, ',')
			}
			if buf, ok = feats(buf, k); !ok {
				buf = buf[:len(buf)-min(k, 1)]
				break
			}
		}
		buf = append(buf, "]}\n"...)
		if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write(DistrictsFile, func(buf []byte, k int) ([]byte, bool) {
		if k == len(c.Districts) {
			return buf, false
		}
		buf = append(buf, `{"type":"Feature","properties":{"id":"`+c.Districts[k].ID+`"},"geometry":`...)
		return append(poly(buf, c.Districts[k].Geometry), '}'), true
	})
	write(SchoolsFile, func(buf []byte, k int) ([]byte, bool) {
		if k == 2 {
			return buf, false
		}
		id, stage := [2]string{"P", "J"}[k], [2]string{"primary", "junior"}[k]
		buf = append(buf, `{"type":"Feature","properties":{"id":"`+id+`","stage":"`+stage+`","streams":6},"geometry":{"type":"Point","coordinates":`...)
		return append(pt(buf, orb.Point{30000, 30000}), "}}"...), true
	})
	write(CatchmentsFile, func(buf []byte, k int) ([]byte, bool) {
		if k == len(c.Catchments) {
			return buf, false
		}
		ct := &c.Catchments[k]
		school := map[Stage]string{Primary: "P", Junior: "J"}[ct.Stage]
		buf = append(buf, `{"type":"Feature","properties":{"school":"`+school+`","stage":"`+ct.Stage.String()+`"},"geometry":`...)
		return append(poly(buf, ct.Geometry), '}'), true
	})
	write(AreasFile, func(buf []byte, k int) ([]byte, bool) {
		if k == len(c.Areas) {
			return buf, false
		}
		buf = append(buf, `{"type":"Feature","properties":{"id":"`...)
		buf = strconv.AppendInt(buf, int64(k), 10)
		buf = append(buf, `","population":800,"households":300},"geometry":`...)
		return append(poly(buf, orb.MultiPolygon{c.Areas[k].Geometry.(orb.Polygon)}), '}'), true
	})
	csv := []byte("district,year,age,count\n")
	for _, d := range c.Districts {
		csv = append(csv, d.ID+",2025,6,1000\n"...)
	}
	if err := os.WriteFile(filepath.Join(dir, ForecastFile), csv, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkLoadPolygonAreas is LoadCity of a folder written by
// writeArealCity: decoding, projecting and splitting n polygon areas
// against about m catchment polygons.
func BenchmarkLoadPolygonAreas(b *testing.B) {
	sizes := []struct{ n, m int }{{10000, 500}, {100000, 2000}}
	if *arealBig {
		sizes = append(sizes, struct{ n, m int }{1000000, 5000})
	}
	for _, sz := range sizes {
		b.Run(fmt.Sprintf("areas=%d/zones=%d", sz.n, sz.m), func(b *testing.B) {
			dir := b.TempDir()
			if sz.n == 1000000 && *arealDir != "" {
				dir = *arealDir
			}
			if _, err := os.Stat(filepath.Join(dir, AreasFile)); err != nil {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					b.Fatal(err)
				}
				writeArealCity(b, dir, sz.n, sz.m)
			}
			b.ReportAllocs()
			b.ResetTimer()
			var units int
			for b.Loop() {
				c, err := LoadCity(dir)
				if err != nil {
					b.Fatal(err)
				}
				units = len(c.Areas)
			}
			b.ReportMetric(float64(units), "units")
		})
	}
}
