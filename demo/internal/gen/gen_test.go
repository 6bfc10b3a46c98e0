package gen

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestSplitInt(t *testing.T) {
	got := splitInt(10, []float64{1, 1, 1})
	if got[0] != 4 || got[1] != 3 || got[2] != 3 {
		t.Errorf("splitInt(10, 1:1:1) = %v, want [4 3 3]", got)
	}
	sum := 0
	for _, v := range splitInt(1000003, []float64{0.3, 2.7, 1.1, 0.9}) {
		sum += v
	}
	if sum != 1000003 {
		t.Errorf("parts sum to %d", sum)
	}
}

func TestCNNumber(t *testing.T) {
	for n, want := range map[int]string{1: "一", 10: "十", 12: "十二", 20: "二十", 23: "二十三"} {
		if got := cnNumber(n); got != want {
			t.Errorf("cnNumber(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestRNGIsFixed(t *testing.T) {
	a, b := newRNG("x", "1"), newRNG("x", "1")
	for range 10 {
		if a.src.Uint64() != b.src.Uint64() {
			t.Fatal("same seed, different stream")
		}
	}
	if newRNG("x", "1").src.Uint64() == newRNG("x", "2").src.Uint64() {
		t.Error("different seeds, same first value")
	}
}

func TestValidFeature(t *testing.T) {
	square := orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}
	if err := validFeature(square); err != nil {
		t.Errorf("square: %v", err)
	}
	bowtie := orb.MultiPolygon{{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}}
	if validFeature(bowtie) == nil {
		t.Error("bowtie accepted")
	}
	holeTouching := orb.MultiPolygon{{square[0][0], {{0, 0}, {0.5, 0.2}, {0.2, 0.5}, {0, 0}}}}
	if validFeature(holeTouching) == nil {
		t.Error("hole touching the shell accepted")
	}
	short := orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 0}}}}
	if validFeature(short) == nil {
		t.Error("3-position ring accepted")
	}
}

func TestDist2(t *testing.T) {
	// WGS84 at 30°N: 110,852 m per degree of latitude, 96,486 m per degree of longitude
	o := metricWGS(orb.Point{106.5, 30})
	for _, c := range []struct {
		to   orb.Point
		want float64 // metres
	}{
		{orb.Point{106.5, 30.01}, 1108.52},
		{orb.Point{106.51, 30}, 964.86},
		{orb.Point{106.5, 29.99}, 1108.52},
	} {
		if got := 1000 * math.Sqrt(dist2(o, metricWGS(c.to))); math.Abs(got-c.want) > 0.05 {
			t.Errorf("distance to %v = %.2f m, want %.2f", c.to, got, c.want)
		}
	}
}

func TestNeed(t *testing.T) {
	d := &district{FactorP: 1.1, FactorJ: 0.9}
	for _, c := range []struct {
		st   stageSpec
		peak float64
		want int
	}{
		{sizedStages[0], 0, 0},
		{sizedStages[0], 100, 3},  // 110 seats: 2.44 classes of 45
		{sizedStages[0], 450, 11}, // 495 seats: 11 classes exactly
		{sizedStages[1], 500, 9},  // 450 seats: 9 classes of 50 exactly
		{sizedStages[1], 501, 10},
	} {
		if got := d.need(c.st, c.peak); got != c.want {
			t.Errorf("need(%s, %v) = %d, want %d", c.st.Stage, c.peak, got, c.want)
		}
	}
}

// TestSizing builds the demo city and checks the sizing rule: every school's streams are the
// target ratio × the peak entry-age demand of its own nearest-school catchment over the years it
// is open, rounded up, within the stage's bounds; no catchment asks for more than the maximum
// (the fit split them all) and none is empty; and the target ratios lie in their ranges.
func TestSizing(t *testing.T) {
	c, err := build("../../source")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.districts {
		lo, hi := 1.05, 1.10
		if d.Short {
			lo, hi = 0.85, 0.92
		}
		if d.FactorP < 1.05 || d.FactorP > 1.15 || d.FactorJ < lo || d.FactorJ > hi {
			t.Errorf("%s: target ratios %.3f / %.3f", d.Code, d.FactorP, d.FactorJ)
		}
		for _, st := range sizedStages {
			f := d.evaluate(st)
			for i, s := range d.Schools {
				if !s.serves(st.Stage) {
					continue
				}
				lo, hi := s.bounds(st)
				if n := f.need[i]; n > hi || n == 0 {
					t.Errorf("%s %s (%s): catchment peak %.0f asks for %d streams, outside 1–%d", s.ID, s.Name, st.Stage, f.peak[i], n, hi)
				}
				if got, want := s.streamsFor(st.Stage), min(hi, max(lo, f.need[i])); got != want {
					t.Errorf("%s (%s): %d streams, want %d (catchment peak %.0f)", s.ID, st.Stage, got, want, f.peak[i])
				}
			}
		}
	}
}

