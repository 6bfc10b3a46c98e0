package synth_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/schoolplan/schoolplan/benchmarks/synth"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/geo"
)

// small is the city of most tests: 3,000 areas, 9 districts, 18 schools.
var small = synth.Options{Areas: 3000, Seed: 7}

// near reports whether a and b agree within tol (absolute).
func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestDefaults(t *testing.T) {
	tests := []struct {
		name                      string
		opt                       *synth.Options
		districts, schools, areas int
	}{
		{"nil", nil, 9, 50, 10000},
		{"small", &synth.Options{Areas: 3000}, 9, 18, 3000},
		{"explicit", &synth.Options{Areas: 2000, Districts: 4, Schools: 11}, 4, 11, 2000},
		{"200k", &synth.Options{Areas: 200000, NewHousing: -1}, 11, 1000, 200000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := synth.City(tc.opt)
			if len(c.Districts) != tc.districts || len(c.Schools) != tc.schools || len(c.Areas) != tc.areas {
				t.Fatalf("%d districts, %d schools, %d areas; want %d, %d, %d",
					len(c.Districts), len(c.Schools), len(c.Areas), tc.districts, tc.schools, tc.areas)
			}
		})
	}
}

// TestPartition checks that the districts tile the city: their areas add
// up to the bound's (up to the projection's curvature), every point of a
// sample lies in exactly one district, and every area and school lies in
// the district it names.
func TestPartition(t *testing.T) {
	for _, opt := range []synth.Options{small, {Areas: 5000, Districts: 23, Seed: 3}, {Areas: 400000, Schools: 50, Seed: 5}} {
		c := synth.City(&opt)
		var sum float64
		var bound orb.Bound
		polys := make([]orb.MultiPolygon, len(c.Districts))
		for d := range c.Districts {
			g := c.Districts[d].Geometry
			polys[d] = g
			if a := planar.Area(g); a <= 0 {
				t.Fatalf("district %s: area %v", c.Districts[d].ID, a)
			}
			sum += planar.Area(g)
			if d == 0 {
				bound = g.Bound()
			} else {
				bound = bound.Union(g.Bound())
			}
		}
		w, h := bound.Max[0]-bound.Min[0], bound.Max[1]-bound.Min[1]
		if !near(sum, w*h, 1e-3*w*h) {
			t.Errorf("%d areas: districts cover %v m², bound %v m²", opt.Areas, sum, w*h)
		}
		pix := geo.NewPolygonIndex(polys)
		// A 200×200 lattice over the inner 99% of the bound.
		var buf []int
		for i := range 200 {
			for j := range 200 {
				p := orb.Point{
					bound.Min[0] + w*(0.005+0.99*(float64(i)+0.5)/200),
					bound.Min[1] + h*(0.005+0.99*(float64(j)+0.5)/200),
				}
				if buf = pix.LocateAll(buf[:0], p); len(buf) != 1 {
					t.Fatalf("%d areas: point %v lies in districts %v", opt.Areas, p, buf)
				}
			}
		}
		for i := range c.Areas {
			if d := pix.Locate(c.Areas[i].Point); d != c.Areas[i].District {
				t.Fatalf("area %s lies in district %d, says %d", c.Areas[i].ID, d, c.Areas[i].District)
			}
		}
		for i := range c.Schools {
			if !pix.Contains(c.Schools[i].District, c.Schools[i].Point) {
				t.Fatalf("school %s is outside its district %d", c.Schools[i].ID, c.Schools[i].District)
			}
		}
	}
}

