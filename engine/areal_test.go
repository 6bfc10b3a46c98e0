package engine

import (
	"errors"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// rect is the rectangle [x0, x1] × [y0, y1] on the plane, counter-clockwise.
func rect(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func mpoly(p orb.Polygon) orb.MultiPolygon { return orb.MultiPolygon{p} }

// wantPiece is one expected demand unit.
type wantPiece struct {
	district   int
	piece      int
	pop, hh    float64
	share      float64
	zoneSchool string // the school of the piece's primary zone ("" none)
}

// splitCity runs the loader's split on a city built on the plane.
func splitCity(t testing.TB, c *City) ([]Area, []string, error) {
	t.Helper()
	l := &loader{display: "city", city: c}
	l.splitAreas(PolygonAreasSplit)
	warns := make([]string, len(c.Warnings))
	for i, w := range c.Warnings {
		warns[i] = w.Error()
	}
	if len(l.errs) > 0 {
		return nil, warns, l.errs
	}
	return c.Areas, warns, nil
}

// zoneOf returns the schools of the zones of stage st holding p, joined by ",".
func zoneOf(c *City, st Stage, p orb.Point) string {
	var ids []string
	for _, ct := range c.Catchments {
		if (ct.AllStage || ct.Stage == st) && geo.MultiPolygonContains(ct.Geometry, p) {
			ids = append(ids, ct.Schools...)
		}
	}
	return strings.Join(ids, ",")
}

func TestSplitAreas(t *testing.T) {
	west, east := mpoly(rect(-5000, -5000, 0, 5000)), mpoly(rect(0, -5000, 5000, 5000))
	two := []District{{ID: "W", Geometry: west}, {ID: "E", Geometry: east}}
	one := []District{{ID: "C", Geometry: mpoly(rect(-5000, -5000, 5000, 5000))}}
	zone := func(school string, st Stage, p orb.Polygon) Catchment {
		return Catchment{Schools: []string{school}, Stage: st, Geometry: mpoly(p)}
	}
	// The 2 × 1 km rectangle x ∈ [-1000, 1000], y ∈ [0, 1000].
	bar := rect(-1000, 0, 1000, 1000)
	tests := []struct {
		name       string
		districts  []District
		catchments []Catchment
		area       Area
		want       []wantPiece
		warn       string // in the one warning expected
		wantErr    string
	}{
		{
			name:      "district line halves the rectangle",
			districts: two,
			area:      Area{ID: "A", Population: 1000, Households: 301, District: -1},
			// 301 households: 150.5 each; the equal remainders go to the first piece.
			want: []wantPiece{{0, 1, 500, 151, 0.5, ""}, {1, 2, 500, 150, 0.5, ""}},
		},
		{
			name:       "two zones halve the rectangle",
			districts:  one,
			catchments: []Catchment{zone("P-W", Primary, rect(-5000, -5000, 0, 5000)), zone("P-E", Primary, rect(0, -5000, 5000, 5000))},
			area:       Area{ID: "A", Population: 1000, District: -1},
			want:       []wantPiece{{0, 1, 500, 0, 0.5, "P-W"}, {0, 2, 500, 0, 0.5, "P-E"}},
		},
		{
			name:      "primary and junior zones cut at different lines",
			districts: one,
			catchments: []Catchment{
				zone("P-W", Primary, rect(-5000, -5000, 0, 5000)), zone("P-E", Primary, rect(0, -5000, 5000, 5000)),
				zone("J-W", Junior, rect(-5000, -5000, 500, 5000)), zone("J-E", Junior, rect(500, -5000, 5000, 5000)),
			},
			area: Area{ID: "A", Population: 1000, District: -1},
			// x ∈ [-1000, 0]: half; [0, 500] and [500, 1000]: a quarter each.
			want: []wantPiece{{0, 1, 500, 0, 0.5, "P-W"}, {0, 2, 250, 0, 0.25, "P-E"}, {0, 3, 250, 0, 0.25, "P-E"}},
		},
		{
			name:       "a sliver goes to the largest piece",
			districts:  one,
			catchments: []Catchment{zone("P-W", Primary, rect(-5000, -5000, 999.5, 5000)), zone("P-E", Primary, rect(999.5, -5000, 5000, 5000))},
			area:       Area{ID: "A", Population: 1000, District: -1},
			// 500 m² of 2 km² (0.025%) east of x = 999.5: the area stays whole.
			want: []wantPiece{{0, 0, 1000, 0, 1, "P-W"}},
		},
		{
			name:       "overlapping zones: the overlap is a piece of both",
			districts:  one,
			catchments: []Catchment{zone("P-W", Primary, rect(-5000, -5000, 200, 5000)), zone("P-E", Primary, rect(-200, -5000, 5000, 5000))},
			area:       Area{ID: "A", Population: 1000, District: -1},
			// In P-W: [-1000, 200], then cut by P-E: [-200, 200] in both, [-1000, -200]; [200, 1000] in P-E.
			want: []wantPiece{{0, 1, 200, 0, 0.2, "P-W,P-E"}, {0, 2, 400, 0, 0.4, "P-W"}, {0, 3, 400, 0, 0.4, "P-E"}},
		},
		{
			name:       "a named district is not split",
			districts:  two,
			catchments: []Catchment{zone("P-W", Primary, rect(-5000, -5000, -500, 5000)), zone("P-E", Primary, rect(-500, -5000, 5000, 5000))},
			area:       Area{ID: "A", Population: 1000, District: 1},
			want:       []wantPiece{{1, 1, 250, 0, 0.25, "P-W"}, {1, 2, 750, 0, 0.75, "P-E"}},
		},
		{
			name:       "listed catchment schools leave that stage's zones out",
			districts:  one,
			catchments: []Catchment{zone("P-W", Primary, rect(-5000, -5000, -300, 5000)), zone("P-E", Primary, rect(-300, -5000, 5000, 5000))},
			area:       Area{ID: "A", Population: 1000, District: -1, Catchment: [NumStages][]string{Primary: {"P-W"}}},
			// Whole, at its centre (0, 500) in P-E's polygon, which its list overrides.
			want: []wantPiece{{0, 0, 1000, 0, 1, "P-E"}},
		},
		{
			name:      "a fifth outside every district is left out, with a warning",
			districts: []District{{ID: "C", Geometry: mpoly(rect(-5000, -5000, 600, 5000))}},
			area:      Area{ID: "A", Population: 1001, District: -1},
			// 1600 of 2000 m × 1000 m inside: 800.8 → 801 whole residents (the fraction .8 rounds up by largest remainder).
			want: []wantPiece{{0, 1, 801, 0, 0.8, ""}},
			warn: "20.0% of the polygon lies outside every district polygon",
		},
		{
			name:      "more than half outside is an error",
			districts: []District{{ID: "C", Geometry: mpoly(rect(-5000, -5000, -200, 5000))}},
			area:      Area{ID: "A", Population: 1000, District: -1},
			wantErr:   `feature 0 (id "A"): geometry: 60.0% of the polygon lies outside every district polygon`,
		},
		{
			name:      "no district at all is an error",
			districts: []District{{ID: "C", Geometry: mpoly(rect(2000, 2000, 3000, 3000))}},
			area:      Area{ID: "A", Population: 1000, District: -1},
			wantErr:   `feature 0 (id "A"): geometry: the polygon has no district property and overlaps no district polygon`,
		},
	}
	// The rectangle is cut by convex clipping, or by the general overlay;
	// with a fifth vertex in the middle of its bottom side too: the same
	// pieces every way.
	five := orb.Polygon{{{-1000, 0}, {0, 0}, {1000, 0}, {1000, 1000}, {-1000, 1000}, {-1000, 0}}}
	shapes := []struct {
		name    string
		geom    orb.Polygon
		overlay bool
	}{
		{"rectangle", bar, false},
		{"rectangle, overlay", bar, true},
		{"five vertices", five, false},
		{"five vertices, overlay", five, true},
	}
	// Two islands, one in each district, no boundary meeting either.
	islands := Area{ID: "A", Population: 100, District: -1, Share: 1,
		Geometry: orb.MultiPolygon{rect(-2000, 0, -1000, 1000), rect(1000, 0, 1500, 1000)}}
	islands.Point = areaPoint(islands.Geometry)
	c := &City{Districts: two, Areas: []Area{islands}}
	t.Run("islands in two districts", func(t *testing.T) {
		got, _, err := splitCity(t, c)
		if err != nil {
			t.Fatal(err)
		}
		// 1 km² west, 0.5 km² east: 66.67 and 33.33 residents.
		checkPieces(t, c, got, []wantPiece{{0, 1, 67, 0, 2.0 / 3, ""}, {1, 2, 33, 0, 1.0 / 3, ""}})
	})
	for _, tc := range tests {
		for _, sh := range shapes {
			t.Run(tc.name+"/"+sh.name, func(t *testing.T) {
				convexClip = !sh.overlay
				defer func() { convexClip = true }()
				a := tc.area
				a.Share, a.Geometry = 1, sh.geom
				a.Point = areaPoint(sh.geom)
				c := &City{Districts: tc.districts, Catchments: tc.catchments, Areas: []Area{a}}
				got, warns, err := splitCity(t, c)
				if tc.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrOutside) {
						t.Fatalf("error %v, want %q", err, tc.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				checkPieces(t, c, got, tc.want)
				if tc.warn == "" && len(warns) > 0 || tc.warn != "" && (len(warns) != 1 || !strings.Contains(warns[0], tc.warn)) {
					t.Errorf("warnings %q, want %q", warns, tc.warn)
				}
			})
		}
	}
}

func checkPieces(t *testing.T, c *City, got []Area, want []wantPiece) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d demand units, want %d: %+v", len(got), len(want), got)
	}
	for k, w := range want {
		g := &got[k]
		if g.ID != "A" || g.District != w.district || g.Piece != w.piece || g.Population != w.pop || g.Households != w.hh || !approx.Equal(g.Share, w.share, 1e-9) {
			t.Errorf("unit %d: id %s district %d piece %d pop %v hh %v share %v, want %+v", k, g.ID, g.District, g.Piece, g.Population, g.Households, g.Share, w)
		}
		if mp, ok := geo.AsMultiPolygon(g.Geometry); !ok || !geo.MultiPolygonContains(mp, g.Point) {
			t.Errorf("unit %d: point %v outside its piece", k, g.Point)
		}
		if z := zoneOf(c, Primary, g.Point); z != w.zoneSchool {
			t.Errorf("unit %d: point %v in the zone of %q, want %q", k, g.Point, z, w.zoneSchool)
		}
	}
}

func TestApportion(t *testing.T) {
	tests := []struct {
		name    string
		total   float64
		weights []float64
		want    []float64
	}{
		{"halves", 1000, []float64{1, 1}, []float64{500, 500}},
		{"odd total: the tie goes first", 7, []float64{1, 1}, []float64{4, 3}},
		{"largest remainders", 10, []float64{1, 1, 1}, []float64{4, 3, 3}},
		{"fraction to the largest weight", 10.25, []float64{1, 3}, []float64{3, 7.25}},
		{"below one resident", 0.6, []float64{2, 1}, []float64{0.6, 0}},
		{"zero weights keep it whole in the first", 5, []float64{0, 0}, []float64{5, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := apportion(tc.total, tc.weights)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("apportion(%v, %v) = %v, want %v", tc.total, tc.weights, got, tc.want)
			}
			var sum float64
			for _, v := range got {
				sum += v
			}
			if sum != tc.total {
				t.Errorf("parts add up to %v, want %v", sum, tc.total)
			}
		})
	}
}

