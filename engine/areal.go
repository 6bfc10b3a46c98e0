package engine

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// Polygon areas (areas.geojson features with a Polygon or MultiPolygon) are
// split by areal weighting over the districts and catchment polygons they
// overlap, unless city.yaml says polygon_areas: point.
const (
	// PolygonAreasSplit (the default) splits a polygon area into one
	// demand unit per district and set of catchment polygons it overlaps,
	// its residents and households shared in proportion to the pieces'
	// areas.
	PolygonAreasSplit = "split"
	// PolygonAreasPoint keeps every polygon area whole at a point inside it
	// (geo.InteriorPoint).
	PolygonAreasPoint = "point"
)

// Tolerances of the split.
const (
	// A piece smaller than SliverShare of its area's area, or than
	// SliverArea square metres, is a sliver (typically where an area's
	// edge and a zone's edge were drawn apart): it is not a demand unit,
	// its area is added to the area's largest piece.
	SliverShare = 0.001
	SliverArea  = 1.0
	// MaxOutsideShare is the largest share of a polygon area that may lie
	// outside every district; its residents there are not counted.
	MaxOutsideShare = 0.5
)

// Boundary classes of the split's polygons.
const (
	classDistrict = 1 << iota
	classPrimary
	classJunior
)

var stageClass = [NumStages]uint8{classPrimary, classJunior}

// arealSplit splits the polygon areas of a city over its districts and
// catchment polygons (the README's Polygon areas).
type arealSplit struct {
	polys  []orb.MultiPolygon // districts, then catchments
	class  []uint8            // boundary classes of polys
	ids    []string           // district ids
	nd     int                // districts in polys
	bix    *geo.BoundaryIndex
	all    *geo.PolygonIndex // polys
	join   *geo.PolygonIndex // districts
	shapes sync.Map          // polygon index → converted overlay shape
}

// piece is one part of a polygon area.
type piece struct {
	geom     orb.MultiPolygon
	district int
	weight   float64 // area, plus the slivers it took over
}

// arealResult is the split of one area.
type arealResult struct {
	pieces   []piece // nil: the area stays whole
	district int     // of an area kept whole
	total    float64 // the area's area
	outside  float64 // of which outside every district
	err      error
}

// newArealSplit prepares the split of c's areas: its districts and
// catchments with their edges indexed.
func newArealSplit(c *City) *arealSplit {
	s := &arealSplit{nd: len(c.Districts)}
	class := make([]uint8, 0, len(c.Districts)+len(c.Catchments))
	for i := range c.Districts {
		s.polys = append(s.polys, c.Districts[i].Geometry)
		s.ids = append(s.ids, c.Districts[i].ID)
		class = append(class, classDistrict)
	}
	for i := range c.Catchments {
		ct := &c.Catchments[i]
		s.polys = append(s.polys, ct.Geometry)
		var bits uint8
		for st := range Stage(NumStages) {
			if ct.AllStage || ct.Stage == st {
				bits |= stageClass[st]
			}
		}
		class = append(class, bits)
	}
	s.class = class
	s.bix = geo.NewBoundaryIndex(s.polys, class)
	s.all = geo.NewPolygonIndex(s.polys)
	s.join = geo.NewPolygonIndex(s.polys[:s.nd])
	return s
}

// partPolygons adds to polys (ascending) the polygons of a class in mask
// holding some parts of a multi-part mp but not all: parts apart (islands)
// can lie in different districts or zones with no boundary meeting them.
func (s *arealSplit) partPolygons(polys []int32, mp orb.MultiPolygon, mask uint8) []int32 {
	count := map[int32]int{}
	var buf []int
	for _, part := range mp {
		buf = s.all.LocateAll(buf[:0], geo.InteriorPoint(orb.MultiPolygon{part}))
		for _, k := range buf {
			if s.class[k]&mask != 0 {
				count[int32(k)]++
			}
		}
	}
	for k, n := range count {
		if n < len(mp) && !slices.Contains(polys, k) {
			polys = append(polys, k)
		}
	}
	slices.Sort(polys)
	return polys
}

