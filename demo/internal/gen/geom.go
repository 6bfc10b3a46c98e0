package gen

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
)

// simplifyDistrict simplifies the district boundary with Douglas–Peucker. A ring whose
// simplification is degenerate (open, fewer than 4 positions or zero area) keeps its original
// positions; if the simplified feature has crossing or touching edges, the tolerance is halved
// until it has none. No ring and no polygon is ever dropped. Rings are written in RFC 7946
// order: exterior counter-clockwise, holes clockwise.
func (c *city) simplifyDistrict(d *district) error {
	if err := validFeature(d.Raw); err != nil {
		return fmt.Errorf("source boundary of %s %s: %w", d.Code, d.Name, err)
	}
	for tol := simplifyTolerance; ; tol /= 2 {
		s := simplifyFeature(d.Raw, tol)
		if tol < 1e-6 {
			s, tol = d.Raw.Clone(), 0
		}
		if err := validFeature(s); err == nil {
			orient(s)
			d.Simple, d.SimpleBound, d.Tolerance = s, s.Bound(), tol
			return nil
		} else if tol == 0 {
			return fmt.Errorf("boundary of %s %s: %w", d.Code, d.Name, err)
		}
	}
}

func simplifyFeature(mp orb.MultiPolygon, tol float64) orb.MultiPolygon {
	dp := simplify.DouglasPeucker(tol)
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		q := make(orb.Polygon, len(p))
		for j, r := range p {
			s := dp.Ring(r.Clone())
			if validRing(s) != nil {
				s = r.Clone()
			}
			q[j] = s
		}
		out[i] = q
	}
	return out
}

func validRing(r orb.Ring) error {
	switch {
	case len(r) < 4:
		return fmt.Errorf("ring has %d positions, want at least 4", len(r))
	case r[0] != r[len(r)-1]:
		return errors.New("ring not closed")
	case planar.Area(r) == 0:
		return errors.New("ring has zero area")
	}
	return nil
}

// edge is one edge of a feature's ring, for the crossing test.
type edge struct {
	a, b       orb.Point
	ring, i, n int
	minX, maxX float64
}