// TestSplitDeterministic splits a grid of areas against tilted zones on one
// worker and on four: the units must be identical.
func TestSplitDeterministic(t *testing.T) {
	build := func() *City {
		c := &City{Districts: []District{{ID: "W", Geometry: mpoly(rect(-3000, -3000, 130, 3000))}, {ID: "E", Geometry: mpoly(rect(130, -3000, 3000, 3000))}}}
		for k := range 6 {
			x := -3000 + 1000*float64(k)
			p := orb.Polygon{{{x, -3000}, {x + 1000, -3000}, {x + 1300, 3000}, {x + 300, 3000}, {x, -3000}}}
			c.Catchments = append(c.Catchments, Catchment{Schools: []string{"P"}, Stage: Primary, Geometry: mpoly(p)})
		}
		for i := range 20 {
			for j := range 20 {
				x, y := -2000+200*float64(i), -2000+200*float64(j)
				g := rect(x, y, x+170, y+170)
				c.Areas = append(c.Areas, Area{ID: "A", Population: 97, Households: 31, District: -1, Share: 1, Geometry: g, Point: areaPoint(g)})
			}
		}
		return c
	}
	run := func(procs int) []Area {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		got, _, err := splitCity(t, build())
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	a, b := run(1), run(4)
	if len(a) <= 400 {
		t.Fatalf("%d units from 400 areas: the tilted zones should cut some", len(a))
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the split differs between 1 and 4 workers")
	}
	var sum float64
	for _, u := range a {
		sum += u.Population
	}
	if sum != 400*97 {
		t.Errorf("units hold %v residents, want %v", sum, 400*97)
	}
}

// TestForecastAreaRowsSpread reads forecast.csv area rows of a split area:
// each piece gets its share of them.
func TestForecastAreaRowsSpread(t *testing.T) {
	g := rect(-1000, 0, 1000, 1000) // 3/4 west of x = 500
	c := &City{
		Districts: []District{{ID: "W", Geometry: mpoly(rect(-5000, -5000, 500, 5000))}, {ID: "E", Geometry: mpoly(rect(500, -5000, 5000, 5000))}},
		Areas:     []Area{{ID: "A", Population: 1000, District: -1, Share: 1, Geometry: g, Point: areaPoint(g)}},
	}
	areas, _, err := splitCity(t, c)
	if err != nil || len(areas) != 2 {
		t.Fatalf("split: %d units, %v", len(areas), err)
	}
	fc, err := DecodeForecastCSV(strings.NewReader("area,year,age,count\nA,2025,6,80\nA,2025,7,40\n"), "forecast.csv", c)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		unit, age int
		want      float64
	}{
		{"west piece, age 6", 0, 6, 60},
		{"west piece, age 7", 0, 7, 30},
		{"east piece, age 6", 1, 6, 20},
		{"east piece, age 7", 1, 7, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := fc.Lookup(fc.ByArea[tc.unit], 2025, tc.age)
			if !ok || !approx.Equal(got, tc.want, 1e-9) {
				t.Errorf("children %v (%v), want %v", got, ok, tc.want)
			}
		})
	}
}