// TestBisectRefine checks the zoning of a synthetic grid: every point in exactly one zone, every
// zone within the bounds, whatever the number of points.
func TestBisectRefine(t *testing.T) {
	for _, n := range []int{5, 8, 13, 26, 54, 61} {
		xy := make([][2]float64, n)
		idx := make([]int, n)
		for i := range n {
			xy[i] = [2]float64{float64(i % 7), float64(i/7) * 1.3}
			idx[i] = i
		}
		k := min(n/zoneMin, max((n+zoneMax-1)/zoneMax, iround(float64(n)/zoneMean)))
		groups := bisect(xy, idx, k)
		refine(xy, groups)
		seen := make([]bool, n)
		for _, g := range groups {
			if len(g) < zoneMin || len(g) > zoneMax {
				t.Errorf("n=%d: zone of %d points, want %d–%d", n, len(g), zoneMin, zoneMax)
			}
			for _, i := range g {
				if seen[i] {
					t.Errorf("n=%d: point %d in two zones", n, i)
				}
				seen[i] = true
			}
		}
		for i, ok := range seen {
			if !ok {
				t.Errorf("n=%d: point %d in no zone", n, i)
			}
		}
	}
}

// TestSharingZones builds the demo city and checks the sharing zones (大学区) and the seat swap:
// every junior school (not nine-year) of 渝北 and 沙坪坝, and no other school, is in a zone of
// 5–8 schools of its own district; its base_seats + shared_seats are its streams × the junior
// class size, with 10–20% shared; the swap joins a junior school of 渝北 and one of 江北 that
// are close, with no more seats than the 江北 school has to spare.
func TestSharingZones(t *testing.T) {
	c, err := build("../../source")
	if err != nil {
		t.Fatal(err)
	}
	inZone := map[*school]*zone{}
	names := map[string]bool{}
	for _, z := range c.zones {
		if names[z.Name] {
			t.Errorf("zone name %s twice", z.Name)
		}
		names[z.Name] = true
		if z.District.Code != "500112" && z.District.Code != "500106" {
			t.Errorf("zone %s in district %s", z.Name, z.District.Code)
		}
		if len(z.Schools) < zoneMin || len(z.Schools) > zoneMax {
			t.Errorf("zone %s has %d schools, want %d–%d", z.Name, len(z.Schools), zoneMin, zoneMax)
		}
		for _, s := range z.Schools {
			if inZone[s] != nil {
				t.Errorf("%s in zones %s and %s", s.ID, inZone[s].Name, z.Name)
			}
			inZone[s] = z
			if s.District != z.District {
				t.Errorf("%s (district %s) in zone %s of %s", s.ID, s.District.Code, z.Name, z.District.Code)
			}
		}
	}
	if len(c.zones) == 0 {
		t.Fatal("no sharing zones")
	}
	zoned := 0
	for _, s := range c.allSchools() {
		want := s.Stage == stageJunior && (s.District.Code == "500112" || s.District.Code == "500106")
		if !want {
			if s.Zone != nil || s.BaseSeats != 0 || s.SharedSeats != 0 {
				t.Errorf("%s (%s, %s): zone %v, base %d, shared %d, want none", s.ID, s.Stage, s.District.Code, s.Zone, s.BaseSeats, s.SharedSeats)
			}
			continue
		}
		zoned++
		if s.Zone == nil || inZone[s] != s.Zone {
			t.Errorf("%s: not in a zone", s.ID)
			continue
		}
		seats := s.Streams * juniorClass
		if s.BaseSeats+s.SharedSeats != seats || s.SharedSeats < seats/10 || s.SharedSeats > seats/5 {
			t.Errorf("%s (%d streams): base %d + shared %d, want %d with 10–20%% shared", s.ID, s.Streams, s.BaseSeats, s.SharedSeats, seats)
		}
	}
	if zoned != len(inZone) {
		t.Errorf("%d schools in zones, %d junior schools in 渝北 and 沙坪坝", len(inZone), zoned)
	}

	sw := c.swap
	if sw.Short == nil || sw.Short.District.Code != swapShort || sw.Surplus.District.Code != swapSurplus ||
		sw.Short.Stage != stageJunior || sw.Surplus.Stage != stageJunior {
		t.Fatalf("seat swap %+v: want a junior school of %s and one of %s", sw, swapShort, swapSurplus)
	}
	if sw.Km > 3 || sw.Seats < 10 || sw.Seats > swapMaxSeats || sw.Seats > sw.Spare-5 || sw.Gap <= 0 {
		t.Errorf("seat swap %s–%s: %.1f km apart, %d seats (gap %d, spare %d)", sw.Short.ID, sw.Surplus.ID, sw.Km, sw.Seats, sw.Gap, sw.Spare)
	}
}
