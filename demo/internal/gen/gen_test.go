package gen

import (
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
