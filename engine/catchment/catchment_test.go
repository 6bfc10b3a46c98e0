package catchment_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// city: two districts side by side; P0 and P1 in D0, P2 in D1; areas along y = 0.
func city() *citytest.Builder {
	b := citytest.New(2025, 2025)
	d0 := b.District("D0", 0, -100, 1000, 100)
	d1 := b.District("D1", 1000, -100, 2000, 100)
	b.School("P0", engine.KindPrimary, d0, 100, 0, 1)
	b.School("P1", engine.KindPrimary, d0, 600, 0, 1)
	b.School("P2", engine.KindPrimary, d1, 1100, 0, 1)
	b.School("J0", engine.KindJunior, d0, 500, 0, 1)
	for i, x := range []float64{0, 300, 500, 900, 1500} {
		d := d0
		if x >= 1000 {
			d = d1
		}
		b.Area(string(rune('a'+i)), d, x, 0, 10)
	}
	return b
}

func ids(c *engine.City, a *engine.Assignment) []string {
	out := make([]string, len(a.School))
	for i, s := range a.School {
		if s >= 0 {
			out[i] = c.Schools[s].ID
		}
	}
	return out
}

func allOpen(c *engine.City) []bool {
	open := make([]bool, len(c.Schools))
	for i := range open {
		open[i] = true
	}
	return open
}

func TestNearest(t *testing.T) {
	c := city().City()
	tests := []struct {
		name  string
		cross bool
		open  func([]bool)
		want  []string
	}{
		// Area d (900) is 200 m from P2 but in D0: P1.
		{"within districts", false, nil, []string{"P0", "P0", "P1", "P1", "P2"}},
		{"across districts", true, nil, []string{"P0", "P0", "P1", "P2", "P2"}},
		{"closed school", false, func(o []bool) { o[1] = false }, []string{"P0", "P0", "P0", "P0", "P2"}},
		{"district without a school", false, func(o []bool) { o[2] = false }, []string{"P0", "P0", "P1", "P1", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			open := allOpen(c)
			if tc.open != nil {
				tc.open(open)
			}
			a := catchment.Nearest(c, catchment.Options{Stage: engine.Primary, Open: open, CrossDistrict: tc.cross})
			if got := ids(c, a); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i, s := range a.School {
				if s >= 0 && !approx.Equal(float64(a.Dist[i]), math.Abs(c.Areas[i].Point[0]-c.Schools[s].Point[0]), 1e-9) {
					t.Fatalf("area %d distance %v", i, a.Dist[i])
				}
			}
			// Members come nearest first.
			for s := range c.Schools {
				m := a.Members(s)
				for k := 1; k < len(m); k++ {
					if a.Dist[m[k]] < a.Dist[m[k-1]] {
						t.Fatalf("school %d members %v not by distance", s, m)
					}
				}
			}
		})
	}
}

func TestZones(t *testing.T) {
	t.Run("property, polygon and fallback", func(t *testing.T) {
		b := city()
		b.SetAreaCatchment(0, engine.Primary, "P1") // a → P1 although P0 is nearer
		b.Catchment(engine.Primary, 250, -50, 550, 50, "P0")
		c := b.City()
		a, err := catchment.Zones(c, catchment.Options{Stage: engine.Primary, Open: allOpen(c)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		// b, c in P0's polygon; d and e in no zone: nearest.
		if got, want := ids(c, a), []string{"P1", "P0", "P0", "P1", "P2"}; !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	t.Run("closed zone school follows its merge", func(t *testing.T) {
		b := city()
		b.Catchment(engine.Primary, -50, -50, 550, 50, "P0")
		c := b.City()
		open := allOpen(c)
		open[0] = false
		merge := []int{2, -1, -1, -1} // P0 merged into P2
		a, err := catchment.Zones(c, catchment.Options{Stage: engine.Primary, Open: open}, merge)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(c, a), []string{"P2", "P2", "P2", "P1", "P2"}; !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	})
	for _, tc := range []struct {
		name string
		set  func(*citytest.Builder)
		// multi-school lists by area index
		want map[int32][]string
	}{
		{"overlapping zones", func(b *citytest.Builder) {
			b.Catchment(engine.Primary, -50, -50, 550, 50, "P0")
			b.Catchment(engine.Primary, 250, -50, 950, 50, "P1")
		}, map[int32][]string{1: {"P0", "P1"}, 2: {"P0", "P1"}}},
		{"multi-school polygon", func(b *citytest.Builder) { b.Catchment(engine.Primary, -50, -50, 550, 50, "P1", "P0") },
			map[int32][]string{0: {"P1", "P0"}, 1: {"P1", "P0"}, 2: {"P1", "P0"}}},
		{"multi-school property across districts", func(b *citytest.Builder) { b.SetAreaCatchment(3, engine.Primary, "P1", "P2") },
			map[int32][]string{3: {"P1", "P2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := city()
			tc.set(b)
			c := b.City()
			a, err := catchment.Zones(c, catchment.Options{Stage: engine.Primary, Open: allOpen(c)}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Multi) != len(tc.want) {
				t.Fatalf("multi %v, want %v", a.Multi, tc.want)
			}
			for area, want := range tc.want {
				var got []string
				for _, s := range a.Multi[area] {
					got = append(got, c.Schools[s].ID)
				}
				if !slices.Equal(got, want) || c.Schools[a.School[area]].ID != want[0] {
					t.Errorf("area %d: %v (first %d), want %v", area, got, a.School[area], want)
				}
				// Multi-school areas are nobody's members.
				for s := range c.Schools {
					if slices.Contains(a.Members(s), area) {
						t.Errorf("area %d among the members of %d", area, s)
					}
				}
			}
		})
	}
	t.Run("unknown school", func(t *testing.T) {
		b := city()
		b.Catchment(engine.Primary, -50, -50, 550, 50, "P9")
		c := b.City()
		if _, err := catchment.Zones(c, catchment.Options{Stage: engine.Primary, Open: allOpen(c)}, nil); !errors.Is(err, catchment.ErrZone) {
			t.Fatalf("err %v, want ErrZone", err)
		}
	})
}