// validFeature checks every ring and that no two edges of the feature cross or touch, except
// consecutive edges of one ring at their shared position.
func validFeature(mp orb.MultiPolygon) error {
	segs, err := featureEdges(mp)
	if err != nil {
		return err
	}
	sort.Slice(segs, func(i, j int) bool {
		if segs[i].minX != segs[j].minX {
			return segs[i].minX < segs[j].minX
		}
		if segs[i].ring != segs[j].ring {
			return segs[i].ring < segs[j].ring
		}
		return segs[i].i < segs[j].i
	})
	for i := range segs {
		s := segs[i]
		for j := i + 1; j < len(segs) && segs[j].minX <= s.maxX; j++ {
			if err := edgePair(s, segs[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

// featureEdges checks each ring of mp and lists their edges.
func featureEdges(mp orb.MultiPolygon) ([]edge, error) {
	var segs []edge
	ring := 0
	for pi, p := range mp {
		for ri, r := range p {
			if err := validRing(r); err != nil {
				return nil, fmt.Errorf("polygon %d ring %d: %w", pi, ri, err)
			}
			n := len(r) - 1
			for i := range n {
				a, b := r[i], r[i+1]
				if a == b {
					return nil, fmt.Errorf("polygon %d ring %d: repeated position %v", pi, ri, a)
				}
				segs = append(segs, edge{a, b, ring, i, n, math.Min(a[0], b[0]), math.Max(a[0], b[0])})
			}
			ring++
		}
	}
	return segs, nil
}

// edgePair fails when edges s and t cross or touch; consecutive edges of
// one ring may only share their common position.
func edgePair(s, t edge) error {
	if s.ring == t.ring {
		if d := s.i - t.i; d == 1 || d == -1 || d == s.n-1 || d == 1-s.n {
			if collinearOverlap(s.a, s.b, t.a, t.b) {
				return fmt.Errorf("ring %d: edges %d and %d fold back", s.ring, s.i, t.i)
			}
			return nil
		}
	}
	if segmentsIntersect(s.a, s.b, t.a, t.b) {
		return fmt.Errorf("edges cross or touch near %v (ring %d edge %d, ring %d edge %d)", s.a, s.ring, s.i, t.ring, t.i)
	}
	return nil
}

// cross is the z component of (a − o) × (b − o).
func cross(o, a, b orb.Point) float64 {
	return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
}

// onSegment reports whether p, collinear with a and b, lies within their
// bounding box.
func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

// segmentsIntersect reports whether segments ab and cd cross or touch.
func segmentsIntersect(a, b, c, d orb.Point) bool {
	d1, d2 := cross(c, d, a), cross(c, d, b)
	d3, d4 := cross(a, b, c), cross(a, b, d)
	if oppositeSigns(d1, d2) && oppositeSigns(d3, d4) {
		return true
	}
	return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b)) ||
		(d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d))
}

// oppositeSigns reports whether one of x, y is positive and the other
// negative.
func oppositeSigns(x, y float64) bool { return (x > 0 && y < 0) || (x < 0 && y > 0) }

// collinearOverlap reports whether two consecutive edges lie on one line and overlap in more
// than their shared position (a spike).
func collinearOverlap(a, b, c, d orb.Point) bool {
	if cross(a, b, c) != 0 || cross(a, b, d) != 0 {
		return false
	}
	n := 0
	for _, p := range []orb.Point{c, d} {
		if p != a && p != b && onSegment(a, b, p) {
			n++
		}
	}
	for _, p := range []orb.Point{a, b} {
		if p != c && p != d && onSegment(c, d, p) {
			n++
		}
	}
	return n > 0
}

// orient puts exterior rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
func orient(mp orb.MultiPolygon) {
	for _, p := range mp {
		for i, r := range p {
			want := orb.CCW
			if i > 0 {
				want = orb.CW
			}
			if r.Orientation() != want {
				r.Reverse()
			}
		}
	}
}

func contains(mp orb.MultiPolygon, b orb.Bound, p orb.Point) bool {
	return b.Contains(p) && planar.MultiPolygonContains(mp, p)
}

// inside reports whether p lies inside district d, by both its source and its simplified
// boundary, and inside no other district by either.
func (c *city) inside(d *district, p orb.Point) bool {
	if !contains(d.Raw, d.RawBound, p) || !contains(d.Simple, d.SimpleBound, p) {
		return false
	}
	for _, e := range c.districts {
		if e != d && (contains(e.Raw, e.RawBound, p) || contains(e.Simple, e.SimpleBound, p)) {
			return false
		}
	}
	return true
}

// offset moves p by km kilometres in direction theta (radians from east), on a local
// equirectangular approximation, and rounds to 6 decimals.
func offset(p orb.Point, km, theta float64) orb.Point {
	const kmPerDegLat = 111.32
	lat := p[1] + km*math.Sin(theta)/kmPerDegLat
	lon := p[0] + km*math.Cos(theta)/(kmPerDegLat*math.Cos(p[1]*math.Pi/180))
	return orb.Point{round6(lon), round6(lat)}
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// place draws a point minKm–maxKm from centre in a random direction until it lies inside d
// (see inside). After every 100 failed draws the radii grow by the original range.
func (c *city) place(r *rng, d *district, centre orb.Point, minKm, maxKm float64, what string) (orb.Point, error) {
	for try := range 600 {
		grow := float64(try / 100)
		km := r.uniform(minKm, maxKm) + grow*maxKm
		p := offset(centre, km, r.uniform(0, 2*math.Pi))
		if c.inside(d, p) {
			return p, nil
		}
	}
	return orb.Point{}, fmt.Errorf("%s: found no point inside %s %s within %.1f km of %v", what, d.Code, d.Name, 6*maxKm, centre)
}