// TestShape checks the promises of the package doc: kinds, streams, a
// stage of each kind per district, new housing, population bounds.
func TestShape(t *testing.T) {
	c := synth.City(&synth.Options{Areas: 20000, Seed: 1})
	var kinds [3]int
	serves := make([][engine.NumStages]bool, len(c.Districts))
	for i := range c.Schools {
		s := &c.Schools[i]
		kinds[s.Kind]++
		for _, st := range engine.Stages {
			if s.Kind.Serves(st) != (s.Streams[st] > 0) {
				t.Errorf("school %s (%s): %d %s streams", s.ID, s.Kind, s.Streams[st], st)
			}
			serves[s.District][st] = serves[s.District][st] || s.Kind.Serves(st)
		}
	}
	n := float64(len(c.Schools))
	if p := float64(kinds[engine.KindPrimary]) / n; p < 0.45 || p > 0.75 {
		t.Errorf("primary share %.2f", p)
	}
	if kinds[engine.KindNineYear] == 0 {
		t.Errorf("no nine-year school")
	}
	for d := range serves {
		if !serves[d][engine.Primary] || !serves[d][engine.Junior] {
			t.Errorf("district %s lacks a stage: %v", c.Districts[d].ID, serves[d])
		}
	}
	newHousing := 0
	for i := range c.Areas {
		a := &c.Areas[i]
		if a.Population < 200 || a.Population > 5000 || a.Population != math.Round(a.Population) {
			t.Fatalf("area %s: population %v", a.ID, a.Population)
		}
		if a.CompletionYear != 0 {
			newHousing++
			if a.CompletionYear <= 2025 || a.CompletionYear > 2031 {
				t.Errorf("area %s: completion year %d", a.ID, a.CompletionYear)
			}
		}
	}
	if newHousing != 20 {
		t.Errorf("%d new-housing areas, want 20", newHousing)
	}
	fc := &c.Forecast
	if fc.FirstYear != 2025 || fc.LastYear != 2035 || fc.MaxAge != 15 || len(fc.ByDistrict) != len(c.Districts) {
		t.Fatalf("forecast %d–%d ages 0–%d, %d districts", fc.FirstYear, fc.LastYear, fc.MaxAge, len(fc.ByDistrict))
	}
	// The birth decline reaches the entry grade: fewer 6-year-olds in 2035 than in 2025.
	var y0, y1 float64
	for d := range c.Districts {
		a, _ := fc.Lookup(fc.ByDistrict[d], 2025, 6)
		b, _ := fc.Lookup(fc.ByDistrict[d], 2035, 6)
		y0, y1 = y0+a, y1+b
	}
	if !(y1 < 0.9*y0) {
		t.Errorf("6-year-olds: %v in 2025, %v in 2035; want a decline", y0, y1)
	}
}

// TestSimulate runs the default policy over a small city: the invariants
// hold, seats roughly match entrants, and some districts are short while
// others have seats to spare.
func TestSimulate(t *testing.T) {
	c := synth.City(&small)
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2035})
	if err != nil {
		t.Fatal(err)
	}
	simtest.Check(t, c, r)
	for _, st := range engine.Stages {
		y := &r.Stages[st].Years[0]
		ratio := float64(y.City.EntrySeats) / float64(y.City.Entrants)
		t.Logf("%s 2025: %d entrants, %d entry seats, %d unplaced", st, y.City.Entrants, y.City.EntrySeats, y.City.Unplaced)
		if ratio < 0.8 || ratio > 1.3 {
			t.Errorf("%s 2025: seats/entrants = %.2f", st, ratio)
		}
		short, spare := 0, 0
		for _, d := range y.Districts {
			if d.Entrants > d.EntrySeats {
				short++
			}
			if d.EntrySeats > d.Entrants {
				spare++
			}
		}
		if short == 0 || spare == 0 {
			t.Errorf("%s 2025: %d districts short, %d with spare seats; want some of each", st, short, spare)
		}
	}
}

