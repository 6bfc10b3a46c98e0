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