// mask returns the boundary classes that matter to area a: districts when
// it names none, each stage's zones when it lists no catchment schools.
func mask(a *Area) uint8 {
	var m uint8
	if a.District < 0 {
		m |= classDistrict
	}
	for st := range Stage(NumStages) {
		if a.Catchment[st] == nil {
			m |= stageClass[st]
		}
	}
	return m
}

// splitAll splits every polygon area of areas over GOMAXPROCS workers;
// results are in area order whatever the schedule.
func (s *arealSplit) splitAll(areas []Area) []arealResult {
	res := make([]arealResult, len(areas))
	const block = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf []int32
			for {
				lo := int(next.Add(block)) - block
				if lo >= len(areas) {
					return
				}
				for i := lo; i < min(lo+block, len(areas)); i++ {
					res[i], buf = s.split(&areas[i], buf)
				}
			}
		})
	}
	wg.Wait()
	return res
}

// split splits one area; buf is scratch.
func (s *arealSplit) split(a *Area, buf []int32) (arealResult, []int32) {
	mp, ok := geo.AsMultiPolygon(a.Geometry)
	if !ok {
		return arealResult{district: a.District}, buf
	}
	buf = s.bix.Meets(buf[:0], mp, mask(a))
	if len(mp) > 1 {
		buf = s.partPolygons(buf, mp, mask(a))
	}
	if len(buf) == 0 {
		return s.whole(a), buf
	}
	r := arealResult{total: geo.Area(mp)}
	pieces, outside, err := s.districtPieces(a, mp, buf)
	if err == nil {
		pieces, err = s.zonePieces(pieces, buf)
	}
	if err != nil {
		r.err = err
		return r, buf
	}
	r.outside = outside
	r.pieces = mergeSlivers(pieces, r.total)
	switch {
	case len(r.pieces) == 0:
		r.err = errNoDistrict
	case len(r.pieces) == 1 && r.outside <= sliver(r.total):
		// It touches boundaries but crosses none (or only by slivers).
		r.district, r.pieces = r.pieces[0].district, nil
	case r.outside > MaxOutsideShare*r.total:
		r.err = &arealError{ErrOutside, fmt.Sprintf("%.1f%% of the polygon lies outside every district polygon (at most %g%% may)", 100*r.outside/r.total, 100*MaxOutsideShare)}
	}
	return r, buf
}

var errNoDistrict = &arealError{ErrOutside, "the polygon has no district property and overlaps no district polygon"}

// arealError reads as its text and wraps a sentinel for errors.Is.
type arealError struct {
	sentinel error
	text     string
}

func (e *arealError) Error() string { return e.text }
func (e *arealError) Unwrap() error { return e.sentinel }

// whole places an area that no boundary crosses: its district is the one
// holding its point, when it names none.
func (s *arealSplit) whole(a *Area) arealResult {
	d := a.District
	if d < 0 {
		if d = s.join.Locate(a.Point); d < 0 {
			return arealResult{err: errNoDistrict}
		}
	}
	return arealResult{district: d}
}

// sliver is the largest area of a sliver of an area of the given area.
func sliver(total float64) float64 {
	return max(SliverShare*total, SliverArea)
}

// largestPiece is the index of the largest piece with a geometry (the
// first of equals), or -1.
func largestPiece(pieces []piece) int {
	big := -1
	for i, p := range pieces {
		if p.geom != nil && (big < 0 || p.weight > pieces[big].weight) {
			big = i
		}
	}
	return big
}

// mergeSlivers adds each sliver's weight to the largest piece (the first
// of equals) and drops it. A piece without geometry stands for a sliver
// whose shape was not worked out.
func mergeSlivers(pieces []piece, total float64) []piece {
	if len(pieces) == 0 {
		return nil
	}
	big := largestPiece(pieces)
	if big < 0 {
		return nil
	}
	limit := sliver(total)
	out := make([]piece, 0, len(pieces))
	var extra float64
	for i, p := range pieces {
		if i != big && p.weight < limit {
			extra += p.weight
			continue
		}
		if i == big {
			big = len(out)
		}
		out = append(out, p)
	}
	out[big].weight += extra
	return out
}