// TestWriteFolderLoads writes a small city and loads it back: the same
// city, coordinates and projection included, and the same simulation.
func TestWriteFolderLoads(t *testing.T) {
	dir := t.TempDir()
	if err := synth.WriteFolder(dir, &small); err != nil {
		t.Fatal(err)
	}
	got, err := engine.LoadCity(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := synth.City(&small)
	if got.Name != want.Name || got.CRS != geo.WGS84 {
		t.Errorf("name %q crs %v; want %q wgs84", got.Name, got.CRS, want.Name)
	}
	if len(got.Districts) != len(want.Districts) || len(got.Areas) != len(want.Areas) || len(got.Schools) != len(want.Schools) {
		t.Fatalf("loaded %d districts, %d areas, %d schools; generated %d, %d, %d",
			len(got.Districts), len(got.Areas), len(got.Schools), len(want.Districts), len(want.Areas), len(want.Schools))
	}
	if got.Projection != want.Projection {
		t.Errorf("projection %v, want %v", got.Projection, want.Projection)
	}
	if o := want.Projection.Origin(); !near(o[0], 106.5, 1e-3) || !near(o[1], 29.5, 1e-3) {
		t.Errorf("origin %v, want about (106.5, 29.5)", o)
	}
	for d := range want.Districts {
		g, w := &got.Districts[d], &want.Districts[d]
		if g.ID != w.ID || g.Name != w.Name {
			t.Fatalf("district %d: %q %q, want %q %q", d, g.ID, g.Name, w.ID, w.Name)
		}
		if !orb.Equal(g.Geometry, w.Geometry) {
			t.Errorf("district %s: geometry differs", w.ID)
		}
	}
	for i := range want.Areas {
		g, w := &got.Areas[i], &want.Areas[i]
		if g.ID != w.ID || g.Population != w.Population || g.Households != w.Households ||
			g.District != w.District || g.CompletionYear != w.CompletionYear {
			t.Fatalf("area %d: %+v, want %+v", i, g, w)
		}
		if g.Point != w.Point {
			t.Fatalf("area %s at %v, want %v", w.ID, g.Point, w.Point)
		}
	}
	for i := range want.Schools {
		g, w := &got.Schools[i], &want.Schools[i]
		if g.ID != w.ID || g.Name != w.Name || g.Kind != w.Kind || g.Streams != w.Streams || g.District != w.District {
			t.Fatalf("school %d: %+v, want %+v", i, g, w)
		}
		if g.Point != w.Point {
			t.Fatalf("school %s at %v, want %v", w.ID, g.Point, w.Point)
		}
	}
	gf, wf := &got.Forecast, &want.Forecast
	if gf.FirstYear != wf.FirstYear || gf.LastYear != wf.LastYear || gf.MaxAge != wf.MaxAge ||
		len(gf.ByDistrict) != len(wf.ByDistrict) || len(gf.ByArea) != 0 {
		t.Fatalf("forecast %d–%d/%d, %d districts, %d areas", gf.FirstYear, gf.LastYear, gf.MaxAge, len(gf.ByDistrict), len(gf.ByArea))
	}
	for d, w := range wf.ByDistrict {
		g := gf.ByDistrict[d]
		if g == nil || !equalFloats(g.Count, w.Count) {
			t.Fatalf("forecast of district %d differs", d)
		}
	}
	rg, err := sim.Run(context.Background(), got, &sim.Options{First: 2025, Last: 2035})
	if err != nil {
		t.Fatal(err)
	}
	rw, err := sim.Run(context.Background(), want, &sim.Options{First: 2025, Last: 2035})
	if err != nil {
		t.Fatal(err)
	}
	for st := range rw.Stages {
		for k := range rw.Stages[st].Years {
			if g, w := rg.Stages[st].Years[k].City, rw.Stages[st].Years[k].City; g != w {
				t.Errorf("%s %d: loaded city gives %+v, generated %+v", engine.Stage(st), 2025+k, g, w)
			}
		}
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestDeterministic: the same options write byte-identical files; another
// seed writes others.
func TestDeterministic(t *testing.T) {
	a, b, other := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := synth.WriteFolder(dir, &small); err != nil {
			t.Fatal(err)
		}
	}
	o := small
	o.Seed++
	if err := synth.WriteFolder(other, &o); err != nil {
		t.Fatal(err)
	}
	files := []string{engine.CityFile, engine.DistrictsFile, engine.AreasFile, engine.SchoolsFile, engine.ForecastFile}
	for _, f := range files {
		x := read(t, filepath.Join(a, f))
		if y := read(t, filepath.Join(b, f)); !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", f)
		}
		if y := read(t, filepath.Join(other, f)); bytes.Equal(x, y) {
			t.Errorf("%s is the same for seeds %d and %d", f, small.Seed, o.Seed)
		}
	}
}

func read(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
