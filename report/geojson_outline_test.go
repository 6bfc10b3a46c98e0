package report

import (
	"context"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
	"github.com/schoolplan/schoolplan/scenarios"
)

// rasterOf builds an areaRaster straight from a picture: one character per
// cell, top row first; '.' is no area, a digit is that area (whose label is
// the digit too).
func rasterOf(rows ...string) (*areaRaster, []int32) {
	ra := &areaRaster{cell: 1, nx: len(rows[0]), ny: len(rows)}
	ra.area = make([]int32, ra.nx*ra.ny)
	label := make([]int32, 10)
	for i := range label {
		label[i] = int32(i)
	}
	for r, row := range rows {
		j := ra.ny - 1 - r
		for i, ch := range row {
			a := int32(-1)
			if ch >= '0' && ch <= '9' {
				a = ch - '0'
			}
			ra.area[j*ra.nx+i] = a
		}
	}
	return ra, label
}

// ringsArea is the area of rings in cells (outer rings count, holes
// subtract).
func ringsArea(rings []gridRing) int {
	s := 0
	for _, r := range rings {
		s += r.area2()
	}
	return s / 2
}

func edgesOf(ra *areaRaster, label []int32, l int32) map[int32]uint8 {
	vw := ra.nx + 1
	m := map[int32]uint8{}
	lab := func(i, j int) int32 {
		if i < 0 || j < 0 || i >= ra.nx || j >= ra.ny || ra.area[j*ra.nx+i] < 0 {
			return -1
		}
		return label[ra.area[j*ra.nx+i]]
	}
	for j := 0; j < ra.ny; j++ {
		for i := 0; i < ra.nx; i++ {
			if lab(i, j) != l {
				continue
			}
			if lab(i, j-1) != l {
				m[int32(j*vw+i)] |= 1 << dirE
			}
			if lab(i+1, j) != l {
				m[int32(j*vw+i+1)] |= 1 << dirN
			}
			if lab(i, j+1) != l {
				m[int32((j+1)*vw+i+1)] |= 1 << dirW
			}
			if lab(i-1, j) != l {
				m[int32((j+1)*vw+i)] |= 1 << dirS
			}
		}
	}
	return m
}

func TestTraceRings(t *testing.T) {
	tests := []struct {
		name   string
		rows   []string
		label  int32
		cells  int
		rings  int
		outers int
	}{
		{"square", []string{"11", "11"}, 1, 4, 1, 1},
		{"L shape", []string{"1.", "11"}, 1, 3, 1, 1},
		{"ring with a hole", []string{"111", "1.1", "111"}, 1, 8, 2, 1},
		{"hole of another label", []string{"111", "121", "111"}, 1, 8, 2, 1},
		{"diagonal pinch", []string{".1", "1."}, 1, 2, 2, 2},
		// Where two holes touch at a corner, the region is kept in one piece
		// and the holes make one ring that touches itself there.
		{"pinched hole", []string{"1111", "1.11", "11.1", "1111"}, 1, 14, 2, 1},
		{"island in a hole", []string{"11111", "1...1", "1.1.1", "1...1", "11111"}, 1, 17, 3, 2},
		{"two parts", []string{"1.1"}, 1, 2, 2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ra, label := rasterOf(tc.rows...)
			rings := traceRings(edgesOf(ra, label, tc.label), ra.nx+1)
			if got := ringsArea(rings); got != tc.cells {
				t.Errorf("area %d cells, want %d", got, tc.cells)
			}
			outers := 0
			for _, r := range rings {
				if r.area2() > 0 {
					outers++
				}
				if len(r) < 4 {
					t.Errorf("ring %v has %d corners", r, len(r))
				}
			}
			if len(rings) != tc.rings || outers != tc.outers {
				t.Errorf("%d rings (%d outer), want %d (%d)", len(rings), outers, tc.rings, tc.outers)
			}
			mp := ra.outlines(label, 10, 0)[tc.label]
			if len(mp) != tc.outers {
				t.Errorf("%d polygons, want %d", len(mp), tc.outers)
			}
			// Cutting corners takes an eighth of a cell at each convex
			// corner and adds one at each concave one: the area stays
			// within a cell or so per corner.
			if a := planar.Area(mp); !approx.Equal(a, float64(tc.cells), 0.125*float64(4*len(rings)+4*tc.cells)) {
				t.Errorf("outline area %.3f, want about %d", a, tc.cells)
			}
		})
	}
}