// TestConvexClipMatchesOverlay cuts rotated squares by the wiggly zones of
// the synthetic city both ways: convex clipping and the general overlay
// must find the same areas.
func TestConvexClipMatchesOverlay(t *testing.T) {
	c := arealCity(100, 100)
	s := newArealSplit(c)
	for k := range 200 {
		cx, cy := 60000*hash01(7, uint64(k), 0), 60000*hash01(7, uint64(k), 1)
		h, a := 100+900*hash01(7, uint64(k), 2), math.Pi*hash01(7, uint64(k), 3)
		var ring orb.Ring
		for v := range 4 {
			s, co := math.Sincos(a + math.Pi*float64(v)/2)
			ring = append(ring, orb.Point{cx + h*co, cy + h*s})
		}
		sq := orb.MultiPolygon{{append(ring, ring[0])}}
		for z := s.nd; z < len(s.polys); z++ {
			if !sq.Bound().Intersects(s.polys[z].Bound()) {
				continue
			}
			convexClip = true
			fast, _ := s.intersect(sq, z)
			convexClip = false
			slow, err := s.intersect(sq, z)
			convexClip = true
			if err != nil {
				t.Fatal(err)
			}
			if f, w := geo.Area(fast), geo.Area(slow); !approx.Equal(f, w, 1e-6*geo.Area(sq)) {
				t.Fatalf("square %d, zone %d: clipped area %v, overlay %v", k, z, f, w)
			}
		}
	}
}