// TestOutlinesCoverAreas: every area of a small city lies inside the
// outline of the school it is assigned to, and in no other.
func TestOutlinesCoverAreas(t *testing.T) {
	b := citytest.New(2025, 2025)
	d0 := b.District("D0", 0, 0, 4000, 3000)
	d1 := b.District("D1", 4000, 0, 7000, 3000)
	pts := [][2]float64{{500, 500}, {1500, 2500}, {3500, 500}, {2000, 1500}, {5000, 1000}, {6500, 2500}, {5500, 2800}}
	for i, p := range pts {
		d := d0
		if p[0] > 4000 {
			d = d1
		}
		b.Area(string(rune('A'+i)), d, p[0], p[1], 100)
	}
	c := b.City()
	// Schools 0..2; area i goes to school label[i].
	label := []int32{0, 0, 1, 1, 2, 2, -1}
	ra := newAreaRaster(c, 20000)
	got := ra.outlines(label, 3, 0.5*ra.cell)
	for i, a := range c.Areas {
		for s := range got {
			in := planar.MultiPolygonContains(got[s], a.Point)
			if want := int(label[i]) == s; in != want {
				t.Errorf("area %s (school %d): inside outline of school %d = %v", a.ID, label[i], s, in)
			}
		}
	}
	// Outlines stay inside their districts: school 2 (D1 only) never
	// reaches west of x = 4000 by more than a cell.
	if b := got[2].Bound(); b.Min[0] < 4000-ra.cell {
		t.Errorf("school 2's outline reaches x = %.0f, west of its district", b.Min[0])
	}
	// Same input, same rings.
	again := newAreaRaster(c, 20000).outlines(label, 3, 0.5*ra.cell)
	for s := range got {
		if !orb.Equal(got[s], again[s]) {
			t.Fatalf("school %d: outlines differ between two runs", s)
		}
	}
}

func TestLayerDirs(t *testing.T) {
	names := LayerDirs(resultsNamed("baseline", "new/school 2027", "baseline", "..", "渝北-A"))
	want := []string{"baseline", "new_school_2027", "baseline-2", "scenario", "渝北-A"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("LayerDirs = %q, want %q", names, want)
	}
}

func resultsNamed(names ...string) []*scenarios.Result {
	out := make([]*scenarios.Result, len(names))
	for i, n := range names {
		out[i] = &scenarios.Result{Scenario: &scenarios.Scenario{Name: n}}
	}
	return out
}

// TestOutlinesFromCatchments: under zones, the outlines are the city's
// catchment polygons.
func TestOutlinesFromCatchments(t *testing.T) {
	b := citytest.New(2025, 2025)
	d := b.District("D", 0, 0, 2000, 1000)
	b.Area("A0", d, 500, 500, 100)
	b.Area("A1", d, 1500, 500, 100)
	b.School("P0", engine.KindPrimary, d, 400, 400, 1)
	b.School("P1", engine.KindPrimary, d, 1600, 400, 1)
	b.School("J0", engine.KindJunior, d, 1000, 500, 1)
	b.Catchment(engine.Primary, 0, 0, 1000, 1000, "P0")
	b.Catchment(engine.Primary, 1000, 0, 2000, 1000, "P1")
	b.DistrictChildren(d, func(engine.Year, int) float64 { return 10 })
	c := b.City()
	pol := engine.Policy{Catchment: engine.Zones}
	run, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2025, Policy: pol})
	if err != nil {
		t.Fatal(err)
	}
	r := &scenarios.Result{Scenario: &scenarios.Scenario{Name: "zones", Policy: pol}, City: c, Result: run}
	eps := epochs(&r.Stages[engine.Primary])
	got := outlines(r, engine.Primary, eps[0], newAreaRaster(c, 1000), 0.5)
	if len(got) != 2 || got[0].source != sourceCatchments || got[1].schools[0] != 1 || planar.Area(got[1].geom) != 1e6 {
		t.Fatalf("outlines %+v", got)
	}
	// Junior has no polygons: its outline is dissolved from the areas.
	got = outlines(r, engine.Junior, epochs(&r.Stages[engine.Junior])[0], newAreaRaster(c, 1000), 0.5)
	if len(got) != 1 || got[0].source != sourceAreas || got[0].areas != 2 {
		t.Fatalf("junior outlines %+v", got)
	}
}
